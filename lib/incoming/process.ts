import "server-only";
import { notifyAssigned, withPartIds } from "@/lib/incoming/notices";
import { retireTakenParts } from "@/lib/notifications/seen";
import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { unitHeadIds } from "@/lib/org/heads";
import { incomingAssignments, incomingDocuments, units, type Assignment } from "@/db/schema";
import { assertUsable, recipientsSpec } from "@/lib/access/use";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { unitsWhere } from "@/lib/auth/permissions";
import { conflict, invalid } from "@/lib/errors";
import { queueIncomingStatus } from "@/lib/exchange/receiver-status";
import { incomingNoticeLabel } from "@/lib/incoming/notice-label";
import { holdersOfPart } from "@/lib/incoming/part-holders";
import { notify } from "@/lib/notifications";
import { gatherDocument } from "@/lib/work-files/gather";
import { actsOn, addEvent, lockAssignment, resolveRecipients } from "./access";
import { ROLE_LABELS } from "./labels";
import { cascadeSchema, completeSchema, progressSchema, seenSchema } from "./schemas";

const PATHS = ["/incoming", "/my-work"];

async function unitName(tx: Tx, id: string) {
  const [u] = await tx.select({ name: units.name }).from(units).where(eq(units.id, id));
  return u?.name;
}
type Loaded = Awaited<ReturnType<typeof lockAssignment>>;

const mine = ({ actor, target }: { actor: Actor; target: Loaded }) =>
  target.doc.agencyId === actor.agencyId && actsOn(actor, target.assignment);

function assertOpen({ assignment, doc }: Loaded) {
  if (assignment.status === "done") throw conflict("Phần việc này đã hoàn thành.");
  if (doc.status === "withdrawn") throw conflict("Văn bản đã bị thu hồi, không xử lý tiếp.");
  if (doc.status !== "in_progress" && doc.status !== "done") throw conflict("Văn bản chưa được chuyển xử lý.");
}

/**
 * A unit head passes the unit's part on: to its staff, or (an affiliated unit) to one of its
 * divisions, each with a deadline no later than the unit's own (Quy chế 376 Điều 4.1, product.md §2.5).
 */
export const cascadeAssignment = defineAction({
  name: "incoming.cascade",
  idempotent: true,
  schema: cascadeSchema,
  verb: "incoming.assignUnit",
  load: ({ input, tx }) => lockAssignment(tx, input.assignmentId),
  authorize: ({ actor, target }) =>
    target.doc.agencyId === actor.agencyId &&
    !!target.assignment.unitId &&
    unitsWhere(actor, "incoming.assignUnit").includes(target.assignment.unitId),
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, recipientsSpec(input.recipients));
    assertOpen(target);
    const parent = target.assignment;
    const leads = input.recipients.filter((r) => r.role === "lead").length;
    if (parent.role === "lead" ? leads !== 1 : leads !== 0) {
      throw invalid({
        recipients: [parent.role === "lead" ? "Phải chọn đúng một người hoặc đơn vị xử lý chính." : "Đơn vị phối hợp hoặc nhận để biết không giao xử lý chính."],
      });
    }
    const recipients = await resolveRecipients(tx, input.recipients, {
      agencyId: target.doc.agencyId,
      actorId: actor.userId,
      withinUnitId: parent.unitId!,
      maxDeadline: parent.deadline,
    });
    const parts = await tx.insert(incomingAssignments).values(
      recipients.map((r) => ({
        documentId: parent.documentId, parentId: parent.id, role: r.role, unitId: r.unitId, userId: r.userId,
        assignedBy: actor.userId, deadline: r.deadline, instruction: input.instruction,
      })),
    ).returning({ id: incomingAssignments.id, unitId: incomingAssignments.unitId, userId: incomingAssignments.userId });
    await notifyAssigned(tx, actor, target.doc, withPartIds(recipients, parts));
    await tx.update(incomingAssignments).set({ status: "in_progress" }).where(eq(incomingAssignments.id, parent.id));
    await retireTakenParts(tx, parent.documentId);
    const { doc } = target;
    if (doc.year) await gatherDocument(tx, actor, { kind: "incoming", id: doc.id, agencyId: doc.agencyId, fileCode: doc.fileCode, year: doc.year });
    await addEvent(tx, actor, parent.documentId, {
      kind: "cascaded",
      toText: recipients.map((r) => `${r.name} (${ROLE_LABELS[r.role]})`).join("; "),
      text: input.instruction,
      deadline: recipients.find((r) => r.role === "lead")?.deadline ?? recipients[0].deadline,
      payload: { parentId: parent.id, unitName: (await unitName(tx, parent.unitId!)) ?? "" },
    });
    return { data: undefined, audit: { objectType: "incoming", objectId: parent.documentId, payload: { assignmentId: parent.id, recipients: recipients.length } } };
  },
  revalidate: PATHS,
});

