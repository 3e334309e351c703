import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { sortByVietnameseName } from "@/lib/names";
import { listUsers, USERS_PAGE_SIZE } from "@/lib/org/queries";
import { addPerson, buildWorld, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Quản trị → Người dùng: the agency's people by tên, then họ (Vietnamese order), page by page. Without a search
// the order is kept under the agency's data version (lib/org/queries.ts): a new person, a new name or a
// deactivation must show on the next request, and another agency's people never.
const NAMES = ["Phan Văn Đức", "Huỳnh Thị Ngọc Ánh", "Nguyễn Văn An", "Trần Thị Ân", "Lê Minh Bình", "Đặng Quốc Dũng", "Võ Thị Hà", "Bùi Hữu Hải"];

describe.each(DB_KINDS)("the users' list on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  const everyone = async () => {
    const out: { id: string; fullName: string; active: boolean }[] = [];
    for (let page = 1; ; page++) {
      const r = await listUsers(w.agencyId, "", page, t.db);
      out.push(...r.rows);
      if (!r.hasNext) return out;
    }
  };
  const expected = async () =>
    sortByVietnameseName(await t.db.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.agencyId, w.agencyId)), (r) => r.fullName).map((r) => r.id);

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    for (let i = 0; i < USERS_PAGE_SIZE + 6; i++) {
      const p = await addPerson(t.db, w, "staff");
      // The eight names, then the same họ with other tên (A, B, …): equal họ sorted by tên, equal tên by họ.
      const name = i < NAMES.length ? NAMES[i] : `${NAMES[i % NAMES.length].replace(/ \S+$/, "")} ${String.fromCharCode(65 + i - NAMES.length)}`;
      await t.db.update(users).set({ fullName: name }).where(eq(users.id, p.id));
    }
    await addPerson(t.db, other, "staff");
  });
  afterAll(async () => t?.drop());

  it("lists every person of the agency once, in Vietnamese order, across pages, and nobody of another agency", async () => {
    const listed = await everyone();
    expect(listed.map((r) => r.id)).toEqual(await expected());
    expect(listed.length).toBeGreaterThan(USERS_PAGE_SIZE);
  });

  it("a new person, a new name and a deactivation show on the next request", async () => {
    await everyone(); // the order is kept now
    const added = await addPerson(t.db, w, "staff");
    await t.db.update(users).set({ fullName: "Đỗ Thị Yến" }).where(eq(users.id, added.id));
    const [first] = (await listUsers(w.agencyId, "", 1, t.db)).rows;
    await t.db.update(users).set({ fullName: "Ông Văn Ý" }).where(eq(users.id, first.id));
    await t.db.update(users).set({ active: false }).where(eq(users.id, added.id));
    const listed = await everyone();
    expect(listed.map((r) => r.id)).toEqual(await expected());
    expect(listed.find((r) => r.id === added.id)).toMatchObject({ fullName: "Đỗ Thị Yến", active: false });
    expect(listed.find((r) => r.id === first.id)?.fullName).toBe("Ông Văn Ý");
  });

  it("a search lists only the matches, in the same order", async () => {
    const r = await listUsers(w.agencyId, "thi", 1, t.db);
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows.every((x) => /Thị/.test(x.fullName))).toBe(true);
    expect(r.rows.map((x) => x.id)).toEqual(sortByVietnameseName(r.rows, (x) => x.fullName).map((x) => x.id));
  });
});
