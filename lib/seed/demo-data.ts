import type { PositionKind, UnitKind } from "@/db/schema/org";

// The demo agency of product.md §9: Sở Nội vụ tỉnh Bình Định. Names are invented.
export const DEMO_PASSWORD = "VanPhong@2026";

export const demoAgency = {
  code: "SNV",
  name: "Sở Nội vụ tỉnh Bình Định",
  parentName: "UBND tỉnh Bình Định",
  placeName: "Bình Định",
  organId: "000.00.12.H08",
};

export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parent?: string;
}

export const demoUnits: DemoUnit[] = [
  { code: "BGD", name: "Ban Giám đốc", kind: "leadership" },
  { code: "VP", name: "Văn phòng Sở", kind: "office" },
  { code: "TCBC", name: "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ", kind: "division" },
  { code: "XDCQ", name: "Phòng Xây dựng chính quyền và Công tác thanh niên", kind: "division" },
  { code: "CCVC", name: "Phòng Công chức, viên chức", kind: "division" },
  { code: "TTR", name: "Thanh tra Sở", kind: "division" },
  { code: "CCVTLT", name: "Chi cục Văn thư - Lưu trữ", kind: "affiliated" },
  { code: "NVVTLT", name: "Phòng Nghiệp vụ Văn thư - Lưu trữ", kind: "division", parent: "CCVTLT" },
  { code: "HCTH", name: "Phòng Hành chính - Tổng hợp", kind: "division", parent: "CCVTLT" },
  { code: "TDKT", name: "Ban Thi đua - Khen thưởng", kind: "affiliated" },
  { code: "NVTD", name: "Phòng Nghiệp vụ Thi đua", kind: "division", parent: "TDKT" },
  { code: "BTG", name: "Ban Tôn giáo", kind: "affiliated" },
  { code: "NVTG", name: "Phòng Nghiệp vụ Tôn giáo", kind: "division", parent: "BTG" },
];

export interface DemoPerson {
  username: string;
  fullName: string;
  positions: { unit: string; kind: PositionKind; title: string }[];
}

const p = (username: string, fullName: string, unit: string, kind: PositionKind, title: string): DemoPerson => ({
  username,
  fullName,
  positions: [{ unit, kind, title }],
});

export const demoPeople: DemoPerson[] = [
  p("quantri", "Trần Minh Quân", "VP", "admin", "Quản trị hệ thống"),
  p("giamdoc", "Nguyễn Văn Hùng", "BGD", "leader", "Giám đốc"),
  p("phogiamdoc1", "Lê Thị Mai", "BGD", "leader", "Phó Giám đốc"),
  p("phogiamdoc2", "Phạm Quốc Bảo", "BGD", "leader", "Phó Giám đốc"),
  // The Chánh Văn phòng is also the appointed checker of drafts (product.md §1), so every
  // position kind has a holder.
  {
    username: "chanhvp",
    fullName: "Đặng Thị Thu Hà",
    positions: [
      { unit: "VP", kind: "office_chief", title: "Chánh Văn phòng" },
      { unit: "VP", kind: "checker", title: "Kiểm tra thể thức" },
    ],
  },
  p("phochanhvp", "Võ Thanh Tùng", "VP", "unit_deputy", "Phó Chánh Văn phòng"),
  p("vanthu", "Huỳnh Thị Ngọc Ánh", "VP", "clerk", "Văn thư"),
  p("vanthu2", "Lê Thị Kim Oanh", "VP", "clerk", "Văn thư"),
  p("luutru", "Nguyễn Thị Hồng Nhung", "VP", "archivist", "Lưu trữ viên"),
  p("cv.vp", "Trương Văn Lực", "VP", "staff", "Chuyên viên"),
  p("tp.tcbc", "Phan Văn Đức", "TCBC", "unit_head", "Trưởng phòng"),
  p("pp.tcbc", "Bùi Thị Lan", "TCBC", "unit_deputy", "Phó Trưởng phòng"),
  p("cv.tcbc1", "Đỗ Minh Khoa", "TCBC", "staff", "Chuyên viên"),
  p("cv.tcbc2", "Ngô Thị Thanh Tâm", "TCBC", "staff", "Chuyên viên"),
  p("tp.xdcq", "Lý Văn Sơn", "XDCQ", "unit_head", "Trưởng phòng"),
  p("cv.xdcq", "Trần Thị Bích Ngọc", "XDCQ", "staff", "Chuyên viên"),
  p("tp.ccvc", "Hồ Văn Thắng", "CCVC", "unit_head", "Trưởng phòng"),
  p("cv.ccvc", "Mai Thị Hương", "CCVC", "staff", "Chuyên viên"),
  p("chanhthanhtra", "Đinh Công Minh", "TTR", "unit_head", "Chánh Thanh tra"),
  p("cv.ttr", "Vũ Thị Hạnh", "TTR", "staff", "Thanh tra viên"),
  p("cct.vtlt", "Nguyễn Đình Phúc", "CCVTLT", "unit_head", "Chi cục trưởng"),
  p("tp.nvvtlt", "Cao Thị Diệu", "NVVTLT", "unit_head", "Trưởng phòng"),
  p("cv.nvvtlt", "Lâm Văn Hậu", "NVVTLT", "staff", "Chuyên viên"),
  p("tb.tdkt", "Phạm Thị Xuân", "TDKT", "unit_head", "Trưởng ban"),
  p("cv.nvtd", "Dương Văn Toàn", "NVTD", "staff", "Chuyên viên"),
  p("tb.btg", "Tạ Quang Vinh", "BTG", "unit_head", "Trưởng ban"),
  p("cv.nvtg", "Hà Thị Yến", "NVTG", "staff", "Chuyên viên"),
];

