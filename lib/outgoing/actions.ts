import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingDocuments, outgoingConsultations, outgoingDocuments, units, users } from "@/db/schema";
import { assertUsable, recipientsSpec, type UseSpec } from "@/lib/access/use";
import { defineAction } from "@/lib/actions/define";
import { notify } from "@/lib/notifications";
import { retireWaiting } from "@/lib/notifications/seen";
import type { Actor } from "@/lib/auth/actor";
import { unitsWhere } from "@/lib/auth/permissions";
import { conflict, invalid, notFound } from "@/lib/errors";
import { canSignDocument, isSignerCandidate } from "@/lib/delegations/coverage";
import { EDIT_SECRECY_MESSAGE, keepsNoFile, noFileMessage } from "@/lib/secrecy/rules";
import { vietnamYear } from "@/lib/registers/numbering";
import { gatherDocument } from "@/lib/work-files/gather";
import { assertTransition } from "@/lib/workflow/machine";
import { answersFor, isDrafter, isReviewer, isStageReviewer, lockOutgoing, reviewsAt } from "./access";
import {
  addOutgoingEvent, addVersionFiles, checkAttachments, checkFiles, checksOf, DRAFT_MIMES, holdsReplyPart, replaceRecipients, resolveOutgoingRecipients, signerLineOf, touch,
} from "./drafts";
import { EDITABLE_STATES, isReviewStage, outgoingMachine, REVIEW_STAGES, type ReviewStage } from "./machine";
import { draftLabel, notifyAnswered, notifyConsulted, notifyMovedOn, outgoingHref } from "./notices";
import {
  answerSchema, approveSchema, checkSchema, consultSchema, createDraftSchema, idSchema, returnDraftSchema, reviseDraftSchema,
} from "./schemas";

const PATHS = ["/outgoing", "/incoming", "/my-work"];
const audit = (id: string, payload?: Record<string, unknown>) => ({ objectType: "outgoing", objectId: id, payload });
/** Người ký: a leader of the agency, or a person holding a signing delegation in force or to come (lib/delegations). */
async function loadSigner(tx: Tx, agencyId: string, userId: string) {
  if (!(await isSignerCandidate(tx, agencyId, userId))) {
    throw invalid({ signerId: ["Vui lòng chọn một lãnh đạo của cơ quan hoặc người được ủy quyền ký."] });
  }
}

/** The ids a draft's form names besides the draft: its signer, files (and which are phụ lục) and recipients. */
const draftIds = (input: { signerId: string; fileIds: string[]; attachmentIds: string[]; recipients: { kind: string; targetId?: string | null }[] }): UseSpec => ({
  signerId: ["user", input.signerId, "Vui lòng chọn một lãnh đạo của cơ quan."],
  fileIds: ["file", input.fileIds],
  // Already among fileIds (the schema says so); checked again so no id of the form escapes the rule.
  attachmentIds: ["file", input.attachmentIds],
  ...recipientsSpec(input.recipients),
});

/** Tạo dự thảo: a new draft, or the reply to an incoming document the drafter holds a part of. */
export const createDraft = defineAction({
  name: "outgoing.create",
  idempotent: true,
  schema: createDraftSchema,
  verb: "outgoing.draft",
  load: async ({ actor, input, tx }) => {
    // Before anything else: the answer must not depend on whether a row the caller may not read exists.
    await assertUsable(tx, actor, { replyToId: ["incoming", input.replyToId], unitId: ["unit", input.unitId], ...draftIds(input) });
    const reply = input.replyToId
      ? (await tx.select({ id: incomingDocuments.id, agencyId: incomingDocuments.agencyId }).from(incomingDocuments).where(eq(incomingDocuments.id, input.replyToId)))[0]
      : null;
    if (input.replyToId && !reply) throw notFound();
    const units = unitsWhere(actor, "outgoing.draft");
    return {
      reply,
      mayReply: reply ? reply.agencyId === actor.agencyId && (await holdsReplyPart(tx, actor, reply.id)) : true,
      unitId: input.unitId ?? units[0] ?? null,
      units,
    };
  },
  authorize: ({ target }) => target.mayReply && !!target.unitId && target.units.includes(target.unitId),
  run: async ({ actor, input, tx, target }) => {
    await loadSigner(tx, actor.agencyId, input.signerId);
    await checkFiles(tx, actor.agencyId, input.fileIds, DRAFT_MIMES);
    await checkAttachments(tx, input.attachmentIds);
    const recipients = await resolveOutgoingRecipients(tx, actor.agencyId, input.recipients, input.secrecy !== "normal");
    const version = input.fileIds.length ? 1 : 0;
    const [doc] = await tx
      .insert(outgoingDocuments)
      .values({
        agencyId: actor.agencyId, draftingUnitId: target.unitId!, drafterId: actor.userId, replyToId: target.reply?.id ?? null,
        docType: input.docType, subject: input.subject, urgency: input.urgency, secrecy: input.secrecy, signerId: input.signerId,
        authority: input.authority, replyDeadline: input.replyDeadline, note: input.note, fileCode: input.fileCode, version,
      })
      .returning({ id: outgoingDocuments.id, createdAt: outgoingDocuments.createdAt });
    await replaceRecipients(tx, doc.id, recipients);
    await addVersionFiles(tx, doc.id, version, input.fileIds, input.attachmentIds);
    await addOutgoingEvent(tx, actor, doc.id, { kind: "created", text: input.versionNote, version, payload: { replyToId: target.reply?.id ?? null } });
    await gatherDocument(tx, actor, { kind: "outgoing", id: doc.id, agencyId: actor.agencyId, fileCode: input.fileCode, year: vietnamYear(doc.createdAt) });
    return { data: { id: doc.id }, audit: audit(doc.id, { replyToId: target.reply?.id ?? null, files: input.fileIds.length, attachments: input.attachmentIds.length }) };
  },
  revalidate: PATHS,
});

