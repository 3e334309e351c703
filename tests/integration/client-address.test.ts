import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loginAttempts, userSessions } from "@/db/schema";
import { addressLimited, passwordLogin } from "@/lib/auth/login";
import { endSessionAtSignOut } from "@/lib/auth/logout";
import { metaFromHeaders } from "@/lib/auth/request";
import { hashPassword } from "@/lib/auth/password";
import { validateSession } from "@/lib/auth/sessions";
import { authSettings } from "@/lib/auth/settings";
import { PEER_HEADER, PEER_KEY_ENV } from "@/lib/http/forwarding.mjs";
import { addPerson, buildWorld, type World } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// security.md §5 row 6: the per-address login limit counts the real client (the socket's peer, or
// what a trusted proxy says), so rotating X-Forwarded-For no longer gives a fresh address each try.
// Row 5: sign-out ends the server-side session, whichever way it happens.

const KEY = randomBytes(12).toString("hex");
const WRONG = "Sai-mat-khau-2026";
const PASSWORD = "Dung-mat-khau-2026";
const sfx = () => randomBytes(3).toString("hex");
const rand = () => `${1 + Math.floor(Math.random() * 223)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

/** The headers of one request as the app receives them from scripts/serve.mjs. */
const request = (peer: string, extra: Record<string, string>) =>
  new Headers({ host: "vpdt.example.vn", "user-agent": "vitest", [PEER_HEADER]: `${KEY} ${peer}`, ...extra });

beforeEach(() => {
  process.env[PEER_KEY_ENV] = KEY;
  delete process.env.TRUSTED_PROXIES;
});
afterEach(() => {
  delete process.env[PEER_KEY_ENV];
  delete process.env.TRUSTED_PROXIES;
});

describe.each(DB_KINDS)("the client address of limits and audit on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let passwordHash: string;
  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(async () => t?.drop());

  it("a direct client rotating X-Forwarded-For (and X-Real-IP) still hits the per-address limit", async () => {
    const peer = "198.51.100.23";
    const p = await addPerson(t.db, w, "staff", { passwordHash });
    for (let i = 0; i < authSettings.ipMaxFailures; i++) {
      const meta = metaFromHeaders(request(peer, { "x-forwarded-for": rand(), "x-real-ip": rand() }));
      expect(await passwordLogin(t.db, `rot.${i}.${sfx()}`, WRONG, meta), `attempt ${i + 1}`).toEqual({ ok: false, reason: "invalid" });
    }
    const next = metaFromHeaders(request(peer, { "x-forwarded-for": rand() }));
    expect(next.ip).toBe(peer);
    expect(await passwordLogin(t.db, p.username, PASSWORD, next)).toEqual({ ok: false, reason: "ip_limited" });
    expect(await addressLimited(t.db, peer)).toBe(true);
    // Every attempt was recorded under the peer, none under a made-up address.
    const ips = await t.db.selectDistinct({ ip: loginAttempts.ip }).from(loginAttempts).where(eq(loginAttempts.reason, "invalid"));
    expect(ips.map((r) => r.ip)).toEqual([peer]);
    const refused = await auditRows(t.db, { chain: w.agencyId, action: "auth.login", objectId: p.id, outcome: "refused" });
    expect(refused.map((e) => e.ip)).toEqual([peer]);
  });

  it("behind a trusted proxy, the client it names is limited, however the client pads X-Forwarded-For", async () => {
    process.env.TRUSTED_PROXIES = "10.20.0.0/16";
    const client = "203.0.113.77";
    for (let i = 0; i < authSettings.ipMaxFailures; i++) {
      const meta = metaFromHeaders(request("10.20.0.4", { "x-forwarded-for": `${rand()}, ${client}` }));
      expect(meta.ip).toBe(client);
      await passwordLogin(t.db, `proxied.${i}.${sfx()}`, WRONG, meta);
    }
    expect(await passwordLogin(t.db, `proxied.x.${sfx()}`, WRONG, metaFromHeaders(request("10.20.0.4", { "x-forwarded-for": client }))))
      .toEqual({ ok: false, reason: "ip_limited" });
    // Another client behind the same proxy is not limited, and neither is the proxy's own address.
    expect(await addressLimited(t.db, "203.0.113.78")).toBe(false);
    expect(await addressLimited(t.db, "10.20.0.4")).toBe(false);
  });

  it("sign-out ends the server-side session once, with one audit entry", async () => {
    const p = await addPerson(t.db, w, "staff", { passwordHash });
    const login = await passwordLogin(t.db, p.username, PASSWORD, metaFromHeaders(request("192.0.2.50", {})));
    if (!login.ok) throw new Error("login failed");
    expect(await validateSession(t.db, login.sessionId)).toEqual({ userId: p.id });
    expect(await endSessionAtSignOut(t.db, login.sessionId, { ip: "192.0.2.50", userAgent: "vitest" })).toBe(true);
    expect(await endSessionAtSignOut(t.db, login.sessionId, { ip: "192.0.2.50", userAgent: "vitest" })).toBe(false);
    expect(await validateSession(t.db, login.sessionId)).toBeNull();
    const [row] = await t.db.select().from(userSessions).where(eq(userSessions.id, login.sessionId));
    expect(row.endReason).toBe("logout");
    expect(await auditRows(t.db, { chain: w.agencyId, action: "auth.logout", objectId: p.id })).toHaveLength(1);
    expect(await endSessionAtSignOut(t.db, "no-such-session", { ip: "", userAgent: "" })).toBe(false);
  });
});