/**
 * The directory of external recipients (Cơ quan nhận bên ngoài). Mã định danh come from the national
 * registry and are never derived (standards.md §4.4): only Văn phòng Chính phủ's, seen in the public
 * edXML samples, is filled in; the others receive paper until their codes are entered.
 */
export const demoDirectory: Array<{ name: string; organId: string | null }> = [
  { name: "Văn phòng Chính phủ", organId: "000.00.00.G22" },
  { name: "Bộ Nội vụ", organId: null },
  { name: "UBND tỉnh Bình Định", organId: null },
  { name: "Văn phòng UBND tỉnh Bình Định", organId: null },
  { name: "Sở Tài chính tỉnh Bình Định", organId: null },
  { name: "Sở Kế hoạch và Đầu tư tỉnh Bình Định", organId: null },
  { name: "Sở Giáo dục và Đào tạo tỉnh Bình Định", organId: null },
  { name: "Sở Y tế tỉnh Bình Định", organId: null },
  { name: "UBND thành phố Quy Nhơn", organId: null },
  { name: "UBND thị xã An Nhơn", organId: null },
  { name: "UBND huyện Tuy Phước", organId: null },
];

/**
 * The Danh mục hồ sơ of the current year (NĐ 30/2020 Phụ lục V): main headings with their
 * abbreviation, items numbered across the list; `keeper` is a unit code or a username.
 */
