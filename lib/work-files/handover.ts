import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { handoverBatches, positions, userPositions, users, workFiles } from "@/db/schema";
import { assertUsable } from "@/lib/access/use";
import { defineAction } from "@/lib/actions/define";
import { conflict, notFound } from "@/lib/errors";
import { notify } from "@/lib/notifications";
import { assertTransition } from "@/lib/workflow/machine";
import { headsFileUnit, isArchivist, isOwner } from "@/lib/access/work-files";
import { addFileEvent } from "./access";
import { workFileMachine } from "./machine";
import { batchSchema, handOverSchema, returnBatchSchema } from "./schemas";

// Nộp lưu (Quy chế 376 Điều 4.3 Bước 3; NĐ 30/2020 Điều 30–31): a unit hands its closed,
// reconciled files of one year to the agency archive in one batch; the archivist accepts it (the
// files become archived and read-only) or returns it with a reason (the files go back to the unit).

const PATHS = ["/files", "/files/handover", "/files/archive"];
const audit = (id: string, payload?: Record<string, unknown>) => ({ objectType: "handover", objectId: id, payload });

async function lockBatch(tx: Tx, id: string) {
  const [batch] = await tx.select().from(handoverBatches).where(eq(handoverBatches.id, id)).for("update");
  if (!batch) throw notFound();
  return batch;
}

async function archivistsOf(tx: Tx, agencyId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(eq(users.agencyId, agencyId), eq(users.active, true), eq(positions.kind, "archivist")));
  return rows.map((r) => r.id);
}

/** Nộp lưu: the chosen files, each closed and checked against its paper file, of the unit and year given. */
export const handOver = defineAction({
  name: "files.handover",
  idempotent: true,
  schema: handOverSchema,
  verb: "files.keep",
  load: async ({ actor, input, tx }) => {
    await assertUsable(tx, actor, { fileIds: ["workFile", input.fileIds], unitId: ["unit", input.unitId] });
    // Locked in one order, so two hand-overs of overlapping files wait for each other instead of deadlocking.
    const files = await tx.select().from(workFiles).where(inArray(workFiles.id, input.fileIds)).orderBy(asc(workFiles.id)).for("update");
    if (files.length !== new Set(input.fileIds).size) throw notFound();
    return files;
  },
  authorize: ({ actor, input, target }) =>
    target.every((f) => f.unitId === input.unitId && f.year === input.year && (isOwner(actor, f) || headsFileUnit(actor, f))),
  run: async ({ actor, input, tx, target: files }) => {
    for (const f of files) {
      if (f.batchId) throw conflict(`Hồ sơ ${f.code} đã được nộp lưu.`);
      assertTransition(workFileMachine, f.status, "handOver");
      if (!f.reconciled) throw conflict(`Hồ sơ ${f.code} chưa được đối chiếu với hồ sơ giấy.`);
    }
    const [batch] = await tx
      .insert(handoverBatches)
      .values({
        agencyId: actor.agencyId, unitId: input.unitId, year: input.year, title: input.title, condition: input.condition,
        boxes: input.boxes, shelfMeters: input.shelfMeters.replace(".", ","), submittedBy: actor.userId,
      })
      .returning();
    // The Mục lục lists the files in the order of their codes (the plan's numbers).
    const ordered = [...files].sort((a, b) => a.code.localeCompare(b.code, "vi", { numeric: true }));
    for (const [i, f] of ordered.entries()) {
      await tx.update(workFiles).set({ batchId: batch.id, batchOrder: i + 1, updatedAt: new Date() }).where(eq(workFiles.id, f.id));
      await addFileEvent(tx, actor, f.id, { kind: "handed_over", toText: "Lưu trữ cơ quan", payload: { batchId: batch.id } });
    }
    await notify(tx, await archivistsOf(tx, actor.agencyId), `${files.length} hồ sơ năm ${input.year} chờ tiếp nhận: ${input.title}`, `/files/handover/${batch.id}`, "handover");
    return { data: { id: batch.id }, audit: audit(batch.id, { files: files.length, year: input.year }) };
  },
  revalidate: PATHS,
});

/** Tiếp nhận hồ sơ: the archivist accepts the whole batch; its files are archived and read-only. */
export const acceptBatch = defineAction({
  name: "files.accept",
  schema: batchSchema,
  verb: "files.accept",
  load: ({ input, tx }) => lockBatch(tx, input.id),
  authorize: ({ actor, target }) => isArchivist(actor, target.agencyId),
  run: async ({ actor, tx, target: batch }) => {
    if (batch.status !== "submitted") throw conflict(batch.status === "accepted" ? "Đợt nộp lưu này đã được tiếp nhận." : "Đợt nộp lưu này đã bị trả lại.");
    const files = await tx.select().from(workFiles).where(eq(workFiles.batchId, batch.id)).orderBy(asc(workFiles.id)).for("update");
    const now = new Date();
    for (const f of files) {
      const to = assertTransition(workFileMachine, f.status, "accept");
      await tx.update(workFiles).set({ status: to, archivedAt: now, updatedAt: now }).where(eq(workFiles.id, f.id));
      await addFileEvent(tx, actor, f.id, { kind: "accepted", toText: "Lưu trữ cơ quan", payload: { batchId: batch.id } });
    }
    await tx.update(handoverBatches).set({ status: "accepted", decidedBy: actor.userId, decidedAt: now }).where(eq(handoverBatches.id, batch.id));
    await notify(tx, [batch.submittedBy, ...files.map((f) => f.ownerId)], `Lưu trữ cơ quan đã tiếp nhận ${files.length} hồ sơ: ${batch.title}`, `/files/handover/${batch.id}`, "handover");
    return { data: { id: batch.id, files: files.length }, audit: audit(batch.id, { accepted: files.length }) };
  },
  revalidate: PATHS,
});

/** Trả lại: the batch goes back with a reason; its files are closed files of the unit again. */
export const returnBatch = defineAction({
  name: "files.returnBatch",
  schema: returnBatchSchema,
  verb: "files.accept",
  load: ({ input, tx }) => lockBatch(tx, input.id),
  authorize: ({ actor, target }) => isArchivist(actor, target.agencyId),
  run: async ({ actor, input, tx, target: batch }) => {
    if (batch.status !== "submitted") throw conflict(batch.status === "accepted" ? "Đợt nộp lưu này đã được tiếp nhận." : "Đợt nộp lưu này đã bị trả lại.");
    const files = await tx.select().from(workFiles).where(eq(workFiles.batchId, batch.id)).orderBy(asc(workFiles.id)).for("update");
    const now = new Date();
    for (const f of files) {
      await tx.update(workFiles).set({ batchId: null, batchOrder: null, updatedAt: now }).where(eq(workFiles.id, f.id));
      await addFileEvent(tx, actor, f.id, { kind: "returned", text: input.reason, payload: { batchId: batch.id } });
    }
    await tx
      .update(handoverBatches)
      .set({ status: "returned", decidedBy: actor.userId, decidedAt: now, returnReason: input.reason })
      .where(eq(handoverBatches.id, batch.id));
    await notify(tx, [batch.submittedBy, ...files.map((f) => f.ownerId)], `Lưu trữ cơ quan trả lại hồ sơ nộp lưu "${batch.title}": ${input.reason}`, `/files/handover/${batch.id}`, "handover");
    return { data: { id: batch.id }, audit: audit(batch.id, { returned: files.length, reason: input.reason }) };
  },
  revalidate: PATHS,
});
