import { outgoingStatus, type OutgoingStatus, type SigningAuthority } from "@/db/schema/outgoing";

// The enums the screens need, from here: app/ and components/ never import db/ (style.md rule 1).
export { outgoingStatus, type OutgoingStatus };

// glossary.md, States.
export const OUTGOING_STATUS_LABELS: Record<OutgoingStatus, string> = {
  draft: "Dự thảo",
  awaiting_review: "Chờ duyệt",
  awaiting_check: "Chờ kiểm tra thể thức",
  awaiting_signature: "Chờ ký",
  awaiting_issue: "Chờ phát hành",
  issued: "Đã phát hành",
  returned: "Bị trả lại",
  withdrawn: "Đã thu hồi",
};

/** Thẩm quyền ký as chosen in the draft; the prefix is what the signature block shows (Phụ lục I). */
export const AUTHORITY_LABELS: Record<SigningAuthority, string> = {
  direct: "Ký trực tiếp",
  kt: "KT. (ký thay)",
  tl: "TL. (thừa lệnh)",
  tuq: "TUQ. (thừa ủy quyền)",
  q: "Q. (quyền)",
  tm: "TM. (thay mặt)",
};
export const AUTHORITY_PREFIX: Record<SigningAuthority, string> = { direct: "", kt: "KT.", tl: "TL.", tuq: "TUQ.", q: "Q.", tm: "TM." };

export const DELIVERY_LABELS = { internal: "Nội bộ", electronic: "Điện tử (liên thông)", paper: "Bản giấy" } as const;

/** What a file of a draft is (NĐ 30/2020 Phụ lục I §8; db/schema/outgoing.ts outgoingFileRole). */
export const FILE_ROLE_LABELS = { main: "Văn bản chính", attachment: "Phụ lục", supporting: "Tài liệu kèm theo" } as const;

/** NĐ 30/2020 Phụ lục III (standards.md §1.4): abbreviations of the types; Công văn and Thư công have none. */
export const TYPE_ABBREVIATIONS: Readonly<Record<string, string | null>> = {
  "Công văn": null,
  "Thư công": null,
  "Nghị quyết": "NQ",
  "Quyết định": "QĐ",
  "Chỉ thị": "CT",
  "Quy chế": "QC",
  "Quy định": "QyĐ",
  "Thông cáo": "TC",
  "Thông báo": "TB",
  "Hướng dẫn": "HD",
  "Chương trình": "CTr",
  "Kế hoạch": "KH",
  "Phương án": "PA",
  "Đề án": "ĐA",
  "Dự án": "DA",
  "Báo cáo": "BC",
  "Biên bản": "BB",
  "Tờ trình": "TTr",
  "Hợp đồng": "HĐ",
  "Công điện": "CĐ",
  "Bản ghi nhớ": "BGN",
  "Bản thỏa thuận": "BTT",
  "Giấy ủy quyền": "GUQ",
  "Giấy mời": "GM",
  "Giấy giới thiệu": "GGT",
  "Giấy nghỉ phép": "GNP",
  "Phiếu gửi": "PG",
  "Phiếu chuyển": "PC",
  "Phiếu báo": "PB",
};

/** NĐ 30/2020 Điều 18: how an issued document is amended (glossary: Văn bản đính chính / thay thế). */
export const AMEND_LABELS = { correct: "Đính chính", replace: "Thay thế" } as const;
export type AmendKind = keyof typeof AMEND_LABELS;
