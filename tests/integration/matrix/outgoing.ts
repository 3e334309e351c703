import { eq } from "drizzle-orm";
import { changeOutgoingSecrecy } from "@/lib/outgoing/secrecy";
import { expect } from "vitest";
import { agencyDirectory, outgoingConsultations, registers } from "@/db/schema";
import { canReadFile } from "@/lib/access/files";
import { loadActor } from "@/lib/auth/actor";
import {
  answerConsultation, approveDraft, checkDraft, consultUnits, createDraft, returnDraft, reviseDraft, signDraft, submitDraft,
} from "@/lib/outgoing/actions";
import { issueDocument, withdrawDocument } from "@/lib/outgoing/issue";
import { amendIssued } from "@/lib/outgoing/amendments";
import { makeCopy } from "@/lib/outgoing/copies";
import { requestRecall } from "@/lib/exchange/recall";
import { draftInput, MIME } from "../../factories/outgoing";
import { fb, field, na, nf, YEAR, type AreaMatrix, type Matrix, type Side } from "./world";

// Văn bản đi: every step × a position without the right, another agency's draft, and a foreign id
// in each id field. The first row is the hole of issue 10: a draft took any file of the agency, and
// the file then opened to its drafter.

const TARGET_ONLY = "takes no id besides the draft it acts on";

let directorySeq = 0;
async function theirDirectory(m: Matrix) {
  // A mã định danh is unique in an agency's directory (migration 0016): one per call.
  const organId = `000.00.31.H${String(++directorySeq % 100).padStart(2, "0")}`;
  const [d] = await m.db.insert(agencyDirectory).values({ agencyId: m.other.agencyId, name: "Sở Tài chính", organId }).returning({ id: agencyDirectory.id });
  return d.id;
}

/** Each id field of the draft form with a foreign value, the others valid: each must be refused on its own field. */
async function foreignDraftFields(m: Matrix): Promise<{ unreadable: string; cases: [string, Record<string, unknown>][] }> {
  const unreadable = await m.unreadableFile();
  const theirPdf = await m.file(m.them, MIME.pdf);
  return {
    unreadable,
    cases: [
      ["fileIds", { fileIds: [unreadable] }],
      ["fileIds", { fileIds: [await m.file(m.them)] }],
      // A phụ lục is one of the files: another agency's file marked as one is refused on its own field too.
      ["attachmentIds", { fileIds: [await m.file(), theirPdf], attachmentIds: [theirPdf] }],
      ["signerId", { signerId: m.other.people.leader.id }],
      ["recipients.0", { recipients: [{ kind: "unit", targetId: m.other.divisionId }] }],
      ["recipients.0", { recipients: [{ kind: "user", targetId: m.other.people.staff.id }] }],
      ["recipients.0", { recipients: [{ kind: "agency", targetId: await theirDirectory(m) }] }],
    ],
  };
}

/** Refused, the clerk's file stays closed to the staff member: no draft of theirs carries it. */
async function stillClosed(m: Matrix, fileId: string) {
  expect(await canReadFile(m.db, (await loadActor(m.db, m.w.people.staff.id))!, fileId)).toBe(false);
}

const input = (s: Side, over: Record<string, unknown> = {}) => draftInput(s.w.people.leader.id, over);

async function consultation(m: Matrix, s: Side) {
  const id = await m.draftAt("awaiting_review", s);
  await m.ok(consultUnits, s.w.people.unit_head.id, { id, unitIds: [s.xdcq.id], request: "Góp ý giúp." });
  const [c] = await m.db.select().from(outgoingConsultations).where(eq(outgoingConsultations.documentId, id));
  return c.id;
}

async function theirRegister(m: Matrix) {
  const [r] = await m.db
    .insert(registers)
    .values({ agencyId: m.other.agencyId, kind: "outgoing", year: YEAR, code: `DI${Math.floor(Math.random() * 1e6)}`, name: "Sổ văn bản đi" })
    .returning({ id: registers.id });
  return r.id;
}

