import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditChainHeads, auditEvents } from "@/db/schema";
import { inlineSql } from "@/db/inline";
import { preparedCall } from "@/db/named";
import { appendAudit, appendAuditAndCommit, verifyChain } from "@/lib/audit";
import { entryHash, GENESIS_HASH } from "@/lib/audit/chain";
import { auditRows, createTestDb, DB_KINDS, pgCode, withAuditTriggersOff, type TestDb } from "../helpers/db";

// security.md §4 and §5 row 23: append-only in the database, tampering found by the verifier.
const newChain = () => `test-${randomBytes(4).toString("hex")}`;

/** Payloads of every shape the app writes: Vietnamese text, nesting, numbers, nulls, key orders. */
const payloadFor = (i: number): Record<string, unknown> => {
  switch (i % 6) {
    case 0:
      return { title: `Công văn số ${i}/SNV-VP về việc tăng cường kỷ luật, kỷ cương hành chính`, đơnVị: "Phòng Tổ chức cán bộ" };
    case 1:
      return { z: 1, a: [3, 2, 1], m: { y: null, b: true, "ký hiệu": "TCCB" } };
    case 2:
      return { amount: i * 1.5, big: 2 ** 40 + i, neg: -i, tiny: 0.1 + 0.2 };
    case 3:
      return { quote: 'he said "xin chào"\n\ttab \\ slash </script>', emoji: "📄✅", rtl: "\u202Eabc" };
    case 4:
      return {};
    default:
      return { nested: { deep: { deeper: { list: [{ b: 2, a: 1 }, "x", null, false] } } }, skipped: undefined };
  }
};

async function appendMany(db: Db, chain: string, n: number, batch = 100) {
  for (let i = 0; i < n; i += batch) {
    await db.transaction(async (tx) => {
      for (let j = i; j < Math.min(n, i + batch); j++) {
        await appendAudit(tx, {
          agencyId: chain, actorName: `Cán bộ ${j}`, action: `test.event.${j % 7}`, objectType: "doc", objectId: String(j),
          ip: `10.0.${j % 256}.1`, payload: payloadFor(j), outcome: j % 11 === 0 ? "refused" : "success",
        });
      }
    });
  }
}

const asSuperuser = withAuditTriggersOff;

async function expectRefused(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "the database accepted the change").not.toBeNull();
  expect(pgCode(err)).toBe("42501");
}

