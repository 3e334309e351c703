import {
  addDocument, addUpload, closeFile, moveEntry, openAdHoc, openFromItem, reconcileFile, removeEntry, reopenFile, sortEntries,
} from "@/lib/work-files/actions";
import { acceptBatch, handOver, returnBatch } from "@/lib/work-files/handover";
import { createPlan, deleteItem, saveHeading, saveItem } from "@/lib/work-files/plan";
import { MIME } from "../../factories/outgoing";
import { buildBatch, buildPlan } from "../../factories/work-files";
import { fb, field, na, nf, YEAR, type AreaMatrix, type Matrix, type Side } from "./world";

// Hồ sơ công việc and the plan: every step × a position without the right, another agency's file,
// plan or batch, and a foreign id in each id field (documents, uploads, headings, owners, units).

const TARGET_ONLY = "takes no id besides the file, entry, plan item or batch it acts on";

/** An entry (another paper) in an open work file of the side's staff member. */
async function entry(m: Matrix, s: Side) {
  const fileId = await m.workFile(s);
  const storedFileId = await m.file(s, MIME.pdf);
  return (await m.ok<{ entryId: string }>(addUpload, s.w.people.staff.id, upload(fileId, storedFileId))).entryId;
}
const upload = (fileId: string, storedFileId: string) => ({
  fileId, storedFileId, docType: "Giấy mời", author: "Văn phòng", subject: "Giấy mời họp", docDate: "", pageCount: "", note: "", symbol: "",
});
const closing = (id: string) => ({ id, title: "Hồ sơ", startDate: "2026-01-05", endDate: "2026-02-05", retentionCode: "20", sheets: 1, pages: 1 });
const batch = (fileIds: string[], unitId: string) => ({ unitId, year: YEAR, fileIds, title: "Tài liệu nộp lưu", condition: "", boxes: "", shelfMeters: "" });
const item = (s: Side, over: Record<string, unknown> = {}) => ({ planId: s.plan.planId, headingId: s.plan.headings.empty, title: "Hồ sơ mới", retentionCode: "10", ...over });

