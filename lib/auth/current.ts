import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { loadActor, type Actor } from "./actor";
import { auth } from "./next-auth";
import { can, type Verb } from "./permissions";
import { metaFromHeaders } from "./request";
import { validateSession, type RequestMeta } from "./sessions";

export interface CurrentSession {
  actor: Actor;
  sessionId: string;
  meta: RequestMeta;
}

/** The signed-in person for this request, re-validated against the database; null if none. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const session = await auth();
  const sid = session?.sid;
  if (!sid) return null;
  const db = await getDb();
  const valid = await validateSession(db, sid);
  if (!valid) return null;
  const actor = await loadActor(db, valid.userId);
  if (!actor) return null;
  return { actor, sessionId: sid, meta: metaFromHeaders(await headers()) };
});

export async function requireSession(): Promise<CurrentSession> {
  const s = await getCurrentSession();
  if (!s) redirect("/login");
  return s;
}

/** For pages of one area: people without the verb get the same answer as a missing page. */
export async function requireVerb(verb: Verb): Promise<CurrentSession> {
  const s = await requireSession();
  if (!can(s.actor, verb)) notFound();
  return s;
}
