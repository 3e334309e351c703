// The kinds of administrative document, for incoming and outgoing documents and signing delegations.

/** NĐ 30/2020 Điều 7 (standards.md §1.4). */
export const DOC_TYPES = [
  "Công văn", "Quyết định", "Nghị quyết", "Chỉ thị", "Quy chế", "Quy định", "Thông cáo", "Thông báo", "Hướng dẫn",
  "Chương trình", "Kế hoạch", "Phương án", "Đề án", "Dự án", "Báo cáo", "Biên bản", "Tờ trình", "Hợp đồng", "Công điện",
  "Bản ghi nhớ", "Bản thỏa thuận", "Giấy ủy quyền", "Giấy mời", "Giấy giới thiệu", "Giấy nghỉ phép", "Phiếu gửi",
  "Phiếu chuyển", "Phiếu báo", "Thư công",
] as const;
