import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { listIncoming } from "@/lib/incoming/queries";
import { listOutgoing } from "@/lib/outgoing/queries";
import { SEARCH_WINDOW } from "@/lib/search";
import { buildWorld, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// lib/search.ts: a search looks among the newest rows of the list first; it must give exactly the
// rows of the whole search, for broad terms, deep pages and terms found only in old documents.
const N = SEARCH_WINDOW + 400;

describe.each(DB_KINDS)("searching the lists on %s", (kind) => {
  let t: TestDb;
  let w: World;

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    // Every 4th document is about "tuyển dụng"; only the oldest one mentions "Đảng ủy khối".
    await t.db.execute(sql`
      insert into incoming_documents (agency_id, status, source, year, arrival_no, symbol, issuer_name, doc_type, subject, created_at)
      select ${w.agencyId}, 'registered', 'paper', 2026, g, g || '/UBND-VX', 'UBND tỉnh', 'Công văn',
        case when g = 1 then 'Kế hoạch của Đảng ủy khối' when g % 4 = 0 then 'Kế hoạch tuyển dụng công chức số ' || g else 'Báo cáo số ' || g end,
        now() - (${N} - g) * interval '1 minute'
      from generate_series(1, ${N}::int) g`);
    await t.db.execute(sql`
      insert into outgoing_documents (agency_id, status, drafting_unit_id, drafter_id, signer_id, doc_type, subject, created_at)
      select ${w.agencyId}, 'draft', ${w.divisionId}, ${w.people.staff.id}, ${w.people.leader.id}, 'Công văn',
        case when g = 1 then 'V/v Đảng ủy khối' when g % 4 = 0 then 'V/v tuyển dụng công chức số ' || g else 'V/v báo cáo số ' || g end,
        now() - (${N} - g) * interval '1 minute'
      from generate_series(1, ${N}::int) g`);
  });
  afterAll(async () => t?.drop());

  it("incoming: the same pages as the whole search", async () => {
    const clerk = (await loadActor(t.db, w.people.clerk.id))!;
    const all = (await t.db.execute<{ id: string }>(sql`
      select id from incoming_documents where agency_id = ${w.agencyId}
        and search_vector @@ plainto_tsquery('simple', f_unaccent('tuyen dung'))
      order by year desc, arrival_no desc, created_at desc`)).rows.map((r) => r.id);
    expect(all).toHaveLength(Math.floor(N / 4));
    for (const page of [1, 2, 30, 34, 35]) {
      const got = await listIncoming(clerk, { q: "tuyen dung", page }, t.db);
      expect(got.rows.map((r) => r.id), `page ${page}`).toEqual(all.slice((page - 1) * 25, page * 25));
      expect(got.hasNext).toBe(all.length > page * 25);
    }
    // Only in the oldest document, outside the newest rows: found by the whole search.
    expect((await listIncoming(clerk, { q: "dang uy khoi" }, t.db)).rows.map((r) => r.arrivalNo)).toEqual([1]);
  });

  it("outgoing: the same pages as the whole search", async () => {
    const staff = (await loadActor(t.db, w.people.staff.id))!;
    const all = (await t.db.execute<{ id: string }>(sql`
      select id from outgoing_documents where agency_id = ${w.agencyId}
        and search_vector @@ plainto_tsquery('simple', f_unaccent('tuyen dung'))
      order by created_at desc, id desc`)).rows.map((r) => r.id);
    for (const page of [1, 2, 30, 34, 35]) {
      const got = await listOutgoing(staff, { q: "tuyen dung", page }, t.db);
      expect(got.rows.map((r) => r.id), `page ${page}`).toEqual(all.slice((page - 1) * 25, page * 25));
    }
    expect((await listOutgoing(staff, { q: "Đảng ủy khối" }, t.db)).rows.map((r) => r.subject)).toEqual(["V/v Đảng ủy khối"]);
  });
});
