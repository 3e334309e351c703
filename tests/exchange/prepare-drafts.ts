/**
 * Run before installation A's server starts (PGlite is opened by one process at a time):
 *   DATA_DIR=… node --conditions=react-server --import tsx tests/exchange/prepare-drafts.ts ORGAN_A ORGAN_B SUBJECT[!]…
 * For each subject, a Công văn of A's Phòng TCBC to agency B (electronic: B's directory entry has its mã
 * định danh), through the real chain: drafted by cv.tcbc1, approved by tp.tcbc, checked by chanhvp, signed
 * by giamdoc — it then waits for the clerk's Phát hành. A subject ending in "!" is also issued by vanthu
 * here (its message waits in the outbox and leaves when the server starts). A subject ending in "!R" is issued,
 * and a replacement of it (Thay thế: outgoing.amend, subject + " (bản thay thế)") is drafted, signed and
 * issued too. Prints [{subject, id, replacementId?}] as JSON.
 */
import { approveDraft, checkDraft, createDraft, reviseDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { amendIssued } from "@/lib/outgoing/amendments";
import { issueDocument } from "@/lib/outgoing/issue";
import path from "node:path";
import { actorsOn } from "./act";

const [organA, organB, ...subjects] = process.argv.slice(2);
const a = await actorsOn({ dataDir: path.join(process.env.DATA_DIR!, "pglite"), organId: organA });
const out: { subject: string; id: string; issued: boolean; replacementId?: string }[] = [];
try {
  const partnerB = await a.partner(organB);
  const chain = async (id: string) => {
    await a.act(submitDraft, "cv.tcbc1", { id });
    await a.act(approveDraft, "tp.tcbc", { id, comment: "" });
    await a.act(checkDraft, "chanhvp", { id, comment: "", legal: true, format: true });
    await a.act(signDraft, "giamdoc", { id, comment: "" });
  };
  const issueIt = async (id: string, subject: string) => {
    const fileId = await a.pdf("vanthu", "van-ban-phat-hanh.pdf", subject);
    await a.act(issueDocument, "vanthu", { id, registerId: null, fileId, pageCount: 1, issuedAmount: 1 });
  };
  for (const raw of subjects) {
    const replace = raw.endsWith("!R");
    const issue = replace || raw.endsWith("!");
    const subject = replace ? raw.slice(0, -2) : issue ? raw.slice(0, -1) : raw;
    const file = await a.pdf("cv.tcbc1", "du-thao.pdf", `DỰ THẢO: ${subject}`);
    const { id } = await a.act(createDraft, "cv.tcbc1", {
      docType: "Công văn", subject, urgency: "normal", secrecy: "normal", signerId: await a.user("giamdoc"), authority: "direct",
      replyDeadline: "", note: "", fileCode: "", fileIds: [file], versionNote: "Dự thảo lần 1",
      recipients: [{ kind: "agency", targetId: partnerB, name: "" }], replyToId: null, unitId: null,
    });
    await chain(id);
    if (issue) await issueIt(id, subject);
    let replacementId: string | undefined;
    if (replace) {
      const amended = await a.act(amendIssued, "cv.tcbc1", { id, kind: "replace" });
      replacementId = amended.id;
      const replacing = `${subject} (bản thay thế)`;
      const file2 = await a.pdf("cv.tcbc1", "du-thao-thay-the.pdf", `DỰ THẢO: ${replacing}`);
      await a.act(reviseDraft, "cv.tcbc1", {
        id: replacementId, docType: "Công văn", subject: replacing, urgency: "normal", signerId: await a.user("giamdoc"), authority: "direct",
        replyDeadline: "", note: "", fileCode: "", fileIds: [file2], versionNote: "Bản thay thế",
        recipients: [{ kind: "agency", targetId: partnerB, name: "" }],
      });
      await chain(replacementId);
      await issueIt(replacementId, replacing);
    }
    out.push({ subject, id, issued: issue, ...(replacementId ? { replacementId } : {}) });
  }
} finally {
  await a.close();
}
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
