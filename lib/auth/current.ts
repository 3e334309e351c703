import "server-only";
import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { Actor } from "./actor";
import { loginHref, REQUEST_PATH_HEADER } from "@/lib/http/local-path";
import { isHttps } from "@/lib/http/request-origin";
import { sessionCookieName } from "./cookies";
import { can, type Verb } from "./permissions";
import { metaFromHeaders } from "./request";
import { loadSessionActor, type RequestMeta, type SessionAgency } from "./sessions";

export interface CurrentSession {
  actor: Actor;
  /** The agency's name and emblem for the shell's header and titles, read with the session. */
  agency: SessionAgency;
  sessionId: string;
  meta: RequestMeta;
}


/** The secrets Auth.js signs with: AUTH_SECRET, and AUTH_SECRET_1..3 while rotating (newest first). */
function authSecrets(): string[] {
  const env = process.env;
  return [env.AUTH_SECRET_3, env.AUTH_SECRET_2, env.AUTH_SECRET_1, env.AUTH_SECRET].filter((s): s is string => !!s);
}

/**
 * The server-side session id carried by the Auth.js cookie. The cookie is decrypted and checked
 * (authenticated encryption, expiry) exactly as auth() does, but without auth()'s whole internal
 * request to /api/auth/session, which re-encrypts a cookie a page cannot set anyway: 2.8 ms of
 * the server's single thread per page (README, Benchmarks). The session row is still checked next.
 */
async function sessionIdFromCookie(): Promise<string | null> {
  const secret = authSecrets();
  if (!secret.length) return null;
  // On https only the __Host- cookie counts (lib/auth/cookies.ts); the name is also the salt.
  const name = sessionCookieName(isHttps(await headers()));
  const value = (await cookies()).get(name)?.value;
  if (!value) return null;
  const key = `${name}\n${value}`;
  const secrets = secret.join("\n");
  const known = decoded.get(key);
  if (known && known.secrets === secrets && known.expiresAt > Date.now()) return known.sid;
  try {
    const token = await decode({ token: value, secret, salt: name });
    const sid = typeof token?.sid === "string" ? token.sid : null;
    if (sid) remember(key, { sid, secrets, expiresAt: typeof token?.exp === "number" ? token.exp * 1000 : 0 });
    return sid;
  } catch {
    return null;
  }
}

/**
 * Cookies decrypted before, by cookie name and value: the same value always decrypts to the same
 * payload under the same secrets, so only its expiry is checked again. Decrypting (key derivation,
 * AES, HMAC through WebCrypto) was 1 ms of the server's thread per page (README, Lists at scale). Only
 * cookies that decrypted are kept, at most DECODED_MAX (the oldest go first); the session row itself
 * is still checked on every request (loadSessionActor).
 */
const decoded = new Map<string, { sid: string; secrets: string; expiresAt: number }>();
const DECODED_MAX = 2000;

function remember(key: string, entry: { sid: string; secrets: string; expiresAt: number }) {
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  decoded.set(key, entry);
}

/** The signed-in person for this request, re-validated against the database; null if none. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const sid = await sessionIdFromCookie();
  if (!sid) return null;
  // One query re-validates the session and re-loads the positions (README, Benchmarks).
  const valid = await loadSessionActor(await getDb(), sid);
  if (!valid) return null;
  return { actor: valid.actor, agency: valid.agency, sessionId: sid, meta: metaFromHeaders(await headers()) };
});

/** The signed-in person for a background poll: checked like any request, but the idle clock is not reset. */
export async function peekSession(): Promise<CurrentSession | null> {
  const sid = await sessionIdFromCookie();
  if (!sid) return null;
  const valid = await loadSessionActor(await getDb(), sid, { touch: false });
  if (!valid) return null;
  return { actor: valid.actor, agency: valid.agency, sessionId: sid, meta: metaFromHeaders(await headers()) };
}

export async function requireSession(): Promise<CurrentSession> {
  const s = await getCurrentSession();
  // A signed-out deep link keeps its target: the sign-in page returns there (same-origin paths only).
  if (!s) redirect(loginHref((await headers()).get(REQUEST_PATH_HEADER)));
  return s;
}

/** For pages of one area: people without the verb get the same answer as a missing page. */
export async function requireVerb(verb: Verb): Promise<CurrentSession> {
  const s = await requireSession();
  if (!can(s.actor, verb)) notFound();
  return s;
}
