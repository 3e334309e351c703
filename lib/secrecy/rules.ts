import type { IncomingStatus } from "@/db/schema/incoming";
import type { OutgoingStatus } from "@/db/schema/outgoing";
import { can, type HasPositions } from "@/lib/auth/permissions";

// Độ mật (Luật Bảo vệ bí mật nhà nước 29/2018; security.md §5 row 16). Changing it is a step of its
// own (lib/incoming/secrecy.ts, lib/outgoing/secrecy.ts), by the agency's leadership or its văn thư, with a reason, written on
// the document's trail and in the audit entry with old → new; no other step changes it.

export type Secrecy = "normal" | "confidential" | "secret" | "top_secret";

export const SECRECY_LABELS = { normal: "Thường", confidential: "Mật", secret: "Tối mật", top_secret: "Tuyệt mật" } as const;

/**
 * A document that is or ever was classified keeps no file on this networked system (Luật 29/2018
 * Điều 5), even after a downgrade: no upload, attachment or new version, and the files it had before
 * an upgrade are never served again (lib/access/files.ts). `wasSecret` is kept by a database trigger.
 */
export const keepsNoFile = (doc: { secrecy: string; wasSecret: boolean }) => doc.secrecy !== "normal" || doc.wasSecret;

const EVER_SECRET_MESSAGE =
  "Văn bản đã từng là văn bản mật: không lưu tệp trên hệ thống, kể cả sau khi giảm mật (Luật Bảo vệ bí mật nhà nước, Điều 5); chỉ lập thông tin, xử lý bản giấy.";

/** Why a file is refused: the step's own words for a secret document, the rule's for one that was secret. */
export const noFileMessage = (doc: { secrecy: string }, whenSecret = "Văn bản mật không tải tệp lên hệ thống.") =>
  doc.secrecy !== "normal" ? whenSecret : EVER_SECRET_MESSAGE;

export const EDIT_SECRECY_MESSAGE =
  "Không sửa độ mật ở đây. Thay đổi độ mật là một bước riêng: lãnh đạo hoặc văn thư dùng “Thay đổi độ mật” trên trang văn bản, có ghi lý do.";

/** Incoming: any state but returned to the sender or withdrawn (nothing is handled there any more). */
export const INCOMING_SECRECY_STATES: readonly IncomingStatus[] = [
  "awaiting_reception", "registered", "awaiting_instruction", "in_progress", "done",
];

/**
 * Outgoing: until it is issued. Issuing takes the số đi from the register of the document's series
 * (secret documents are numbered apart, NĐ 30/2020 Điều 15) and the marking is on the signed paper;
 * after that a change of classification is a decision of its own (Luật 29/2018 Điều 20: điều chỉnh
 * độ mật by whoever classified it), issued as another document, not an edit of this one.
 */
export const OUTGOING_SECRECY_STATES: readonly OutgoingStatus[] = [
  "draft", "awaiting_review", "awaiting_check", "awaiting_signature", "awaiting_issue", "returned",
];

/** Whether the screen offers "Thay đổi độ mật" (the action checks the same from the row). */
export function mayChangeSecrecy(
  actor: HasPositions & { agencyId: string },
  kind: "incoming" | "outgoing",
  doc: { agencyId: string; status: string },
): boolean {
  const states: readonly string[] = kind === "incoming" ? INCOMING_SECRECY_STATES : OUTGOING_SECRECY_STATES;
  return doc.agencyId === actor.agencyId && can(actor, "documents.classify") && states.includes(doc.status);
}