export const demoFilePlan: Array<{ abbr: string; title: string; items: Array<{ title: string; retention: string; unit: string; user?: string; note?: string }> }> = [
  {
    abbr: "TH", title: "TỔNG HỢP",
    items: [
      { title: "Kế hoạch, báo cáo công tác năm của Sở Nội vụ", retention: "VV", unit: "VP", user: "cv.vp" },
      { title: "Hồ sơ hội nghị tổng kết công tác năm", retention: "10", unit: "VP" },
    ],
  },
  {
    abbr: "TCBC", title: "TỔ CHỨC, BIÊN CHẾ",
    items: [
      { title: "Hồ sơ thẩm định đề án vị trí việc làm của các cơ quan, đơn vị", retention: "20", unit: "TCBC", user: "cv.tcbc1" },
      { title: "Hồ sơ giao biên chế công chức năm", retention: "VV", unit: "TCBC", user: "cv.tcbc2" },
      { title: "Văn bản trao đổi về tổ chức bộ máy (hồ sơ nguyên tắc)", retention: "10", unit: "TCBC", note: "Hồ sơ nguyên tắc" },
    ],
  },
  {
    abbr: "XDCQ", title: "XÂY DỰNG CHÍNH QUYỀN VÀ CÔNG TÁC THANH NIÊN",
    items: [{ title: "Hồ sơ về công tác thanh niên năm", retention: "10", unit: "XDCQ", user: "cv.xdcq" }],
  },
  {
    abbr: "CCVC", title: "CÔNG CHỨC, VIÊN CHỨC",
    items: [{ title: "Hồ sơ tổ chức thi tuyển công chức", retention: "20", unit: "CCVC", user: "cv.ccvc" }],
  },
  {
    abbr: "VTLT", title: "VĂN THƯ, LƯU TRỮ",
    items: [
      { title: "Hồ sơ kiểm tra công tác văn thư, lưu trữ tại các cơ quan, đơn vị", retention: "10", unit: "NVVTLT", user: "cv.nvvtlt" },
      { title: "Sổ đăng ký văn bản đi, văn bản đến của Sở", retention: "20", unit: "VP", user: "luutru" },
    ],
  },
  {
    abbr: "TDKT", title: "THI ĐUA, KHEN THƯỞNG",
    items: [{ title: "Hồ sơ khen thưởng tổng kết năm", retention: "VV", unit: "NVTD", user: "cv.nvtd" }],
  },
];

// ───────────── A second demo agency (DEMO_AGENCY=stc): Sở Tài chính tỉnh Bình Định ─────────────
// Used as the other side of liên thông in tests (two installations, tests/exchange/installations.ts).
// The same login names as the default agency (vanthu, giamdoc, …) with other people's names, so the
// tests log in the same way on either installation (login names are unique across a database: one
// installation holds one of the two demo agencies). Names are invented.

export const stcAgency = {
  code: "STC",
  name: "Sở Tài chính tỉnh Bình Định",
  parentName: "UBND tỉnh Bình Định",
  placeName: "Bình Định",
  organId: "000.00.12.H09",
};

export const stcUnits: DemoUnit[] = [
  { code: "BGD", name: "Ban Giám đốc", kind: "leadership" },
  { code: "VP", name: "Văn phòng Sở", kind: "office" },
  { code: "NS", name: "Phòng Quản lý ngân sách", kind: "division" },
  { code: "TCDN", name: "Phòng Tài chính doanh nghiệp", kind: "division" },
  { code: "GCS", name: "Phòng Quản lý giá và công sản", kind: "division" },
  { code: "TTR", name: "Thanh tra Sở", kind: "division" },
];

export const stcPeople: DemoPerson[] = [
  p("quantri", "Lê Văn Toàn", "VP", "admin", "Quản trị hệ thống"),
  p("giamdoc", "Trần Quốc Khánh", "BGD", "leader", "Giám đốc"),
  p("phogiamdoc1", "Nguyễn Thị Hoa", "BGD", "leader", "Phó Giám đốc"),
  {
    username: "chanhvp",
    fullName: "Phạm Văn Nam",
    positions: [
      { unit: "VP", kind: "office_chief", title: "Chánh Văn phòng" },
      { unit: "VP", kind: "checker", title: "Kiểm tra thể thức" },
    ],
  },
  p("vanthu", "Võ Thị Thu Trang", "VP", "clerk", "Văn thư"),
  p("vanthu2", "Đoàn Thị Mỹ Linh", "VP", "clerk", "Văn thư"),
  p("luutru", "Huỳnh Văn Phát", "VP", "archivist", "Lưu trữ viên"),
  p("tp.ns", "Nguyễn Hữu Tài", "NS", "unit_head", "Trưởng phòng"),
  p("pp.ns", "Bạch Thị Thảo", "NS", "unit_deputy", "Phó Trưởng phòng"),
  p("cv.ns1", "Lê Thị Ngân", "NS", "staff", "Chuyên viên"),
  p("cv.ns2", "Trịnh Văn Quý", "NS", "staff", "Chuyên viên"),
  p("tp.tcdn", "Châu Minh Đạt", "TCDN", "unit_head", "Trưởng phòng"),
  p("cv.tcdn", "Phan Thị Kiều", "TCDN", "staff", "Chuyên viên"),
  p("tp.gcs", "Lương Văn Hiếu", "GCS", "unit_head", "Trưởng phòng"),
  p("chanhthanhtra", "Tôn Thất Bình", "TTR", "unit_head", "Chánh Thanh tra"),
];

