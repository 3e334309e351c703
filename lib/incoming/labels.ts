import { incomingStatus, type IncomingStatus } from "@/db/schema/incoming";

// The enums the screens need, from here: app/ and components/ never import db/ (style.md rule 1).
export { incomingStatus, type IncomingStatus };

export const URGENCY_LABELS = { normal: "Thường", urgent: "Khẩn", very_urgent: "Thượng khẩn", flash: "Hỏa tốc" } as const;
export const SECRECY_LABELS = { normal: "Thường", confidential: "Mật", secret: "Tối mật", top_secret: "Tuyệt mật" } as const;
export const ROLE_LABELS = { lead: "Xử lý chính", coordinate: "Phối hợp", info: "Nhận để biết" } as const;

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

/** NĐ 30/2020 Điều 7 (standards.md §1.4). */
export const DOC_TYPES = [
  "Công văn", "Quyết định", "Nghị quyết", "Chỉ thị", "Quy chế", "Quy định", "Thông cáo", "Thông báo", "Hướng dẫn",
  "Chương trình", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo", "Biên bản", "Tờ trình", "Hợp đồng", "Công điện",
  "Bản ghi nhớ", "Bản thỏa thuận", "Giấy ủy quyền", "Giấy mời", "Giấy giới thiệu", "Giấy nghỉ phép", "Phiếu gửi",
  "Phiếu chuyển", "Phiếu báo", "Thư công",
] as const;

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
};
