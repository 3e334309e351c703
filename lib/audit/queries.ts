import "server-only";
import { getDb } from "@/db/client";
import { listSecurityEvents as list, type SecurityEventFilter } from "./index";

export async function listSecurityEvents(f: SecurityEventFilter) {
  return list(await getDb(), f);
}