/**
 * Cập nhật tiến độ and Gửi ý kiến phối hợp: the part moves to "in progress" with its note, and the
 * trail records it (an opinion is addressed to the lead).
 */
function progressStep(name: string, kind: "progress" | "opinion") {
  return defineAction({
    name,
    idempotent: true,
    schema: progressSchema,
    verb: "incoming.process",
    load: ({ input, tx }) => lockAssignment(tx, input.assignmentId),
    authorize: mine,
    run: async ({ actor, input, tx, target }) => {
      assertOpen(target);
      if (kind === "opinion" && target.assignment.role !== "coordinate") throw conflict("Chỉ phần việc phối hợp mới gửi ý kiến phối hợp.");
      await tx.update(incomingAssignments).set({ status: "in_progress", progress: input.text }).where(eq(incomingAssignments.id, target.assignment.id));
      await retireTakenParts(tx, target.doc.id);
      await addEvent(tx, actor, target.doc.id, {
        kind, toText: kind === "opinion" ? "Xử lý chính" : "", text: input.text, payload: { assignmentId: target.assignment.id },
      });
      // The bell: an opinion goes to whoever holds the lead part (Xin ý kiến phối hợp is answered to them).
      if (kind === "opinion") {
        const [lead] = await tx
          .select({ userId: incomingAssignments.userId, unitId: incomingAssignments.unitId, assignedBy: incomingAssignments.assignedBy })
          .from(incomingAssignments)
          .where(and(eq(incomingAssignments.documentId, target.doc.id), eq(incomingAssignments.role, "lead"), isNull(incomingAssignments.parentId)));
        const to = lead ? (await holdersOfPart(tx, lead)).filter((id) => id !== actor.userId) : [];
        await notify(tx, to, `${actor.fullName} gửi ý kiến phối hợp về văn bản ${incomingNoticeLabel(target.doc)}: ${input.text.slice(0, 300)}`, `/incoming/${target.doc.id}`, "opinion");
      }
      // Liên thông: the lead's first progress tells the sender it is being handled (05, once).
      if (kind === "progress" && target.assignment.role === "lead") await queueIncomingStatus(tx, target.doc.id, "05", { staff: { staff: actor.fullName } });
      return { data: undefined, audit: { objectType: "incoming", objectId: target.doc.id, payload: { assignmentId: target.assignment.id } } };
    },
    revalidate: PATHS,
  });
}

export const noteProgress = progressStep("incoming.progress", "progress");
export const sendOpinion = progressStep("incoming.opinion", "opinion");

/**
 * Done propagates up: a lead part closes its lead parent (the document is done when its lead is);
 * a coordinating unit part closes when everyone it was passed on to (its coordinating parts) is
 * done, so "waiting for opinions" ends when the last opinion is in.
 */
async function closeParents(tx: Tx, a: Assignment, result: string) {
  let current: Assignment = a;
  while (current.parentId) {
    const [parent]: Assignment[] = await tx.select().from(incomingAssignments).where(eq(incomingAssignments.id, current.parentId)).for("update");
    if (!parent || parent.status === "done") return;
    if (parent.role === "lead" ? current.role !== "lead" : parent.role !== "coordinate") return;
    if (parent.role === "coordinate") {
      const open = await tx
        .select({ id: incomingAssignments.id })
        .from(incomingAssignments)
        .where(and(eq(incomingAssignments.parentId, parent.id), ne(incomingAssignments.role, "info"), ne(incomingAssignments.status, "done")));
      if (open.length) return;
    }
    await tx.update(incomingAssignments).set({ status: "done", result, doneAt: new Date() }).where(eq(incomingAssignments.id, parent.id));
    current = { ...parent, status: "done" };
  }
}

/** Those told that a coordinating part was closed with the document: its person, or the heads of a unit that had not passed it on. */
async function holdersOf(tx: Tx, parts: { userId: string | null; unitId: string | null; status: string }[]) {
  const unitIds = parts.filter((p) => !p.userId && p.unitId && p.status === "pending").map((p) => p.unitId!);
  const heads = await unitHeadIds(tx, unitIds);
  return [...parts.map((p) => p.userId).filter((x): x is string => !!x), ...heads];
}

/**
 * The document is done when its lead part is done (or, with no lead — an internal document for
 * information — when every top-level part is). Its open coordinating and for-information parts
 * then close as "Đóng theo văn bản" and the coordinators are told; unless the leader chose "Chờ ý
 * kiến phối hợp": then the document waits until the last coordinating part is done.
 */
