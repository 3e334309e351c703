import "server-only";
import { and, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { unitHeadIds } from "@/lib/org/heads";
import {
  agencies, incomingAssignments, incomingDocuments, incomingEvents, incomingFiles, outgoingDocuments, outgoingRecipients,
  registers, units, users, type OutgoingDocument,
} from "@/db/schema";
import { assertUsable } from "@/lib/access/use";
import { defineAction, sameAgency } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { conflict, invalid } from "@/lib/errors";
import { queueRecallRequests } from "@/lib/exchange/recall";
import { queueIssuedDocument } from "@/lib/exchange/send";
import { addEvent } from "@/lib/incoming/access";
import { finishAssignment } from "@/lib/incoming/process";
import { notify } from "@/lib/notifications";
import { retireWaiting } from "@/lib/notifications/seen";
import { ensureRegister, takeNumber, vietnamYear } from "@/lib/registers/numbering";
import { keepsNoFile, noFileMessage } from "@/lib/secrecy/rules";
import { FILE_TYPES } from "@/lib/storage/sniff";
import { assertTransition } from "@/lib/workflow/machine";
import { todayInVietnam } from "@/lib/dates";
import { lockOutgoing } from "./access";
import { internalDelivery } from "./config";
import { sealIssued } from "./agency-seal";
import { attachmentsToIssue, sealAttachments } from "./issued-attachments";
import { addOutgoingEvent, checkFiles, signerLineOf, touch } from "./drafts";
import { outgoingMachine } from "./machine";
import { outgoingHref } from "./notices";
import { ISSUE_FILE_REQUIRED, issueSchema, SIGNED_NO_UPLOAD, withdrawSchema } from "./schemas";
import { keptCopyOf, notationOf, symbolOf } from "./symbol";

const PATHS = ["/outgoing", "/incoming", "/my-work", "/"];

/** The register chosen by the clerk, or the default book of the year and series (created on first use). */
async function registerFor(tx: Tx, doc: OutgoingDocument, registerId: string | null, year: number) {
  const secret = doc.secrecy !== "normal";
  if (!registerId) return ensureRegister(tx, doc.agencyId, "outgoing", year, secret);
  const [r] = await tx.select().from(registers).where(eq(registers.id, registerId));
  if (!r || r.agencyId !== doc.agencyId || r.kind !== "outgoing" || r.year !== year || r.secret !== secret) {
    throw invalid({ registerId: [secret ? "Văn bản mật phải vào sổ văn bản đi mật của năm nay." : "Vui lòng chọn một sổ văn bản đi của năm nay."] });
  }
  return r.id;
}

/**
 * Internal recipients receive the issued document as a văn bản nội bộ: one incoming copy, in the
 * Văn thư's "Chờ tiếp nhận" (queue) or, by default, straight to each recipient for information.
 */
async function deliverInternally(
  tx: Tx, actor: Actor, doc: OutgoingDocument & { symbol: string; issuedDate: string }, fileId: string | null, attachmentIds: string[] = [],
) {
  const internal = await tx.select().from(outgoingRecipients).where(and(eq(outgoingRecipients.documentId, doc.id), eq(outgoingRecipients.delivery, "internal")));
  if (!internal.length) return 0;
  const [agency] = await tx.select({ name: agencies.name, organId: agencies.organId }).from(agencies).where(eq(agencies.id, doc.agencyId));
  const mode = internalDelivery();
  const [copy] = await tx
    .insert(incomingDocuments)
    .values({
      agencyId: doc.agencyId, status: mode === "queue" ? "awaiting_reception" : "in_progress", source: "internal",
      symbol: doc.symbol, issuedDate: doc.issuedDate, issuerName: agency.name, issuerOrganId: agency.organId, docType: doc.docType,
      subject: doc.subject, signer: doc.signerLine || (await signerLineOf(tx, doc)), urgency: doc.urgency, pageCount: doc.pageCount,
      // Delivered for information, it has no deadline; the Văn thư's queue routes it like any document.
      dueDate: mode === "queue" ? doc.replyDeadline : null,
      mainFileId: fileId, outgoingId: doc.id, createdBy: actor.userId,
    })
    .returning({ id: incomingDocuments.id });
  if (fileId) await tx.insert(incomingFiles).values({ documentId: copy.id, fileId, sortOrder: 0 });
  // The phụ lục signed by the agency travel with the issued PDF (NĐ 30/2020 Phụ lục I §8).
  if (attachmentIds.length) await tx.insert(incomingFiles).values(attachmentIds.map((id, i) => ({ documentId: copy.id, fileId: id, sortOrder: i + 1 })));
  const names = internal.map((r) => r.name).join("; ");
  if (mode === "direct") {
    await tx.insert(incomingAssignments).values(
      // For information: no deadline (the reply deadline is for those asked to answer).
      internal.map((r) => ({ documentId: copy.id, role: "info" as const, unitId: r.unitId, userId: r.userId, assignedBy: actor.userId, deadline: null })),
    );
    await addEvent(tx, actor, copy.id, { kind: "internal_delivered", toText: internal.map((r) => `${r.name} (Nhận để biết)`).join("; "), payload: { outgoingId: doc.id } });
  } else {
    await addEvent(tx, actor, copy.id, { kind: "internal_arrived", text: `Văn bản nội bộ gửi: ${names}`, payload: { outgoingId: doc.id } });
  }
  await tx.update(outgoingRecipients).set({ incomingId: copy.id, sentAt: new Date() }).where(inArray(outgoingRecipients.id, internal.map((r) => r.id)));
  return internal.length;
}

/** An incoming document answered by this one: the drafter's open parts of it are done by the reply. */
async function closeAnswered(tx: Tx, actor: Actor, doc: OutgoingDocument & { symbol: string }) {
  if (!doc.replyToId) return;
  const [incoming] = await tx.select({ id: incomingDocuments.id, status: incomingDocuments.status }).from(incomingDocuments).where(eq(incomingDocuments.id, doc.replyToId)).for("update");
  if (!incoming) return;
  const result = `Đã trả lời bằng ${doc.docType.toLowerCase()} số ${doc.symbol}.`;
  await addEvent(tx, actor, incoming.id, { kind: "replied", text: result, payload: { outgoingId: doc.id, symbol: doc.symbol } });
  if (incoming.status !== "in_progress") return;
  const parts = await tx
    .select()
    .from(incomingAssignments)
    .where(and(eq(incomingAssignments.documentId, incoming.id), eq(incomingAssignments.userId, doc.drafterId), ne(incomingAssignments.status, "done")))
    .for("update");
  for (const part of parts) await finishAssignment(tx, { ...actor, userId: doc.drafterId, fullName: await drafterName(tx, doc.drafterId) }, part, result);
}

async function drafterName(tx: Tx, id: string) {
  const [u] = await tx.select({ fullName: users.fullName }).from(users).where(eq(users.id, id));
  return u?.fullName ?? "";
}

/**
 * Phát hành: the next số đi of the register (gapless, per register and year, taken last), the ký
 * hiệu, today's date, the final PDF, the kept copy, then the internal delivery and the answered
 * incoming document, all in one transaction (NĐ 30/2020 Điều 15–16).
 */
export const issueDocument = defineAction({
  name: "outgoing.issue",
  schema: issueSchema,
  verb: "outgoing.issue",
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, { registerId: ["register", input.registerId], fileId: ["file", input.fileId] });
    const status = assertTransition(outgoingMachine, target.status, "issue");
    // "Chờ phát hành" no longer waits for any clerk (before the register's lock is taken).
    await retireWaiting(tx, outgoingHref(target.id));
    const secret = target.secrecy !== "normal";
    // A document that is or was secret is issued on paper: no file (lib/secrecy/rules.ts).
    const noFile = keepsNoFile(target);
    if (noFile && input.fileId) throw invalid({ fileId: [noFileMessage(target)] }, noFileMessage(target));
    // Signed digitally by the competent person (issue 14): the system stamps số, ký hiệu and ngày and
    // applies the agency signature (agency-seal.ts); nothing is uploaded. Otherwise the document was
    // signed on paper: the clerk uploads the scanned, sealed PDF (the path before issue 14).
    const electronic = !noFile && !!target.signedFileId;
    if (electronic && input.fileId) throw invalid({ fileId: [SIGNED_NO_UPLOAD] }, SIGNED_NO_UPLOAD);
    if (!noFile && !electronic && !input.fileId) throw invalid({ fileId: [ISSUE_FILE_REQUIRED] });
    if (input.fileId) await checkFiles(tx, target.agencyId, [input.fileId], [FILE_TYPES.pdf.mime], "fileId");
    // Phụ lục in their own files are signed by the agency (Phụ lục I §8): a non-PDF one is refused before any number.
    const attachments = electronic ? await attachmentsToIssue(tx, target) : [];
    const now = new Date();
    const year = vietnamYear(now);
    const registerId = await registerFor(tx, target, input.registerId, year);
    // One query at a time: a transaction is one connection.
    const [agency] = await tx.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, target.agencyId));
    const [unit] = await tx.select({ code: units.code }).from(units).where(eq(units.id, target.draftingUnitId));
    const notation = notationOf(target.docType, agency.code, unit.code);
    if (!notation) throw conflict(`Không lập được ký hiệu cho "${target.docType}": đơn vị soạn thảo chưa có chữ viết tắt.`);
    const number = await takeNumber(tx, registerId);
    const symbol = symbolOf(number, notation);
    // Số + ký hiệu is unique in the year and series across the registers (NĐ 30/2020 Điều 15: secret
    // documents are numbered apart); refusing rolls the number back.
    const [clash] = await tx
      .select({ id: outgoingDocuments.id })
      .from(outgoingDocuments)
      .where(
        and(
          eq(outgoingDocuments.agencyId, target.agencyId), eq(outgoingDocuments.year, year), eq(outgoingDocuments.symbol, symbol),
          secret ? ne(outgoingDocuments.secrecy, "normal") : eq(outgoingDocuments.secrecy, "normal"),
        ),
      );
    if (clash) throw conflict(`Số, ký hiệu ${symbol} đã được cấp trong năm ${year} ở sổ khác. Vui lòng chọn đúng sổ của loại văn bản này.`);
    const issuedDate = todayInVietnam(now);
    const sealed = electronic ? await sealIssued(tx, actor, { agencyId: target.agencyId, signedFileId: target.signedFileId!, symbol, number, issuedDate }, now) : null;
    const finalFileId = sealed ? sealed.fileId : input.fileId;
    const attachmentIds = sealed ? await sealAttachments(tx, actor, { ...target, symbol }, attachments, now) : [];
    const issued = {
      ...target, status, registerId, year, number, symbol, issuedDate, issuedAt: now,
      issuedBy: actor.userId, finalFileId, pageCount: input.pageCount, issuedAmount: input.issuedAmount, keptCopy: keptCopyOf(unit.code),
    };
    await touch(tx, target.id, {
      status, registerId, year, number, symbol: issued.symbol, issuedDate: issued.issuedDate, issuedAt: now, issuedBy: actor.userId,
      finalFileId, pageCount: input.pageCount, issuedAmount: input.issuedAmount, keptCopy: issued.keptCopy,
    });
    const delivered = await deliverInternally(tx, actor, issued, finalFileId, attachmentIds);
    // Liên thông: the outbox message of each electronic recipient, in this transaction (lib/exchange/send.ts).
    const queued = await queueIssuedDocument(tx, issued);
    await closeAnswered(tx, actor, issued);
    await addOutgoingEvent(tx, actor, target.id, {
      kind: "issued", text: `Số ${issued.symbol} ngày ${issued.issuedDate.split("-").reverse().join("/")}. ${issued.keptCopy}`, version: target.version,
      payload: { number, year, registerId, symbol: issued.symbol, internal: delivered, exchange: queued, agencySigned: !!sealed, attachments: attachmentIds.length },
    });
    return {
      data: { id: target.id, number, symbol: issued.symbol, finalFileId },
      audit: { objectType: "outgoing", objectId: target.id, payload: { number, year, registerId, symbol: issued.symbol, agencySigned: !!sealed, finalFileId, attachmentIds } },
    };
  },
  revalidate: PATHS,
});

