import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { workFileEvents, workFiles, type FilePlanItem, type WorkFile } from "@/db/schema";
import { isOwner } from "@/lib/access/work-files";
import type { Actor } from "@/lib/auth/actor";
import { unitsWhere } from "@/lib/auth/permissions";
import { conflict, notFound } from "@/lib/errors";

// The steps' helpers on a work file. Who may see and keep one is decided in lib/access/work-files.ts.

/** The file, locked: a repeated or concurrent click waits here, then finds the state moved. */
export async function lockWorkFile(tx: Tx, id: string): Promise<WorkFile> {
  const [file] = await tx.select().from(workFiles).where(eq(workFiles.id, id)).for("update");
  if (!file) throw notFound();
  return file;
}

/** The owner keeps an open file that is not on its way to the archive. */
export function assertOwnerMayChange(actor: Actor, file: WorkFile) {
  if (file.status === "archived") throw conflict("Hồ sơ đã nộp lưu, chỉ được xem.");
  if (file.status === "closed") throw conflict("Hồ sơ đã đóng, chỉ được xem. Lãnh đạo đơn vị có thể mở lại hồ sơ.");
  if (!isOwner(actor, file)) throw notFound();
}

/** The unit a new file of this actor belongs to: the plan item's unit, else the first unit where they keep files. */
export function unitForFile(actor: Actor, item: Pick<FilePlanItem, "ownerUnitId">): string | null {
  const keeps = unitsWhere(actor, "files.keep");
  if (item.ownerUnitId && keeps.includes(item.ownerUnitId)) return item.ownerUnitId;
  return keeps[0] ?? null;
}

export async function addFileEvent(
  tx: Tx,
  actor: Actor,
  fileId: string,
  e: { kind: string; toText?: string; text?: string; payload?: Record<string, unknown> },
) {
  await tx.insert(workFileEvents).values({ fileId, actorId: actor.userId, actorName: actor.fullName, ...e });
}
