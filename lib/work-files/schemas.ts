import { z } from "zod";
import { workFileStatus } from "@/db/schema/work-files";
import { param } from "@/lib/search-params";
import { idOf, isoDate, optionalInt, requiredDate, text, uuid } from "@/lib/validation";

// One zod schema per form (shared by the form and its action).

const optionalUuid = z.preprocess((v) => (v === "" || v == null ? null : v), uuid.nullable());
const year = z.coerce.number("Năm phải là số.").int("Năm không hợp lệ.").min(2000, "Năm không hợp lệ.").max(2100, "Năm không hợp lệ.");
const retention = z.string("Vui lòng chọn thời hạn bảo quản.").trim().min(1, "Vui lòng chọn thời hạn bảo quản.").max(10);
/** Số và ký hiệu hồ sơ as typed on a document (the ĐẾN stamp, a draft's Mã hồ sơ): 01.TCCB. */
export const fileCodeField = z
  .string()
  .trim()
  .max(20, "Mã hồ sơ không được dài quá 20 ký tự.")
  .regex(/^$|^[0-9]{1,4}\.[\p{Lu}0-9-]{1,15}$/u, "Mã hồ sơ có dạng số.ký hiệu đề mục, ví dụ 01.TCCB.")
  .default("");

export const idSchema = z.object({ id: uuid });

/** Lập Danh mục hồ sơ of a year, empty or copied from the year before. */
export const createPlanSchema = z.object({ year, copyFrom: z.preprocess((v) => (v === "" || v == null ? null : v), year.nullable()).default(null) });

export const headingSchema = z.object({
  planId: uuid,
  id: optionalUuid.default(null),
  abbr: z
    .string()
    .trim()
    .min(1, "Vui lòng nhập ký hiệu đề mục.")
    .max(10, "Ký hiệu đề mục không được dài quá 10 ký tự.")
    .regex(/^[\p{Lu}0-9-]+$/u, "Ký hiệu đề mục viết hoa, không dấu cách, ví dụ TCCB."),
  title: text("tên đề mục", 300),
});

export const planItemSchema = z
  .object({
    planId: uuid,
    id: optionalUuid.default(null),
    headingId: idOf("đề mục"),
    title: text("tiêu đề hồ sơ", 500),
    retentionCode: retention,
    ownerUnitId: z.preprocess((v) => (v === "" || v == null ? null : v), idOf("đơn vị lập hồ sơ").nullable()).default(null),
    ownerUserId: z.preprocess((v) => (v === "" || v == null ? null : v), idOf("người lập hồ sơ").nullable()).default(null),
    note: text("ghi chú", 300, false),
  });

/** Mở hồ sơ from an item of the year's plan. */
export const openFromItemSchema = z.object({ itemId: uuid });

/** Mở hồ sơ outside the plan (NĐ 30 Điều 29.1): the creator gives its title, heading and retention; the code is the plan's next number. */
export const openAdHocSchema = z.object({
  planId: uuid,
  headingId: idOf("đề mục"),
  title: text("tiêu đề hồ sơ", 500),
  retentionCode: retention,
  note: text("ghi chú", 300, false),
});

/** Thêm vào hồ sơ: an incoming or outgoing document the person can read. */
export const addDocumentSchema = z.object({
  fileId: idOf("hồ sơ"),
  kind: z.enum(["incoming", "outgoing"], "Loại văn bản không hợp lệ."),
  documentId: uuid,
});

/** Another paper of the file (tài liệu khác): an uploaded PDF/DOCX/image with its metadata. */
export const addUploadSchema = z.object({
  fileId: uuid,
  storedFileId: z.string("Vui lòng tải tệp lên.").min(1, "Vui lòng tải tệp lên.").pipe(uuid),
  docType: text("tên loại", 100),
  symbol: text("số, ký hiệu", 50, false),
  docDate: isoDate("Ngày tháng văn bản", { notAfterToday: "Ngày tháng văn bản không được sau ngày hôm nay" }),
  author: text("tác giả", 200),
  subject: text("trích yếu", 500),
  pageCount: optionalInt("Số trang", 1, 9999),
  note: text("ghi chú", 500, false),
});

export const entrySchema = z.object({ entryId: uuid });
export const moveEntrySchema = z.object({ entryId: uuid, direction: z.enum(["up", "down"]) });

const shown = z.union([z.string().max(10), z.number()]).transform(String);

