import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingAssignments, incomingDocuments, incomingEvents, positions, userPositions, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { unitsWhere } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/errors";
import { loadCalendar } from "@/lib/calendar/load";
import { todayInVietnam } from "@/lib/dates";
import { assignOptions, type AssignScope } from "./options";

/** The document, locked: a repeated or concurrent click waits here, then finds the state moved. */
export async function lockDocument(tx: Tx, id: string) {
  const [doc] = await tx.select().from(incomingDocuments).where(eq(incomingDocuments.id, id)).for("update");
  if (!doc) throw notFound();
  return doc;
}

export async function lockAssignment(tx: Tx, id: string) {
  const [a] = await tx.select().from(incomingAssignments).where(eq(incomingAssignments.id, id)).for("update");
  if (!a) throw notFound();
  const doc = await lockDocument(tx, a.documentId);
  return { assignment: a, doc };
}

export const isSecret = (doc: { secrecy: string }) => doc.secrecy !== "normal";

/** May this person act on this assignment: its own person, or a head of its unit. */
export function actsOn(actor: Actor, a: { userId: string | null; unitId: string | null }) {
  if (a.userId) return a.userId === actor.userId;
  return !!a.unitId && unitsWhere(actor, "incoming.assignUnit").includes(a.unitId);
}

export async function addEvent(
  tx: Tx,
  actor: Actor,
  documentId: string,
  e: { kind: string; toText?: string; text?: string; deadline?: string | null; electronic?: boolean; payload?: Record<string, unknown> },
) {
  await tx.insert(incomingEvents).values({ documentId, actorId: actor.userId, actorName: actor.fullName, ...e });
}

/** A leader of the agency (holds a 'leader' position), active. */
export async function loadLeader(tx: Tx, agencyId: string, userId: string, field = "leaderId") {
  const [l] = await tx
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(eq(users.id, userId), eq(users.agencyId, agencyId), eq(users.active, true), eq(positions.kind, "leader")))
    .limit(1);
  if (!l) throw invalid({ [field]: ["Vui lòng chọn một lãnh đạo của cơ quan."] });
  return l;
}

export interface RecipientInput {
  kind: "unit" | "user";
  targetId: string;
  role: "lead" | "coordinate" | "info";
  deadline: string | null;
  workingDays: number | null;
}

export interface ResolvedRecipient {
  role: "lead" | "coordinate" | "info";
  unitId: string | null;
  userId: string | null;
  name: string;
  deadline: string | null;
}

/**
 * Checks each recipient against the options the form offers (lib/incoming/options.ts assignOptions,
 * read from the database in this transaction): a recipient not offered is refused on its row.
 * Deadlines given as working days become dates; no deadline may be later than `maxDeadline`.
 */
export async function resolveRecipients(
  tx: Tx,
  input: RecipientInput[],
  scope: AssignScope & { maxDeadline?: string | null },
): Promise<ResolvedRecipient[]> {
  const offered = new Map((await assignOptions(scope, tx)).map((o) => [`${o.kind}:${o.id}`, o]));
  const today = todayInVietnam();
  // Working days counted on the agency's calendar (weekends, holidays incl. Tết, the year's swapped days).
  const calendar = input.some((r) => r.workingDays) ? await loadCalendar(scope.agencyId, tx) : null;
  return input.map((r, i) => {
    const field = `recipients.${i}`;
    const option = offered.get(`${r.kind}:${r.targetId}`);
    if (!option) {
      throw invalid({
        [`${field}.targetId`]: [
          r.kind === "unit"
            ? "Đơn vị này không có trong danh sách được giao xử lý. Vui lòng chọn trong danh sách."
            : "Người này không có trong danh sách được giao xử lý. Vui lòng chọn trong danh sách.",
        ],
      });
    }
    const unitId = r.kind === "unit" ? option.id : null;
    const userId = r.kind === "user" ? option.id : null;
    const name = option.name ?? option.label;
    const deadline = r.workingDays && calendar ? calendar.addWorkingDays(today, r.workingDays) : r.deadline;
    if (deadline && deadline < today) throw invalid({ [field]: ["Hạn xử lý không được trước ngày hôm nay."] });
    if (deadline && scope.maxDeadline && deadline > scope.maxDeadline) {
      throw invalid({ [field]: ["Hạn xử lý không được muộn hơn hạn đã được giao."] });
    }
    return { role: r.role, unitId, userId, name, deadline: deadline ?? scope.maxDeadline ?? null };
  });
}
