import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingAssignments, incomingDocuments, units, type Assignment } from "@/db/schema";
import { assertUsable, recipientsSpec } from "@/lib/access/use";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { unitsWhere } from "@/lib/auth/permissions";
import { conflict, invalid } from "@/lib/errors";
import { gatherDocument } from "@/lib/work-files/gather";
import { actsOn, addEvent, lockAssignment, resolveRecipients } from "./access";
import { ROLE_LABELS } from "./labels";
import { cascadeSchema, completeSchema, progressSchema } from "./schemas";

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
    await tx.insert(incomingAssignments).values(
      recipients.map((r) => ({
        documentId: parent.documentId, parentId: parent.id, role: r.role, unitId: r.unitId, userId: r.userId,
        assignedBy: actor.userId, deadline: r.deadline, instruction: input.instruction,
      })),
    );
    await tx.update(incomingAssignments).set({ status: "in_progress" }).where(eq(incomingAssignments.id, parent.id));
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
      await addEvent(tx, actor, target.doc.id, {
        kind, toText: kind === "opinion" ? "Xử lý chính" : "", text: input.text, payload: { assignmentId: target.assignment.id },
      });
      return { data: undefined, audit: { objectType: "incoming", objectId: target.doc.id, payload: { assignmentId: target.assignment.id } } };
    },
    revalidate: PATHS,
  });
}

export const noteProgress = progressStep("incoming.progress", "progress");
export const sendOpinion = progressStep("incoming.opinion", "opinion");

/**
 * Done propagates up the lead chain only: the document is done when its lead is done. A document
 * with no lead (an internal document delivered for information) is done when every top-level part is.
 */
async function closeLeadChain(tx: Tx, actor: Actor, a: Assignment) {
  let current: Assignment | undefined = a;
  while (current?.role === "lead" && current.parentId) {
    const [parent]: Assignment[] = await tx.select().from(incomingAssignments).where(eq(incomingAssignments.id, current.parentId)).for("update");
    if (!parent || parent.role !== "lead" || parent.status === "done") return;
    await tx.update(incomingAssignments).set({ status: "done", result: a.result, doneAt: new Date() }).where(eq(incomingAssignments.id, parent.id));
    current = parent;
  }
  const top = await tx
    .select({ role: incomingAssignments.role, status: incomingAssignments.status })
    .from(incomingAssignments)
    .where(and(eq(incomingAssignments.documentId, a.documentId), isNull(incomingAssignments.parentId)));
  const leadDone = current?.role === "lead" && !current.parentId;
  const allDoneWithoutLead = top.length > 0 && top.every((t) => t.role !== "lead" && t.status === "done");
  if (leadDone || allDoneWithoutLead) {
    await tx.update(incomingDocuments).set({ status: "done", doneAt: new Date(), updatedAt: new Date() }).where(eq(incomingDocuments.id, a.documentId));
    await addEvent(tx, actor, a.documentId, { kind: "document_done" });
  }
}

/** Marks a part done with its result, on the trail, and closes what its being done closes. */
export async function finishAssignment(tx: Tx, actor: Actor, assignment: Assignment, result: string) {
  const done = { ...assignment, status: "done" as const, result };
  await tx.update(incomingAssignments).set({ status: "done", result, doneAt: new Date() }).where(eq(incomingAssignments.id, done.id));
  await addEvent(tx, actor, assignment.documentId, { kind: "done", text: result, payload: { assignmentId: done.id, role: done.role } });
  await closeLeadChain(tx, actor, done);
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
