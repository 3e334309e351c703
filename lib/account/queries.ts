import "server-only";
import { getDb } from "@/db/client";
import { recentSignIns } from "@/lib/auth/login";
import { listActiveSessions } from "@/lib/auth/sessions";

export async function getAccountOverview(userId: string) {
  const db = await getDb();
  const [sessions, signIns] = await Promise.all([listActiveSessions(db, userId), recentSignIns(db, userId)]);
  return { sessions, signIns };
}
