import "server-only";
import { and, count, desc, eq, gt, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { agencies, loginAttempts, ssoIdentities, users } from "@/db/schema";
import { appendAudit, type AuditOutcome } from "@/lib/audit";
import { verifyPassword } from "./password";
import { createSession, type RequestMeta } from "./sessions";
import { authSettings } from "./settings";

export type LoginFailure = "invalid" | "locked" | "ip_limited" | "agency_disabled";
export type LoginResult = { ok: true; userId: string; sessionId: string } | { ok: false; reason: LoginFailure };

export const LOGIN_MESSAGES: Record<LoginFailure | "sso_unknown" | "sso_error", string> = {
  // One message for an unknown user and a wrong password (ASVS 6.3.x, no account enumeration).
  invalid: "Tên đăng nhập hoặc mật khẩu không đúng.",
  locked: `Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${authSettings.windowMinutes} phút.`,
  ip_limited: "Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau.",
  // Told only to someone who gave the right password (or a linked SSO identity): it reveals nothing to a guesser.
  agency_disabled: "Cơ quan của bạn đã ngừng hoạt động trên hệ thống nên không đăng nhập được. Vui lòng liên hệ quản trị cấp tỉnh.",
  sso_unknown:
    "Tài khoản SSO này chưa được liên kết với cán bộ nào đang hoạt động trong hệ thống. Vui lòng liên hệ quản trị viên.",
  sso_error: "Đăng nhập bằng SSO không thành công. Vui lòng thử lại.",
};

export const normalizeUsername = (u: string) => u.trim().toLowerCase().slice(0, 100);

/**
 * Failed tries in the window. For an account, its owner's success starts the count again; for an
 * address it does not, or one valid account would let an attacker reset the address limit.
 */
async function failuresSince(db: Db | Tx, where: ReturnType<typeof eq>, resetBySuccess: boolean) {
  const since = new Date(Date.now() - authSettings.windowMinutes * 60_000);
  const [lastOk] = resetBySuccess
    ? await db
        .select({ at: loginAttempts.at })
        .from(loginAttempts)
        .where(and(where, eq(loginAttempts.success, true), gt(loginAttempts.at, since)))
        .orderBy(desc(loginAttempts.at))
        .limit(1)
    : [];
  const from = lastOk?.at ?? since;
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(where, eq(loginAttempts.success, false), gt(loginAttempts.at, from), sql`${loginAttempts.reason} = 'invalid'`));
  return row.n;
}

/** Whether this client address has used up its failed tries for the window (the 429 page asks). */
export async function addressLimited(db: Db, ip: string): Promise<boolean> {
  if (!ip) return false;
  return (await failuresSince(db, eq(loginAttempts.ip, ip), false)) >= authSettings.ipMaxFailures;
}

/**
 * Local sign-in with a per-account lock (N failures in the window) and a per-address limit.
 * Attempts are keyed by the typed username, so unknown names lock the same way as real ones.
 */
export async function passwordLogin(db: Db, username: string, password: string, meta: RequestMeta): Promise<LoginResult> {
  const name = normalizeUsername(username);
  const [user] = await db
    .select({
      id: users.id, agencyId: users.agencyId, fullName: users.fullName, hash: users.passwordHash, active: users.active,
      agencyDisabledAt: agencies.disabledAt,
    })
    .from(users)
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(sql`lower(${users.username}) = ${name}`);
  // Attempts on unknown names belong to no agency: they go to the system chain.
  const agencyId = user?.agencyId ?? null;
  // One attempt row and one audit entry per try.
  const note = async (tx: Tx, success: boolean, reason: string, action: string, outcome: AuditOutcome, payload: Record<string, unknown>) => {
    await tx
      .insert(loginAttempts)
      .values({ username: name, userId: user?.id ?? null, ip: meta.ip, userAgent: meta.userAgent.slice(0, 300), method: "password", success, reason });
    await appendAudit(tx, {
      agencyId, actorId: user?.id ?? null, actorName: user?.fullName ?? name, action, outcome,
      objectType: "user", objectId: user?.id ?? name, ip: meta.ip, payload,
    });
  };

  // One transaction per try, serialised per username: a burst of parallel guesses cannot all
  // pass the failure count before any of them is recorded (security.md §5 row 6).
  return db.transaction(async (tx): Promise<LoginResult> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${name}`}))`);
    for (const [reason, where, limit, resetBySuccess] of [
      ["locked", eq(loginAttempts.username, name), authSettings.maxFailures, true],
      ["ip_limited", eq(loginAttempts.ip, meta.ip), meta.ip ? authSettings.ipMaxFailures : Infinity, false],
    ] as const) {
      if ((await failuresSince(tx, where, resetBySuccess)) >= limit) {
        await note(tx, false, reason, "auth.login", "refused", { reason, username: name });
        return { ok: false, reason };
      }
    }

    if (!((await verifyPassword(user?.hash, password)) && user?.active)) {
      const reason = user ? (user.active ? "wrong_password" : "disabled") : "unknown_user";
      await note(tx, false, "invalid", "auth.login", "failure", { username: name, reason });
      if ((await failuresSince(tx, eq(loginAttempts.username, name), true)) === authSettings.maxFailures) {
        await appendAudit(tx, {
          agencyId, actorId: user?.id ?? null, actorName: user?.fullName ?? name, action: "auth.lockout", outcome: "refused",
          objectType: "user", objectId: user?.id ?? name, ip: meta.ip, payload: { username: name, minutes: authSettings.windowMinutes },
        });
      }
      return { ok: false, reason: "invalid" };
    }
    // Not a failed try (it does not count towards the lock): the person is who they say, their agency is not in use.
    if (user.agencyDisabledAt) {
      await note(tx, false, "agency_disabled", "auth.login", "refused", { username: name, reason: "agency_disabled" });
      return { ok: false, reason: "agency_disabled" };
    }

    await note(tx, true, "", "auth.login", "success", { method: "password" });
    return { ok: true, userId: user.id, sessionId: await createSession(tx, user.id, "password", meta) };
  });
}

