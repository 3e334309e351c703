import "server-only";
import { and, eq } from "drizzle-orm";
import { incomingDocuments, positions, userPositions, users } from "@/db/schema";
import { defineAction, sameAgency } from "@/lib/actions/define";
import { can } from "@/lib/auth/permissions";
import { isoToDisplay } from "@/lib/dates";
import { conflict, invalid } from "@/lib/errors";
import { notify } from "@/lib/notifications";
import { gatherDocument } from "@/lib/work-files/gather";
import { assertTransition } from "@/lib/workflow/machine";
import { todayInVietnam } from "@/lib/dates";
import { addEvent, lockDocument } from "./access";
import {
  CORRECTABLE, describeChanges, diffRegistration, mayCorrect, mayVoid, PROCESSED_CORRECT_STATES, type CorrectableField, type FieldValue,
} from "./correction-rules";
import { incomingMachine } from "./machine";
import { correctRegistrationSchema, requestCorrectionSchema, voidRegistrationSchema } from "./schemas";

const PATHS = ["/incoming", "/my-work", "/registers", "/"];

const valuesOf = (row: Record<CorrectableField, FieldValue>) =>
  Object.fromEntries((Object.keys(CORRECTABLE) as CorrectableField[]).map((f) => [f, row[f] ?? null])) as Record<CorrectableField, FieldValue>;

/**
 * Sửa thông tin vào sổ: the văn thư before the leader's assignment, a leader of the agency after it
 * (lib/incoming/correction-rules.ts). The số đến never changes. Every changed field goes on the trail
 * and in the audit entry as old → new; a repeat that changes nothing is refused.
 */
export const correctRegistration = defineAction({
  name: "incoming.correct",
  schema: correctRegistrationSchema,
  verb: "incoming.correct",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    const right = mayCorrect(actor, target);
    if (!right.ok) throw conflict(right.message);
    // NĐ 30/2020 Điều 22: a document is dated before it arrives; its deadline is not before its arrival.
    const arrived = target.arrivalDate ? todayInVietnam(target.arrivalDate) : null;
    if (arrived && input.issuedDate && input.issuedDate > arrived) throw invalid({ issuedDate: [`Ngày văn bản không được sau ngày đến (${isoToDisplay(arrived)}).`] });
    if (arrived && input.dueDate && input.dueDate < arrived) throw invalid({ dueDate: [`Hạn giải quyết không được trước ngày đến (${isoToDisplay(arrived)}).`] });
    const { id: _id, reason, ...after } = input;
    const changes = diffRegistration(valuesOf(target), valuesOf(after));
    if (!changes.length) throw conflict("Không có thông tin nào thay đổi.");
    await tx.update(incomingDocuments).set({ ...after, updatedAt: new Date() }).where(eq(incomingDocuments.id, target.id));
    const text = `${describeChanges(changes)}. Lý do: ${reason}${right.consent ? " (lãnh đạo cơ quan sửa sau khi đã chuyển xử lý)" : ""}`;
    const payload = { changes, reason, consent: right.consent };
    await addEvent(tx, actor, target.id, { kind: "corrected", text, payload });
    if (after.fileCode && after.fileCode !== target.fileCode && target.year) {
      await gatherDocument(tx, actor, { kind: "incoming", id: target.id, agencyId: target.agencyId, fileCode: after.fileCode, year: target.year });
    }
    return { data: { id: target.id, changed: changes.length }, audit: { objectType: "incoming", objectId: target.id, payload } };
  },
  revalidate: PATHS,
});

/**
 * Hủy vào sổ: the document leaves every work list; its số đến stays in the register marked "Đã hủy"
 * with the reason, and is never given again (security.md §3: a mistake becomes a void entry).
 */
export const voidRegistration = defineAction({
  name: "incoming.void",
  schema: voidRegistrationSchema,
  verb: "incoming.void",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    // The machine first: a repeat finds "Đã hủy" and is refused with the state's name.
    const status = assertTransition(incomingMachine, target.status, "void");
    const right = mayVoid(actor, target);
    if (!right.ok) throw conflict(right.message);
    const now = new Date();
    await tx
      .update(incomingDocuments)
      .set({ status, voidedAt: now, voidReason: input.reason, voidedBy: actor.userId, updatedAt: now })
      .where(eq(incomingDocuments.id, target.id));
    const payload = { arrivalNo: target.arrivalNo, year: target.year, from: target.status, reason: input.reason, consent: right.consent };
    await addEvent(tx, actor, target.id, { kind: "voided", text: `Số đến ${target.arrivalNo}/${target.year} giữ trong sổ, đánh dấu "Đã hủy". Lý do: ${input.reason}`, payload });
    return { data: { id: target.id }, audit: { objectType: "incoming", objectId: target.id, payload } };
  },
  revalidate: PATHS,
});

/**
 * Đề nghị lãnh đạo sửa: once the leader has assigned the document, the văn thư asks for the
 * correction or the voiding; the leader who assigned it (or, when none did, every leader of the
 * agency) gets a notice linking to the document, and the request goes on the trail. The leader
 * then makes the change, which is the consent (lib/incoming/correction-rules.ts).
 */
export const requestCorrection = defineAction({
  name: "incoming.requestCorrection",
  idempotent: true,
  schema: requestCorrectionSchema,
  verb: "incoming.correct",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    if (!PROCESSED_CORRECT_STATES.includes(target.status) || target.arrivalNo == null) {
      throw conflict("Chỉ đề nghị lãnh đạo sửa khi văn bản đã được chuyển xử lý; trước đó văn thư tự sửa hoặc hủy vào sổ.");
    }
    if (can(actor, "incoming.amendProcessed")) throw conflict("Bạn có thể tự sửa thông tin vào sổ của văn bản này.");
    const leaders = target.submittedToId
      ? [target.submittedToId]
      : (
          await tx
            .select({ id: users.id })
            .from(users)
            .innerJoin(userPositions, eq(userPositions.userId, users.id))
            .innerJoin(positions, eq(positions.id, userPositions.positionId))
            .where(and(eq(users.agencyId, target.agencyId), eq(users.active, true), eq(positions.kind, "leader")))
        ).map((l) => l.id);
    await notify(tx, leaders, `Văn thư đề nghị sửa thông tin vào sổ của văn bản số đến ${target.arrivalNo}/${target.year}: ${input.text}`, `/incoming/${target.id}`);
    await addEvent(tx, actor, target.id, { kind: "correction_requested", toText: "Lãnh đạo cơ quan", text: input.text, payload: { leaders: leaders.length } });
    return { data: { id: target.id }, audit: { objectType: "incoming", objectId: target.id, payload: { text: input.text, leaders: leaders.length } } };
  },
  revalidate: PATHS,
});