/** Đóng hồ sơ: the metadata completed before closing (Quy chế 376 Điều 4.3 Bước 2). */
export const closeFileSchema = z
  .object({
    id: uuid,
    title: text("tiêu đề hồ sơ", 500),
    startDate: requiredDate("Thời gian bắt đầu", { notAfterToday: "Thời gian bắt đầu không được sau ngày hôm nay" }),
    endDate: requiredDate("Thời gian kết thúc", { notAfterToday: "Thời gian kết thúc không được sau ngày hôm nay" }),
    retentionCode: retention,
    sheets: z.coerce.number("Số tờ phải là số.").int("Số tờ phải là số nguyên.").min(1, "Số tờ phải từ 1 trở lên.").max(9999, "Số tờ không được lớn hơn 9999."),
    pages: z.coerce.number("Số trang phải là số.").int("Số trang phải là số nguyên.").min(1, "Số trang phải từ 1 trở lên.").max(9999, "Số trang không được lớn hơn 9999."),
    rights: z.enum(["Công khai", "Hạn chế"], "Vui lòng chọn chế độ sử dụng.").default("Hạn chế"),
    language: text("ngôn ngữ", 50).default("Tiếng Việt"),
    description: text("chú giải", 500, false),
    /** What the form prefilled (from the documents when it was drawn): a field still equal to it is recomputed at closing. */
    prefilled: z
      .object({ startDate: shown, endDate: shown, sheets: shown, pages: shown })
      .partial()
      .optional(),
  })
  .refine((v) => !v.startDate || !v.endDate || v.startDate <= v.endDate, { message: "Thời gian kết thúc phải sau hoặc bằng thời gian bắt đầu.", path: ["endDate"] })
  .refine((v) => v.sheets <= v.pages, { message: "Số tờ không được lớn hơn số trang.", path: ["sheets"] });

export const reopenSchema = z.object({ id: uuid, reason: text("lý do mở lại", 500) });

export const reconcileSchema = z.object({
  id: uuid,
  reconciled: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
  note: text("ghi chú đối chiếu", 500, false),
});

/** Nộp lưu: closed, reconciled files of one unit and year, with what the Biên bản says. */
export const handOverSchema = z.object({
  unitId: uuid,
  year,
  fileIds: z.array(uuid, "Vui lòng chọn hồ sơ nộp lưu.").min(1, "Vui lòng chọn ít nhất một hồ sơ nộp lưu.").max(1000, "Tối đa 1.000 hồ sơ một lần nộp lưu."),
  title: text("tên khối tài liệu", 300),
  condition: text("tình trạng tài liệu", 300, false),
  boxes: optionalInt("Số hộp", 0, 9999),
  shelfMeters: z.string().trim().max(10).regex(/^$|^[0-9]{1,4}([.,][0-9]{1,2})?$/, "Số mét giá không hợp lệ, ví dụ 0,5.").default(""),
});

export const batchSchema = z.object({ id: uuid });
export const returnBatchSchema = z.object({ id: uuid, reason: text("lý do trả lại", 500) });

export type CloseFileInput = z.input<typeof closeFileSchema>;

// Search parameters of the pages and handlers (lib/search-params.ts): a bad value is left out, never a 500.

/** /files: the search form and the tabs. */
export const workFileListSearchSchema = z.object({
  q: param.text(200),
  year: param.int(2000, 2100),
  status: param.enum(workFileStatus.enumValues),
  scope: param.enum(["mine", "all"]),
  page: param.int(1, 10_000),
});

/** /files/archive. */
export const archiveSearchSchema = z.object({ q: param.text(200), year: param.int(2000, 2100), page: param.int(1, 10_000) });

/** /files/handover: the year of the files handed over, and the page of the reconciliation table. */
/** /files/handover: the year, the reconciliation table's page, one file's notes, the page of Các đợt nộp lưu. */
export const handoverSearchSchema = z.object({ year: param.int(2000, 2100), page: param.int(1, 10_000), reconcile: param.uuid(), batches: param.int(1, 10_000) });

/** /files/plan: the year of the Danh mục, and the item edited. */
/** /files/plan: the year and the page; one item's form (?edit=<id>) or the new item's (?add=1), each opened on demand. */
export const planSearchSchema = z.object({ year: param.int(2000, 2100), page: param.int(1, 10_000), edit: param.uuid(), add: param.flag() });

/** /files/[id]: the search for documents to add, the whole trail, the arranging mode (Lên, Xuống, Loại khỏi hồ sơ). */
export const workFilePageSearchSchema = z.object({ q: param.text(200), trail: param.flag(), arrange: param.flag() });

/** GET /api/work-files/[id]/export (required). */
export const workFileExportSearchSchema = z.object({ format: z.enum(["pdf", "xml"]) });
