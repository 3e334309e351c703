import type { DOC_TYPES } from "@/lib/incoming/labels";

// The demo documents and work files (product.md §9): who did what, how many working days ago.
// Numbers, dates of arrival and deadlines follow from the steps (lib/seed/demo-documents.ts).

export interface Recipient {
  user?: string;
  unit?: string;
  role: "lead" | "coordinate" | "info";
  /** Deadline: working days after the step. */
  days: number;
}

export interface DemoIn {
  key: string;
  symbol: string;
  issuer: string;
  docType: string;
  subject: string;
  pages: number;
  signer?: string;
  urgency?: "normal" | "urgent" | "very_urgent" | "flash";
  secrecy?: "normal" | "confidential";
  /** The document is dated this many working days before it arrives (default 2). */
  dated?: number;
  /** Hạn giải quyết: working days after arrival. */
  due?: number;
  /** Vào sổ by the clerk, working days ago. */
  reg: number;
  submit?: [at: number, leader: string];
  pass?: [at: number, by: string, to: string, note: string];
  sendBack?: [at: number, by: string, reason: string];
  assign?: { at: number; by: string; instruction: string; to: Recipient[] };
  cascade?: { at: number; by: string; from: string; instruction: string; to: Recipient[] }[];
  progress?: { at: number; who: string; text: string; opinion?: boolean }[];
  complete?: { at: number; who: string; result: string };
}

export interface DemoOut {
  key: string;
  drafter: string;
  docType: (typeof DOC_TYPES)[number];
  subject: string;
  signer: string;
  authority?: "direct" | "kt";
  /** The key of the incoming document it answers (the drafter holds its lead part). */
  replyTo?: string;
  recipients: { unit?: string; name?: string }[];
  created: number;
  steps: {
    submit?: number;
    consult?: { at: number; by: string; unit: string; request: string; days: number; answer?: [at: number, by: string, text: string] };
    approve?: [at: number, by: string];
    check?: number;
    sign?: number;
    returned?: [at: number, by: string, comment: string];
    issue?: number;
  };
}

export interface DemoFile {
  key: string;
  owner: string;
  /** The item of this year's Danh mục hồ sơ (lib/seed/demo-data.ts). */
  item: string;
  open: number;
  add: [at: number, kind: "incoming" | "outgoing", key: string][];
  close?: number;
  reconcile?: number;
  handOver?: { at: number; title: string };
  accept?: number;
}

const UBND = "UBND tỉnh Bình Định";
const BNV = "Bộ Nội vụ";
const GD = "giamdoc";
const PGD1 = "phogiamdoc1";
const PGD2 = "phogiamdoc2";

