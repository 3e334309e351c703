import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAttempts, ssoIdentities, users, userSessions } from "@/db/schema";
import { verifyChain } from "@/lib/audit";
import { LOGIN_MESSAGES, passwordLogin, ssoLogin } from "@/lib/auth/login";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createSession, endSession, listActiveSessions, validateSession } from "@/lib/auth/sessions";
import { authSettings } from "@/lib/auth/settings";
import { addPerson, buildWorld, type World } from "../factories/org";
import { auditRows, countRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// security.md §5 rows 5–7; ASVS 6.3.1 (brute force), 6.8.1 ((issuer, subject)), 7.3.x (timeouts).
const PASSWORD = "Dung-mat-khau-2026";
const WRONG = "Sai-mat-khau-2026";
const ISSUER = "https://sso.tinh.gov.vn/realms/cqnn";
const sfx = () => randomBytes(3).toString("hex");
// Each test signs in from its own address so that the per-address limit of one test never
// decides another's result.
let ipSeq = 0;
const freshIp = () => `192.0.2.${++ipSeq}`;
const metaFrom = (ip: string) => ({ ip, userAgent: "Mozilla/5.0 vitest" });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let passwordHash: string;
beforeAll(async () => {
  // argon2id costs ~60 ms: one hash for the whole file.
  passwordHash = await hashPassword(PASSWORD);
});

describe.each(DB_KINDS)("sign-in on %s", (kind) => {
  let t: TestDb;
  let w: World;
  const person = (opts: { active?: boolean } = {}) => addPerson(t.db, w, "staff", { passwordHash, ...opts });

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
  });
  afterAll(async () => t?.drop());

  it("signs in with the right password, any case of the username, with a new session id each time", async () => {
    const p = await person();
    const meta = metaFrom(freshIp());
    const a = await passwordLogin(t.db, `  ${p.username.toUpperCase()} `, PASSWORD, meta);
    const b = await passwordLogin(t.db, p.username, PASSWORD, meta);
    expect(a).toMatchObject({ ok: true, userId: p.id });
    expect(b).toMatchObject({ ok: true, userId: p.id });
    // ASVS 7.2.4: a new, unguessable token at every sign-in.
    expect(a.ok && b.ok && a.sessionId !== b.sessionId).toBe(true);
    expect(a.ok && a.sessionId.length).toBeGreaterThanOrEqual(43);
    expect(await validateSession(t.db, a.ok ? a.sessionId : "")).toEqual({ userId: p.id });
    const ok = await auditRows(t.db, { chain: w.agencyId, action: "auth.login", objectId: p.id, outcome: "success" });
    expect(ok).toHaveLength(2);
  });

  it("gives the same answer for an unknown user and a wrong password", async () => {
    const p = await person();
    const meta = metaFrom(freshIp());
    const wrong = await passwordLogin(t.db, p.username, WRONG, meta);
    const unknown = await passwordLogin(t.db, `khong.ton.tai.${sfx()}`, WRONG, meta);
    const noPassword = await passwordLogin(t.db, (await addPerson(t.db, w, "staff")).username, WRONG, meta);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(noPassword).toEqual(wrong);
    expect(LOGIN_MESSAGES.invalid).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
  });

  it("locks an account after 5 failures: the 6th attempt, even with the right password, is refused; one lockout entry", async () => {
    const p = await person();
    const meta = metaFrom(freshIp());
    expect(authSettings.maxFailures).toBe(5);
    for (let i = 0; i < 5; i++) expect(await passwordLogin(t.db, p.username, WRONG, meta), `attempt ${i + 1}`).toEqual({ ok: false, reason: "invalid" });
    expect(await passwordLogin(t.db, p.username, PASSWORD, meta)).toEqual({ ok: false, reason: "locked" });
    // From another address too: the lock is per account.
    expect(await passwordLogin(t.db, p.username, PASSWORD, metaFrom(freshIp()))).toEqual({ ok: false, reason: "locked" });
    expect(await passwordLogin(t.db, p.username.toUpperCase(), WRONG, meta)).toEqual({ ok: false, reason: "locked" });
    expect(await auditRows(t.db, { action: "auth.lockout", objectId: p.id })).toHaveLength(1);
    expect(await t.db.select().from(userSessions).where(eq(userSessions.userId, p.id))).toHaveLength(0);
    const failures = await auditRows(t.db, { chain: w.agencyId, action: "auth.login", objectId: p.id, outcome: "failure" });
    expect(failures).toHaveLength(5);
    expect(failures[0].payload).toMatchObject({ reason: "wrong_password" });
  });

  it("the lock ends when the failures leave the window", async () => {
    const p = await person();
    const meta = metaFrom(freshIp());
    for (let i = 0; i < 5; i++) await passwordLogin(t.db, p.username, WRONG, meta);
    expect(await passwordLogin(t.db, p.username, PASSWORD, meta)).toMatchObject({ reason: "locked" });
    const past = new Date(Date.now() - (authSettings.windowMinutes + 1) * 60_000);
    await t.db.update(loginAttempts).set({ at: past }).where(eq(loginAttempts.username, p.username));
    expect(await passwordLogin(t.db, p.username, PASSWORD, meta)).toMatchObject({ ok: true });
  });

  it("a burst of parallel guesses on one account gets exactly 5 tries", async () => {
    const p = await person();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => passwordLogin(t.db, p.username, `${WRONG}-${i}`, metaFrom(freshIp()))),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(7);
    expect(await auditRows(t.db, { action: "auth.lockout", objectId: p.id })).toHaveLength(1);
    expect(await passwordLogin(t.db, p.username, PASSWORD, metaFrom(freshIp()))).toMatchObject({ reason: "locked" });
  });

  it("locks unknown usernames the same way, with one lockout entry", async () => {
    const name = `ma.${sfx()}`;
    const meta = metaFrom(freshIp());
    for (let i = 0; i < 5; i++) expect(await passwordLogin(t.db, name, WRONG, meta)).toEqual({ ok: false, reason: "invalid" });
    expect(await passwordLogin(t.db, name, WRONG, meta)).toEqual({ ok: false, reason: "locked" });
    expect(await passwordLogin(t.db, name, WRONG, meta)).toEqual({ ok: false, reason: "locked" });
    // Unknown names belong to no agency: their entries are on the system chain.
    expect(await auditRows(t.db, { chain: "system", action: "auth.lockout", objectId: name })).toHaveLength(1);
    expect(await auditRows(t.db, { chain: w.agencyId, objectId: name })).toHaveLength(0);
    const failed = await auditRows(t.db, { chain: "system", action: "auth.login", objectId: name, outcome: "failure" });
    expect(failed.map((e) => e.payload.reason)).toEqual(Array(5).fill("unknown_user"));
  });

  it("limits one address trying many usernames (credential stuffing)", async () => {
    const ip = freshIp();
    const p = await person();
    expect(authSettings.ipMaxFailures).toBe(30);
    // One failure per username, so no account lock is involved.
    for (let i = 0; i < 30; i++) {
      expect(await passwordLogin(t.db, `stuff.${i}.${sfx()}`, WRONG, metaFrom(ip)), `attempt ${i + 1}`).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await passwordLogin(t.db, `stuff.x.${sfx()}`, WRONG, metaFrom(ip))).toEqual({ ok: false, reason: "ip_limited" });
    // Even the right password of a real account is refused from that address...
    expect(await passwordLogin(t.db, p.username, PASSWORD, metaFrom(ip))).toEqual({ ok: false, reason: "ip_limited" });
    // ...but not from another address, and the account itself is not locked.
    expect(await passwordLogin(t.db, p.username, PASSWORD, metaFrom(freshIp()))).toMatchObject({ ok: true });
  });

  it("a success resets nothing improperly", async () => {
    const ip = freshIp();
    const victim = await person();
    const mine = await person();
    // 4 failures on the victim, then the attacker signs in to their own account from the same
    // address: the victim's count is untouched, the 5th failure locks.
    for (let i = 0; i < 4; i++) await passwordLogin(t.db, victim.username, WRONG, metaFrom(ip));
    expect(await passwordLogin(t.db, mine.username, PASSWORD, metaFrom(ip))).toMatchObject({ ok: true });
    expect(await passwordLogin(t.db, victim.username, WRONG, metaFrom(ip))).toEqual({ ok: false, reason: "invalid" });
    expect(await passwordLogin(t.db, victim.username, PASSWORD, metaFrom(ip))).toEqual({ ok: false, reason: "locked" });

    // The address count is not reset by a success either: otherwise one valid account lets an
    // attacker stuff credentials for ever, resetting the limit every 29 guesses.
    for (let i = 0; i < 25; i++) await passwordLogin(t.db, `stuff2.${i}.${sfx()}`, WRONG, metaFrom(ip));
    // 30 failures from this address so far (5 on the victim + 25).
    expect(await passwordLogin(t.db, mine.username, PASSWORD, metaFrom(ip))).toEqual({ ok: false, reason: "ip_limited" });

    // The owner's own success does reset their own count (the legitimate user came back).
    const owner = await person();
    const ip2 = freshIp();
    for (let i = 0; i < 4; i++) await passwordLogin(t.db, owner.username, WRONG, metaFrom(ip2));
    expect(await passwordLogin(t.db, owner.username, PASSWORD, metaFrom(ip2))).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) expect(await passwordLogin(t.db, owner.username, WRONG, metaFrom(ip2))).toMatchObject({ reason: "invalid" });
    expect(await passwordLogin(t.db, owner.username, PASSWORD, metaFrom(ip2))).toMatchObject({ ok: true });
  });

  it("a disabled person cannot sign in, with the usual answer", async () => {
    const p = await person({ active: false });
    const r = await passwordLogin(t.db, p.username, PASSWORD, metaFrom(freshIp()));
    expect(r).toEqual({ ok: false, reason: "invalid" });
    expect(await t.db.select().from(userSessions).where(eq(userSessions.userId, p.id))).toHaveLength(0);
    const [entry] = await auditRows(t.db, { action: "auth.login", objectId: p.id, outcome: "failure" });
    expect(entry.payload).toMatchObject({ reason: "disabled" });
  });

  it("records every attempt with the address and user agent", async () => {
    const p = await person();
    const ip = freshIp();
    await passwordLogin(t.db, p.username, WRONG, metaFrom(ip));
    await passwordLogin(t.db, p.username, PASSWORD, metaFrom(ip));
    const rows = await t.db.select().from(loginAttempts).where(eq(loginAttempts.userId, p.id)).orderBy(loginAttempts.id);
    expect(rows.map((r) => [r.success, r.reason, r.ip, r.userAgent, r.method])).toEqual([
      [false, "invalid", ip, "Mozilla/5.0 vitest", "password"],
      [true, "", ip, "Mozilla/5.0 vitest", "password"],
    ]);
  });

  describe("SSO", () => {
    it("refuses an unknown (issuer, subject) and never creates a person", async () => {
      const before = { users: await countRows(t.db, users), ids: await countRows(t.db, ssoIdentities), sessions: await countRows(t.db, userSessions) };
      const r = await ssoLogin(t.db, ISSUER, `nobody-${sfx()}`, metaFrom(freshIp()));
      expect(r).toEqual({ ok: false, reason: "invalid" });
      expect({ users: await countRows(t.db, users), ids: await countRows(t.db, ssoIdentities), sessions: await countRows(t.db, userSessions) }).toEqual(before);
    });

    it("keys people by (issuer, subject): the same subject from another issuer is refused", async () => {
      const p = await person();
      const subject = `sub-${sfx()}`;
      await t.db.insert(ssoIdentities).values({ userId: p.id, issuer: ISSUER, subject });
      const meta = metaFrom(freshIp());
      expect(await ssoLogin(t.db, "https://idp-gia-mao.example", subject, meta)).toEqual({ ok: false, reason: "invalid" });
      expect(await ssoLogin(t.db, `${ISSUER}/`, subject, meta)).toEqual({ ok: false, reason: "invalid" });
      expect(await ssoLogin(t.db, ISSUER, subject.toUpperCase(), meta)).toEqual({ ok: false, reason: "invalid" });
      const ok = await ssoLogin(t.db, ISSUER, subject, meta);
      expect(ok).toMatchObject({ ok: true, userId: p.id });
      expect(await validateSession(t.db, ok.ok ? ok.sessionId : "")).toEqual({ userId: p.id });
      const [s] = await t.db.select().from(userSessions).where(eq(userSessions.userId, p.id));
      expect(s.method).toBe("sso");
    });

    it("refuses a linked identity of a disabled person", async () => {
      const p = await person({ active: false });
      const subject = `sub-${sfx()}`;
      await t.db.insert(ssoIdentities).values({ userId: p.id, issuer: ISSUER, subject });
      expect(await ssoLogin(t.db, ISSUER, subject, metaFrom(freshIp()))).toEqual({ ok: false, reason: "invalid" });
      expect(await t.db.select().from(userSessions).where(eq(userSessions.userId, p.id))).toHaveLength(0);
    });
  });

  describe("sessions", () => {
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

    it("ends a session idle for longer than the idle timeout, not before", async () => {
      const p = await person();
      const fresh = await createSession(t.db, p.id, "password", metaFrom("10.9.9.9"));
      const idle = await createSession(t.db, p.id, "password", metaFrom("10.9.9.9"));
      await t.db.update(userSessions).set({ lastSeenAt: ago(authSettings.idleMinutes - 1) }).where(eq(userSessions.id, fresh));
      await t.db.update(userSessions).set({ lastSeenAt: ago(authSettings.idleMinutes + 1) }).where(eq(userSessions.id, idle));
      expect((await listActiveSessions(t.db, p.id)).map((s) => s.id)).toEqual([fresh]);
      expect(await validateSession(t.db, idle)).toBeNull();
      expect(await validateSession(t.db, fresh)).toEqual({ userId: p.id });
      // The valid request moved lastSeenAt forward (at most once a minute).
      const [row] = await t.db.select().from(userSessions).where(eq(userSessions.id, fresh));
      expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000);
      const [ended] = await t.db.select().from(userSessions).where(eq(userSessions.id, idle));
      expect(ended).toMatchObject({ endReason: "idle" });
      expect(ended.endedAt).toBeInstanceOf(Date);
      // Once ended it stays ended, even if someone touches lastSeenAt again.
      await t.db.update(userSessions).set({ lastSeenAt: new Date() }).where(eq(userSessions.id, idle));
      expect(await validateSession(t.db, idle)).toBeNull();
    });

    it("ends a session past its absolute lifetime even when active", async () => {
      const p = await person();
      const sid = await createSession(t.db, p.id, "password", metaFrom("10.9.9.9"));
      const [row] = await t.db.select().from(userSessions).where(eq(userSessions.id, sid));
      expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(authSettings.maxHours * 3600_000);
      await t.db.update(userSessions).set({ expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() }).where(eq(userSessions.id, sid));
      expect(await listActiveSessions(t.db, p.id)).toHaveLength(0);
      expect(await validateSession(t.db, sid)).toBeNull();
      const [ended] = await t.db.select().from(userSessions).where(eq(userSessions.id, sid));
      expect(ended.endReason).toBe("expired");
    });

    it("ends the session of a person disabled directly in the database at the next check", async () => {
      const p = await person();
      const sid = await createSession(t.db, p.id, "password", metaFrom("10.9.9.9"));
      await t.db.update(users).set({ active: false }).where(eq(users.id, p.id));
      expect(await validateSession(t.db, sid)).toBeNull();
      await t.db.update(users).set({ active: true }).where(eq(users.id, p.id));
      expect(await validateSession(t.db, sid)).toBeNull();
      const [s] = await t.db.select().from(userSessions).where(eq(userSessions.id, sid));
      expect(s.endReason).toBe("user_disabled");
    });

    it("logout is final and unknown ids are refused", async () => {
      const p = await person();
      const sid = await createSession(t.db, p.id, "password", metaFrom("10.9.9.9"));
      await endSession(t.db, sid, "logout");
      expect(await validateSession(t.db, sid)).toBeNull();
      expect(await validateSession(t.db, "khong-co-phien-nay-aaaaaaaaaaaaaaaaaaaaaaaaaaaa")).toBeNull();
      const [s] = await t.db.select().from(userSessions).where(and(eq(userSessions.id, sid), eq(userSessions.userId, p.id)));
      expect(s.endReason).toBe("logout");
    });
  });

  it("keeps the audit chains valid after all of the above", async () => {
    expect(await verifyChain(t.db, w.agencyId)).toMatchObject({ ok: true });
    expect(await verifyChain(t.db, "system")).toMatchObject({ ok: true });
  });
});

describe("password verification timing", () => {
  it("takes about as long for an unknown user as for a wrong password (median difference < 30 ms)", async () => {
    // Warm up: the dummy hash for unknown users is computed once and cached.
    await verifyPassword(null, WRONG);
    await verifyPassword(passwordHash, WRONG);
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved so that any load on the machine hits both series alike.
    for (let i = 0; i < 10; i++) {
      let t0 = performance.now();
      expect(await verifyPassword(passwordHash, WRONG)).toBe(false);
      known.push(performance.now() - t0);
      t0 = performance.now();
      expect(await verifyPassword(null, WRONG)).toBe(false);
      unknown.push(performance.now() - t0);
    }
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(30);
    // And the dummy path really does the work (it is not a short-cut returning false at once).
    expect(median(unknown)).toBeGreaterThan(median(known) / 3);
  });
});
