import type { HandoverStatus, WorkFileStatus } from "@/db/schema/work-files";

// The words of the work files (glossary.md): states, trail entries and the hand-over timing.

export const WORK_FILE_STATUS_LABELS: Record<WorkFileStatus, string> = {
  open: "Đang mở",
  closed: "Đã đóng",
  archived: "Đã nộp lưu",
};

export const HANDOVER_STATUS_LABELS: Record<HandoverStatus, string> = {
  submitted: "Chờ tiếp nhận",
  accepted: "Đã tiếp nhận",
  returned: "Bị trả lại",
};

export const ENTRY_KIND_LABELS = { incoming: "Văn bản đến", outgoing: "Văn bản đi", upload: "Tài liệu khác" } as const;

export const WORK_FILE_EVENT_LABELS: Record<string, string> = {
  opened: "Mở hồ sơ",
  added: "Thêm vào hồ sơ",
  gathered: "Tập hợp theo mã hồ sơ",
  removed: "Loại khỏi hồ sơ",
  reordered: "Sắp xếp văn bản",
  closed: "Đóng hồ sơ",
  reopened: "Mở lại hồ sơ",
  reconciled: "Đối chiếu với hồ sơ giấy",
  handed_over: "Nộp lưu",
  accepted: "Tiếp nhận hồ sơ",
  returned: "Trả lại",
  viewed: "Xem hồ sơ lưu trữ",
};

const ROMAN: Array<[number, string]> = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

/** Đề mục lớn are numbered I, II, III … (NĐ 30/2020 Phụ lục V). */
export function roman(n: number): string {
  let out = "";
  for (const [v, s] of ROMAN) while (n >= v) { out += s; n -= v; }
  return out;
}

/** Số và ký hiệu hồ sơ: number (01 …) + the heading's abbreviation, e.g. 01.TCCB. */
export const fileCodeOf = (number: number, abbr: string) => `${String(number).padStart(2, "0")}.${abbr}`;

/** Files of year Y are handed to the agency archive in the first quarter of Y + 1 (Quy chế 376 Điều 4.3 Bước 3). */
export const handoverDeadline = (year: number) => `${year + 1}-03-31`;
/** Owners are told 30 days before the deadline (NĐ 30/2020 Phụ lục VI: thông báo nộp lưu trước 30 ngày). */
export const handoverNoticeFrom = (year: number) => `${year + 1}-03-01`;

/** Every file kept 5 years or more (or permanently) must be handed over (NĐ 30/2020 Điều 31). */
export const mustHandOver = (retentionYears: number | null) => retentionYears === null || retentionYears >= 5;