export const stcDirectory: Array<{ name: string; organId: string | null }> = [
  { name: "Văn phòng Chính phủ", organId: "000.00.00.G22" },
  { name: "Bộ Tài chính", organId: null },
  { name: "UBND tỉnh Bình Định", organId: null },
  { name: "Sở Nội vụ tỉnh Bình Định", organId: null },
  { name: "Kho bạc Nhà nước Bình Định", organId: null },
];

export const stcFilePlan: typeof demoFilePlan = [
  {
    abbr: "TH", title: "TỔNG HỢP",
    items: [{ title: "Kế hoạch, báo cáo công tác năm của Sở Tài chính", retention: "VV", unit: "VP" }],
  },
  {
    abbr: "NS", title: "NGÂN SÁCH",
    items: [
      { title: "Hồ sơ lập dự toán ngân sách tỉnh năm", retention: "VV", unit: "NS", user: "cv.ns1" },
      { title: "Văn bản trao đổi về điều hành ngân sách", retention: "10", unit: "NS", user: "cv.ns2" },
    ],
  },
  {
    abbr: "TCDN", title: "TÀI CHÍNH DOANH NGHIỆP",
    items: [{ title: "Hồ sơ giám sát tài chính doanh nghiệp nhà nước", retention: "20", unit: "TCDN", user: "cv.tcdn" }],
  },
];

export interface DemoDataSet {
  agency: typeof demoAgency;
  units: DemoUnit[];
  people: DemoPerson[];
  directory: Array<{ name: string; organId: string | null }>;
  filePlan: typeof demoFilePlan;
}

/** The demo agency to seed: DEMO_AGENCY=stc selects Sở Tài chính; anything else the default Sở Nội vụ. */
export function demoDataSet(name: string | undefined = process.env.DEMO_AGENCY): DemoDataSet {
  if (name?.toLowerCase() === "stc") return { agency: stcAgency, units: stcUnits, people: stcPeople, directory: stcDirectory, filePlan: stcFilePlan };
  return { agency: demoAgency, units: demoUnits, people: demoPeople, directory: demoDirectory, filePlan: demoFilePlan };
}

// ───────────── One installation, several agencies (issue 15 item 4) ─────────────
// `npm start` also seeds Sở Tài chính next to Sở Nội vụ in the same database (DEMO_SECOND_AGENCY=0
// leaves it out). Login names are unique across a database, so its people sign in as "stc.<name>"
// (stc.vanthu, stc.giamdoc, …); DEMO_AGENCY=stc (the other installation of liên thông tests) keeps
// the plain names.

export const SECOND_AGENCY_PREFIX = "stc.";

/** Sở Tài chính as the second agency of the default installation: the same data, prefixed login names. */
export function secondAgencySet(): DemoDataSet {
  const pre = (u: string) => `${SECOND_AGENCY_PREFIX}${u}`;
  return {
    agency: stcAgency,
    units: stcUnits,
    people: stcPeople.map((p) => ({ ...p, username: pre(p.username) })),
    directory: stcDirectory,
    filePlan: stcFilePlan.map((h) => ({ ...h, items: h.items.map((it) => ({ ...it, user: it.user ? pre(it.user) : undefined })) })),
  };
}

/**
 * The province's own administration row (agencies.province): holds the Quản trị cấp tỉnh, who creates
 * agencies and their first administrators and reads no document. Not an agency of the list; its mã định
 * danh is a placeholder outside the national codes (it never sends or receives).
 */
export const provinceAdministration = {
  agency: { code: "QTT", name: "Quản trị hệ thống cấp tỉnh", parentName: "UBND tỉnh Bình Định", placeName: "Bình Định", organId: "000.00.99.H99" },
  unit: { code: "QT", name: "Tổ quản trị hệ thống", kind: "office" as const },
  admin: { username: "quantri.tinh", fullName: "Nguyễn Thành Trung", title: "Quản trị cấp tỉnh" },
};
