import "server-only";
import type { Tx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { formatDate } from "@/lib/format";
import { ROLE_LABELS } from "@/lib/incoming/labels";
import { notify } from "@/lib/notifications";
import { unitHeadIds } from "@/lib/org/heads";
import { incomingNoticeLabel } from "./label";

/** The bell's "Được giao xử lý": each new part's holder (a person, or the heads of a unit) is told, in the step's transaction. */
export async function notifyAssigned(
  tx: Tx,
  actor: Actor,
  doc: { id: string; symbol: string; subject: string; arrivalNo: number | null; year: number | null },
  parts: readonly { role: keyof typeof ROLE_LABELS; unitId: string | null; userId: string | null; deadline: string | null }[],
) {
  const label = incomingNoticeLabel(doc);
  for (const p of parts) {
    const who = p.userId ? [p.userId] : p.unitId ? await unitHeadIds(tx, [p.unitId]) : [];
    const due = p.deadline && p.role !== "info" ? `, hạn ${formatDate(p.deadline)}` : "";
    await notify(tx, who.filter((id) => id !== actor.userId), `${actor.fullName} giao văn bản ${label} (${ROLE_LABELS[p.role]}${due}).`, `/incoming/${doc.id}`, "assigned");
  }
}
