import { handleNotificationsPoll } from "@/lib/notifications/route";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleNotificationsPoll(request);
}
