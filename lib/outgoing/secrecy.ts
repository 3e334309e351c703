import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { outgoingFiles, outgoingRecipients } from "@/db/schema";
import { defineAction, sameAgency } from "@/lib/actions/define";
import { conflict } from "@/lib/errors";
import { assertChange, describeChange } from "@/lib/secrecy/change";
import { OUTGOING_SECRECY_STATES } from "@/lib/secrecy/rules";
import { changeSecrecySchema } from "@/lib/secrecy/schemas";
import { lockOutgoing } from "./access";
import { addOutgoingEvent, touch } from "./drafts";
import { OUTGOING_STATUS_LABELS } from "./labels";

async function outgoingFileCount(tx: Tx, doc: { id: string; finalFileId: string | null }) {
  const rows = await tx.select({ id: outgoingFiles.fileId, issued: outgoingFiles.issuedFileId }).from(outgoingFiles).where(eq(outgoingFiles.documentId, doc.id));
  // The phụ lục signed at Phát hành are files of the document too.
  return new Set([...rows.flatMap((r) => (r.issued ? [r.id, r.issued] : [r.id])), ...(doc.finalFileId ? [doc.finalFileId] : [])]).size;
}

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
    const change = describeChange(target.secrecy, input.secrecy, input.reason, withheld);
    await touch(tx, target.id, { secrecy: input.secrecy });
    // A document that is or was secret travels only on paper (Luật 29/2018 Điều 5; lib/outgoing/drafts.ts).
    await tx.update(outgoingRecipients).set({ delivery: "paper" }).where(eq(outgoingRecipients.documentId, target.id));
    await addOutgoingEvent(tx, actor, target.id, { kind: "secrecy_changed", text: change.text, version: target.version, payload: change.payload });
    return { data: { id: target.id }, audit: { objectType: "outgoing", objectId: target.id, payload: change.payload } };
  },
  revalidate: ["/outgoing", "/incoming", "/my-work"],
});