/**
 * SSO sign-in: the (issuer, subject) pair must be linked to an active person. It never creates
 * an account (product.md §7).
 */
export async function ssoLogin(db: Db, issuer: string, subject: string, meta: RequestMeta): Promise<LoginResult> {
  const [user] = await db
    .select({ id: users.id, agencyId: users.agencyId, fullName: users.fullName, username: users.username, agencyDisabledAt: agencies.disabledAt })
    .from(ssoIdentities)
    .innerJoin(users, eq(users.id, ssoIdentities.userId))
    .innerJoin(agencies, eq(agencies.id, users.agencyId))
    .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject), eq(users.active, true)));
  if (user?.agencyDisabledAt) {
    await db.transaction(async (tx) => {
      await tx.insert(loginAttempts).values({
        username: normalizeUsername(user.username), userId: user.id, ip: meta.ip, userAgent: meta.userAgent.slice(0, 300), method: "sso", success: false, reason: "agency_disabled",
      });
      await appendAudit(tx, {
        agencyId: user.agencyId, actorId: user.id, actorName: user.fullName, action: "auth.login", outcome: "refused",
        objectType: "user", objectId: user.id, ip: meta.ip, payload: { method: "sso", issuer, reason: "agency_disabled" },
      });
    });
    return { ok: false, reason: "agency_disabled" };
  }
  if (!user) {
    await db.transaction(async (tx) => {
      await tx.insert(loginAttempts).values({
        username: `sso:${subject}`.slice(0, 100), ip: meta.ip, userAgent: meta.userAgent.slice(0, 300), method: "sso", success: false, reason: "sso_unknown",
      });
      await appendAudit(tx, {
        agencyId: null, actorName: `SSO ${subject}`, action: "auth.sso", outcome: "failure",
        objectType: "sso_identity", objectId: subject, ip: meta.ip, payload: { issuer, subject, reason: "unknown_or_disabled" },
      });
    });
    return { ok: false, reason: "invalid" };
  }
  const sessionId = await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({
      username: normalizeUsername(user.username), userId: user.id, ip: meta.ip, userAgent: meta.userAgent.slice(0, 300), method: "sso", success: true,
    });
    const sid = await createSession(tx, user.id, "sso", meta);
    await appendAudit(tx, {
      agencyId: user.agencyId, actorId: user.id, actorName: user.fullName, action: "auth.login", outcome: "success",
      objectType: "user", objectId: user.id, ip: meta.ip, payload: { method: "sso", issuer },
    });
    return sid;
  });
  return { ok: true, userId: user.id, sessionId };
}

/** A person's recent sign-ins (successful and failed) for the account page. */
export async function recentSignIns(db: Db, userId: string, limit = 20) {
  return db
    .select({ at: loginAttempts.at, ip: loginAttempts.ip, userAgent: loginAttempts.userAgent, method: loginAttempts.method, success: loginAttempts.success, reason: loginAttempts.reason })
    .from(loginAttempts)
    .where(eq(loginAttempts.userId, userId))
    .orderBy(desc(loginAttempts.at))
    .limit(limit);
}
