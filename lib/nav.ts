import { can, type HasPositions, type Verb } from "@/lib/auth/permissions";

export interface NavArea {
  href: string;
  label: string;
  /** Shown when the user holds any of these verbs; empty = everyone signed in. */
  anyOf: Verb[];
  /** false while the area's issue is not built: the page shows an honest empty state. */
  ready: boolean;
  description: string;
}

export const NAV_AREAS: NavArea[] = [
  { href: "/", label: "Tổng quan", anyOf: [], ready: true, description: "Công việc của bạn trong ngày." },
  {
    href: "/incoming", label: "Văn bản đến", ready: true,
    // Everyone who handles incoming documents sees the list of those they may read (lib/access/incoming.ts).
    anyOf: ["incoming.register", "incoming.assign", "incoming.assignUnit", "incoming.process", "documents.readAgency"],
    description: "Tiếp nhận, vào sổ, trình lãnh đạo, chuyển xử lý văn bản đến.",
  },
  {
    href: "/my-work", label: "Việc của tôi", ready: true, anyOf: ["incoming.process"],
    description: "Văn bản được giao xử lý chính, phối hợp hoặc nhận để biết, kèm hạn xử lý.",
  },
  {
    href: "/outgoing", label: "Văn bản đi", ready: true,
    anyOf: ["outgoing.draft", "outgoing.approve", "outgoing.check", "outgoing.sign", "outgoing.issue"],
    description: "Dự thảo, trình duyệt, ký duyệt, phát hành văn bản đi.",
  },
  {
    href: "/files", label: "Hồ sơ công việc", ready: true, anyOf: ["files.keep", "files.plan", "files.accept", "monitoring.agency"],
    description: "Danh mục hồ sơ, mở và đóng hồ sơ, nộp lưu vào Lưu trữ cơ quan.",
  },
  {
    href: "/monitoring", label: "Theo dõi, đôn đốc", ready: false, anyOf: ["monitoring.agency", "monitoring.unit"],
    description: "Số liệu xử lý theo đơn vị và cá nhân, văn bản quá hạn, đôn đốc.",
  },
  {
    href: "/registers", label: "Sổ văn bản", ready: true, anyOf: ["registers.print"],
    description: "In sổ đăng ký văn bản đến, văn bản đi, sổ theo dõi giải quyết.",
  },
  {
    href: "/exchange", label: "Liên thông", ready: false, anyOf: ["incoming.register", "outgoing.issue"],
    description: "Gửi, nhận văn bản điện tử và trạng thái với các cơ quan khác (edXML).",
  },
  { href: "/admin", label: "Quản trị", anyOf: ["org.manage"], ready: true, description: "Đơn vị, chức vụ, người dùng, sự kiện an ninh." },
];

export function visibleAreas(user: HasPositions): NavArea[] {
  return NAV_AREAS.filter((a) => a.anyOf.length === 0 || a.anyOf.some((v) => can(user, v)));
}

export function areaByHref(href: string): NavArea {
  return NAV_AREAS.find((a) => a.href === href)!;
}