export const outgoingMatrix: AreaMatrix = [
  {
    def: createDraft,
    wrongPosition: (m) => m.refused(createDraft, m.w.people.clerk.id, input(m.us), fb),
    // The row a new draft names is the incoming document it answers.
    foreignRow: async (m) => m.refused(createDraft, m.w.people.staff.id, input(m.us, { replyToId: (await m.assigned(m.them)).id }), field("replyToId")),
    foreignIds: async (m) => {
      const staff = m.w.people.staff.id;
      const { unreadable, cases } = await foreignDraftFields(m);
      for (const [f, over] of cases) await m.refused(createDraft, staff, input(m.us, over), field(f));
      await stillClosed(m, unreadable);
      // An incoming document not on the staff member's trail, and a drafting unit that is not theirs.
      await m.refused(createDraft, staff, input(m.us, { replyToId: await m.registered() }), field("replyToId"));
      await m.refused(createDraft, staff, input(m.us, { unitId: m.other.divisionId }), field("unitId"));
      await m.ok(createDraft, staff, input(m.us, { fileIds: [await m.file()], replyToId: (await m.assigned()).id, unitId: m.w.divisionId }));
    },
  },
  {
    def: reviseDraft,
    wrongPosition: async (m) => m.refused(reviseDraft, m.w.people.clerk.id, { id: await m.draft(), ...input(m.us) }, fb),
    foreignRow: async (m) => m.refused(reviseDraft, m.w.people.staff.id, { id: await m.draft(m.them), ...input(m.us) }, nf),
    foreignIds: async (m) => {
      const id = await m.draft();
      const { unreadable, cases } = await foreignDraftFields(m);
      for (const [f, over] of cases) await m.refused(reviseDraft, m.w.people.staff.id, { id, ...input(m.us, over) }, field(f));
      await stillClosed(m, unreadable);
      await m.ok(reviseDraft, m.w.people.staff.id, { id, ...input(m.us, { fileIds: [await m.file()] }) });
    },
  },
  {
    def: submitDraft,
    wrongPosition: async (m) => m.refused(submitDraft, m.w.people.clerk.id, { id: await m.draft() }, fb),
    foreignRow: async (m) => m.refused(submitDraft, m.w.people.staff.id, { id: await m.draft(m.them) }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: approveDraft,
    wrongPosition: async (m) => m.refused(approveDraft, m.w.people.staff.id, { id: await m.draftAt("awaiting_review") }, fb),
    foreignRow: async (m) => m.refused(approveDraft, m.w.people.unit_head.id, { id: await m.draftAt("awaiting_review", m.them) }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: checkDraft,
    wrongPosition: async (m) => m.refused(checkDraft, m.w.people.staff.id, { id: await m.draftAt("awaiting_check"), legal: true, format: true }, fb),
    foreignRow: async (m) => m.refused(checkDraft, m.w.people.checker.id, { id: await m.draftAt("awaiting_check", m.them), legal: true, format: true }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: signDraft,
    // Anyone may call it (verb null: a TL./TUQ. signer is a unit head); only the proposed signer or a covered delegate passes.
    wrongPosition: async (m) => m.refused(signDraft, m.w.people.staff.id, { id: await m.draftAt("awaiting_signature") }, nf),
    foreignRow: async (m) => m.refused(signDraft, m.w.people.leader.id, { id: await m.draftAt("awaiting_signature", m.them) }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: returnDraft,
    // Anyone may call it (verb null); only a reviewer of the draft passes: the drafter's colleague does not.
    wrongPosition: async (m) => m.refused(returnDraft, m.us.xdcq.staff.id, { id: await m.draftAt("awaiting_review"), comment: "Sửa" }, nf),
    foreignRow: async (m) => m.refused(returnDraft, m.w.people.unit_head.id, { id: await m.draftAt("awaiting_review", m.them), comment: "Sửa" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: consultUnits,
    wrongPosition: async (m) => m.refused(consultUnits, m.us.xdcq.staff.id, { id: await m.draftAt("awaiting_review"), unitIds: [m.us.xdcq.id], request: "Góp ý" }, nf),
    foreignRow: async (m) => m.refused(consultUnits, m.w.people.unit_head.id, { id: await m.draftAt("awaiting_review", m.them), unitIds: [m.us.xdcq.id], request: "Góp ý" }, nf),
    foreignIds: async (m) => {
      const id = await m.draftAt("awaiting_review");
      await m.refused(consultUnits, m.w.people.unit_head.id, { id, unitIds: [m.us.xdcq.id, m.other.divisionId], request: "Góp ý" }, field("unitIds"));
      await m.ok(consultUnits, m.w.people.unit_head.id, { id, unitIds: [m.us.xdcq.id], request: "Góp ý" });
    },
  },
  {
    def: answerConsultation,
    wrongPosition: async (m) => m.refused(answerConsultation, m.us.xdcq.staff.id, { consultationId: await consultation(m, m.us), answer: "Nhất trí" }, fb),
    foreignRow: async (m) => m.refused(answerConsultation, m.us.xdcq.head.id, { consultationId: await consultation(m, m.them), answer: "Nhất trí" }, nf),
    foreignIds: na("takes no id besides the consultation it answers"),
  },
  {
    def: issueDocument,
    wrongPosition: async (m) => m.refused(issueDocument, m.w.people.staff.id, { id: await m.draftAt("awaiting_issue"), fileId: await m.file(m.us, MIME.pdf) }, fb),
    foreignRow: async (m) =>
      m.refused(issueDocument, m.w.people.clerk.id, { id: await m.draftAt("awaiting_issue", m.them), fileId: await m.file(m.us, MIME.pdf, m.w.people.clerk.id) }, nf),
    foreignIds: async (m) => {
      const id = await m.draftAt("awaiting_issue");
      const clerk = m.w.people.clerk.id;
      const pdf = await m.file(m.us, MIME.pdf, clerk);
      await m.refused(issueDocument, clerk, { id, fileId: await m.file(m.them, MIME.pdf, m.other.people.clerk.id) }, field("fileId"));
      await m.refused(issueDocument, clerk, { id, fileId: pdf, registerId: await theirRegister(m) }, field("registerId"));
      await m.ok(issueDocument, clerk, { id, fileId: pdf });
    },
  },
  {
    def: withdrawDocument,
    wrongPosition: async (m) => m.refused(withdrawDocument, m.w.people.staff.id, { id: await m.draftAt("issued"), reason: "Sai sót" }, fb),
    foreignRow: async (m) => m.refused(withdrawDocument, m.w.people.clerk.id, { id: await m.draftAt("issued", m.them), reason: "Sai sót" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    // Bản sao điện tử (issue 14): the right position with a signed document is tested in agency-issue.test.ts.
    def: makeCopy,
    wrongPosition: async (m) => m.refused(makeCopy, m.w.people.staff.id, { id: await m.draftAt("issued"), kind: "sao_y" }, fb),
    foreignRow: async (m) => m.refused(makeCopy, m.w.people.clerk.id, { id: await m.draftAt("issued", m.them), kind: "sao_y" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: amendIssued,
    wrongPosition: async (m) => m.refused(amendIssued, m.w.people.clerk.id, { id: await m.draftAt("issued"), kind: "correct" }, fb),
    foreignRow: async (m) => m.refused(amendIssued, m.w.people.staff.id, { id: await m.draftAt("issued", m.them), kind: "correct" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: requestRecall,
    wrongPosition: async (m) => m.refused(requestRecall, m.w.people.staff.id, { id: await m.draftAt("issued"), purpose: "recall", reason: "Sai sót" }, fb),
    foreignRow: async (m) => m.refused(requestRecall, m.w.people.clerk.id, { id: await m.draftAt("issued", m.them), purpose: "recall", reason: "Sai sót" }, nf),
    // The replacing document: another agency's, and one of ours the caller may not read, refused on its field.
    foreignIds: async (m) => {
      const id = await m.draftAt("issued");
      await m.refused(requestRecall, m.w.people.clerk.id, { id, purpose: "replace", reason: "Thay thế", replacementId: await m.draftAt("issued", m.them) }, field("replacementId"));
      await m.refused(requestRecall, m.w.people.clerk.id, { id, purpose: "replace", reason: "Thay thế", replacementId: "00000000-0000-4000-8000-000000000000" }, field("replacementId"));
    },
  },
  {
    def: changeOutgoingSecrecy,
    wrongPosition: async (m) => m.refused(changeOutgoingSecrecy, m.w.people.staff.id, { id: await m.draft(), secrecy: "confidential", reason: "Nội dung có bí mật nhà nước" }, fb),
    foreignRow: async (m) => m.refused(changeOutgoingSecrecy, m.w.people.leader.id, { id: await m.draft(m.them), secrecy: "confidential", reason: "Nội dung có bí mật nhà nước" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
];
