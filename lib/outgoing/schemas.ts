import { z } from "zod";
import { secrecy, urgency } from "@/db/schema/incoming";
import { outgoingStatus, signingAuthority } from "@/db/schema/outgoing";
import { DOC_TYPES } from "@/lib/incoming/labels";
import { param } from "@/lib/search-params";
import { flag, idOf, isoDate, optionalInt, text, uuid } from "@/lib/validation";
import { fileCodeField } from "@/lib/work-files/schemas";
import { ATTACHMENT_NOT_FILE } from "./draft-files";

const optionalUuid = z.preprocess((v) => (v === "" || v == null ? null : v), uuid.nullable());

/**
 * One nơi nhận: a unit or person of the agency (internal), an agency of the directory, or free text.
 * The name is only read for free text; everything else is named from the database.
 */
export const outgoingRecipientSchema = z
  .object({
    kind: z.enum(["unit", "user", "agency", "text"], "Loại nơi nhận không hợp lệ."),
    targetId: z.preprocess((v) => (v === "" || v == null ? null : v), idOf("nơi nhận").nullable()).default(null),
    name: z.string().trim().max(200, "Tên nơi nhận không được dài quá 200 ký tự.").default(""),
  })
  .refine((r) => (r.kind === "text" ? r.name.length > 0 : !!r.targetId), { message: "Vui lòng chọn hoặc nhập nơi nhận.", path: ["targetId"] });

const recipients = z
  .array(outgoingRecipientSchema)
  .max(500, "Tối đa 500 nơi nhận.")
  .refine((rs) => new Set(rs.map((r) => (r.kind === "text" ? `text:${r.name.toLowerCase()}` : `${r.kind}:${r.targetId}`))).size === rs.length, {
    message: "Mỗi nơi nhận chỉ được chọn một lần.",
  });

const secrecyField = z.enum(secrecy.enumValues, "Vui lòng chọn độ mật.");

/** Tạo dự thảo and its revisions: the metadata of a VB đi (Phụ lục VI, standards.md §1.3). */
const draftFields = z.object({
    docType: z.enum(DOC_TYPES, "Vui lòng chọn loại văn bản."),
    subject: text("trích yếu", 500),
    urgency: z.enum(urgency.enumValues, "Vui lòng chọn độ khẩn.").default("normal"),
    signerId: idOf("người ký"),
    authority: z.enum(signingAuthority.enumValues, "Vui lòng chọn thẩm quyền ký.").default("direct"),
    replyDeadline: isoDate("Hạn trả lời", { notBeforeToday: "Hạn trả lời không được trước ngày hôm nay" }),
    note: text("ghi chú", 500, false),
    /** Mã hồ sơ: the draft gathers into the open work file of that code. */
    fileCode: fileCodeField,
    recipients,
    /** Files of this version (DOCX/PDF); the first is the draft itself. */
    fileIds: z.array(uuid).max(20, "Tối đa 20 tệp.").default([]),
    /** Of those files (never the first), the phụ lục issued with the document; the others are supporting papers. */
    attachmentIds: z.array(uuid).max(19, "Tối đa 19 phụ lục.").default([]),
    versionNote: text("ghi chú phiên bản", 500, false),
  });
const secretKeepsNoFile = [
  (v: { secrecy?: string; fileIds: string[] }) => !v.secrecy || v.secrecy === "normal" || v.fileIds.length === 0,
  { message: "Văn bản mật không tải tệp lên hệ thống; chỉ lập thông tin.", path: ["fileIds"] },
] satisfies [unknown, { message: string; path: string[] }];
/** A phụ lục is one of this version's files other than the văn bản chính (the first). */
const attachmentsAmongFiles = [
  (v: { fileIds: string[]; attachmentIds: string[] }) => v.attachmentIds.every((a) => v.fileIds.indexOf(a) > 0),
  { message: ATTACHMENT_NOT_FILE, path: ["attachmentIds"] },
] satisfies [unknown, { message: string; path: string[] }];

/** The draft form: độ mật is set when the draft is created (a later change is its own step, lib/secrecy). */
export const draftSchema = draftFields.extend({ secrecy: secrecyField.default("normal") }).refine(...secretKeepsNoFile).refine(...attachmentsAmongFiles);

