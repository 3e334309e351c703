import { z } from "zod";
import { can, type HasPositions, type Verb } from "@/lib/auth/permissions";
import { localPathOrNull } from "@/lib/http/local-path";
import { param, parseSearchParams, type RawParams } from "@/lib/search-params";

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
    href: "/delegations", label: "Ủy quyền ký", ready: true, anyOf: ["delegations.manage"],
    description: "Ký thay (KT.), Thừa ủy quyền (TUQ.), Thừa lệnh (TL.): ai ký thay ai, loại văn bản và thời gian.",
  },
  {
    href: "/files", label: "Hồ sơ công việc", ready: true, anyOf: ["files.keep", "files.plan", "files.accept", "monitoring.agency"],
    description: "Danh mục hồ sơ, mở và đóng hồ sơ, nộp lưu vào Lưu trữ cơ quan.",
  },
  {
    href: "/monitoring", label: "Theo dõi, đôn đốc", ready: true, anyOf: ["monitoring.agency", "monitoring.unit"],
    description: "Số liệu xử lý theo đơn vị và cá nhân, văn bản quá hạn, đôn đốc.",
  },
  {
    href: "/registers", label: "Sổ văn bản", ready: true, anyOf: ["registers.print"],
    description: "In sổ đăng ký văn bản đến, văn bản đi, sổ theo dõi giải quyết.",
  },
  {
    href: "/exchange", label: "Liên thông", ready: true, anyOf: ["exchange.monitor"],
    description: "Gửi, nhận văn bản điện tử và trạng thái với các cơ quan khác (edXML).",
  },
  { href: "/admin", label: "Quản trị", anyOf: ["org.manage"], ready: true, description: "Đơn vị, chức vụ, người dùng, lịch làm việc, sự kiện an ninh." },
  {
    href: "/admin/agencies", label: "Cơ quan", anyOf: ["agencies.manage"], ready: true,
    description: "Quản trị cấp tỉnh: các cơ quan dùng chung hệ thống, quản trị viên của từng cơ quan.",
  },
];

export function visibleAreas(user: HasPositions): NavArea[] {
  return NAV_AREAS.filter((a) => a.anyOf.length === 0 || a.anyOf.some((v) => can(user, v)));
}

export function areaByHref(href: string): NavArea {
  return NAV_AREAS.find((a) => a.href === href)!;
}

// ───────────────────────── back links ─────────────────────────
// Every back link goes where the person came from (a validated `from`) or, failing that, to the
// first list of the area they may open: staff have no /incoming, so a document's back link takes
// them to Việc của tôi; the archivist's to Hồ sơ công việc (issue 11, item 6).

const ID = "[0-9a-fA-F-]{36}";
const END = "(?:[?#]|$)";
/** The pages a `from` may name, their back label, and the area the person must see for a list. */
const BACK_ROUTES: ReadonlyArray<{ re: RegExp; label: string; area?: string }> = [
  { re: new RegExp(`^/incoming/${ID}${END}`), label: "Văn bản đến" },
  { re: new RegExp(`^/outgoing/${ID}${END}`), label: "Văn bản đi" },
  { re: new RegExp(`^/files/handover/${ID}${END}`), label: "Đợt nộp lưu", area: "/files" },
  { re: new RegExp(`^/files/${ID}${END}`), label: "Hồ sơ", area: "/files" },
  { re: new RegExp(`^/files/archive${END}`), label: "Lưu trữ cơ quan", area: "/files" },
  { re: new RegExp(`^/incoming${END}`), label: "Văn bản đến", area: "/incoming" },
  { re: new RegExp(`^/outgoing${END}`), label: "Văn bản đi", area: "/outgoing" },
  { re: new RegExp(`^/my-work${END}`), label: "Việc của tôi", area: "/my-work" },
  { re: new RegExp(`^/files${END}`), label: "Hồ sơ công việc", area: "/files" },
  { re: new RegExp(`^/${END}`), label: "Tổng quan", area: "/" },
];

export interface BackLink {
  href: string;
  label: string;
}

const sees = (user: HasPositions, href: string) => visibleAreas(user).some((a) => a.href === href);

/**
 * Where "←" goes: `from` when it is a page of this site the back link knows and, for a list, one the
 * person may open; else the first of `areas` the person may open; else Tổng quan.
 */
export function backLink(user: HasPositions, areas: readonly string[], from?: string | null): BackLink {
  const path = from ? localPathOrNull(from) : null;
  const route = path ? BACK_ROUTES.find((r) => r.re.test(path)) : undefined;
  if (path && route && (!route.area || sees(user, route.area))) return { href: path, label: route.label };
  const area = areas.find((href) => sees(user, href)) ?? "/";
  return { href: area, label: areaByHref(area).label };
}

/** A link that carries where it was followed from, so the page it opens can send the person back. */
export function withFrom(href: string, from: string): string {
  return `${href}${href.includes("?") ? "&" : "?"}from=${encodeURIComponent(from)}`;
}

/** The `from` of a page's search parameters. */
export const backSearchSchema = z.object({ from: param.text(1000) });

/** backLink with the `from` of a page's raw search parameters. */
export const backLinkFor = (user: HasPositions, areas: readonly string[], raw: RawParams): BackLink =>
  backLink(user, areas, parseSearchParams(raw, backSearchSchema).data.from);
