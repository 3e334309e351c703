import "server-only";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { formatDate } from "@/lib/format";
import { ROLE_LABELS } from "@/lib/incoming/labels";
import { notify } from "@/lib/notifications";
import { unitHeadIds } from "@/lib/org/heads";
import { incomingNoticeLabel } from "./notice-label";

/**
 * The bell's "Được giao xử lý": each new part's holder (a person, or the heads of a unit) is told, in the
 * step's transaction. Each notice names its part, so when one of a unit's heads takes the part up, the
 * others' notices of it are read (lib/notifications/seen.ts retireTakenParts).
 */
export async function notifyAssigned(
  tx: Tx,
  actor: Actor,
  doc: { id: string; symbol: string; subject: string; arrivalNo: number | null; year: number | null },
  parts: readonly { id: string; role: keyof typeof ROLE_LABELS; unitId: string | null; userId: string | null; deadline: string | null }[],
) {
  const label = incomingNoticeLabel(doc);
  for (const p of parts) {
    const who = p.userId ? [p.userId] : p.unitId ? await unitHeadIds(tx, [p.unitId]) : [];
    const due = p.deadline && p.role !== "info" ? `, hạn ${formatDate(p.deadline)}` : "";
    const text = `${actor.fullName} giao văn bản ${label} (${ROLE_LABELS[p.role]}${due}).`;
    await notify(tx, who.filter((id) => id !== actor.userId), text, `/incoming/${doc.id}`, "assigned", { subjectId: p.id });
  }
}

/** Each recipient with the id of the part inserted for it (a step names a unit or a person once). */
export function withPartIds<R extends { unitId: string | null; userId: string | null }>(
  recipients: readonly R[],
  parts: readonly { id: string; unitId: string | null; userId: string | null }[],
): (R & { id: string })[] {
  return recipients.map((r) => {
    const part = parts.find((p) => p.unitId === r.unitId && p.userId === r.userId);
    if (!part) throw new Error("A new part was not inserted.");
    return { ...r, id: part.id };
  });
}