export const createDraftSchema = draftSchema.and(
  z.object({
    /** The incoming document answered (Xử lý chính / Phối hợp xử lý); empty for a new document. */
    replyToId: optionalUuid.default(null),
    /** The drafting unit, when the drafter holds positions in several. */
    unitId: optionalUuid.default(null),
  }),
);
/**
 * A revision keeps the stored độ mật: the field may be left out, and a different value is refused by
 * the step (Thay đổi độ mật is its own step, by the leadership or the văn thư, lib/outgoing/secrecy.ts).
 */
export const reviseDraftSchema = draftFields.extend({ id: uuid, secrecy: secrecyField.optional() }).refine(...secretKeepsNoFile).refine(...attachmentsAmongFiles);

export const idSchema = z.object({ id: uuid });
export const approveSchema = z.object({ id: uuid, comment: text("ý kiến", 2000, false) });
export const returnDraftSchema = z.object({ id: uuid, comment: text("ý kiến trả lại", 2000) });
/** The checker confirms the checks the system cannot make (lib/outgoing/checks.ts). */
export const checkSchema = z.object({
  id: uuid,
  comment: text("ý kiến", 2000, false),
  legal: flag.refine((v) => v, "Vui lòng xác nhận nội dung phù hợp quy định pháp luật."),
  format: flag.refine((v) => v, "Vui lòng xác nhận thể thức, kỹ thuật trình bày."),
});
export const consultSchema = z.object({
  id: uuid,
  unitIds: z.array(idOf("đơn vị")).min(1, "Vui lòng chọn ít nhất một đơn vị.").max(30),
  request: text("nội dung xin ý kiến", 2000),
  deadline: isoDate("Hạn góp ý", { notBeforeToday: "Hạn góp ý không được trước ngày hôm nay" }),
});
export const answerSchema = z.object({ consultationId: uuid, answer: text("ý kiến góp ý", 4000) });

/** Phát hành: the register, the final PDF (not for secret documents), copies and pages. */
/** Phát hành without the signed PDF (a document that may keep files): said by the form and the action. */
export const ISSUE_FILE_REQUIRED = "Vui lòng tải lên văn bản phát hành (PDF đã ký).";
export const issueSchema = z.object({
  id: uuid,
  registerId: optionalUuid.default(null),
  fileId: optionalUuid.default(null),
  pageCount: optionalInt("Số trang", 1, 999).default(null),
  issuedAmount: optionalInt("Số lượng bản", 1, 999).default(null),
});
export const SIGNED_NO_UPLOAD = "Văn bản đã được ký số: hệ thống tự ghi số, ngày và ký số của cơ quan, không tải tệp lên.";
export const withdrawSchema = z.object({ id: uuid, reason: text("lý do thu hồi", 1000) });

export type DraftInput = z.input<typeof draftSchema>;

// Search parameters of the pages and handlers (lib/search-params.ts): a bad value is left out, never a 500.

/** /outgoing: the search form and the tabs. */
export const outgoingListSearchSchema = z.object({
  q: param.text(200),
  status: param.enum(outgoingStatus.enumValues),
  year: param.int(1900, 2100),
  type: param.enum(DOC_TYPES),
  inbox: param.flag(),
  mine: param.flag(),
  page: param.int(1, 10_000),
});

/** /outgoing/[id]: the draft was just saved. */
export const outgoingPageSearchSchema = z.object({ saved: param.flag(), xem: param.uuid() });

/** /outgoing/new: the incoming document answered, if any. */
export const newDraftSearchSchema = z.object({ replyTo: param.uuid() });

/** GET /api/outgoing/recipients: the uploaded spreadsheet (required). */
export const recipientsSearchSchema = z.object({ fileId: uuid });

/**
 * Đính chính / Thay thế an issued document (NĐ 30/2020 Điều 18): a new draft linked to it. A wrong
 * detail (thể thức, a figure) is corrected by a công văn đính chính; wrong content by a document of
 * the same form that replaces it.
 */
export const amendIssuedSchema = z.object({ id: uuid, kind: z.enum(["correct", "replace"], "Vui lòng chọn đính chính hoặc thay thế.") });