/** Who hears of a withdrawal: the recipients named, the heads of recipient units, everyone assigned on the copies. */
async function peopleToNotify(tx: Tx, documentId: string, copyIds: string[]) {
  const rs = await tx.select({ userId: outgoingRecipients.userId, unitId: outgoingRecipients.unitId }).from(outgoingRecipients).where(eq(outgoingRecipients.documentId, documentId));
  const unitIds = rs.map((r) => r.unitId).filter((x): x is string => !!x);
  const heads = await unitHeadIds(tx, unitIds);
  const assigned = copyIds.length
    ? await tx.select({ id: incomingAssignments.userId }).from(incomingAssignments).where(and(inArray(incomingAssignments.documentId, copyIds), isNotNull(incomingAssignments.userId)))
    : [];
  return [...rs.map((r) => r.userId), ...heads, ...assigned.map((a) => a.id)].filter((x): x is string => !!x);
}

/**
 * Thu hồi: the issued internal document and its copies are frozen (Phụ lục VI: freeze on a recall
 * order) and the recipients are told. Copies sent to other agencies are recalled through liên thông.
 */
export const withdrawDocument = defineAction({
  name: "outgoing.withdraw",
  schema: withdrawSchema,
  verb: "outgoing.withdraw",
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    const status = assertTransition(outgoingMachine, target.status, "withdraw");
    const now = new Date();
    await touch(tx, target.id, { status, withdrawnAt: now, withdrawReason: input.reason });
    const copies = await tx.select({ id: incomingDocuments.id }).from(incomingDocuments).where(eq(incomingDocuments.outgoingId, target.id)).for("update");
    const copyIds = copies.map((c) => c.id);
    if (copyIds.length) {
      await tx.update(incomingDocuments).set({ status: "withdrawn", updatedAt: now }).where(inArray(incomingDocuments.id, copyIds));
      await tx.insert(incomingEvents).values(copyIds.map((documentId) => ({ documentId, actorId: actor.userId, actorName: actor.fullName, kind: "withdrawn", text: input.reason })));
    }
    // Copies sent by liên thông: a recall request (13) to each agency that received the document.
    const recalls = await queueRecallRequests(tx, target, { purpose: "recall", reason: input.reason, skipPending: true });
    await notify(tx, await peopleToNotify(tx, target.id, copyIds), `Văn bản ${target.symbol} đã bị thu hồi: ${input.reason}`, copyIds[0] ? `/incoming/${copyIds[0]}` : `/outgoing/${target.id}`, "recall");
    await addOutgoingEvent(tx, actor, target.id, { kind: "withdrawn", text: input.reason, payload: { copies: copyIds.length, exchangeRecalls: recalls } });
    return { data: undefined, audit: { objectType: "outgoing", objectId: target.id, payload: { reason: input.reason, copies: copyIds.length, exchangeRecalls: recalls } } };
  },
  revalidate: PATHS,
});
