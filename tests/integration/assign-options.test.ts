import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { incomingAssignments, incomingEvents, positions, units, userPositions, type PositionKind } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { assignDocument, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { incomingFlow } from "@/lib/incoming/flow-layout";
import { assignOptions, GROUP_AFFILIATED, GROUP_LEADERS, GROUP_UNITS, peopleGroup, type RecipientOption } from "@/lib/incoming/options";
import { cascadeAssignment } from "@/lib/incoming/process";
import { paper } from "../factories/incoming";
import { addPerson, addUnit, buildWorld, callerOf, keyed, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 11 item 9: who the assignment form offers, and that the actions accept exactly that:
// leaders, units (Phòng/đơn vị, Đơn vị trực thuộc) and people by unit; never the administrator,
// the clerks, the archivist, a checker-only position, an inactive person or the one assigning;
// a person with two positions shown once, by the higher title; a secret document to leaders only.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;

async function personIn(db: Db, w: World, unitId: string, kind: PositionKind, title: string = kind) {
  const [p] = await db.insert(positions).values({ unitId, kind, title }).returning({ id: positions.id });
  return addPerson(db, w, kind, { positionId: p.id });
}

describe.each(DB_KINDS)("assignment options on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let leader2: { id: string };
  let chief: { id: string };
  let inactive: { id: string };
  let chiCuc: { id: string };
  let chiCucDivision: { id: string };
  let chiCucStaff: { id: string };
  const run = (def: AnyDef, userId: string, input: unknown) => executeAction(def, callerOf(userId), keyed(input), t.db);
  const ids = (os: RecipientOption[]) => os.map((o) => o.id);
  const groupOf = (os: RecipientOption[], id: string) => os.filter((o) => o.id === id).map((o) => o.group);

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    leader2 = await personIn(t.db, w, w.officeId, "leader", "Phó Giám đốc");
    // The Chánh Văn phòng is also the checker of drafts: offered once, as Chánh Văn phòng.
    chief = await personIn(t.db, w, w.officeId, "office_chief", "Chánh Văn phòng");
    const [checker] = await t.db.insert(positions).values({ unitId: w.officeId, kind: "checker", title: "Kiểm tra thể thức" }).returning({ id: positions.id });
    await t.db.insert(userPositions).values({ userId: chief.id, positionId: checker.id });
    inactive = await addPerson(t.db, w, "staff", { active: false });
    chiCuc = await addUnit(t.db, w, { kind: "affiliated", code: "CCVTLT" });
    chiCucDivision = await addUnit(t.db, w, { parentId: chiCuc.id, code: "NVVTLT" });
    chiCucStaff = await personIn(t.db, w, chiCucDivision.id, "staff", "Chuyên viên");
  });
  afterAll(async () => t?.drop());

  it("the leader's form: other leaders, units in two groups, people by unit; never admin, clerks, archivist, checker-only, inactive, himself", async () => {
    const os = await assignOptions({ agencyId: w.agencyId, actorId: w.people.leader.id }, t.db);
    const offered = ids(os);
    expect(groupOf(os, leader2.id)).toEqual([GROUP_LEADERS]);
    expect(groupOf(os, w.officeId)).toEqual([GROUP_UNITS]);
    expect(groupOf(os, w.divisionId)).toEqual([GROUP_UNITS]);
    expect(groupOf(os, chiCuc.id)).toEqual([GROUP_AFFILIATED]);
    expect(groupOf(os, chiCucDivision.id)).toEqual([GROUP_AFFILIATED]);
    expect(os.find((o) => o.id === chiCucDivision.id)?.label).toBe("Đơn vị NVVTLT – Đơn vị CCVTLT");
    expect(groupOf(os, w.people.staff.id)).toEqual([peopleGroup("Phòng Tổ chức cán bộ")]);
    expect(groupOf(os, w.people.unit_head.id)).toEqual([peopleGroup("Phòng Tổ chức cán bộ")]);
    expect(groupOf(os, chiCucStaff.id)).toEqual([peopleGroup("Đơn vị NVVTLT")]);
    // Once, by the real title.
    expect(os.filter((o) => o.id === chief.id).map((o) => o.label)).toEqual([`${await nameOf(chief.id)} – Chánh Văn phòng, Văn phòng`]);
    for (const never of [w.people.leader.id, w.people.admin.id, w.people.clerk.id, w.people.archivist.id, w.people.checker.id, inactive.id]) {
      expect(offered).not.toContain(never);
    }
    // Headings in order: leaders, units, affiliated units, then people.
    const groups = [...new Set(os.map((o) => o.group))];
    expect(groups.slice(0, 3)).toEqual([GROUP_LEADERS, GROUP_UNITS, GROUP_AFFILIATED]);
    expect(groups.slice(3).every((g) => g?.startsWith("Cá nhân – "))).toBe(true);
  });

  it("the form's two parts (leaders and units with the page, the units' people asked for when it opens) are the whole list, in its order", async () => {
    const scope = { agencyId: w.agencyId, actorId: w.people.leader.id };
    const all = await assignOptions(scope, t.db);
    const first = await assignOptions({ ...scope, part: "firstPart" }, t.db);
    const people = await assignOptions({ ...scope, part: "people" }, t.db);
    expect([...first, ...people]).toEqual(all);
    expect(first.some((o) => o.group === GROUP_LEADERS) && first.some((o) => o.kind === "unit")).toBe(true);
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((o) => o.kind === "user" && o.group !== GROUP_LEADERS)).toBe(true);
  });

  it("a secret document goes to other leaders only; a unit head passes on to the unit's people and divisions, not himself", async () => {
    expect(ids(await assignOptions({ agencyId: w.agencyId, actorId: w.people.leader.id, leadersOnly: true }, t.db))).toEqual([leader2.id]);
    const head = await assignOptions({ agencyId: w.agencyId, actorId: w.people.unit_head.id, withinUnitId: w.divisionId }, t.db);
    expect(new Set(ids(head))).toEqual(new Set([w.people.unit_deputy.id, w.people.staff.id]));
    const chiCucHead = await personIn(t.db, w, chiCuc.id, "unit_head", "Chi cục trưởng");
    const cc = await assignOptions({ agencyId: w.agencyId, actorId: chiCucHead.id, withinUnitId: chiCuc.id }, t.db);
    expect(cc.map((o) => [o.id, o.group])).toEqual([[chiCucDivision.id, GROUP_UNITS]]);
  });

  it("the action accepts what the form offers and refuses, on the row's field, anyone it does not", async () => {
    const submitted = async () => {
      const r = await run(registerPaper, w.people.clerk.id, paper());
      const id = (r as { data: { id: string } }).data.id;
      expect(await run(submitToLeader, w.people.clerk.id, { id, leaderId: w.people.leader.id })).toMatchObject({ ok: true });
      return id;
    };
    const id = await submitted();
    for (const refused of [w.people.leader.id, w.people.clerk.id, w.people.admin.id, w.people.archivist.id, w.people.checker.id, inactive.id]) {
      const r = await run(assignDocument, w.people.leader.id, { id, instruction: "Xử lý.", recipients: [{ kind: "user", targetId: refused, role: "lead" }] });
      expect(r).toMatchObject({ ok: false });
      expect((r as { fieldErrors?: Record<string, string[]> }).fieldErrors?.["recipients.0.targetId"]?.[0] ?? (r as { fieldErrors?: Record<string, string[]> }).fieldErrors?.["recipients.0"]?.[0]).toMatch(/không có trong danh sách|không hợp lệ/);
    }
    // The second row is refused on its own field.
    const second = await run(assignDocument, w.people.leader.id, {
      id, instruction: "Xử lý.", recipients: [{ kind: "unit", targetId: w.divisionId, role: "lead" }, { kind: "user", targetId: w.people.clerk.id, role: "info" }],
    });
    expect(second).toMatchObject({ ok: false, code: "validation", fieldErrors: { "recipients.1.targetId": ["Người này không có trong danh sách được giao xử lý. Vui lòng chọn trong danh sách."] } });
    const ok = await run(assignDocument, w.people.leader.id, {
      id, instruction: "Phòng chủ trì, Chánh Văn phòng phối hợp, Chi cục biết.",
      recipients: [
        { kind: "unit", targetId: w.divisionId, role: "lead" },
        { kind: "user", targetId: chief.id, role: "coordinate" },
        { kind: "unit", targetId: chiCucDivision.id, role: "info" },
      ],
    });
    expect(ok).toMatchObject({ ok: true });
    const parts = await t.db.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, id));
    expect(parts.length).toBe(3);
    // The unit head may not give the unit's part to himself.
    const lead = parts.find((p) => p.role === "lead")!;
    const self = await run(cascadeAssignment, w.people.unit_head.id, { assignmentId: lead.id, recipients: [{ kind: "user", targetId: w.people.unit_head.id, role: "lead" }] });
    expect(self).toMatchObject({ ok: false, fieldErrors: { "recipients.0.targetId": [expect.stringMatching(/không có trong danh sách/)] } });
    expect(await run(cascadeAssignment, w.people.unit_head.id, { assignmentId: lead.id, recipients: [{ kind: "user", targetId: w.people.unit_deputy.id, role: "lead" }] })).toMatchObject({ ok: true });

    // The page's diagram of this trail: each box in its unit's lane, the units and people looked up in the agency by name.
    const trail = await t.db.select().from(incomingEvents).where(eq(incomingEvents.documentId, id)).orderBy(asc(incomingEvents.id));
    const flow = await incomingFlow(w.agencyId, trail.map((e) => ({ ...e, fromLabel: typeof e.payload?.unitName === "string" ? e.payload.unitName : undefined })), t.db);
    const unitName = async (unitId: string) => (await t.db.select({ n: units.name }).from(units).where(eq(units.id, unitId)))[0].n;
    const laneOf = (label: string) => flow!.lanes.find((l) => flow!.nodes.some((n) => n.lines.join(" ") === label && n.y >= l.y && n.y + n.h <= l.y + l.h))?.name;
    expect(laneOf(await unitName(w.divisionId))).toBe(await unitName(w.divisionId));
    expect(laneOf(await nameOf(chief.id))).toBe(await unitName(w.officeId));
    expect(flow!.lanes.map((l) => l.name)).toContain(await unitName(chiCucDivision.id));
  });

  async function nameOf(userId: string) {
    const { users } = await import("@/db/schema");
    return (await t.db.select({ n: users.fullName }).from(users).where(eq(users.id, userId)))[0].n;
  }
});
