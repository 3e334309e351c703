import "server-only";
import { and, asc, desc, eq, gt, lt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  filePlanItems, filePlans, incomingDocuments, outgoingDocuments, storedFiles, workFileEntries, workFiles, type FilePlan, type FilePlanItem,
} from "@/db/schema";
import { assertUsable } from "@/lib/access/use";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { conflict, invalid, notFound } from "@/lib/errors";
import { notify } from "@/lib/notifications";
import { FILE_TYPES } from "@/lib/storage/sniff";
import { assertTransition } from "@/lib/workflow/machine";
import { headsFileUnit, isOwner, mayOpenItem } from "@/lib/access/work-files";
import { addFileEvent, assertOwnerMayChange, lockWorkFile, unitForFile } from "./access";
import { closingDefaults, loadEntries, settleClosing } from "./entries";
import { gatherInto, insertEntry, nextPosition } from "./gather";
import { ENTRY_KIND_LABELS } from "./labels";
import { workFileMachine } from "./machine";
import { appendItem, lockPlan, planHeading } from "./plan";
import {
  addDocumentSchema, addUploadSchema, closeFileSchema, entrySchema, idSchema, moveEntrySchema, openAdHocSchema, openFromItemSchema, reconcileSchema, reopenSchema,
} from "./schemas";

// Hồ sơ công việc (Quy chế 376 Điều 4.3): opened from the plan or ad hoc, documents added by
// reference, ordered, closed with its metadata, reopened by the owner's head, reconciled with the
// paper file before hand-over.

const PATHS = ["/files", "/incoming", "/outgoing"];
const audit = (id: string, payload?: Record<string, unknown>) => ({ objectType: "work_file", objectId: id, payload });
const UPLOAD_MIMES = [FILE_TYPES.pdf.mime, FILE_TYPES.docx.mime, FILE_TYPES.png.mime, FILE_TYPES.jpeg.mime];

async function lockEntry(tx: Parameters<typeof lockWorkFile>[0], entryId: string) {
  const [entry] = await tx.select().from(workFileEntries).where(eq(workFileEntries.id, entryId));
  if (!entry) throw notFound();
  return { entry, file: await lockWorkFile(tx, entry.fileId) };
}

/** The new file of a plan item (one per item: a second opening finds it taken), then the documents already carrying its code. */
async function startFile(tx: Tx, actor: Actor, o: { plan: FilePlan; item: FilePlanItem; unitId: string; note?: string }) {
  const { plan, item } = o;
  const [file] = await tx
    .insert(workFiles)
    .values({
      agencyId: plan.agencyId, planItemId: item.id, year: plan.year, code: item.code, title: item.title, ownerId: actor.userId, unitId: o.unitId,
      retentionCode: item.retentionCode,
    })
    .onConflictDoNothing()
    .returning();
  if (!file) throw conflict(`Hồ sơ ${item.code} đã được mở.`);
  await addFileEvent(tx, actor, file.id, { kind: "opened", text: `${file.code} ${file.title}${o.note ?? ""}` });
  return { file, gathered: await gatherInto(tx, file, actor) };
}

/** Mở hồ sơ from an item of the year's plan: one file per item; documents already carrying its code join it. */
export const openFromItem = defineAction({
  name: "files.open",
  idempotent: true,
  schema: openFromItemSchema,
  verb: "files.keep",
  load: async ({ input, tx }) => {
    const [row] = await tx
      .select({ item: filePlanItems, plan: filePlans })
      .from(filePlanItems)
      .innerJoin(filePlans, eq(filePlans.id, filePlanItems.planId))
      .where(eq(filePlanItems.id, input.itemId));
    if (!row) throw notFound();
    return row;
  },
  authorize: ({ actor, target }) => target.plan.agencyId === actor.agencyId && mayOpenItem(actor, target.item),
  run: async ({ actor, tx, target: { item, plan } }) => {
    const unitId = unitForFile(actor, item);
    if (!unitId) throw conflict("Bạn không giữ chức vụ lập hồ sơ ở đơn vị nào.");
    const { file, gathered } = await startFile(tx, actor, { plan, item, unitId });
    return { data: { id: file.id, gathered }, audit: audit(file.id, { item: item.id, code: file.code, gathered }) };
  },
  revalidate: PATHS,
});

