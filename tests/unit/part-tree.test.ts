import { describe, expect, it } from "vitest";
import { partTree, type TreePart } from "@/lib/incoming/part-tree";

// Issue 11 item 4: the processing table is the tree of parent assignments, lead → coordinate → for
// information → by time, and the order does not move after a step.

const at = (min: number) => new Date(Date.UTC(2026, 11, 2, 8, min));
const part = (id: string, role: TreePart["role"], min: number, parentId: string | null = null, extra: Record<string, unknown> = {}) => ({
  id, parentId, role, createdAt: at(min), ...extra,
});

describe("processing table tree", () => {
  // The leader: Văn phòng Sở phối hợp (first given), Phòng TCBC chủ trì, Chi cục để biết, in that
  // insertion order. Then TCBC passes to its staff, the Chi cục passes to its division, and a
  // second coordinating person is added later to TCBC.
  const parts = [
    part("vp", "coordinate", 0),
    part("tcbc", "lead", 0),
    part("chicuc", "info", 1),
    part("chicuc-div", "info", 5, "chicuc"),
    part("tcbc-staff-coord", "coordinate", 3, "tcbc"),
    part("tcbc-staff-lead", "lead", 3, "tcbc"),
    part("vp-staff", "coordinate", 4, "vp"),
    part("tcbc-staff-info", "info", 2, "tcbc"),
    part("tcbc-later", "coordinate", 9, "tcbc"),
  ];

  it("puts every part under its own parent, ordered lead, coordinate, info, then by time, with its depth", () => {
    expect(partTree(parts).map((p) => `${"  ".repeat(p.depth)}${p.id}`)).toEqual([
      "tcbc",
      "  tcbc-staff-lead",
      "  tcbc-staff-coord",
      "  tcbc-later",
      "  tcbc-staff-info",
      "vp",
      "  vp-staff",
      "chicuc",
      "  chicuc-div",
    ]);
  });

  it("a staff member of one unit never lands under another unit, whatever the insertion order", () => {
    const shuffled = [...parts].reverse();
    const tree = partTree(shuffled);
    const under = (id: string) => {
      const i = tree.findIndex((p) => p.id === id);
      const depth = tree[i].depth;
      return tree.slice(0, i).reverse().find((p) => p.depth === depth - 1)?.id;
    };
    expect(under("vp-staff")).toBe("vp");
    expect(under("chicuc-div")).toBe("chicuc");
    expect(under("tcbc-staff-lead")).toBe("tcbc");
    expect(tree.map((p) => p.id)).toEqual(partTree(parts).map((p) => p.id));
  });

  it("keeps the same order after a step changes a part's status, progress or result", () => {
    const before = partTree(parts.map((p) => ({ ...p, status: "pending" }))).map((p) => p.id);
    const after = partTree(parts.map((p) => ({ ...p, status: p.id === "tcbc-staff-lead" || p.id === "vp" ? "done" : "in_progress" }))).map((p) => p.id);
    expect(after).toEqual(before);
  });

  it("orders parts given at the same moment by id, and keeps the row's own fields", () => {
    const same = [{ ...part("b", "coordinate", 1), name: "B" }, { ...part("a", "coordinate", 1), name: "A" }];
    expect(partTree(same).map((p) => [p.id, p.name, p.depth])).toEqual([["a", "A", 0], ["b", "B", 0]]);
  });

  it("shows a part whose parent is missing, or a cycle, at the top level instead of losing it", () => {
    const odd = [part("x", "lead", 0, "gone"), part("c1", "coordinate", 1, "c2"), part("c2", "coordinate", 2, "c1")];
    const tree = partTree(odd);
    expect(tree.map((p) => p.id).sort()).toEqual(["c1", "c2", "x"]);
    expect(tree[0]).toMatchObject({ id: "x", depth: 0 });
  });

  it("accepts ISO strings for the time (rows read back from JSON)", () => {
    const rows = [
      { id: "2", parentId: null, role: "lead" as const, createdAt: "2026-12-02T08:05:00Z" },
      { id: "1", parentId: null, role: "lead" as const, createdAt: "2026-12-02T08:01:00Z" },
    ];
    expect(partTree(rows).map((p) => p.id)).toEqual(["1", "2"]);
  });
});
