import { conflict } from "@/lib/errors";
import { SECRECY_LABELS, type Secrecy } from "./rules";

// Thay đổi độ mật, what both steps share (lib/incoming/secrecy.ts, lib/outgoing/secrecy.ts).

/**
 * What the change says on the trail and in the audit entry. An upgrade of a document that already
 * has files on the system is allowed, and those files are withheld from then on: Luật 29/2018 Điều 5
 * forbids keeping state secrets on a networked system, so refusing the upgrade would leave the
 * document marked "Thường" and its files readable by everyone on its trail, the worse outcome.
 * The links stay as the record of what was there, but the file access rule refuses every file
 * linked to a document that was ever secret (lib/storage/access.ts), the work-file export leaves
 * them out, and nothing new can be attached. The bytes themselves stay in the content-addressed
 * store (a blob may back other rows and is in the backups); erasing them is for the administrator
 * under the agency's incident procedure, and the trail counts the files withheld so they can be found.
 */
export function describeChange(from: Secrecy, to: Secrecy, reason: string, withheld: number) {
  const text = [
    `${SECRECY_LABELS[from]} → ${SECRECY_LABELS[to]}. Lý do: ${reason}`,
    withheld ? `${withheld} tệp đã có trên hệ thống không còn được cung cấp (văn bản mật không lưu tệp trên hệ thống).` : "",
  ].filter(Boolean).join(" ");
  return { text, payload: { from, to, reason, withheldFiles: withheld } };
}

export function assertChange(from: Secrecy, to: Secrecy) {
  if (from === to) throw conflict(`Văn bản đang có độ mật “${SECRECY_LABELS[from]}”; không có gì thay đổi.`);
}