export async function settleDocument(tx: Tx, actor: Actor, documentId: string) {
  const [doc] = await tx.select().from(incomingDocuments).where(eq(incomingDocuments.id, documentId)).for("update");
  if (!doc || doc.status !== "in_progress") return;
  const parts = await tx.select().from(incomingAssignments).where(eq(incomingAssignments.documentId, documentId));
  const top = parts.filter((p) => !p.parentId);
  const lead = top.find((p) => p.role === "lead");
  const finished = lead ? lead.status === "done" : top.length > 0 && top.every((p) => p.status === "done");
  if (!finished) return;
  const openCoordinating = parts.filter((p) => p.role === "coordinate" && p.status !== "done");
  if (doc.waitForOpinions && openCoordinating.length) return;
  const closing = parts.filter((p) => p.role !== "lead" && p.status !== "done");
  const now = new Date();
  if (closing.length) {
    await tx
      .update(incomingAssignments)
      .set({ status: "done", closedWithDocument: true, doneAt: now })
      .where(inArray(incomingAssignments.id, closing.map((p) => p.id)));
    await addEvent(tx, actor, documentId, { kind: "parts_closed", text: `Đóng theo văn bản: ${closing.length} phần việc phối hợp, nhận để biết.`, payload: { assignmentIds: closing.map((p) => p.id) } });
  }
  const label = doc.symbol ? `số ${doc.symbol}` : `"${doc.subject.slice(0, 80)}"`;
  await notify(tx, await holdersOf(tx, openCoordinating), `Văn bản ${label} đã hoàn thành: phần việc phối hợp được đóng theo văn bản.`, `/incoming/${documentId}`);
  await tx.update(incomingDocuments).set({ status: "done", doneAt: now, updatedAt: now }).where(eq(incomingDocuments.id, documentId));
  await addEvent(tx, actor, documentId, { kind: "document_done" });
  // Liên thông: the sender learns it is done (06).
  await queueIncomingStatus(tx, documentId, "06", { staff: { staff: actor.fullName } });
}

/** Marks a part done with its result, on the trail, and closes what its being done closes. */
export async function finishAssignment(tx: Tx, actor: Actor, assignment: Assignment, result: string) {
  const done = { ...assignment, status: "done" as const, result };
  await tx.update(incomingAssignments).set({ status: "done", result, doneAt: new Date() }).where(eq(incomingAssignments.id, done.id));
  await addEvent(tx, actor, assignment.documentId, { kind: "done", text: result, payload: { assignmentId: done.id, role: done.role } });
  await closeParents(tx, done, result);
  await settleDocument(tx, actor, assignment.documentId);
  await retireTakenParts(tx, assignment.documentId);
}

export const completeAssignment = defineAction({
  name: "incoming.complete",
  schema: completeSchema,
  verb: "incoming.process",
  load: ({ input, tx }) => lockAssignment(tx, input.assignmentId),
  authorize: mine,
  run: async ({ actor, input, tx, target }) => {
    assertOpen(target);
    await finishAssignment(tx, actor, target.assignment, input.result);
    const { id, role } = target.assignment;
    return { data: undefined, audit: { objectType: "incoming", objectId: target.doc.id, payload: { assignmentId: id, role } } };
  },
  revalidate: PATHS,
});

/**
 * Đã xem: a for-information part is done when its holder has seen the document (one click, or
 * opening the page, which calls this). A repeat is refused and changes nothing.
 */
export const markSeen = defineAction({
  name: "incoming.seen",
  schema: seenSchema,
  verb: "incoming.process",
  load: ({ input, tx }) => lockAssignment(tx, input.assignmentId),
  authorize: mine,
  run: async ({ actor, tx, target }) => {
    const { assignment, doc } = target;
    if (assignment.role !== "info") throw conflict("Chỉ phần việc nhận để biết mới đánh dấu đã xem.");
    if (assignment.status === "done") throw conflict("Phần việc này đã đóng (đã xem).");
    if (!["in_progress", "done", "withdrawn"].includes(doc.status)) throw conflict("Văn bản chưa được chuyển xử lý.");
    await tx.update(incomingAssignments).set({ status: "done", result: "Đã xem", doneAt: new Date() }).where(eq(incomingAssignments.id, assignment.id));
    await addEvent(tx, actor, doc.id, { kind: "seen", payload: { assignmentId: assignment.id } });
    // An internal document delivered only for information is done when everyone has seen it.
    await settleDocument(tx, actor, doc.id);
    await retireTakenParts(tx, doc.id);
    return { data: undefined, audit: { objectType: "incoming", objectId: doc.id, payload: { assignmentId: assignment.id } } };
  },
  revalidate: PATHS,
});
