import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeAction } from "@/lib/actions/define";
import { createUser, setUserActive } from "@/lib/org/actions";
import { verifyChain } from "@/lib/audit";
import { buildWorld, callerOf, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

describe.each(DB_KINDS)("org actions on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
  });
  afterAll(async () => t?.drop());

  it("admin creates a person with a position", async () => {
    const r = await executeAction(createUser, callerOf(w.people.admin.id), {
      username: "nguyen.a", fullName: "Nguyễn Văn A", email: "", password: "Mat-khau-dai-2026", positionId: w.people.staff.positionId,
    }, t.db);
    expect(r).toMatchObject({ ok: true });
    expect((await verifyChain(t.db, w.agencyId)).ok).toBe(true);
  });

  it("refuses anonymous, a staff member and another agency's admin", async () => {
    const input = { username: "x.y", fullName: "X Y", email: "", password: "", positionId: w.people.staff.positionId };
    expect(await executeAction(createUser, null, input, t.db)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await executeAction(createUser, callerOf(w.people.staff.id), input, t.db)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await executeAction(createUser, callerOf(other.people.admin.id), input, t.db)).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("refuses disabling oneself", async () => {
    const r = await executeAction(setUserActive, callerOf(w.people.admin.id), { id: w.people.admin.id, active: false }, t.db);
    expect(r).toMatchObject({ ok: false, code: "conflict" });
  });
});
