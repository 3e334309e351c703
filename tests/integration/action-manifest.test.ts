import { describe, expect, it } from "vitest";
import { actionEntryPoints, collectActions, MATRIX } from "./matrix/manifest";
import { isNa } from "./matrix/world";

// Issue 10, security.md §5 row 1: every server action has integration coverage for an anonymous
// caller (run for all of them by tests/integration/action-matrix.test.ts), a position without the
// right, another unit's or agency's row, and foreign ids in its input. A new action without its
// cases fails here.

// Creating actions that name no existing row but the ones their foreign-ids case covers.
const CREATES_FROM_IDS = new Set(["incoming.registerPaper", "org.unit.create", "org.user.create"]);

describe("action manifest", () => {
  it("finds the actions where they are defined, and every server action entry point runs one of them", async () => {
    const { modules, defs } = await collectActions();
    expect(modules.length).toBeGreaterThanOrEqual(9);
    expect(defs.length).toBeGreaterThanOrEqual(56);
    expect(new Set(defs.map((d) => d.name)).size, "action names are unique").toBe(defs.length);
    const entries = await actionEntryPoints();
    expect(entries.length).toBeGreaterThanOrEqual(56);
    for (const e of entries) expect(defs, `${e.file}: ${e.call}`).toContain(e.value);
  });

  it("lists every action exactly once in the matrix, with the four cases or a justified exception", async () => {
    const { defs } = await collectActions();
    const listed = MATRIX.map((c) => c.def.name);
    expect(new Set(listed).size, "no action listed twice").toBe(listed.length);
    const missing = defs.filter((d) => !MATRIX.some((c) => c.def === d)).map((d) => d.name);
    expect(missing, "actions without a row in tests/integration/matrix").toEqual([]);
    for (const c of MATRIX) {
      expect(defs, `${c.def.name} is an exported action`).toContain(c.def);
      for (const kind of ["wrongPosition", "foreignRow", "foreignIds"] as const) {
        const k = c[kind];
        if (!isNa(k)) {
          expect(typeof k, `${c.def.name} ${kind}`).toBe("function");
          continue;
        }
        expect(k.notApplicable.length, `${c.def.name} ${kind}: a reason`).toBeGreaterThan(20);
        // No position can be wrong only where none is required (the caller's own data).
        if (kind === "wrongPosition") expect(c.def.verb, `${c.def.name}: wrong position is not applicable only without a verb`).toBeNull();
        if (kind === "foreignRow") expect(CREATES_FROM_IDS.has(c.def.name) && !isNa(c.foreignIds), `${c.def.name}: foreign row not applicable`).toBe(true);
      }
    }
  });
});
