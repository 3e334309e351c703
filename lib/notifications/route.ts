import "server-only";
import { peekSession } from "@/lib/auth/current";
import { latestNotifications, unreadCount } from "./index";

/**
 * GET /api/notifications: the bell's poll (every 30 s): `{ unread }`, one indexed count; with `?list=1`
 * also the latest 10 notices (when the dropdown opens). Polling does not reset the session's idle clock.
 */
export async function handleNotificationsPoll(request: Request): Promise<Response> {
  const session = await peekSession();
  const headers = { "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" };
  if (!session) return new Response(JSON.stringify({ error: "Phiên đăng nhập đã hết hạn." }), { status: 401, headers });
  const list = new URL(request.url).searchParams.get("list") === "1";
  const [unread, latest] = await Promise.all([
    unreadCount(session.actor.userId),
    list ? latestNotifications(session.actor, 10) : Promise.resolve(null),
  ]);
  const body = { unread, ...(latest ? { latest: latest.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })) } : {}) };
  return new Response(JSON.stringify(body), { status: 200, headers });
}
