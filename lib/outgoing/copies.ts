import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { getDb, type Db } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { agencies, outgoingCopies, outgoingDocuments, users } from "@/db/schema";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { conflict, invalid, notFound } from "@/lib/errors";
import { keepsNoFile } from "@/lib/secrecy/rules";
import { isoVietnam, pageSize, signWithAgencyKey, topRightRect } from "@/lib/signatures/agency-sign";
import { readStoredFile, storeGeneratedPdf } from "@/lib/signatures/stored-pdf";
import { verifyPdf } from "@/lib/signatures/verify";
import { agencySignerFor, trustAnchorsOf } from "./agency-seal";
import { COPY_KINDS, COPY_LABELS, copySchema, parsePages } from "./copy-schema";
import { addOutgoingEvent } from "./drafts";

// Bản sao điện tử (NĐ 30/2020 Điều 25–27, Phụ lục I §8): the Văn thư makes a Sao y, Sao lục or Trích
// sao of an issued document that carries valid signatures; the system adds the copy marking and the
// agency signature at the top right of page 1, no image (the form of copy, the copying agency, the
// signing time in ISO 8601). Sao y / Sao lục keep the original and its signatures (an incremental
// update); a Trích sao takes the chosen pages into a new PDF, then signs it.

const NOT_COPYABLE = "Chỉ sao được văn bản đã phát hành có chữ ký số hợp lệ.";

export const makeCopy = defineAction({
  name: "outgoing.copy",
  schema: copySchema,
  verb: "outgoing.issue",
  idempotent: true,
  load: async ({ input, tx }) => {
    const [doc] = await tx.select().from(outgoingDocuments).where(eq(outgoingDocuments.id, input.id));
    if (!doc) throw notFound();
    return doc;
  },
  authorize: ({ actor, target }) => target.agencyId === actor.agencyId,
  run: async ({ actor, input, tx, target }) => {
    if (target.status !== "issued" || !target.finalFileId || keepsNoFile(target)) throw conflict(NOT_COPYABLE);
    const now = new Date();
    const original = await readStoredFile(tx, target.agencyId, target.finalFileId);
    const check = await verifyPdf(original.bytes, { trustAnchors: await trustAnchorsOf(tx, target.agencyId), now });
    if (check.verdict !== "valid" || check.signatures.length === 0) throw conflict(NOT_COPYABLE);
    let source = original.bytes;
    if (input.kind === "trich_sao") {
      const { pages: count } = await pageSize(original.bytes, 0);
      const pages = parsePages(input.pages, count);
      if (!pages) throw invalid({ pages: [`Các trang được trích không hợp lệ (văn bản có ${count} trang).`] });
      const from = await PDFDocument.load(original.bytes, { updateMetadata: false });
      const doc = await PDFDocument.create();
      // The original's signature fields do not come along (they sign the original file, not the
      // extract): dropped from the source pages first, so copyPages does not carry their objects.
      for (const i of pages) {
        const page = from.getPage(i);
        const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
        if (!annots) continue;
        const kept = annots.asArray().filter((ref) => {
          const a = from.context.lookup(ref);
          if (!(a instanceof PDFDict)) return true;
          const fieldDict = a.has(PDFName.of("FT")) ? a : a.lookupMaybe(PDFName.of("Parent"), PDFDict);
          return fieldDict?.get(PDFName.of("FT")) !== PDFName.of("Sig");
        });
        page.node.set(PDFName.of("Annots"), from.context.obj(kept));
      }
      for (const p of await doc.copyPages(from, pages)) doc.addPage(p);
      source = await doc.save({ useObjectStreams: false });
    }
    const [agency] = await tx.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, target.agencyId));
    const lines = [COPY_KINDS[input.kind], agency.name, isoVietnam(now)];
    const signer = await agencySignerFor(tx, target.agencyId);
    const { pdf } = await signWithAgencyKey(signer, source, {
      page: 0, rect: topRightRect(await pageSize(source, 0), lines), lines, font: "serif", fontSize: 10,
      reason: `Bản sao điện tử (${COPY_LABELS[input.kind]})`, name: agency.name, fieldName: "ChuKyBanSao", signedAt: now,
    });
    const name = `${COPY_LABELS[input.kind]} ${(target.symbol ?? "").replace(/[\\/]/g, "-")}.pdf`;
    const fileId = await storeGeneratedPdf(tx, target.agencyId, actor.userId, pdf, name);
    const [copy] = await tx.insert(outgoingCopies).values({
      agencyId: target.agencyId, documentId: target.id, kind: input.kind, pages: input.kind === "trich_sao" ? input.pages : null, fileId, createdBy: actor.userId,
    }).returning({ id: outgoingCopies.id });
    await addOutgoingEvent(tx, actor, target.id, { kind: "copied", text: `${COPY_LABELS[input.kind]} điện tử${input.kind === "trich_sao" ? ` (trang ${input.pages})` : ""}`, version: target.version, payload: { copyId: copy.id, fileId } });
    return {
      data: { id: copy.id, fileId },
      audit: { objectType: "outgoing", objectId: target.id, payload: { copyId: copy.id, kind: input.kind, pages: input.pages || null, fileId } },
    };
  },
  revalidate: ["/outgoing"],
});

/** The electronic copies of a document, newest first, for its page (the page shows them to readers of the agency's documents). */
export async function copiesOf(actor: Actor, documentId: string, db?: Db) {
  if (!can(actor, "documents.readAgency")) return [];
  return copyRows(db ?? (await getDb())).execute({ documentId, agency: actor.agencyId });
}

// Made once per database handle (db/named.ts): every view of an issued document reads it.
const copyRows = oncePerHandle((database: Db) =>
  database
    .select({ id: outgoingCopies.id, kind: outgoingCopies.kind, pages: outgoingCopies.pages, fileId: outgoingCopies.fileId, createdAt: outgoingCopies.createdAt, createdBy: users.fullName })
    .from(outgoingCopies)
    .innerJoin(users, eq(users.id, outgoingCopies.createdBy))
    .where(and(eq(outgoingCopies.documentId, sql.placeholder("documentId")), eq(outgoingCopies.agencyId, sql.placeholder("agency"))))
    .orderBy(desc(outgoingCopies.createdAt))
    .prepare("outgoing_doc_copies"),
);
