import { z } from "zod";
import { incomingStatus, secrecy, urgency } from "@/db/schema/incoming";
import { DOC_TYPES } from "@/lib/incoming/labels";
import { PROGRESS } from "@/lib/incoming/progress";
import { param } from "@/lib/search-params";
import { flag, idOf, isoDate, requiredDate, text, uuid } from "@/lib/validation";
import { fileCodeField } from "@/lib/work-files/schemas";

/** Tiếp nhận văn bản giấy → Vào sổ: the metadata of Phụ lục VI (standards.md §1.3), with its lengths. */
export const registerPaperSchema = z
  .object({
    symbol: text("số, ký hiệu", 42),
    // Phụ lục VI: a document exists before it arrives; its deadline runs from the day it arrived (today).
    issuedDate: isoDate("Ngày văn bản", { notAfterToday: "Ngày văn bản không được sau ngày đến" }),
    issuerName: text("cơ quan ban hành", 200),
    docType: text("loại văn bản", 100),
    subject: text("trích yếu", 500),
    signer: text("người ký", 150, false),
    urgency: z.enum(urgency.enumValues, "Vui lòng chọn độ khẩn.").default("normal"),
    secrecy: z.enum(secrecy.enumValues, "Vui lòng chọn độ mật.").default("normal"),
    pageCount: z.preprocess(
      (v) => (v === "" || v == null ? null : v),
      z.coerce.number("Số trang phải là số.").int("Số trang phải là số nguyên.").min(1, "Số trang phải lớn hơn 0.").max(999).nullable(),
    ),
    dueDate: isoDate("Hạn giải quyết", { notBeforeToday: "Hạn giải quyết không được trước ngày đến" }),
    note: text("ghi chú", 500, false),
    /** Số và ký hiệu hồ sơ of the ĐẾN stamp: the document gathers into the open work file of that code. */
    fileCode: fileCodeField,
    fileIds: z.array(uuid).max(20, "Tối đa 20 tệp đính kèm.").default([]),
    /** The clerk saw the duplicate warning and registers anyway. */
    confirmDuplicate: flag.default(false),
  })
  .refine((v) => v.secrecy === "normal" || v.fileIds.length === 0, {
    message: "Văn bản mật chỉ được vào sổ phần thông tin, không tải tệp lên hệ thống.",
    path: ["fileIds"],
  });
export type RegisterPaperInput = z.input<typeof registerPaperSchema>;

/**
 * The paper copy of a document already in the register (it came electronically first, or was
 * registered by a colleague): its scans join that document, and no new số đến is taken.
 */
export const linkPaperSchema = z.object({
  id: uuid,
  fileIds: z.array(uuid).max(20, "Tối đa 20 tệp đính kèm.").default([]),
});

/** A likely duplicate, as the refusal of registerPaper hands it to the form. */
export interface DuplicateInfo {
  id: string;
  arrivalNo: number | null;
  year: number | null;
  symbol: string;
  issuerName: string;
  status: string;
}

export const idSchema = z.object({ id: uuid });
export const returnSchema = z.object({ id: uuid, reason: text("lý do trả lại", 500) });
export const submitSchema = z.object({ id: uuid, leaderId: idOf("lãnh đạo nhận") });
export const passSchema = z.object({ id: uuid, leaderId: idOf("lãnh đạo nhận"), note: text("ý kiến", 1000, false) });

const deadline = z.object({
  deadline: isoDate("Hạn xử lý", { notBeforeToday: "Hạn xử lý không được trước ngày giao" }),
  /** Alternatively a number of working days from today. */
  workingDays: z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z.coerce.number("Số ngày làm việc phải là số.").int().min(1).max(365).nullable(),
  ).default(null),
});

export const recipientSchema = deadline.extend({
  kind: z.enum(["unit", "user"]),
  targetId: idOf("người hoặc đơn vị nhận"),
  role: z.enum(["lead", "coordinate", "info"], "Vui lòng chọn vai trò."),
});