/** Mở hồ sơ outside the plan (NĐ 30 Điều 29.1): it becomes the plan's next item, so its code is its own and numbers stay gapless. */
export const openAdHoc = defineAction({
  name: "files.openAdHoc",
  idempotent: true,
  schema: openAdHocSchema,
  verb: "files.keep",
  load: ({ input, tx }) => lockPlan(tx, input.planId),
  authorize: ({ actor, target }) => target.agencyId === actor.agencyId,
  run: async ({ actor, input, tx, target: plan }) => {
    await assertUsable(tx, actor, { headingId: ["planHeading", input.headingId] });
    const heading = await planHeading(tx, plan.id, input.headingId);
    const unitId = unitForFile(actor, { ownerUnitId: null });
    if (!unitId) throw conflict("Bạn không giữ chức vụ lập hồ sơ ở đơn vị nào.");
    const item = await appendItem(tx, plan, heading, {
      title: input.title, retentionCode: input.retentionCode, ownerUnitId: unitId, ownerUserId: actor.userId, note: input.note, adHoc: true,
    });
    const { file, gathered } = await startFile(tx, actor, { plan, item, unitId, note: " (ngoài danh mục)" });
    const code = file.code;
    return { data: { id: file.id, code, gathered }, audit: audit(file.id, { code, adHoc: true, gathered }) };
  },
  revalidate: PATHS,
});

/** Thêm vào hồ sơ: a reference to a document the owner can read; the same document may be in several files. */
export const addDocument = defineAction({
  name: "files.add",
  schema: addDocumentSchema,
  verb: "files.keep",
  load: ({ input, tx }) => lockWorkFile(tx, input.fileId),
  authorize: ({ actor, target }) => isOwner(actor, target),
  run: async ({ actor, input, tx, target: file }) => {
    assertOwnerMayChange(actor, file);
    await assertUsable(tx, actor, { documentId: [input.kind, input.documentId] });
    const table = input.kind === "incoming" ? incomingDocuments : outgoingDocuments;
    const [doc] = await tx.select({ id: table.id, secrecy: table.secrecy }).from(table).where(eq(table.id, input.documentId));
    if (doc.secrecy !== "normal") throw conflict("Văn bản mật được lập hồ sơ giấy, không đưa vào hồ sơ điện tử.");
    if (input.kind === "incoming") {
      const [d] = await tx.select({ arrivalNo: incomingDocuments.arrivalNo, status: incomingDocuments.status }).from(incomingDocuments).where(eq(incomingDocuments.id, doc.id));
      if (d?.arrivalNo == null) throw conflict("Văn bản chưa vào sổ, chưa thể đưa vào hồ sơ.");
      if (d.status === "voided") throw conflict("Văn bản đã hủy vào sổ (Đã hủy), không đưa vào hồ sơ.");
    }
    if (!(await insertEntry(tx, file.id, input.kind, doc.id, { addedBy: actor.userId, gathered: false }))) {
      throw conflict("Văn bản đã có trong hồ sơ này.");
    }
    await addFileEvent(tx, actor, file.id, { kind: "added", text: ENTRY_KIND_LABELS[input.kind], payload: { kind: input.kind, documentId: doc.id } });
    await tx.update(workFiles).set({ updatedAt: new Date() }).where(eq(workFiles.id, file.id));
    return { data: { id: file.id }, audit: audit(file.id, { kind: input.kind, documentId: doc.id }) };
  },
  revalidate: PATHS,
});