export const workFilesMatrix: AreaMatrix = [
  {
    def: createPlan,
    wrongPosition: (m) => m.refused(createPlan, m.w.people.staff.id, { year: YEAR + 3 }, fb),
    // The only row it reads is the plan to copy: another agency's plan of that year is not found.
    foreignRow: async (m) => {
      await buildPlan(m.db, m.other, YEAR - 7);
      await m.refused(createPlan, m.w.people.archivist.id, { year: YEAR + 3, copyFrom: YEAR - 7 }, { code: "validation", field: "copyFrom" });
    },
    foreignIds: na("names no row by id: a year, and a year to copy from that is looked up in the caller's agency only"),
  },
  {
    def: saveHeading,
    wrongPosition: (m) => m.refused(saveHeading, m.w.people.staff.id, { planId: m.us.plan.planId, abbr: "KT", title: "Kế toán" }, fb),
    foreignRow: (m) => m.refused(saveHeading, m.w.people.archivist.id, { planId: m.them.plan.planId, abbr: "KT", title: "Kế toán" }, nf),
    foreignIds: (m) => m.refused(saveHeading, m.w.people.archivist.id, { planId: m.us.plan.planId, id: m.them.plan.headings.vp, abbr: "VP", title: "Văn phòng" }, field("id")),
  },
  {
    def: saveItem,
    wrongPosition: (m) => m.refused(saveItem, m.w.people.staff.id, item(m.us), fb),
    foreignRow: (m) => m.refused(saveItem, m.w.people.archivist.id, item(m.them), nf),
    foreignIds: async (m) => {
      const a = m.w.people.archivist.id;
      await m.refused(saveItem, a, item(m.us, { headingId: m.them.plan.headings.empty }), field("headingId"));
      await m.refused(saveItem, a, item(m.us, { ownerUnitId: m.other.divisionId }), field("ownerUnitId"));
      await m.refused(saveItem, a, item(m.us, { ownerUserId: m.other.people.staff.id }), field("ownerUserId"));
      await m.refused(saveItem, a, item(m.us, { id: m.them.plan.items.office }), field("id"));
    },
  },
  {
    def: deleteItem,
    wrongPosition: (m) => m.refused(deleteItem, m.w.people.staff.id, { id: m.us.plan.items.office }, fb),
    foreignRow: (m) => m.refused(deleteItem, m.w.people.archivist.id, { id: m.them.plan.items.office }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: openFromItem,
    wrongPosition: (m) => m.refused(openFromItem, m.w.people.clerk.id, { itemId: m.us.plan.items.person }, fb),
    foreignRow: (m) => m.refused(openFromItem, m.w.people.staff.id, { itemId: m.them.plan.items.person }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: openAdHoc,
    wrongPosition: (m) => m.refused(openAdHoc, m.w.people.clerk.id, { planId: m.us.plan.planId, headingId: m.us.plan.headings.tccb, title: "X", retentionCode: "10" }, fb),
    foreignRow: (m) => m.refused(openAdHoc, m.w.people.staff.id, { planId: m.them.plan.planId, headingId: m.them.plan.headings.tccb, title: "X", retentionCode: "10" }, nf),
    foreignIds: (m) =>
      m.refused(openAdHoc, m.w.people.staff.id, { planId: m.us.plan.planId, headingId: m.them.plan.headings.tccb, title: "X", retentionCode: "10" }, field("headingId")),
  },
  {
    def: addDocument,
    wrongPosition: async (m) => m.refused(addDocument, m.w.people.leader.id, { fileId: await m.workFile(), kind: "incoming", documentId: (await m.assigned()).id }, fb),
    foreignRow: async (m) => m.refused(addDocument, m.w.people.staff.id, { fileId: await m.workFile(m.them), kind: "incoming", documentId: (await m.assigned()).id }, nf),
    foreignIds: async (m) => {
      const fileId = await m.workFile();
      const s = m.w.people.staff.id;
      // Not on the staff member's trail; another agency's incoming and outgoing documents.
      await m.refused(addDocument, s, { fileId, kind: "incoming", documentId: await m.registered() }, field("documentId"));
      await m.refused(addDocument, s, { fileId, kind: "incoming", documentId: (await m.assigned(m.them)).id }, field("documentId"));
      await m.refused(addDocument, s, { fileId, kind: "outgoing", documentId: await m.draft(m.them) }, field("documentId"));
      await m.ok(addDocument, s, { fileId, kind: "incoming", documentId: (await m.assigned()).id });
    },
  },
  {
    def: addUpload,
    wrongPosition: async (m) => m.refused(addUpload, m.w.people.leader.id, upload(await m.workFile(), await m.file(m.us, MIME.pdf, m.w.people.leader.id)), fb),
    foreignRow: async (m) => m.refused(addUpload, m.w.people.staff.id, upload(await m.workFile(m.them), await m.file(m.us, MIME.pdf)), nf),
    foreignIds: async (m) => {
      const fileId = await m.workFile();
      await m.refused(addUpload, m.w.people.staff.id, upload(fileId, await m.unreadableFile(MIME.pdf)), field("storedFileId"));
      await m.refused(addUpload, m.w.people.staff.id, upload(fileId, await m.file(m.them, MIME.pdf)), field("storedFileId"));
      await m.ok(addUpload, m.w.people.staff.id, upload(fileId, await m.file(m.us, MIME.pdf)));
    },
  },
  {
    def: removeEntry,
    wrongPosition: async (m) => m.refused(removeEntry, m.w.people.leader.id, { entryId: await entry(m, m.us) }, fb),
    foreignRow: async (m) => m.refused(removeEntry, m.w.people.staff.id, { entryId: await entry(m, m.them) }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: moveEntry,
    wrongPosition: async (m) => m.refused(moveEntry, m.w.people.leader.id, { entryId: await entry(m, m.us), direction: "up" }, fb),
    foreignRow: async (m) => m.refused(moveEntry, m.w.people.staff.id, { entryId: await entry(m, m.them), direction: "up" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: sortEntries,
    wrongPosition: async (m) => m.refused(sortEntries, m.w.people.leader.id, { id: await m.workFile() }, fb),
    foreignRow: async (m) => m.refused(sortEntries, m.w.people.staff.id, { id: await m.workFile(m.them) }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: closeFile,
    wrongPosition: async (m) => m.refused(closeFile, m.w.people.leader.id, closing(await m.workFile()), fb),
    foreignRow: async (m) => m.refused(closeFile, m.w.people.staff.id, closing(await m.workFile(m.them)), nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: reopenFile,
    wrongPosition: async (m) => m.refused(reopenFile, m.w.people.leader.id, { id: await m.workFile(), reason: "Bổ sung" }, fb),
    foreignRow: async (m) => m.refused(reopenFile, m.w.people.unit_head.id, { id: await m.workFile(m.them), reason: "Bổ sung" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: reconcileFile,
    wrongPosition: async (m) => m.refused(reconcileFile, m.w.people.leader.id, { id: await m.workFile(), reconciled: true }, fb),
    foreignRow: async (m) => m.refused(reconcileFile, m.w.people.staff.id, { id: await m.workFile(m.them), reconciled: true }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: handOver,
    wrongPosition: async (m) => m.refused(handOver, m.w.people.leader.id, batch([await m.workFile()], m.w.divisionId), fb),
    // The rows it hands over are named in its input: another agency's file is refused on the field.
    foreignRow: async (m) => m.refused(handOver, m.w.people.staff.id, batch([await m.workFile(m.them)], m.w.divisionId), field("fileIds")),
    foreignIds: async (m) => m.refused(handOver, m.w.people.staff.id, batch([await m.workFile()], m.other.divisionId), field("unitId")),
  },
  {
    def: acceptBatch,
    wrongPosition: async (m) => m.refused(acceptBatch, m.w.people.staff.id, { id: await buildBatch(m.db, m.w, { year: YEAR }) }, fb),
    foreignRow: async (m) => m.refused(acceptBatch, m.w.people.archivist.id, { id: await buildBatch(m.db, m.other, { year: YEAR }) }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: returnBatch,
    wrongPosition: async (m) => m.refused(returnBatch, m.w.people.staff.id, { id: await buildBatch(m.db, m.w, { year: YEAR }), reason: "Thiếu" }, fb),
    foreignRow: async (m) => m.refused(returnBatch, m.w.people.archivist.id, { id: await buildBatch(m.db, m.other, { year: YEAR }), reason: "Thiếu" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
];
