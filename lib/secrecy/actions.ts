import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingDocuments, incomingFiles, outgoingDocuments, outgoingFiles, outgoingRecipients } from "@/db/schema";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { conflict } from "@/lib/errors";
import { addEvent, lockDocument } from "@/lib/incoming/access";
import { SECRECY_LABELS, STATUS_LABELS } from "@/lib/incoming/labels";
import { lockOutgoing } from "@/lib/outgoing/access";
import { addOutgoingEvent, touch } from "@/lib/outgoing/drafts";
import { OUTGOING_STATUS_LABELS } from "@/lib/outgoing/labels";
import { INCOMING_SECRECY_STATES, OUTGOING_SECRECY_STATES, type Secrecy } from "./rules";
import { changeSecrecySchema } from "./schemas";

const sameAgency = ({ actor, target }: { actor: Actor; target: { agencyId: string } }) => target.agencyId === actor.agencyId;

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
function describe(from: Secrecy, to: Secrecy, reason: string, withheld: number) {
  const text = [
    `${SECRECY_LABELS[from]} → ${SECRECY_LABELS[to]}. Lý do: ${reason}`,
    withheld ? `${withheld} tệp đã có trên hệ thống không còn được cung cấp (văn bản mật không lưu tệp trên hệ thống).` : "",
  ].filter(Boolean).join(" ");
  return { text, payload: { from, to, reason, withheldFiles: withheld } };
}

function assertChange(from: Secrecy, to: Secrecy) {
  if (from === to) throw conflict(`Văn bản đang có độ mật “${SECRECY_LABELS[from]}”; không có gì thay đổi.`);
}

async function incomingFileCount(tx: Tx, doc: { id: string; mainFileId: string | null }) {
  const rows = await tx.select({ id: incomingFiles.fileId }).from(incomingFiles).where(eq(incomingFiles.documentId, doc.id));
  return new Set([...rows.map((r) => r.id), ...(doc.mainFileId ? [doc.mainFileId] : [])]).size;
}

async function outgoingFileCount(tx: Tx, doc: { id: string; finalFileId: string | null }) {
  const rows = await tx.select({ id: outgoingFiles.fileId, issued: outgoingFiles.issuedFileId }).from(outgoingFiles).where(eq(outgoingFiles.documentId, doc.id));
  // The phụ lục signed at Phát hành are files of the document too.
  return new Set([...rows.flatMap((r) => (r.issued ? [r.id, r.issued] : [r.id])), ...(doc.finalFileId ? [doc.finalFileId] : [])]).size;
}

/** Thay đổi độ mật of an incoming document: the leadership or the văn thư, with a reason. */
export const changeIncomingSecrecy = defineAction({
  name: "incoming.changeSecrecy",
  schema: changeSecrecySchema,
  verb: "documents.classify",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    if (!INCOMING_SECRECY_STATES.includes(target.status)) {
      throw conflict(`Văn bản ở trạng thái “${STATUS_LABELS[target.status]}”, không thay đổi độ mật được.`);
    }
    assertChange(target.secrecy, input.secrecy);
    // Files kept before an upgrade are withheld (see describe); a downgrade never brings them back.
    const withheld = !target.wasSecret && input.secrecy !== "normal" ? await incomingFileCount(tx, target) : 0;
    const change = describe(target.secrecy, input.secrecy, input.reason, withheld);
    await tx.update(incomingDocuments).set({ secrecy: input.secrecy, updatedAt: new Date() }).where(eq(incomingDocuments.id, target.id));
    await addEvent(tx, actor, target.id, { kind: "secrecy_changed", text: change.text, payload: change.payload });
    return { data: { id: target.id }, audit: { objectType: "incoming", objectId: target.id, payload: change.payload } };
  },
  revalidate: ["/incoming", "/my-work"],
});

/** Thay đổi độ mật of an outgoing document before it is issued: the leadership or the văn thư, with a reason. */
export const changeOutgoingSecrecy = defineAction({
  name: "outgoing.changeSecrecy",
  schema: changeSecrecySchema,
  verb: "documents.classify",
  load: ({ input, tx }) => lockOutgoing(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    if (!OUTGOING_SECRECY_STATES.includes(target.status)) {
      throw conflict(
        `Văn bản ở trạng thái “${OUTGOING_STATUS_LABELS[target.status]}”: số đi đã lấy theo sổ của độ mật đã ghi, không thay đổi độ mật trên hệ thống. Việc điều chỉnh độ mật văn bản đã ban hành do người có thẩm quyền quyết định bằng văn bản.`,
      );
    }
    assertChange(target.secrecy, input.secrecy);
    const withheld = !target.wasSecret && input.secrecy !== "normal" ? await outgoingFileCount(tx, target) : 0;
    const change = describe(target.secrecy, input.secrecy, input.reason, withheld);
    await touch(tx, target.id, { secrecy: input.secrecy });
    // A document that is or was secret travels only on paper (Luật 29/2018 Điều 5; lib/outgoing/drafts.ts).
    await tx.update(outgoingRecipients).set({ delivery: "paper" }).where(eq(outgoingRecipients.documentId, target.id));
    await addOutgoingEvent(tx, actor, target.id, { kind: "secrecy_changed", text: change.text, version: target.version, payload: change.payload });
    return { data: { id: target.id }, audit: { objectType: "outgoing", objectId: target.id, payload: change.payload } };
  },
  revalidate: ["/outgoing", "/incoming", "/my-work"],
});
