/**
 * The sending side of `npm run bench:exchange` (tests/bench/exchange.ts), run with an installation's
 * database environment (DATA_DIR, and DATABASE_URL on PostgreSQL):
 *
 *   … tests/bench/exchange-prepare.ts drafts ORGAN_SELF ORGAN_PARTNER COUNT PDF_BYTES TAG
 *       COUNT Công văn to the partner (electronic), each through the real chain (drafted, approved,
 *       checked, signed) and left ready for the clerk's Phát hành; the final PDF (PDF_BYTES, a valid
 *       PDF padded to size) is uploaded by the clerk. Prints [{id, fileId}] as JSON.
 *   … tests/bench/exchange-prepare.ts issue ORGAN_SELF FILE.json
 *       Phát hành (outgoing.issue, the real action, as the clerk) of each draft in FILE.json, one after
 *       the other: the issue's transaction queues the edXML message (lib/exchange/outbox.ts); the server's
 *       job runner builds, signs and sends it. Prints {issued, ms} as JSON.
 *
 * On PGlite the server must be stopped (one process per directory); on PostgreSQL it may run.
 */
import fs from "node:fs";
import { approveDraft, checkDraft, createDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { issueDocument } from "@/lib/outgoing/issue";
import { loadActor } from "@/lib/auth/actor";
import { saveUpload } from "@/lib/storage/store";
import path from "node:path";
import { actorsOn } from "../exchange/act";
import { paddedPdf } from "./exchange-pdf";

// The people of each demo agency along the outgoing chain (lib/seed/demo-data.ts).
const PEOPLE: Record<string, { drafter: string; head: string; checker: string; signer: string; clerk: string }> = {
  "000.00.12.H08": { drafter: "cv.tcbc1", head: "tp.tcbc", checker: "chanhvp", signer: "giamdoc", clerk: "vanthu" },
  "000.00.12.H09": { drafter: "cv.ns1", head: "tp.ns", checker: "chanhvp", signer: "giamdoc", clerk: "vanthu" },
};
const META = { ip: "127.0.0.1", userAgent: "bench-exchange" };

const [mode, organSelf, ...rest] = process.argv.slice(2);
const people = PEOPLE[organSelf];
if (!people || (mode !== "drafts" && mode !== "issue")) {
  console.error("usage: exchange-prepare.ts drafts|issue ORGAN_SELF …");
  process.exit(2);
}
const a = await actorsOn(
  process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, organId: organSelf } : { dataDir: path.join(process.env.DATA_DIR!, "pglite"), organId: organSelf },
);
try {
  if (mode === "drafts") {
    const [organPartner, countText, bytesText, tag] = rest;
    const count = Number(countText);
    const bytes = Number(bytesText);
    const partner = await a.partner(organPartner);
    const signerId = await a.user(people.signer);
    const clerk = await loadActor(a.db, await a.user(people.clerk));
    const out: { id: string; fileId: string }[] = [];
    const draftFile = await a.pdf(people.drafter, "du-thao.pdf", "DỰ THẢO: văn bản đo hiệu năng liên thông");
    for (let i = 0; i < count; i++) {
      const subject = `Về việc đo hiệu năng liên thông, văn bản số ${i + 1} (${tag})`;
      const { id } = await a.act(createDraft, people.drafter, {
        docType: "Công văn", subject, urgency: "normal", secrecy: "normal", signerId, authority: "direct",
        replyDeadline: "", note: "", fileCode: "", fileIds: [draftFile], versionNote: "Dự thảo lần 1",
        recipients: [{ kind: "agency", targetId: partner, name: "" }], replyToId: null, unitId: null,
      });
      await a.act(submitDraft, people.drafter, { id });
      await a.act(approveDraft, people.head, { id, comment: "" });
      await a.act(checkDraft, people.checker, { id, comment: "", legal: true, format: true });
      await a.act(signDraft, people.signer, { id, comment: "" });
      const body = paddedPdf(subject, bytes);
      const saved = await saveUpload(a.db, clerk!, META, { name: `van-ban-${i + 1}.pdf`, body: (async function* () { yield new Uint8Array(body); })() });
      out.push({ id, fileId: saved.id });
      if ((i + 1) % 100 === 0) console.error(`[prepare] ${i + 1}/${count} drafts`);
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    const list = JSON.parse(fs.readFileSync(rest[0], "utf8")) as { id: string; fileId: string }[];
    const t0 = Date.now();
    for (const d of list) {
      await a.act(issueDocument, people.clerk, { id: d.id, registerId: null, fileId: d.fileId, pageCount: 1, issuedAmount: 1 });
    }
    process.stdout.write(`${JSON.stringify({ issued: list.length, ms: Date.now() - t0 })}\n`);
  }
} finally {
  await a.close();
}
process.exit(0);