/** Another paper of the work (tài liệu khác): a file the owner uploaded, with its metadata. */
export const addUpload = defineAction({
  name: "files.addUpload",
  idempotent: true,
  schema: addUploadSchema,
  verb: "files.keep",
  load: ({ input, tx }) => lockWorkFile(tx, input.fileId),
  authorize: ({ actor, target }) => isOwner(actor, target),
  run: async ({ actor, input, tx, target: file }) => {
    assertOwnerMayChange(actor, file);
    await assertUsable(tx, actor, { storedFileId: ["file", input.storedFileId] });
    const [stored] = await tx.select().from(storedFiles).where(eq(storedFiles.id, input.storedFileId));
    // Another paper is one the owner uploaded for this file, not a copy of a document's scan.
    if (stored.uploadedBy !== actor.userId) throw invalid({ storedFileId: ["Tệp không tồn tại, vui lòng tải lên lại."] });
    if (!UPLOAD_MIMES.includes(stored.mime)) throw invalid({ storedFileId: ["Tài liệu phải là tệp PDF, DOCX, PNG hoặc JPEG."] });
    const [entry] = await tx
      .insert(workFileEntries)
      .values({
        fileId: file.id, kind: "upload", storedFileId: stored.id, position: await nextPosition(tx, file.id), docType: input.docType, symbol: input.symbol,
        docDate: input.docDate, author: input.author, subject: input.subject, pageCount: input.pageCount, note: input.note, addedBy: actor.userId,
      })
      .returning({ id: workFileEntries.id });
    await addFileEvent(tx, actor, file.id, { kind: "added", text: `${ENTRY_KIND_LABELS.upload}: ${input.subject}`, payload: { entryId: entry.id, sha256: stored.sha256 } });
    return { data: { id: file.id, entryId: entry.id }, audit: audit(file.id, { upload: stored.id }) };
  },
  revalidate: PATHS,
});

/** Loại khỏi hồ sơ: a duplicate or a paper that does not belong (the document itself stays where it is). */
export const removeEntry = defineAction({
  name: "files.remove",
  schema: entrySchema,
  verb: "files.keep",
  load: ({ input, tx }) => lockEntry(tx, input.entryId),
  authorize: ({ actor, target }) => isOwner(actor, target.file),
  run: async ({ actor, tx, target: { entry, file } }) => {
    assertOwnerMayChange(actor, file);
    const described = (await loadEntries(tx, file.id)).find((e) => e.id === entry.id);
    await tx.delete(workFileEntries).where(eq(workFileEntries.id, entry.id));
    await addFileEvent(tx, actor, file.id, {
      kind: "removed",
      text: described ? [described.symbol, described.subject].filter(Boolean).join(" — ") : "",
      payload: { kind: entry.kind, documentId: entry.incomingId ?? entry.outgoingId ?? entry.storedFileId },
    });
    return { data: { id: file.id }, audit: audit(file.id, { removed: entry.id }) };
  },
  revalidate: PATHS,
});

/** Moves a document one place up or down in the file's order. */
export const moveEntry = defineAction({
  name: "files.move",
  schema: moveEntrySchema,
  verb: "files.keep",
  load: ({ input, tx }) => lockEntry(tx, input.entryId),
  authorize: ({ actor, target }) => isOwner(actor, target.file),
  run: async ({ actor, input, tx, target: { entry, file } }) => {
    assertOwnerMayChange(actor, file);
    const up = input.direction === "up";
    const [other] = await tx
      .select()
      .from(workFileEntries)
      .where(and(eq(workFileEntries.fileId, file.id), up ? lt(workFileEntries.position, entry.position) : gt(workFileEntries.position, entry.position)))
      .orderBy(up ? desc(workFileEntries.position) : asc(workFileEntries.position))
      .limit(1);
    if (!other) return { data: { id: file.id, moved: false }, audit: audit(file.id, { entry: entry.id, moved: false }) };
    await tx.update(workFileEntries).set({ position: other.position }).where(eq(workFileEntries.id, entry.id));
    await tx.update(workFileEntries).set({ position: entry.position }).where(eq(workFileEntries.id, other.id));
    await addFileEvent(tx, actor, file.id, { kind: "reordered", text: up ? "Chuyển lên" : "Chuyển xuống", payload: { entryId: entry.id } });
    return { data: { id: file.id, moved: true }, audit: audit(file.id, { entry: entry.id, direction: input.direction }) };
  },
  revalidate: PATHS,
});

/** Sắp xếp theo thời gian: the documents in date order (those without a date last), as the export expects. */
export const sortEntries = defineAction({
  name: "files.sort",
  schema: idSchema,
  verb: "files.keep",
  load: ({ input, tx }) => lockWorkFile(tx, input.id),
  authorize: ({ actor, target }) => isOwner(actor, target),
  run: async ({ actor, tx, target: file }) => {
    assertOwnerMayChange(actor, file);
    const entries = await loadEntries(tx, file.id);
    const sorted = [...entries].sort((a, b) => (a.date ?? "9999").localeCompare(b.date ?? "9999") || a.position - b.position);
    for (const [i, e] of sorted.entries()) await tx.update(workFileEntries).set({ position: i + 1 }).where(eq(workFileEntries.id, e.id));
    await addFileEvent(tx, actor, file.id, { kind: "reordered", text: "Sắp xếp theo thời gian văn bản" });
    return { data: { id: file.id }, audit: audit(file.id, { sorted: entries.length }) };
  },
  revalidate: PATHS,
});