/** The drafter changes the draft while it is with them; new files make a new version, the old ones stay. */
export const reviseDraft = defineAction({
  name: "outgoing.revise",
  schema: reviseDraftSchema,
  verb: "outgoing.draft",
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: ({ actor, target }) => isDrafter(actor, target),
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, draftIds(input));
    if (!EDITABLE_STATES.includes(target.status)) throw conflict("Dự thảo đang được xem xét, chỉ sửa được khi còn ở người soạn thảo hoặc bị trả lại.");
    // Độ mật changes only through its own step (lib/outgoing/secrecy.ts); the stored value is kept.
    if (input.secrecy !== undefined && input.secrecy !== target.secrecy) throw invalid({ secrecy: [EDIT_SECRECY_MESSAGE] }, EDIT_SECRECY_MESSAGE);
    if (keepsNoFile(target) && input.fileIds.length) throw invalid({ fileIds: [noFileMessage(target)] }, noFileMessage(target));
    await loadSigner(tx, actor.agencyId, input.signerId);
    await checkFiles(tx, actor.agencyId, input.fileIds, DRAFT_MIMES);
    await checkAttachments(tx, input.attachmentIds);
    const recipients = await resolveOutgoingRecipients(tx, actor.agencyId, input.recipients, keepsNoFile(target));
    const version = input.fileIds.length ? target.version + 1 : target.version;
    await touch(tx, target.id, {
      docType: input.docType, subject: input.subject, urgency: input.urgency, signerId: input.signerId,
      authority: input.authority, replyDeadline: input.replyDeadline, note: input.note, fileCode: input.fileCode, version,
    });
    await replaceRecipients(tx, target.id, recipients);
    await addVersionFiles(tx, target.id, version, input.fileIds, input.attachmentIds);
    await addOutgoingEvent(tx, actor, target.id, { kind: "revised", text: input.versionNote, version, payload: { newVersion: version !== target.version } });
    await gatherDocument(tx, actor, { kind: "outgoing", id: target.id, agencyId: target.agencyId, fileCode: input.fileCode, year: vietnamYear(target.createdAt) });
    return { data: { id: target.id, version }, audit: audit(target.id, { version }) };
  },
  revalidate: PATHS,
});

/** Trình duyệt: to the heads of the drafting unit (first time and after a return). */
export const submitDraft = defineAction({
  name: "outgoing.submit",
  schema: idSchema,
  verb: "outgoing.draft",
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: ({ actor, target }) => isDrafter(actor, target),
  run: async ({ actor, tx, target }) => {
    const status = assertTransition(outgoingMachine, target.status, "submit");
    const required = (await checksOf(tx, target)).filter((c) => (c.key === "required" || c.key === "recipients") && !c.ok);
    if (required.length) throw conflict(`Chưa trình được: ${required.map((c) => c.detail).join(" ")}`);
    await touch(tx, target.id, { status });
    const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, target.draftingUnitId));
    await addOutgoingEvent(tx, actor, target.id, { kind: "submitted", toText: `Lãnh đạo ${unit?.name ?? "đơn vị"}`, version: target.version });
    await notifyMovedOn(tx, actor, { ...target, status });
    return { data: undefined, audit: audit(target.id, { version: target.version }) };
  },
  revalidate: PATHS,
});

