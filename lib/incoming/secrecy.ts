import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingDocuments, incomingFiles } from "@/db/schema";
import { defineAction, sameAgency } from "@/lib/actions/define";
import { conflict } from "@/lib/errors";
import { assertChange, describeChange } from "@/lib/secrecy/change";
import { INCOMING_SECRECY_STATES } from "@/lib/secrecy/rules";
import { changeSecrecySchema } from "@/lib/secrecy/schemas";
import { addEvent, lockDocument } from "./access";
import { STATUS_LABELS } from "./labels";

async function incomingFileCount(tx: Tx, doc: { id: string; mainFileId: string | null }) {
  const rows = await tx.select({ id: incomingFiles.fileId }).from(incomingFiles).where(eq(incomingFiles.documentId, doc.id));
  return new Set([...rows.map((r) => r.id), ...(doc.mainFileId ? [doc.mainFileId] : [])]).size;
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
    // Files kept before an upgrade are withheld (see describeChange); a downgrade never brings them back.
    const withheld = !target.wasSecret && input.secrecy !== "normal" ? await incomingFileCount(tx, target) : 0;
    const change = describeChange(target.secrecy, input.secrecy, input.reason, withheld);
    await tx.update(incomingDocuments).set({ secrecy: input.secrecy, updatedAt: new Date() }).where(eq(incomingDocuments.id, target.id));
    await addEvent(tx, actor, target.id, { kind: "secrecy_changed", text: change.text, payload: change.payload });
    return { data: { id: target.id }, audit: { objectType: "incoming", objectId: target.id, payload: change.payload } };
  },
  revalidate: ["/incoming", "/my-work"],
});
