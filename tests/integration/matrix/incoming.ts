import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { incomingAssignments, incomingFiles } from "@/db/schema";
import {
  assignDocument, handOverPaper, linkPaperCopy, passToLeader, registerArrival, registerPaper, returnToSender, sendBackToClerk, submitToLeader,
} from "@/lib/incoming/actions";
import { correctRegistration, requestCorrection, voidRegistration } from "@/lib/incoming/corrections";
import { cascadeAssignment, completeAssignment, markSeen, noteProgress, sendOpinion } from "@/lib/incoming/process";
import { changeIncomingSecrecy } from "@/lib/incoming/secrecy";
import { paper } from "../../factories/incoming";
import { exchangeRecvMatrix } from "./exchange-recv";
import { MIME } from "../../factories/outgoing";
import { fb, field, na, nf, type AreaMatrix, type Matrix } from "./world";

// Văn bản đến: every step × a position without the right, another agency's document or part, and
// a foreign id in each id field (files, leaders, recipients).

const TARGET_ONLY = "takes no id besides the document or part it acts on";

/** A document assigned by the leader with the staff member receiving it for information: that part's id. */
async function infoPart(m: Matrix, s = m.us) {
  const id = await m.submitted(s);
  await m.ok(assignDocument, s.w.people.leader.id, {
    id, instruction: "Để biết.",
    recipients: [{ kind: "unit", targetId: s.w.divisionId, role: "lead" }, { kind: "user", targetId: s.w.people.staff.id, role: "info" }],
  });
  const [p] = await m.db.select().from(incomingAssignments).where(and(eq(incomingAssignments.documentId, id), eq(incomingAssignments.role, "info")));
  return p.id;
}

/** A foreign recipient: a unit or a person of the other agency. */
const foreignRecipients = (m: Matrix) => [
  { kind: "unit", targetId: m.other.divisionId, role: "lead" },
  { kind: "user", targetId: m.other.people.staff.id, role: "lead" },
];