type Doc = Parameters<typeof reviewsAt>[1];
const at = (stage: ReviewStage) => ({ actor, target }: { actor: Actor; target: Doc }) => reviewsAt(actor, target, stage);
const anyReviewer = ({ actor, target }: { actor: Actor; target: Doc }) => isReviewer(actor, target);

/** Return and Lấy ý kiến belong to the reviewer of the stage the draft is at now. */
function assertMyStage(actor: Actor, doc: Doc) {
  if (isReviewStage(doc.status) && !isStageReviewer(actor, doc)) throw conflict("Dự thảo đang chờ người khác xem xét ở bước này.");
}

/** Duyệt (content): a head of the drafting unit passes it to the Chánh Văn phòng. */
export const approveDraft = defineAction({
  name: "outgoing.approve",
  schema: approveSchema,
  verb: "outgoing.approve",
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: at("awaiting_review"),
  run: async ({ actor, input, tx, target }) => {
    const status = assertTransition(outgoingMachine, target.status, "approve");
    await touch(tx, target.id, { status });
    await addOutgoingEvent(tx, actor, target.id, { kind: "approved", toText: "Chánh Văn phòng (kiểm tra thể thức)", text: input.comment, version: target.version });
    await notifyMovedOn(tx, actor, { ...target, status });
    return { data: undefined, audit: audit(target.id, { version: target.version }) };
  },
  revalidate: PATHS,
});

/** Duyệt (legality and format): every system check passes and the checker confirms the rest. */
export const checkDraft = defineAction({
  name: "outgoing.check",
  schema: checkSchema,
  verb: "outgoing.check",
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: at("awaiting_check"),
  run: async ({ actor, input, tx, target }) => {
    const status = assertTransition(outgoingMachine, target.status, "check");
    const checks = await checksOf(tx, target);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length) throw conflict(`Chưa đạt: ${failed.map((c) => `${c.label}: ${c.detail}`).join(" ")} Hãy trả lại để người soạn thảo sửa.`);
    await touch(tx, target.id, { status });
    const [signer] = await tx.select({ fullName: users.fullName }).from(users).where(eq(users.id, target.signerId));
    await addOutgoingEvent(tx, actor, target.id, {
      kind: "checked", toText: signer?.fullName ?? "", text: input.comment, version: target.version,
      payload: { checks: checks.map((c) => c.key), legal: input.legal, format: input.format },
    });
    await notifyMovedOn(tx, actor, { ...target, status });
    return { data: undefined, audit: audit(target.id, { version: target.version }) };
  },
  revalidate: PATHS,
});

/**
 * Ký duyệt: the proposed signer, or a delegate covered today for this type (lib/delegations
 * canSignDocument), approves and signs; the draft goes to the clerk's queue. A delegate signing in
 * place of the proposed signer becomes the signer, in the form of their delegation.
 */
export const signDraft = defineAction({
  name: "outgoing.sign",
  schema: approveSchema,
  // Who signs is decided from the row and the delegations in force, not by a position alone (TL./TUQ. are unit heads).
  verb: null,
  load: async ({ actor, input, tx }) => {
    const doc = await lockOutgoing(tx, input.id);
    const decision = doc.agencyId === actor.agencyId && doc.status === "awaiting_signature" ? await canSignDocument(actor, doc, { db: tx }) : null;
    return { doc, decision };
  },
  authorize: ({ actor, target }) => target.doc.agencyId === actor.agencyId && (target.doc.signerId === actor.userId || target.decision?.ok === true),
  run: async ({ actor, input, tx, target }) => {
    const { doc, decision } = target;
    const status = assertTransition(outgoingMachine, doc.status, "sign");
    if (!decision?.ok) throw conflict(decision?.reason ?? "Bạn không ký được văn bản này.");
    const signed = decision.onBehalf ? { ...doc, signerId: actor.userId, authority: decision.authority } : doc;
    await touch(tx, doc.id, { status, signedAt: new Date(), signerId: signed.signerId, authority: signed.authority, signerLine: await signerLineOf(tx, signed) });
    await addOutgoingEvent(tx, actor, doc.id, {
      kind: "signed", toText: "Văn thư", text: input.comment, version: doc.version,
      payload: decision.delegation ? { delegationId: decision.delegation.id, form: decision.delegation.form, onBehalf: decision.onBehalf } : undefined,
    });
    await notifyMovedOn(tx, actor, { ...signed, status });
    return { data: undefined, audit: audit(doc.id, { version: doc.version, delegationId: decision.delegation?.id ?? null, onBehalf: decision.onBehalf }) };
  },
  revalidate: PATHS,
});