export const demoIncoming: DemoIn[] = [
  // Đã vào sổ, not yet submitted: the clerk's next step (one sent back by the director).
  { key: "i01", symbol: "77/TB-SYT", issuer: "Sở Y tế tỉnh Bình Định", docType: "Thông báo", subject: "Thông báo lịch tiếp công dân định kỳ tháng 12 của Sở Y tế", pages: 1, reg: 0 },
  { key: "i02", symbol: "3310/SGDĐT-TCCB", issuer: "Sở Giáo dục và Đào tạo tỉnh Bình Định", docType: "Công văn", subject: "V/v đề nghị thỏa thuận bổ nhiệm lại hiệu trưởng trường trung học phổ thông", pages: 2, reg: 0 },
  {
    key: "i03", symbol: "1562/UBND-KT", issuer: UBND, docType: "Công văn", subject: "V/v rà soát trụ sở làm việc dôi dư sau sắp xếp đơn vị hành chính cấp xã", pages: 2, reg: 4,
    submit: [4, GD], sendBack: [3, GD, "Đề nghị trình đồng chí Phó Giám đốc phụ trách lĩnh vực cơ sở vật chất."],
  },
  // Chờ ý kiến chỉ đạo: the leaders' inboxes.
  { key: "i04", symbol: "1250/UBND-NC", issuer: UBND, docType: "Công văn", subject: "V/v báo cáo kết quả sắp xếp tổ chức bộ máy các cơ quan chuyên môn thuộc UBND tỉnh", pages: 3, reg: 2, due: 8, submit: [2, GD] },
  { key: "i05", symbol: "5821/BNV-TCBC", issuer: BNV, docType: "Công văn", subject: "V/v hướng dẫn xây dựng kế hoạch biên chế công chức năm 2027", pages: 4, urgency: "urgent", reg: 1, due: 5, submit: [1, GD] },
  { key: "i06", symbol: "2345/QĐ-UBND", issuer: UBND, docType: "Quyết định", subject: "Quyết định phê duyệt kế hoạch tuyển dụng viên chức ngành giáo dục năm 2026", pages: 3, reg: 0, submit: [0, GD] },
  { key: "i07", symbol: "156/GM-UBND", issuer: UBND, docType: "Giấy mời", subject: "Giấy mời dự hội nghị đánh giá chỉ số cải cách hành chính cấp tỉnh", pages: 1, urgency: "urgent", reg: 0, submit: [0, GD] },
  { key: "i08", symbol: "890/STC-HCSN", issuer: "Sở Tài chính tỉnh Bình Định", docType: "Công văn", subject: "V/v bố trí kinh phí tổ chức thi tuyển công chức năm 2026", pages: 2, reg: 1, submit: [1, PGD1] },
  {
    key: "i09", symbol: "4410/BNV-CQĐP", issuer: BNV, docType: "Công văn", subject: "V/v tổng kết thực hiện quy chế dân chủ ở cơ sở", pages: 2, reg: 3,
    submit: [3, GD], pass: [2, GD, PGD1, "Đề nghị đồng chí Mai cho ý kiến chỉ đạo theo lĩnh vực phụ trách."],
  },
  { key: "i10", symbol: "412/BTGCP-VP", issuer: "Ban Tôn giáo Chính phủ", docType: "Công văn", subject: "V/v hướng dẫn công tác quản lý nhà nước về tín ngưỡng, tôn giáo dịp lễ cuối năm", pages: 2, reg: 1, submit: [1, PGD2] },
  // Chuyển xử lý to a unit: its head passes it on.
  {
    key: "i11", symbol: "1401/UBND-TH", issuer: UBND, docType: "Công văn", subject: "V/v góp ý dự thảo đề án vị trí việc làm của Sở Tài nguyên và Môi trường", pages: 3, reg: 3,
    submit: [3, GD], assign: { at: 2, by: GD, instruction: "Giao Phòng TCBC chủ trì thẩm định, Phòng CCVC phối hợp.", to: [{ unit: "TCBC", role: "lead", days: 10 }, { unit: "CCVC", role: "coordinate", days: 10 }] },
  },
  {
    key: "i12", symbol: "275/HĐND-VP", issuer: "Hội đồng nhân dân tỉnh Bình Định", docType: "Công văn", subject: "V/v chuẩn bị nội dung trả lời chất vấn về công tác thanh niên", pages: 2, reg: 2,
    submit: [2, GD], assign: { at: 1, by: GD, instruction: "Giao Phòng XDCQ&CTTN chuẩn bị nội dung, báo cáo trước kỳ họp.", to: [{ unit: "XDCQ", role: "lead", days: 8 }] },
  },
  {
    key: "i13", symbol: "188/CCVTLT-NV", issuer: "Cục Văn thư và Lưu trữ nhà nước", docType: "Hướng dẫn", subject: "Hướng dẫn thu thập hồ sơ, tài liệu vào Lưu trữ lịch sử năm 2027", pages: 4, reg: 4,
    submit: [4, GD], assign: { at: 3, by: GD, instruction: "Giao Chi cục Văn thư - Lưu trữ triển khai.", to: [{ unit: "CCVTLT", role: "lead", days: 12 }] },
    cascade: [
      { at: 2, by: "cct.vtlt", from: "CCVTLT", instruction: "Phòng Nghiệp vụ xây dựng kế hoạch thu thập.", to: [{ unit: "NVVTLT", role: "lead", days: 10 }] },
      { at: 1, by: "tp.nvvtlt", from: "NVVTLT", instruction: "Đồng chí Hậu dự thảo kế hoạch.", to: [{ user: "cv.nvvtlt", role: "lead", days: 8 }] },
    ],
    progress: [{ at: 0, who: "cv.nvvtlt", text: "Đã lập danh sách các cơ quan thuộc diện nộp lưu." }],
  },
  // Đang xử lý by staff.
  {
    key: "i14", symbol: "97/UBND-TCBC", issuer: "UBND thị xã An Nhơn", docType: "Tờ trình", subject: "Tờ trình đề nghị điều chỉnh biên chế công chức năm 2026 của thị xã An Nhơn", pages: 3, reg: 6,
    submit: [6, GD], assign: { at: 5, by: GD, instruction: "Đồng chí Tâm chủ trì, đồng chí Hương phối hợp rà soát.", to: [{ user: "cv.tcbc2", role: "lead", days: 10 }, { user: "cv.ccvc", role: "coordinate", days: 8 }] },
    progress: [{ at: 3, who: "cv.tcbc2", text: "Đã đối chiếu số liệu biên chế được giao." }, { at: 2, who: "cv.ccvc", text: "Thống nhất số liệu công chức hiện có.", opinion: true }],
  },
  {
    key: "i15", symbol: "310/TĐTN-VP", issuer: "Tỉnh Đoàn Bình Định", docType: "Công văn", subject: "V/v phối hợp tổ chức diễn đàn thanh niên với chính quyền năm 2026", pages: 2, reg: 7,
    submit: [7, GD], assign: { at: 6, by: GD, instruction: "Giao Phòng XDCQ&CTTN phối hợp.", to: [{ unit: "XDCQ", role: "lead", days: 12 }] },
    cascade: [{ at: 5, by: "tp.xdcq", from: "XDCQ", instruction: "Đồng chí Ngọc tham mưu.", to: [{ user: "cv.xdcq", role: "lead", days: 10 }] }],
    progress: [{ at: 2, who: "cv.xdcq", text: "Đã liên hệ Tỉnh Đoàn thống nhất thời gian tổ chức." }],
  },
  {
    key: "i16", symbol: "52/TTT-NV", issuer: "Thanh tra tỉnh Bình Định", docType: "Công văn", subject: "V/v báo cáo công tác tiếp công dân, giải quyết khiếu nại năm 2026", pages: 2, reg: 4,
    submit: [4, GD], assign: { at: 3, by: GD, instruction: "Giao Thanh tra Sở tổng hợp báo cáo.", to: [{ user: "cv.ttr", role: "lead", days: 15 }] },
  },
  {
    key: "i17", symbol: "1488/UBND-VX", issuer: UBND, docType: "Công văn", subject: "V/v rà soát vị trí việc làm công chức các sở, ban, ngành", pages: 2, reg: 3,
    submit: [3, GD], assign: { at: 2, by: GD, instruction: "Đồng chí Khoa chủ trì rà soát; Ban TĐKT biết.", to: [{ user: "cv.tcbc1", role: "lead", days: 10 }, { unit: "TDKT", role: "info", days: 10 }] },
  },
  // Quá hạn: deadlines already past.
  {
    key: "i18", symbol: "1102/UBND-NC", issuer: UBND, docType: "Công văn", subject: "V/v thẩm định hồ sơ thành lập hội cấp tỉnh", pages: 3, reg: 16,
    submit: [16, GD], assign: { at: 15, by: GD, instruction: "Đồng chí Tâm thẩm định, trình trước hạn.", to: [{ user: "cv.tcbc2", role: "lead", days: 7 }] },
    progress: [{ at: 10, who: "cv.tcbc2", text: "Đang chờ hội bổ sung điều lệ." }],
  },
  {
    key: "i19", symbol: "2050/SNN-VP", issuer: "Sở Nông nghiệp và Phát triển nông thôn", docType: "Công văn", subject: "V/v đề nghị tuyển dụng viên chức Trung tâm Khuyến nông", pages: 2, reg: 14,
    submit: [14, GD], assign: { at: 13, by: GD, instruction: "Giao Phòng CCVC xem xét, tham mưu.", to: [{ unit: "CCVC", role: "lead", days: 6 }] },
    cascade: [{ at: 12, by: "tp.ccvc", from: "CCVC", instruction: "Đồng chí Hương xử lý.", to: [{ user: "cv.ccvc", role: "lead", days: 4 }] }],
  },
  {
    key: "i20", symbol: "67/VPUBND-HC", issuer: "Văn phòng UBND tỉnh Bình Định", docType: "Công văn", subject: "V/v báo cáo tình hình sử dụng xe ô tô công", pages: 1, urgency: "urgent", reg: 12,
    submit: [12, GD], assign: { at: 11, by: GD, instruction: "Văn phòng báo cáo ngay.", to: [{ user: "cv.vp", role: "lead", days: 3 }] },
  },
  {
    key: "i21", symbol: "1033/UBND-TCBC", issuer: UBND, docType: "Công văn", subject: "V/v rà soát số lượng cấp phó các phòng chuyên môn cấp huyện", pages: 2, reg: 18,
    submit: [18, GD], assign: { at: 17, by: GD, instruction: "Đồng chí Khoa rà soát, báo cáo.", to: [{ user: "cv.tcbc1", role: "lead", days: 8 }] },
  },
  {
    key: "i22", symbol: "18/TTCP-KHTH", issuer: "Thanh tra Chính phủ", docType: "Công văn", subject: "V/v báo cáo kết quả thực hiện kết luận thanh tra công vụ", pages: 3, reg: 13,
    submit: [13, GD], assign: { at: 12, by: GD, instruction: "Giao Thanh tra Sở báo cáo.", to: [{ unit: "TTR", role: "lead", days: 5 }] },
  },
  // Đã hoàn thành.
  {
    key: "i23", symbol: "980/UBND-TCBC", issuer: UBND, docType: "Công văn", subject: "V/v giao biên chế công chức năm 2026 cho các cơ quan hành chính", pages: 4, reg: 25,
    submit: [25, GD], assign: { at: 24, by: GD, instruction: "Đồng chí Tâm tham mưu văn bản giao biên chế.", to: [{ user: "cv.tcbc2", role: "lead", days: 10 }] },
    complete: { at: 18, who: "cv.tcbc2", result: "Đã tham mưu Quyết định giao biên chế." },
  },
  {
    key: "i24", symbol: "245/TĐTN-TCKT", issuer: "Tỉnh Đoàn Bình Định", docType: "Kế hoạch", subject: "Kế hoạch tổ chức Tháng Thanh niên năm 2026", pages: 3, reg: 22,
    submit: [22, GD], assign: { at: 21, by: GD, instruction: "Đồng chí Ngọc theo dõi, phối hợp.", to: [{ user: "cv.xdcq", role: "lead", days: 10 }] },
    complete: { at: 15, who: "cv.xdcq", result: "Đã phối hợp tổ chức, báo cáo kết quả." },
  },
  {
    key: "i25", symbol: "1750/SYT-TCCB", issuer: "Sở Y tế tỉnh Bình Định", docType: "Công văn", subject: "V/v đề nghị tổ chức thi tuyển công chức ngành y tế", pages: 2, reg: 20,
    submit: [20, GD], assign: { at: 19, by: GD, instruction: "Giao Phòng CCVC.", to: [{ unit: "CCVC", role: "lead", days: 12 }] },
    cascade: [{ at: 19, by: "tp.ccvc", from: "CCVC", instruction: "Đồng chí Hương xử lý.", to: [{ user: "cv.ccvc", role: "lead", days: 10 }] }],
    complete: { at: 14, who: "cv.ccvc", result: "Đã hướng dẫn Sở Y tế quy trình thi tuyển." },
  },
  {
    key: "i26", symbol: "330/BTĐKTTW-VP", issuer: "Ban Thi đua - Khen thưởng Trung ương", docType: "Hướng dẫn", subject: "Hướng dẫn khen thưởng tổng kết năm 2026", pages: 3, reg: 19,
    submit: [19, GD], assign: { at: 18, by: GD, instruction: "Đồng chí Toàn triển khai.", to: [{ user: "cv.nvtd", role: "lead", days: 10 }] },
    complete: { at: 12, who: "cv.nvtd", result: "Đã triển khai đến các cơ quan, đơn vị." },
  },
  {
    key: "i27", symbol: "125/BTG-NV", issuer: "Ban Tôn giáo Chính phủ", docType: "Công văn", subject: "V/v thống kê cơ sở tín ngưỡng trên địa bàn tỉnh", pages: 2, reg: 17,
    submit: [17, PGD2], assign: { at: 16, by: PGD2, instruction: "Đồng chí Yến thống kê, báo cáo.", to: [{ user: "cv.nvtg", role: "lead", days: 10 }] },
    complete: { at: 10, who: "cv.nvtg", result: "Đã gửi số liệu thống kê." },
  },
  {
    key: "i28", symbol: "1190/UBND-NC", issuer: UBND, docType: "Công văn", subject: "V/v báo cáo số lượng hội có tính chất đặc thù", pages: 2, reg: 21,
    submit: [21, GD], assign: { at: 20, by: GD, instruction: "Đồng chí Tâm dự thảo văn bản trả lời.", to: [{ user: "cv.tcbc2", role: "lead", days: 10 }] },
  },
  {
    key: "i29", symbol: "08/UBND-M", issuer: UBND, docType: "Công văn", subject: "V/v công tác bảo vệ bí mật nhà nước năm 2026", pages: 2, secrecy: "confidential", reg: 5,
    submit: [5, GD], assign: { at: 4, by: GD, instruction: "Đồng chí Mai chỉ đạo thực hiện.", to: [{ user: PGD1, role: "lead", days: 15 }] },
  },
  {
    key: "i30", symbol: "45/VPUBND-KT", issuer: "Văn phòng UBND tỉnh Bình Định", docType: "Công văn", subject: "V/v đăng ký lịch làm việc của lãnh đạo các sở tháng 12", pages: 1, reg: 9,
    submit: [9, GD], assign: { at: 8, by: GD, instruction: "Văn phòng đăng ký lịch.", to: [{ user: "cv.vp", role: "lead", days: 3 }] },
    complete: { at: 6, who: "cv.vp", result: "Đã đăng ký lịch làm việc." },
  },
];