export const incomingMatrix: AreaMatrix = [
  {
    def: registerPaper,
    wrongPosition: (m) => m.refused(registerPaper, m.w.people.staff.id, paper(), fb),
    foreignRow: na("creates a new document: it names no existing row but its files, which the foreign-ids case covers"),
    foreignIds: async (m) => {
      const clerk = m.w.people.clerk.id;
      await m.refused(registerPaper, clerk, paper({ fileIds: [await m.file(m.them, MIME.pdf, m.other.people.clerk.id)] }), field("fileIds"));
      await m.ok(registerPaper, clerk, paper({ fileIds: [await m.file(m.us, MIME.pdf, clerk)] }));
    },
  },
  {
    def: linkPaperCopy,
    wrongPosition: async (m) => m.refused(linkPaperCopy, m.w.people.staff.id, { id: await m.registered(), fileIds: [] }, fb),
    foreignRow: async (m) => m.refused(linkPaperCopy, m.w.people.clerk.id, { id: await m.registered(m.them), fileIds: [] }, nf),
    foreignIds: async (m) => {
      const id = await m.registered();
      await m.refused(linkPaperCopy, m.w.people.clerk.id, { id, fileIds: [await m.file(m.them, MIME.pdf, m.other.people.clerk.id)] }, field("fileIds"));
      const mine = await m.file(m.us, MIME.pdf, m.w.people.clerk.id);
      await m.ok(linkPaperCopy, m.w.people.clerk.id, { id, fileIds: [mine] });
      expect((await m.db.select().from(incomingFiles).where(eq(incomingFiles.documentId, id))).map((f) => f.fileId)).toEqual([mine]);
    },
  },
  {
    def: registerArrival,
    wrongPosition: async (m) => m.refused(registerArrival, m.w.people.staff.id, { id: await m.registered() }, fb),
    foreignRow: async (m) => m.refused(registerArrival, m.w.people.clerk.id, { id: await m.registered(m.them) }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: returnToSender,
    wrongPosition: async (m) => m.refused(returnToSender, m.w.people.staff.id, { id: await m.registered(), reason: "Sai địa chỉ" }, fb),
    foreignRow: async (m) => m.refused(returnToSender, m.w.people.clerk.id, { id: await m.registered(m.them), reason: "Sai địa chỉ" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: submitToLeader,
    wrongPosition: async (m) => m.refused(submitToLeader, m.w.people.staff.id, { id: await m.registered(), leaderId: m.w.people.leader.id }, fb),
    foreignRow: async (m) => m.refused(submitToLeader, m.w.people.clerk.id, { id: await m.registered(m.them), leaderId: m.w.people.leader.id }, nf),
    foreignIds: async (m) => {
      const id = await m.registered();
      await m.refused(submitToLeader, m.w.people.clerk.id, { id, leaderId: m.other.people.leader.id }, field("leaderId"));
      await m.ok(submitToLeader, m.w.people.clerk.id, { id, leaderId: m.w.people.leader.id });
    },
  },
  {
    def: assignDocument,
    wrongPosition: async (m) =>
      m.refused(assignDocument, m.w.people.clerk.id, { id: await m.submitted(), instruction: "x", recipients: [{ kind: "unit", targetId: m.w.divisionId, role: "lead" }] }, fb),
    foreignRow: async (m) =>
      m.refused(assignDocument, m.w.people.leader.id, { id: await m.submitted(m.them), instruction: "x", recipients: [{ kind: "unit", targetId: m.w.divisionId, role: "lead" }] }, nf),
    foreignIds: async (m) => {
      const id = await m.submitted();
      for (const r of foreignRecipients(m)) await m.refused(assignDocument, m.w.people.leader.id, { id, instruction: "x", recipients: [r] }, field("recipients.0"));
      await m.ok(assignDocument, m.w.people.leader.id, { id, instruction: "x", recipients: [{ kind: "unit", targetId: m.w.divisionId, role: "lead" }] });
    },
  },
  {
    def: passToLeader,
    wrongPosition: async (m) => m.refused(passToLeader, m.w.people.clerk.id, { id: await m.submitted(), leaderId: m.w.people.leader.id, note: "" }, fb),
    foreignRow: async (m) => m.refused(passToLeader, m.w.people.leader.id, { id: await m.submitted(m.them), leaderId: m.other.people.leader.id, note: "" }, nf),
    foreignIds: (m) => m.submitted().then((id) => m.refused(passToLeader, m.w.people.leader.id, { id, leaderId: m.other.people.leader.id, note: "" }, field("leaderId"))),
  },
  {
    def: sendBackToClerk,
    wrongPosition: async (m) => m.refused(sendBackToClerk, m.w.people.clerk.id, { id: await m.submitted(), reason: "Bổ sung" }, fb),
    foreignRow: async (m) => m.refused(sendBackToClerk, m.w.people.leader.id, { id: await m.submitted(m.them), reason: "Bổ sung" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: handOverPaper,
    wrongPosition: async (m) => m.refused(handOverPaper, m.w.people.staff.id, { id: await m.registered(), handedAt: "2026-01-05", receiver: "Anh A" }, fb),
    foreignRow: async (m) => m.refused(handOverPaper, m.w.people.clerk.id, { id: await m.registered(m.them), handedAt: "2026-01-05", receiver: "Anh A" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: cascadeAssignment,
    wrongPosition: async (m) =>
      m.refused(cascadeAssignment, m.w.people.staff.id, { assignmentId: (await m.assigned()).unitPart, recipients: [{ kind: "user", targetId: m.w.people.staff.id, role: "lead" }] }, fb),
    foreignRow: async (m) =>
      m.refused(cascadeAssignment, m.w.people.unit_head.id, { assignmentId: (await m.assigned(m.them)).unitPart, recipients: [{ kind: "user", targetId: m.w.people.staff.id, role: "lead" }] }, nf),
    foreignIds: async (m) => {
      const { unitPart } = await m.assigned();
      await m.refused(cascadeAssignment, m.w.people.unit_head.id, { assignmentId: unitPart, recipients: [{ kind: "user", targetId: m.other.people.staff.id, role: "lead" }] }, field("recipients.0"));
      await m.ok(cascadeAssignment, m.w.people.unit_head.id, { assignmentId: unitPart, recipients: [{ kind: "user", targetId: m.w.people.staff.id, role: "lead" }] });
    },
  },
  ...([[noteProgress, "Đang xử lý"], [sendOpinion, "Ý kiến phối hợp"]] as const).map(([def, text]) => ({
    def,
    wrongPosition: async (m: Matrix) => m.refused(def, m.w.people.clerk.id, { assignmentId: (await m.assigned()).staffPart, text }, fb),
    foreignRow: async (m: Matrix) => m.refused(def, m.w.people.staff.id, { assignmentId: (await m.assigned(m.them)).staffPart, text }, nf),
    foreignIds: na(TARGET_ONLY),
  })),
  {
    def: completeAssignment,
    wrongPosition: async (m) => m.refused(completeAssignment, m.w.people.clerk.id, { assignmentId: (await m.assigned()).staffPart, result: "Xong" }, fb),
    foreignRow: async (m) => m.refused(completeAssignment, m.w.people.staff.id, { assignmentId: (await m.assigned(m.them)).staffPart, result: "Xong" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: correctRegistration,
    wrongPosition: async (m) => m.refused(correctRegistration, m.w.people.staff.id, { id: await m.registered(), ...paper({ subject: "Trích yếu đã sửa" }), reason: "Nhập sai" }, fb),
    foreignRow: async (m) => m.refused(correctRegistration, m.w.people.clerk.id, { id: await m.registered(m.them), ...paper({ subject: "Trích yếu đã sửa" }), reason: "Nhập sai" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: requestCorrection,
    wrongPosition: async (m) => m.refused(requestCorrection, m.w.people.staff.id, { id: (await m.assigned()).id, text: "Sửa trích yếu" }, fb),
    foreignRow: async (m) => m.refused(requestCorrection, m.w.people.clerk.id, { id: (await m.assigned(m.them)).id, text: "Sửa trích yếu" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: voidRegistration,
    wrongPosition: async (m) => m.refused(voidRegistration, m.w.people.staff.id, { id: await m.registered(), reason: "Vào sổ trùng" }, fb),
    foreignRow: async (m) => m.refused(voidRegistration, m.w.people.clerk.id, { id: await m.registered(m.them), reason: "Vào sổ trùng" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: markSeen,
    wrongPosition: async (m) => m.refused(markSeen, m.w.people.clerk.id, { assignmentId: await infoPart(m) }, fb),
    foreignRow: async (m) => m.refused(markSeen, m.w.people.staff.id, { assignmentId: await infoPart(m, m.them) }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: changeIncomingSecrecy,
    wrongPosition: async (m) => m.refused(changeIncomingSecrecy, m.w.people.staff.id, { id: await m.registered(), secrecy: "confidential", reason: "Theo đề nghị của cơ quan gửi" }, fb),
    foreignRow: async (m) => m.refused(changeIncomingSecrecy, m.w.people.clerk.id, { id: await m.registered(m.them), secrecy: "confidential", reason: "Theo đề nghị của cơ quan gửi" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  // Liên thông: the clerk's answer to a recall request on a received document (tests/integration/matrix/exchange-recv.ts).
  ...exchangeRecvMatrix,
];