/** Trả lại: the reviewer of the current stage sends the draft back to the drafter with comments. */
export const returnDraft = defineAction({
  name: "outgoing.return",
  schema: returnDraftSchema,
  verb: null,
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: anyReviewer,
  run: async ({ actor, input, tx, target }) => {
    assertMyStage(actor, target);
    // Outside a review stage the machine refuses it with the state's name.
    const status = assertTransition(outgoingMachine, target.status, isReviewStage(target.status) ? REVIEW_STAGES[target.status] : "returnReview");
    await touch(tx, target.id, { status });
    await addOutgoingEvent(tx, actor, target.id, { kind: "returned", toText: "Người soạn thảo", text: input.comment, version: target.version, payload: { stage: target.status } });
    // The stage's reviewers are no longer waited on; the drafter is told (home page notice, the bell and e-mail).
    const href = outgoingHref(target.id);
    await retireWaiting(tx, href);
    await notify(tx, [target.drafterId], `Dự thảo ${draftLabel(target)} bị trả lại (${actor.fullName}): ${input.comment}`, href, "returned");
    return { data: undefined, audit: audit(target.id, { stage: target.status }) };
  },
  revalidate: PATHS,
});

/** Lấy ý kiến: the reviewer of the current stage asks other units; the draft stays where it is. */
export const consultUnits = defineAction({
  name: "outgoing.consult",
  idempotent: true,
  schema: consultSchema,
  verb: null,
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: anyReviewer,
  run: async ({ actor, input, tx, target }) => {
    assertMyStage(actor, target);
    if (!isReviewStage(target.status)) throw conflict("Chỉ lấy ý kiến khi dự thảo đang được xem xét.");
    await assertUsable(tx, actor, { unitIds: ["unit", input.unitIds, "Đơn vị được xin ý kiến không hợp lệ."] });
    const rows = await tx.select({ id: units.id, name: units.name }).from(units).where(and(inArray(units.id, input.unitIds), eq(units.agencyId, target.agencyId), eq(units.active, true)));
    if (rows.length !== new Set(input.unitIds).size || rows.some((u) => u.id === target.draftingUnitId)) {
      throw invalid({ unitIds: ["Đơn vị được xin ý kiến không hợp lệ."] });
    }
    await tx.insert(outgoingConsultations).values(
      rows.map((u) => ({ documentId: target.id, unitId: u.id, requestedBy: actor.userId, request: input.request, deadline: input.deadline, version: target.version })),
    );
    await addOutgoingEvent(tx, actor, target.id, { kind: "consulted", toText: rows.map((u) => u.name).join("; "), text: input.request, version: target.version });
    await notifyConsulted(tx, actor, target, rows.map((u) => u.id), input.request, input.deadline);
    return { data: undefined, audit: audit(target.id, { units: rows.length }) };
  },
  revalidate: PATHS,
});

/** A head of a consulted unit answers; the comment is attached to the draft and its trail. */
export const answerConsultation = defineAction({
  name: "outgoing.answer",
  schema: answerSchema,
  verb: "outgoing.approve",
  load: async ({ input, tx }) => {
    const [c] = await tx.select().from(outgoingConsultations).where(eq(outgoingConsultations.id, input.consultationId)).for("update");
    if (!c) throw notFound();
    return { consultation: c, doc: await lockOutgoing(tx, c.documentId) };
  },
  authorize: ({ actor, target }) => answersFor(actor, target.doc, target.consultation.unitId),
  run: async ({ actor, input, tx, target }) => {
    const { consultation, doc } = target;
    if (consultation.status === "answered") throw conflict("Đơn vị đã gửi ý kiến góp ý cho dự thảo này.");
    if (doc.status === "issued" || doc.status === "withdrawn") throw conflict("Văn bản đã phát hành, không nhận thêm ý kiến góp ý.");
    await tx
      .update(outgoingConsultations)
      .set({ status: "answered", answer: input.answer, answeredBy: actor.userId, answeredAt: new Date() })
      .where(eq(outgoingConsultations.id, consultation.id));
    const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, consultation.unitId));
    await addOutgoingEvent(tx, actor, doc.id, { kind: "answered", toText: "Người soạn thảo", text: input.answer, version: consultation.version, payload: { unitName: unit?.name ?? "" } });
    await notifyAnswered(tx, actor, doc, consultation.requestedBy, unit?.name ?? "Đơn vị được xin ý kiến", input.answer);
    return { data: undefined, audit: audit(doc.id, { consultationId: consultation.id }) };
  },
  revalidate: PATHS,
});