const OUTSIDE = { name: "UBND các huyện, thị xã, thành phố" };

export const demoOutgoing: DemoOut[] = [
  { key: "o01", drafter: "cv.tcbc2", docType: "Tờ trình", subject: "Tờ trình về việc giao biên chế công chức năm 2027", signer: GD, recipients: [{ name: UBND }], created: 1, steps: {} },
  { key: "o02", drafter: "cv.tcbc2", docType: "Công văn", subject: "V/v hướng dẫn xây dựng đề án vị trí việc làm năm 2027", signer: GD, recipients: [OUTSIDE], created: 3, steps: { submit: 2 } },
  {
    key: "o03", drafter: "cv.xdcq", docType: "Kế hoạch", subject: "Kế hoạch kiểm tra công tác thanh niên năm 2027", signer: PGD1, authority: "kt", recipients: [OUTSIDE, { unit: "TCBC" }], created: 2,
    steps: { submit: 1, consult: { at: 1, by: "tp.xdcq", unit: "TCBC", request: "Đề nghị Phòng TCBC góp ý nội dung kiểm tra về tổ chức bộ máy.", days: 3 } },
  },
  { key: "o04", drafter: "cv.ccvc", docType: "Thông báo", subject: "Thông báo kết quả kỳ thi nâng ngạch công chức năm 2026", signer: GD, recipients: [OUTSIDE], created: 5, steps: { submit: 4, approve: [3, "tp.ccvc"] } },
  { key: "o05", drafter: "cv.ttr", docType: "Kế hoạch", subject: "Kế hoạch thanh tra công vụ năm 2027", signer: GD, recipients: [{ name: "Các phòng, đơn vị thuộc Sở" }], created: 4, steps: { submit: 3, approve: [2, "chanhthanhtra"] } },
  { key: "o06", drafter: "cv.tcbc2", docType: "Quyết định", subject: "Quyết định phê duyệt vị trí việc làm của Trung tâm Lưu trữ lịch sử", signer: GD, recipients: [{ unit: "CCVTLT" }], created: 6, steps: { submit: 5, approve: [4, "tp.tcbc"], check: 3 } },
  { key: "o07", drafter: "cv.vp", docType: "Báo cáo", subject: "Báo cáo công tác văn phòng tháng 11 năm 2026", signer: GD, recipients: [{ name: UBND }], created: 4, steps: { submit: 3, approve: [2, "phochanhvp"], check: 1 } },
  {
    key: "o08", drafter: "cv.xdcq", docType: "Báo cáo", subject: "Báo cáo kết quả thực hiện quy chế dân chủ ở cơ sở năm 2026", signer: PGD1, authority: "kt", recipients: [{ name: BNV }], created: 7,
    steps: { submit: 6, approve: [5, "tp.xdcq"], check: 4 },
  },
  {
    key: "o09", drafter: "cv.xdcq", docType: "Công văn", subject: "V/v đôn đốc báo cáo công tác thanh niên quý IV", signer: PGD1, authority: "kt", recipients: [OUTSIDE], created: 5,
    steps: { submit: 4, returned: [3, "tp.xdcq", "Bổ sung thời hạn gửi báo cáo và đầu mối liên hệ."] },
  },
  {
    key: "o10", drafter: "cv.ccvc", docType: "Công văn", subject: "V/v cử công chức dự thi nâng ngạch chuyên viên chính", signer: GD, recipients: [OUTSIDE], created: 8,
    steps: { submit: 7, approve: [6, "tp.ccvc"], returned: [5, "chanhvp", "Sai thể thức phần nơi nhận; đề nghị chỉnh theo Phụ lục I Nghị định 30."] },
  },
  { key: "o11", drafter: "cv.tcbc2", docType: "Công văn", subject: "V/v thẩm định hồ sơ thành lập Hội Doanh nhân trẻ tỉnh", signer: GD, recipients: [{ name: UBND }], created: 9, steps: { submit: 8, approve: [7, "tp.tcbc"], check: 5, sign: 2 } },
  { key: "o12", drafter: "cv.vp", docType: "Thông báo", subject: "Thông báo lịch trực cơ quan dịp Tết Dương lịch", signer: PGD2, authority: "kt", recipients: [{ unit: "TCBC" }, { unit: "XDCQ" }], created: 6, steps: { submit: 5, approve: [4, "phochanhvp"], check: 3, sign: 1 } },
  {
    key: "o13", drafter: "cv.tcbc2", docType: "Công văn", subject: "V/v báo cáo số lượng hội có tính chất đặc thù trên địa bàn tỉnh", signer: GD, replyTo: "i28", recipients: [{ name: UBND }], created: 19,
    steps: { submit: 18, approve: [17, "tp.tcbc"], check: 16, sign: 15, issue: 14 },
  },
  {
    key: "o14", drafter: "cv.ccvc", docType: "Kế hoạch", subject: "Kế hoạch tổ chức thi tuyển công chức năm 2026", signer: GD, recipients: [OUTSIDE, { unit: "TCBC" }, { unit: "XDCQ" }], created: 12,
    steps: { submit: 11, approve: [11, "tp.ccvc"], check: 10, sign: 9, issue: 8 },
  },
  { key: "o15", drafter: "cv.tcbc2", docType: "Quyết định", subject: "Quyết định giao biên chế công chức năm 2026", signer: GD, recipients: [{ name: "Các sở, ban, ngành tỉnh" }], created: 23, steps: { submit: 22, approve: [22, "tp.tcbc"], check: 21, sign: 21, issue: 20 } },
  { key: "o16", drafter: "cv.vp", docType: "Kế hoạch", subject: "Kế hoạch tổ chức hội nghị tổng kết công tác năm 2026", signer: GD, recipients: [{ name: "Các phòng, đơn vị thuộc Sở" }], created: 15, steps: { submit: 14, approve: [13, "phochanhvp"], check: 12, sign: 12, issue: 11 } },
];