/** Đóng hồ sơ: its metadata completed; from then on read-only. */
export const closeFile = defineAction({
  name: "files.close",
  schema: closeFileSchema,
  verb: "files.keep",
  load: ({ input, tx }) => lockWorkFile(tx, input.id),
  authorize: ({ actor, target }) => isOwner(actor, target),
  run: async ({ actor, input, tx, target: file }) => {
    const to = assertTransition(workFileMachine, file.status, "close");
    const entries = await loadEntries(tx, file.id);
    if (!entries.length) throw conflict("Hồ sơ chưa có văn bản nào, chưa thể đóng.");
    const { values, fieldErrors } = settleClosing({ ...input, startDate: input.startDate!, endDate: input.endDate! }, closingDefaults(entries));
    if (Object.keys(fieldErrors).length) throw invalid(fieldErrors);
    await tx
      .update(workFiles)
      .set({
        status: to, title: input.title, ...values, retentionCode: input.retentionCode, rights: input.rights, language: input.language, description: input.description,
        closedAt: new Date(), updatedAt: new Date(),
      })
      .where(eq(workFiles.id, file.id))
      .catch((e) => {
        if ((e as { cause?: { code?: string } }).cause?.code === "23503") throw invalid({ retentionCode: ["Vui lòng chọn thời hạn bảo quản."] });
        throw e;
      });
    await addFileEvent(tx, actor, file.id, { kind: "closed", text: `${values.sheets} tờ, ${values.pages} trang` });
    return { data: { id: file.id }, audit: audit(file.id, values) };
  },
  revalidate: PATHS,
});

/** Mở lại hồ sơ: only a head of the owner's unit, with a reason on the trail; not once it is on its way to the archive. */
export const reopenFile = defineAction({
  name: "files.reopen",
  schema: reopenSchema,
  verb: "files.keep",
  load: ({ input, tx }) => lockWorkFile(tx, input.id),
  authorize: ({ actor, target }) => headsFileUnit(actor, target),
  run: async ({ actor, input, tx, target: file }) => {
    const to = assertTransition(workFileMachine, file.status, "reopen");
    if (file.batchId) throw conflict("Hồ sơ đang chờ Lưu trữ cơ quan tiếp nhận, không mở lại được.");
    await tx.update(workFiles).set({ status: to, reconciled: false, closedAt: null, updatedAt: new Date() }).where(eq(workFiles.id, file.id));
    await addFileEvent(tx, actor, file.id, { kind: "reopened", text: input.reason });
    if (file.ownerId !== actor.userId) await notify(tx, [file.ownerId], `Hồ sơ ${file.code} đã được mở lại: ${input.reason}`, `/files/${file.id}`);
    return { data: { id: file.id }, audit: audit(file.id, { reason: input.reason }) };
  },
  revalidate: PATHS,
});

/** Đối chiếu: the closed file checked against its paper file (Quy chế 376 Điều 4.3 Bước 3), with notes. */
export const reconcileFile = defineAction({
  name: "files.reconcile",
  schema: reconcileSchema,
  verb: "files.keep",
  load: ({ input, tx }) => lockWorkFile(tx, input.id),
  authorize: ({ actor, target }) => isOwner(actor, target) || headsFileUnit(actor, target),
  run: async ({ actor, input, tx, target: file }) => {
    assertTransition(workFileMachine, file.status, "reconcile");
    if (file.batchId) throw conflict("Hồ sơ đã nộp lưu, không sửa được kết quả đối chiếu.");
    await tx
      .update(workFiles)
      .set({ reconciled: input.reconciled, reconcileNote: input.note, reconciledBy: actor.userId, reconciledAt: new Date(), updatedAt: new Date() })
      .where(eq(workFiles.id, file.id));
    await addFileEvent(tx, actor, file.id, { kind: "reconciled", text: [input.reconciled ? "Khớp với hồ sơ giấy" : "Chưa khớp", input.note].filter(Boolean).join(": ") });
    return { data: { id: file.id }, audit: audit(file.id, { reconciled: input.reconciled }) };
  },
  revalidate: PATHS,
});