describe.each(DB_KINDS)("audit trail on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  it("the wrapper's last statement (its commit in the same message on PostgreSQL) appends every payload as given, from a new chain's first entry", async () => {
    const chain = newChain();
    const commit = kind === "postgresql";
    const tricky = { dollar: "$1 $v0$ $$ $tag$x$tag$", quote: "O'Brien \\' \\\\", sql: "'); drop table audit_events; --" };
    const payloads = [tricky, ...Array.from({ length: 12 }, (_, i) => payloadFor(i))];
    for (const [i, payload] of payloads.entries()) {
      const out = await t.db.transaction((tx) =>
        appendAuditAndCommit(tx, { agencyId: chain, actorName: `Cán bộ 'số' ${i}`, action: "test.last", objectId: String(i), payload }, { commit }),
      );
      expect(out.no).toBeNull();
    }
    expect(await verifyChain(t.db, chain)).toEqual({ ok: true, checked: payloads.length });
    const rows = await auditRows(t.db, { chain });
    expect(rows.map((r) => r.payload)).toEqual(payloads.map((p) => JSON.parse(JSON.stringify(p))));
    expect(rows[0].actorName).toBe("Cán bộ 'số' 0");
    // A NUL would end the simple query's text: refused before anything is sent.
    expect(() => inlineSql(sql`select ${"a\0b"}::text`)).toThrow(/NUL/);
  });

  it.runIf(kind === "postgresql")("the last statement is prepared once per connection and then only executed there, with its literals as given", async () => {
    const chain = newChain();
    const seen = new Map<number, number>();
    for (let i = 0; i < 24; i++) {
      const payload = { i, text: `Vào sổ 'số' $${i}$ ${"đ".repeat(i)}` };
      const { pid, name, statement, runs } = await t.db.transaction(async (tx) => {
        await appendAuditAndCommit(tx, { agencyId: chain, actorName: `Cán bộ ${i}`, action: "test.prepared", objectId: String(i), payload }, { commit: true });
        // Still on the step's connection, in the empty transaction that follows its commit.
        const { rows } = await tx.execute(sql`
          select pg_backend_pid() as pid, name, statement, generic_plans + custom_plans as runs
          from pg_prepared_statements where name like 'vpdt_p_%' and statement like '%audit_events%'`);
        expect(rows).toHaveLength(1);
        return rows[0] as { pid: number; name: string; statement: string; runs: number | string };
      });
      expect(name).toMatch(/^vpdt_p_[0-9a-f]{24}$/);
      expect(statement).toMatch(/^prepare vpdt_p_\w+ as\s+with/);
      // Each step on a connection executes the statement prepared there (by this step or an earlier one) once more.
      if (seen.has(pid)) expect(Number(runs)).toBe(seen.get(pid)! + 1);
      seen.set(pid, Number(runs));
    }
    // The pool gave some connection more than one of these steps: the rule above was checked.
    expect(seen.size).toBeLessThan(24);
    expect(await verifyChain(t.db, chain)).toEqual({ ok: true, checked: 24 });
    const rows = await auditRows(t.db, { chain });
    expect(rows.map((r) => r.payload)).toEqual(Array.from({ length: 24 }, (_, i) => ({ i, text: `Vào sổ 'số' $${i}$ ${"đ".repeat(i)}` })));
  });

  it.runIf(kind === "postgresql")("a connection prepares at most 64 statements; more distinct texts are sent written out", async () => {
    const out = await t.db.transaction(async (tx) => {
      const answers: number[] = [];
      for (let i = 0; i < 70; i++) {
        const text = await preparedCall(tx, sql`select ${i}::int + ${sql.raw(String(i))} as n`);
        const result = await tx.execute(sql.raw(text));
        answers.push(Number((result.rows[0] as { n: number }).n));
      }
      const { rows } = await tx.execute(sql`select count(*)::int as n from pg_prepared_statements where name like 'vpdt_p_%'`);
      return { answers, prepared: (rows[0] as { n: number }).n };
    });
    expect(out.answers).toEqual(Array.from({ length: 70 }, (_, i) => 2 * i));
    expect(out.prepared).toBe(64);
  });

  it("an empty or unknown chain verifies with nothing checked", async () => {
    expect(await verifyChain(t.db, newChain())).toEqual({ ok: true, checked: 0 });
  });

  it("links each entry to the previous one from the genesis hash, and the head to the last", async () => {
    const chain = newChain();
    await appendMany(t.db, chain, 5);
    const rows = await auditRows(t.db, { chain });
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    const [head] = await t.db.select().from(auditChainHeads).where(eq(auditChainHeads.chain, chain));
    expect(head).toEqual({ chain, lastId: rows[4].id, lastHash: rows[4].hash });
  });

  it("verifies a long chain with every kind of payload (no false positives on 2,000 entries)", async () => {
    const chain = newChain();
    await appendMany(t.db, chain, 2000);
    // Another chain interleaved must not disturb this one.
    await appendMany(t.db, newChain(), 3);
    expect(await verifyChain(t.db, chain)).toEqual({ ok: true, checked: 2000 });
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE on audit_events", async () => {
    const chain = newChain();
    await appendMany(t.db, chain, 3);
    const [first] = await auditRows(t.db, { chain });
    await expectRefused(t.db.update(auditEvents).set({ payload: { sửa: true } }).where(eq(auditEvents.id, first.id)));
    await expectRefused(t.db.update(auditEvents).set({ actorName: "x" }).where(eq(auditEvents.chain, chain)));
    await expectRefused(t.db.delete(auditEvents).where(eq(auditEvents.id, first.id)));
    await expectRefused(t.db.execute(sql`truncate audit_events`));
    // The refusal inside a business transaction rolls the whole transaction back.
    await expect(
      t.db.transaction(async (tx) => {
        await appendAudit(tx, { agencyId: chain, action: "test.inTx" });
        await tx.delete(auditEvents).where(eq(auditEvents.id, first.id));
      }),
    ).rejects.toBeTruthy();
    expect(await auditRows(t.db, { chain })).toHaveLength(3);
    expect(await verifyChain(t.db, chain)).toEqual({ ok: true, checked: 3 });
  });

  it("names exactly the entry a superuser edited with the triggers disabled", async () => {
    const chain = newChain();
    await appendMany(t.db, chain, 40);
    const rows = await auditRows(t.db, { chain });
    const victim = rows[23];
    await asSuperuser(t.db, () =>
      t.db.update(auditEvents).set({ payload: { ...victim.payload, injected: "sửa lén" } }).where(eq(auditEvents.id, victim.id)),
    );
    // The triggers are back on afterwards.
    await expectRefused(t.db.delete(auditEvents).where(eq(auditEvents.id, victim.id)));
    const v = await verifyChain(t.db, chain);
    expect(v).toMatchObject({ ok: false, firstBrokenId: victim.id, checked: 23 });
    expect(v.reason).toMatch(/thay đổi/);
  });

  it("names the entry when only a non-payload column (time, actor, outcome) is edited", async () => {
    for (const change of [
      { at: new Date(Date.UTC(2020, 0, 1)) },
      { actorName: "Người khác" },
      { outcome: "success" },
      { objectId: "999" },
    ]) {
      const chain = newChain();
      await appendMany(t.db, chain, 12);
      const victim = (await auditRows(t.db, { chain }))[11]; // 11 % 11 === 0: a "refused" entry
      await asSuperuser(t.db, () => t.db.update(auditEvents).set(change).where(eq(auditEvents.id, victim.id)));
      expect(await verifyChain(t.db, chain), JSON.stringify(change)).toMatchObject({ ok: false, firstBrokenId: victim.id });
    }
  });

  it("detects a deleted entry in the middle at the next entry", async () => {
    const chain = newChain();
    await appendMany(t.db, chain, 10);
    const rows = await auditRows(t.db, { chain });
    await asSuperuser(t.db, () => t.db.delete(auditEvents).where(eq(auditEvents.id, rows[4].id)));
    expect(await verifyChain(t.db, chain)).toMatchObject({ ok: false, firstBrokenId: rows[5].id });
  });

  it("detects a deleted tail through the chain head", async () => {
    const chain = newChain();
    await appendMany(t.db, chain, 10);
    const rows = await auditRows(t.db, { chain });
    await asSuperuser(t.db, () => t.db.delete(auditEvents).where(eq(auditEvents.id, rows[9].id)));
    const v = await verifyChain(t.db, chain);
    expect(v).toMatchObject({ ok: false, checked: 9, firstBrokenId: rows[9].id });
    expect(v.reason).toMatch(/cuối chuỗi/);
  });

  it("detects a forged entry appended without moving the head", async () => {
    const chain = newChain();
    await appendMany(t.db, chain, 3);
    const rows = await auditRows(t.db, { chain });
    const last = rows[2];
    // INSERT is allowed to the app, and the hash is public: a forger can compute a valid link.
    // Only the head (and, beyond it, the anchor kept outside the database) tells it apart.
    const forged = { ...last, at: new Date(), actorName: "Kẻ giả mạo", payload: { forged: true } };
    const { id: _id, ...values } = { ...forged, prevHash: last.hash, hash: entryHash(last.hash, forged) };
    await t.db.insert(auditEvents).values(values);
    const v = await verifyChain(t.db, chain);
    expect(v).toMatchObject({ ok: false, checked: 4, firstBrokenId: last.id });
  });

  it("concurrent writers never fork the chain", async () => {
    // Real concurrency on PostgreSQL (a pool of connections); on PGlite the transactions run one
    // after another, which checks the same invariant without the race.
    const chain = newChain();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await appendAudit(tx, { agencyId: chain, action: "test.concurrent", objectId: String(i), payload: { i } });
        }),
      ),
    );
    const rows = await auditRows(t.db, { chain });
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(50);
    expect(new Set(rows.map((r) => r.objectId)).size).toBe(50);
    expect(await verifyChain(t.db, chain)).toEqual({ ok: true, checked: 50 });
  });

  it("concurrent writers on a brand-new chain (head row created by the race) never fork", async () => {
    for (let round = 0; round < 3; round++) {
      const chain = newChain();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => t.db.transaction((tx) => appendAudit(tx, { agencyId: chain, action: "test.first", objectId: String(i) }))),
      );
      const rows = await auditRows(t.db, { chain });
      expect(rows).toHaveLength(10);
      expect(new Set(rows.map((r) => r.prevHash)).size).toBe(10);
      expect(await verifyChain(t.db, chain)).toEqual({ ok: true, checked: 10 });
    }
  });
});
