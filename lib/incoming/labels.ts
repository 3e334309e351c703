import { incomingStatus, type IncomingStatus } from "@/db/schema/incoming";

// The enums the screens need, from here: app/ and components/ never import db/ (style.md rule 1).
export { incomingStatus, type IncomingStatus };
// Shared by every kind of document; named here too for the screens of incoming documents.
export { DOC_TYPES } from "@/lib/doc-types";
export { SECRECY_LABELS } from "@/lib/secrecy/rules";

export const URGENCY_LABELS = { normal: "Thường", urgent: "Khẩn", very_urgent: "Thượng khẩn", flash: "Hỏa tốc" } as const;
export const ROLE_LABELS = { lead: "Xử lý chính", coordinate: "Phối hợp", info: "Nhận để biết" } as const;

/** A part's state (Tình trạng) as the processing table and Việc của tôi show it. */
export function partStatusLabel(p: { status: "pending" | "in_progress" | "done"; role: keyof typeof ROLE_LABELS; closedWithDocument?: boolean }) {
  if (p.status === "done" && p.closedWithDocument) return "Đóng theo văn bản";
  if (p.status === "done") return p.role === "info" ? "Đã xem" : "Đã hoàn thành";
  return p.status === "in_progress" ? "Đang xử lý" : p.role === "info" ? "Chưa xem" : "Chưa xử lý";
}

/** An internal document (a copy of one of our own issued documents) has no số đến of its own until the Văn thư registers it. */
export const INTERNAL_LABEL = "Văn bản nội bộ";

/** "Số đến 12/2026", or "Văn bản nội bộ" for an internal copy not registered, or "Chưa vào sổ". */
export function arrivalLabel(d: { arrivalNo: number | null; year: number | null; source?: string }) {
  if (d.arrivalNo) return `${d.arrivalNo}/${d.year}`;
  return d.source === "internal" ? INTERNAL_LABEL : "Chưa vào sổ";
}

// glossary.md, States.
export const STATUS_LABELS: Record<IncomingStatus, string> = {
  awaiting_reception: "Chờ tiếp nhận",
  registered: "Đã vào sổ",
  awaiting_instruction: "Chờ ý kiến chỉ đạo",
  in_progress: "Đang xử lý",
  done: "Đã hoàn thành",
  returned: "Bị trả lại",
  withdrawn: "Đã thu hồi",
  voided: "Đã hủy",
};

/** The trail's event kinds (Luồng xử lý). */
export const EVENT_LABELS: Record<string, string> = {
  registered: "Vào sổ",
  returned: "Trả lại",
  submitted: "Trình lãnh đạo",
  assigned: "Chuyển xử lý",
  passed: "Chuyển lãnh đạo khác",
  sent_back: "Trả lại văn thư",
  cascaded: "Chuyển xử lý",
  progress: "Cập nhật tiến độ",
  opinion: "Gửi ý kiến phối hợp",
  done: "Hoàn thành",
  seen: "Đã xem",
  parts_closed: "Đóng theo văn bản",
  document_done: "Văn bản đã hoàn thành",
  paper_handover: "Giao văn bản giấy",
  paper_copy_linked: "Nhận bản giấy (gắn vào văn bản đã có)",
  replied: "Trả lời bằng văn bản đi",
  internal_delivered: "Nhận văn bản nội bộ",
  internal_arrived: "Văn bản nội bộ đến",
  withdrawn: "Văn bản bị thu hồi",
  secrecy_changed: "Thay đổi độ mật",
  corrected: "Sửa thông tin vào sổ",
  voided: "Hủy vào sổ",
  correction_requested: "Đề nghị lãnh đạo sửa thông tin vào sổ",
  exchange_received: "Nhận liên thông",
  exchange_updated: "Cơ quan gửi cập nhật văn bản",
  exchange_replaces: "Văn bản thay thế",
  exchange_replaced: "Văn bản bị thay thế",
  exchange_recall_requested: "Cơ quan gửi đề nghị lấy lại văn bản",
  exchange_recall_refused: "Từ chối cho lấy lại văn bản",
  reminded: "Đôn đốc",
};
