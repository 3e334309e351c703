import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, incomingDocuments, ssoIdentities, users, userSessions } from "@/db/schema";
import { disableAgency, enableAgency } from "@/lib/agencies/actions";
import { listAgencies, loadAgencyForProvince, provinceLog } from "@/lib/agencies/queries";
import { verifyChain } from "@/lib/audit";
import { describeAuditEvent } from "@/lib/audit/labels";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { passwordLogin, ssoLogin } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/password";
import { createSession, loadSessionActor } from "@/lib/auth/sessions";
import { registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { listIncoming } from "@/lib/incoming/queries";
import { buildProvince, type Person } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { paper } from "../factories/incoming";
import { buildMatrix, type Matrix } from "./matrix/world";

// Issue 15 item 4: the province administrator stops an agency that leaves the system (Ngừng hoạt động) and
// lets it back (Cho hoạt động lại). Stopped: its people's sessions end at once, neither a password nor SSO
// signs them in, no action of theirs runs; its documents stay as they were. Other agencies notice nothing.

const PASSWORD = "Dung-mat-khau-2026";
const ISSUER = "https://sso.tinh.gov.vn/realms/cqnn";
const meta = { ip: "192.0.2.77", userAgent: "Mozilla/5.0 vitest" };

describe.each(DB_KINDS)("stopping an agency on %s", (kind) => {
  let t: TestDb;
  let m: Matrix;
  let province: { agencyId: string; admin: Person };
  const actor = async (id: string) => (await loadActor(t.db, id)) as Actor;

  beforeAll(async () => {
    t = await createTestDb(kind);
    m = await buildMatrix(t.db);
    province = await buildProvince(t.db);
    const hash = await hashPassword(PASSWORD);
    for (const p of [m.them.w.people.clerk, m.w.people.clerk]) await t.db.update(users).set({ passwordHash: hash }).where(eq(users.id, p.id));
    await t.db.insert(ssoIdentities).values({ userId: m.them.w.people.leader.id, issuer: ISSUER, subject: "sub-leader-b" });
  });
  afterAll(async () => t?.drop());

  it("ends B's sessions, refuses B's sign-ins and steps, keeps B's documents, and leaves A alone; then lets B back", async () => {
    const b = m.them.w.people;
    const a = m.w.people;
    const docB = await m.registered(m.them);
    const bSession = await createSession(t.db, b.clerk.id, "password", meta);
    const aSession = await createSession(t.db, a.clerk.id, "password", meta);
    expect(await loadSessionActor(t.db, bSession)).not.toBeNull();

    await m.ok(disableAgency, province.admin.id, { agencyId: m.them.w.agencyId, reason: "  Sáp nhập vào Sở Kế hoạch  " });
    const [row] = await t.db.select().from(agencies).where(eq(agencies.id, m.them.w.agencyId));
    expect(row.disabledAt).toBeInstanceOf(Date);
    expect(row.disabledReason).toBe("Sáp nhập vào Sở Kế hoạch");

    // B's session ended with its reason; A's goes on.
    expect(await loadSessionActor(t.db, bSession)).toBeNull();
    const [ended] = await t.db.select().from(userSessions).where(eq(userSessions.id, bSession));
    expect(ended).toMatchObject({ endReason: "agency_disabled" });
    expect(ended.endedAt).toBeInstanceOf(Date);
    expect((await loadSessionActor(t.db, aSession))?.actor.userId).toBe(a.clerk.id);

    // The right password tells B's clerk why; a wrong one gives the usual answer (nothing for a guesser).
    expect(await passwordLogin(t.db, b.clerk.username, PASSWORD, meta)).toEqual({ ok: false, reason: "agency_disabled" });
    expect(await passwordLogin(t.db, b.clerk.username, "Sai-mat-khau-2026", meta)).toEqual({ ok: false, reason: "invalid" });
    expect(await ssoLogin(t.db, ISSUER, "sub-leader-b", meta)).toEqual({ ok: false, reason: "agency_disabled" });
    expect(await t.db.select().from(userSessions).where(and(eq(userSessions.userId, b.clerk.id), eq(userSessions.id, bSession)))).toHaveLength(1);
    // A session made behind the sign-in's back (or in flight while the agency stopped) is refused too.
    const late = await createSession(t.db, b.leader.id, "sso", meta);
    expect(await loadSessionActor(t.db, late)).toBeNull();
    // The action wrapper reloads the person: none of B's steps runs.
    expect(await loadActor(t.db, b.clerk.id)).toBeNull();
    await m.refused(registerPaper, b.clerk.id, paper(), { code: "unauthenticated" });
    // A works as before.
    expect((await passwordLogin(t.db, a.clerk.username, PASSWORD, meta)).ok).toBe(true);
    await m.ok(registerPaper, a.clerk.id, paper());

    // B's documents are kept; the province administrator's list and page say B is stopped, and why.
    expect(await t.db.select({ id: incomingDocuments.id }).from(incomingDocuments).where(eq(incomingDocuments.id, docB))).toHaveLength(1);
    const who = await actor(province.admin.id);
    const listed = (await listAgencies(who, "", 1, t.db)).rows.find((r) => r.id === m.them.w.agencyId);
    expect(listed?.disabledAt).toBeInstanceOf(Date);
    expect(await loadAgencyForProvince(who, m.them.w.agencyId, t.db)).toMatchObject({ disabledReason: "Sáp nhập vào Sở Kế hoạch" });

    // A second Ngừng hoạt động (a replayed or repeated submit) changes nothing.
    await m.refused(disableAgency, province.admin.id, { agencyId: m.them.w.agencyId, reason: "Lần nữa" }, { code: "conflict" });
    // No reason: refused on the field.
    await m.refused(disableAgency, province.admin.id, { agencyId: m.w.agencyId, reason: "   " }, { code: "validation", field: "reason" });

    await m.ok(enableAgency, province.admin.id, { agencyId: m.them.w.agencyId });
    await m.refused(enableAgency, province.admin.id, { agencyId: m.them.w.agencyId }, { code: "conflict" });
    expect(await loadAgencyForProvince(who, m.them.w.agencyId, t.db)).toMatchObject({ disabledAt: null, disabledReason: "" });
    const again = await passwordLogin(t.db, b.clerk.username, PASSWORD, meta);
    expect(again.ok).toBe(true);
    expect((await ssoLogin(t.db, ISSUER, "sub-leader-b", meta)).ok).toBe(true);
    // B's clerk sees B's documents as before.
    expect((await listIncoming(await actor(b.clerk.id), {}, t.db)).rows.map((r) => r.id)).toContain(docB);

    // Both steps are on the province's chain with what was done; the refused sign-ins on B's.
    const [stop] = await auditRows(t.db, { chain: province.agencyId, action: "agencies.disable", objectId: m.them.w.agencyId, outcome: "success" });
    expect(stop.payload).toMatchObject({ reason: "Sáp nhập vào Sở Kế hoạch", sessionsEnded: 1 });
    expect(await auditRows(t.db, { chain: province.agencyId, action: "agencies.enable", objectId: m.them.w.agencyId, outcome: "success" })).toHaveLength(1);
    const refusedLogins = await auditRows(t.db, { chain: m.them.w.agencyId, action: "auth.login", outcome: "refused" });
    expect(refusedLogins.map((r) => (r.payload as { reason?: string }).reason)).toEqual(["agency_disabled", "agency_disabled"]);
    expect((await verifyChain(t.db, province.agencyId)).ok).toBe(true);

    // Nhật ký quản trị cấp tỉnh: both steps, newest first, in sentences (a repeat refused for the agency's state
    // changed nothing and is not recorded); nobody else reads it.
    const log = await provinceLog(who, undefined, t.db);
    const said = log.rows.map((r) => [describeAuditEvent(r.action, r.payload ?? {}, r.outcome), r.outcome]);
    expect(said.slice(0, 2)).toEqual([
      [`Cho cơ quan hoạt động lại: ${row.name}`, "success"],
      [`Ngừng hoạt động cơ quan: ${row.name} (lý do: Sáp nhập vào Sở Kế hoạch)`, "success"],
    ]);
    // A refusal met by the province administrator is there too.
    await m.refused(submitToLeader, province.admin.id, { id: docB, leaderId: b.leader.id }, { code: "forbidden" });
    const refusal = (await provinceLog(who, undefined, t.db)).rows[0];
    expect([describeAuditEvent(refusal.action, refusal.payload ?? {}, refusal.outcome), refusal.outcome]).toEqual(["Thao tác bị từ chối: Trình lãnh đạo", "refused"]);
    expect(log.rows.every((r, i) => i === 0 || r.id < log.rows[i - 1].id)).toBe(true);
    expect((await provinceLog(await actor(a.admin.id), undefined, t.db)).rows).toEqual([]);
    expect((await provinceLog(who, log.rows[0].id, t.db)).rows[0].id).toBe(log.rows[1].id);
  });
});