export const demoWorkFiles: DemoFile[] = [
  // Open, with the decision and the documents it answers.
  { key: "f01", owner: "cv.tcbc2", item: "04.TCBC", open: 24, add: [[18, "incoming", "i23"], [20, "outgoing", "o15"], [5, "incoming", "i14"]] },
  { key: "f02", owner: "cv.vp", item: "01.TH", open: 10, add: [[6, "incoming", "i30"], [6, "outgoing", "o16"]] },
  // Closed, not yet handed over.
  { key: "f03", owner: "cv.xdcq", item: "06.XDCQ", open: 22, add: [[15, "incoming", "i24"]], close: 10 },
  // Handed over: waiting for the archivist, and accepted into the agency archive.
  { key: "f04", owner: "cv.nvtd", item: "10.TDKT", open: 19, add: [[12, "incoming", "i26"]], close: 9, reconcile: 8, handOver: { at: 4, title: "Hồ sơ thi đua, khen thưởng năm 2026" } },
  {
    key: "f05", owner: "cv.ccvc", item: "07.CCVC", open: 20, add: [[14, "incoming", "i25"], [8, "outgoing", "o14"]], close: 7, reconcile: 6,
    handOver: { at: 5, title: "Hồ sơ công chức, viên chức năm 2026" }, accept: 3,
  },
];