/** The leader's instruction (Ý kiến chỉ đạo) and recipients: exactly one lead (Điều 24, Phụ lục IV). */
export const assignSchema = z
  .object({
    id: uuid,
    instruction: text("ý kiến chỉ đạo", 2000),
    recipients: z.array(recipientSchema).min(1, "Vui lòng chọn người hoặc đơn vị nhận.").max(50),
    /** Chờ ý kiến phối hợp: the document is not done before its coordinating parts are. */
    waitForOpinions: flag.default(false),
  })
  .refine((v) => v.recipients.filter((r) => r.role === "lead").length === 1, {
    message: "Phải có đúng một đơn vị hoặc người xử lý chính.",
    path: ["recipients"],
  })
  .refine((v) => new Set(v.recipients.map((r) => `${r.kind}:${r.targetId}`)).size === v.recipients.length, {
    message: "Mỗi đơn vị hoặc người chỉ được chọn một lần.",
    path: ["recipients"],
  });

/** A unit head passes the unit's part on: to staff, or for an affiliated unit to one of its divisions. */
export const cascadeSchema = z.object({
  assignmentId: uuid,
  instruction: text("ý kiến", 2000, false),
  recipients: z.array(recipientSchema).min(1, "Vui lòng chọn người hoặc đơn vị nhận.").max(50),
});

export const progressSchema = z.object({ assignmentId: uuid, text: text("nội dung", 2000) });
export const completeSchema = z.object({ assignmentId: uuid, result: text("kết quả xử lý", 2000) });
export const seenSchema = z.object({ assignmentId: uuid });
export const handOverSchema = z.object({
  id: uuid,
  handedAt: requiredDate("Ngày chuyển", { notAfterToday: "Ngày chuyển không được sau ngày hôm nay" }),
  receiver: text("người nhận bản giấy", 200),
});

// Search parameters of the pages (lib/search-params.ts): a bad value is left out, never a 500.

/** /incoming: the search form and the tabs. */
export const incomingListSearchSchema = z.object({
  q: param.text(200),
  year: param.int(1900, 2100),
  no: param.int(1, 9_999_999),
  symbol: param.text(50),
  issuer: param.text(100),
  type: param.enum(DOC_TYPES),
  status: param.enum(incomingStatus.enumValues),
  unit: param.uuid(),
  overdue: param.flag(),
  mine: param.flag(),
  // The dashboard's drill-down (/monitoring).
  from: param.date(),
  to: param.date(),
  progress: param.enum(PROGRESS),
  handlingUnit: param.uuid(),
  within: param.uuid(),
  handler: param.uuid(),
  page: param.int(1, 10_000),
});

/** /incoming/[id]: what was just done, and the PDF shown. */
export const incomingPageSearchSchema = z.object({ registered: param.flag(), linked: param.flag(), xem: param.uuid() });

/** /my-work. */

/**
 * Sửa thông tin vào sổ: the registration's metadata, the same fields (and rules) as the register
 * form; never the số đến, the độ mật (its own step) or the files. A reason is always asked.
 */
const reg = registerPaperSchema.shape;
export const correctRegistrationSchema = z.object({
  id: uuid,
  symbol: reg.symbol,
  // Checked against the document's own day of arrival by the action (not today: a deadline already
  // passed stays correctable).
  issuedDate: isoDate("Ngày văn bản"),
  issuerName: reg.issuerName,
  docType: reg.docType,
  subject: reg.subject,
  signer: reg.signer,
  urgency: reg.urgency,
  pageCount: reg.pageCount,
  dueDate: isoDate("Hạn giải quyết"),
  note: reg.note,
  fileCode: reg.fileCode,
  reason: text("lý do sửa", 500),
});
export type CorrectRegistrationInput = z.input<typeof correctRegistrationSchema>;

/** Hủy vào sổ: the number stays in the register, marked "Đã hủy" with this reason. */
export const voidRegistrationSchema = z.object({ id: uuid, reason: text("lý do hủy", 500) });

/** Đề nghị lãnh đạo sửa: what the văn thư asks a leader to correct or void, once the document is being handled. */
export const requestCorrectionSchema = z.object({ id: uuid, text: text("nội dung đề nghị", 1000) });
export const myWorkSearchSchema = z.object({ page: param.int(1, 10_000), tab: param.enum(["done", "soon", "overdue", "waiting"] as const), q: param.text(200) });
