import type {
  EdxmlDocumentMessage,
  EdxmlIssue,
  EdxmlMessage,
  EdxmlOrganization,
  EdxmlResponseFor,
  EdxmlStaffInfo,
  EdxmlStatusMessage,
} from "./types";
import { STATUS_CODES } from "./types";

const TZ = "Asia/Ho_Chi_Minh";

/** Mã định danh `000.00.00.G22` (standards.md §4.4). */
export const ORGAN_ID_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
const DATE_RE = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const TIMESTAMP_RE = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A cap on fields the standard gives no length for, so nothing unbounded reaches the database. */
export const DEFAULT_FIELD_MAX = 2000;

/** Field lengths of standards.md §4.2 (from the SDK's Checker.java). */
export const FIELD_LIMITS = {
  organizationInCharge: 500,
  organName: 200,
  organAdd: 500,
  email: 100,
  telephone: 20,
  fax: 20,
  codeNumber: 11,
  codeNotation: 30,
  place: 50,
  typeName: 100,
  subject: 500,
  content: 500,
  sphereOfPromulgation: 100,
  typerNotation: 10,
  toPlace: 150,
} as const;

/** Today's date in Vietnam as `yyyy/MM/dd`. */
export function formatEdxmlDate(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}/${p.month}/${p.day}`;
}

/** `yyyy/MM/dd HH:mm:ss` in Asia/Ho_Chi_Minh. */
export function formatEdxmlTimestamp(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: TZ,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** DocumentId `OrganId,yyyy/MM/dd,Số/Ký hiệu`, e.g. `000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`. */
export function makeDocumentId(organId: string, promulgationDate: string, codeNumber: string, codeNotation: string): string {
  return `${organId},${promulgationDate},${codeNumber}/${codeNotation}`;
}

function validCalendarDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export function isEdxmlDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  return !!m && validCalendarDate(+m[1], +m[2], +m[3]);
}

export function isEdxmlTimestamp(s: string): boolean {
  const m = TIMESTAMP_RE.exec(s);
  return !!m && validCalendarDate(+m[1], +m[2], +m[3]) && +m[4] < 24 && +m[5] < 60 && +m[6] < 60;
}

/** Accepts `OrganId,yyyy/MM/dd,Số/Ký hiệu` or a UUID (some systems send one). */
export function isDocumentId(s: string): boolean {
  if (UUID_RE.test(s)) return true;
  const parts = s.split(",");
  if (parts.length < 3) return false;
  const [organ, date, ...rest] = parts;
  return ORGAN_ID_RE.test(organ) && isEdxmlDate(date) && rest.join(",").trim().length > 0;
}

class Checker {
  readonly issues: EdxmlIssue[] = [];
  constructor(private readonly today: string) {}

  required(path: string, label: string, v: string | undefined): v is string {
    if (v === undefined || v.trim() === "") {
      this.issues.push({ code: "required", path, message: `Thiếu ${label} (${path}).` });
      return false;
    }
    return true;
  }
  max(path: string, label: string, v: string | undefined, max: number = DEFAULT_FIELD_MAX) {
    if (v === undefined) return;
    const n = [...v].length;
    if (n > max) this.issues.push({ code: "too_long", path, message: `${label} (${path}) dài ${n} ký tự, tối đa ${max}.` });
  }
  format(path: string, label: string, ok: boolean, expected: string) {
    if (!ok) this.issues.push({ code: "format", path, message: `${label} (${path}) không đúng định dạng ${expected}.` });
  }
  value(path: string, message: string) {
    this.issues.push({ code: "value", path, message });
  }
  organId(path: string, v: string | undefined) {
    if (this.required(path, "mã định danh", v)) this.format(path, "Mã định danh", ORGAN_ID_RE.test(v), "000.00.00.X00");
  }
  date(path: string, label: string, v: string | undefined, notFuture = false) {
    if (v === undefined || v === "") return;
    this.format(path, label, isEdxmlDate(v), "yyyy/MM/dd");
    if (notFuture && isEdxmlDate(v) && v > this.today) {
      this.issues.push({ code: "future_date", path, message: `${label} (${path}) ${v} ở tương lai.` });
    }
  }
  organization(path: string, o: EdxmlOrganization) {
    this.organId(`${path}/OrganId`, o.organId);
    this.max(`${path}/OrganizationInCharge`, "Cơ quan chủ quản", o.organizationInCharge, FIELD_LIMITS.organizationInCharge);
    this.max(`${path}/OrganName`, "Tên cơ quan", o.organName, FIELD_LIMITS.organName);
    this.max(`${path}/OrganAdd`, "Địa chỉ", o.organAdd, FIELD_LIMITS.organAdd);
    this.max(`${path}/Email`, "Thư điện tử", o.email, FIELD_LIMITS.email);
    this.max(`${path}/Telephone`, "Điện thoại", o.telephone, FIELD_LIMITS.telephone);
    this.max(`${path}/Fax`, "Fax", o.fax, FIELD_LIMITS.fax);
    this.max(`${path}/Website`, "Trang web", o.website);
  }
  responseFor(path: string, r: EdxmlResponseFor) {
    this.organId(`${path}/OrganId`, r.organId);
    this.max(`${path}/Code`, "Số, ký hiệu", r.code, FIELD_LIMITS.codeNumber + 1 + FIELD_LIMITS.codeNotation);
    this.date(`${path}/PromulgationDate`, "Ngày ban hành", r.promulgationDate);
    if (this.required(`${path}/DocumentId`, "mã văn bản", r.documentId)) {
      this.format(`${path}/DocumentId`, "Mã văn bản", isDocumentId(r.documentId), "OrganId,yyyy/MM/dd,Số/Ký hiệu");
    }
  }
  staff(path: string, s: EdxmlStaffInfo | undefined) {
    if (!s) return;
    this.max(`${path}/Department`, "Đơn vị", s.department);
    this.max(`${path}/Staff`, "Cán bộ", s.staff);
    this.max(`${path}/Email`, "Thư điện tử", s.email, FIELD_LIMITS.email);
    this.max(`${path}/Mobile`, "Điện thoại", s.mobile, FIELD_LIMITS.telephone);
  }
}

export interface ValidateOptions {
  /** "Now" for the not-in-the-future check (tests); default the current time. */
  now?: Date;
}

function validateDocument(c: Checker, m: EdxmlDocumentMessage) {
  const h = m.header;
  const H = "MessageHeader";
  c.organization(`${H}/From`, h.from);
  if (h.to.length === 0) c.required(`${H}/To`, "nơi nhận", undefined);
  h.to.forEach((t, i) => c.organization(`${H}/To[${i + 1}]`, t));
  if (c.required(`${H}/DocumentId`, "mã văn bản", h.documentId)) {
    c.format(`${H}/DocumentId`, "Mã văn bản", isDocumentId(h.documentId), "OrganId,yyyy/MM/dd,Số/Ký hiệu");
  }
  if (c.required(`${H}/Code/CodeNumber`, "số văn bản", h.code.codeNumber)) {
    c.max(`${H}/Code/CodeNumber`, "Số văn bản", h.code.codeNumber, FIELD_LIMITS.codeNumber);
  }
  if (c.required(`${H}/Code/CodeNotation`, "ký hiệu văn bản", h.code.codeNotation)) {
    c.max(`${H}/Code/CodeNotation`, "Ký hiệu văn bản", h.code.codeNotation, FIELD_LIMITS.codeNotation);
  }
  c.max(`${H}/PromulgationInfo/Place`, "Địa danh", h.promulgationInfo.place, FIELD_LIMITS.place);
  if (c.required(`${H}/PromulgationInfo/PromulgationDate`, "ngày ban hành", h.promulgationInfo.promulgationDate)) {
    c.date(`${H}/PromulgationInfo/PromulgationDate`, "Ngày ban hành", h.promulgationInfo.promulgationDate, true);
  }
  if (h.documentType) {
    if (h.documentType.type !== 1 && h.documentType.type !== 2) {
      c.value(`${H}/DocumentType/Type`, `Loại văn bản (${H}/DocumentType/Type) phải là 1 (hành chính) hoặc 2 (quy phạm pháp luật).`);
    }
    c.max(`${H}/DocumentType/TypeDetail`, "Chi tiết loại", h.documentType.typeDetail, 10);
    c.max(`${H}/DocumentType/TypeName`, "Tên loại văn bản", h.documentType.typeName, FIELD_LIMITS.typeName);
  }
  if (c.required(`${H}/Subject`, "trích yếu", h.subject)) c.max(`${H}/Subject`, "Trích yếu", h.subject, FIELD_LIMITS.subject);
  c.max(`${H}/Content`, "Nội dung", h.content, FIELD_LIMITS.content);
  if (h.signerInfo) {
    c.max(`${H}/SignerInfo/Competence`, "Thẩm quyền ký", h.signerInfo.competence, 100);
    c.max(`${H}/SignerInfo/Position`, "Chức vụ người ký", h.signerInfo.position, 500);
    c.max(`${H}/SignerInfo/FullName`, "Họ tên người ký", h.signerInfo.fullName, 200);
  }
  c.date(`${H}/DueDate`, "Hạn xử lý", h.dueDate);
  const o = h.otherInfo;
  if (o) {
    if (o.priority !== undefined && !(Number.isInteger(o.priority) && o.priority >= 0 && o.priority <= 4)) {
      c.value(`${H}/OtherInfo/Priority`, `Độ khẩn (${H}/OtherInfo/Priority) phải từ 0 đến 4.`);
    }
    c.max(`${H}/OtherInfo/SphereOfPromulgation`, "Phạm vi ban hành", o.sphereOfPromulgation, FIELD_LIMITS.sphereOfPromulgation);
    c.max(`${H}/OtherInfo/TyperNotation`, "Ký hiệu người đánh máy", o.typerNotation, FIELD_LIMITS.typerNotation);
    for (const [k, label] of [
      ["promulgationAmount", "Số bản phát hành"],
      ["pageAmount", "Số trang"],
    ] as const) {
      const v = o[k];
      if (v !== undefined && !(Number.isInteger(v) && v >= 0)) {
        c.value(`${H}/OtherInfo/${k[0].toUpperCase()}${k.slice(1)}`, `${label} phải là số nguyên không âm.`);
      }
    }
    o.appendixes.forEach((a, i) => c.max(`${H}/OtherInfo/Appendixes/Appendix[${i + 1}]`, "Phụ lục", a));
  }
  h.responseFor.forEach((r, i) => c.responseFor(`${H}/ResponseFor[${i + 1}]`, r));
  if (h.steeringType !== undefined && ![0, 1, 2].includes(h.steeringType)) {
    c.value(`${H}/SteeringType`, `Loại chỉ đạo (${H}/SteeringType) phải là 0, 1 hoặc 2.`);
  }
  h.toPlaces.forEach((p, i) => c.max(`${H}/ToPlaces/Place[${i + 1}]`, "Nơi nhận", p, FIELD_LIMITS.toPlace));

  const b = m.business;
  const B = "TraceHeaderList/Bussiness";
  if (![0, 1, 2, 3].includes(b.businessDocType)) {
    c.value(`${B}/BussinessDocType`, `Loại nghiệp vụ (${B}/BussinessDocType) phải là 0 (mới), 1 (thu hồi), 2 (cập nhật) hoặc 3 (thay thế).`);
  }
  c.max(`${B}/DocumentId`, "Mã văn bản", b.documentId, 200);
  c.max(`${B}/BussinessDocReason`, "Lý do", b.businessDocReason);
  if (b.paper !== undefined && b.paper !== 0 && b.paper !== 1) c.value(`${B}/Paper`, `Gửi kèm bản giấy (${B}/Paper) phải là 0 hoặc 1.`);
  c.staff(`${B}/StaffInfo`, b.staffInfo);
  b.businessDocumentInfo?.receivers.forEach((r, i) =>
    c.organId(`${B}/BussinessDocumentInfo/ReceiverList/Receiver[${i + 1}]/OrganId`, r.organId),
  );
  if (b.businessDocType === 3 && b.replacementInfoList.length === 0) {
    c.required(`${B}/ReplacementInfoList`, "danh sách văn bản bị thay thế", undefined);
  }
  b.replacementInfoList.forEach((r, i) => {
    const p = `${B}/ReplacementInfoList/ReplacementInfo[${i + 1}]`;
    c.required(`${p}/DocumentId`, "mã văn bản bị thay thế", r.documentId);
    c.max(`${p}/DocumentId`, "Mã văn bản bị thay thế", r.documentId, 200);
    r.organIds.forEach((id, j) => c.organId(`${p}/OrganIdList/OrganId[${j + 1}]`, id));
  });
  m.traces.forEach((t, i) => {
    c.organId(`TraceHeaderList/TraceHeader[${i + 1}]/OrganId`, t.organId);
    c.format(`TraceHeaderList/TraceHeader[${i + 1}]/Timestamp`, "Thời điểm", isEdxmlTimestamp(t.timestamp), "yyyy/MM/dd HH:mm:ss");
  });
  const seen = new Set<string>();
  m.attachments.forEach((a, i) => {
    const p = `AttachmentEncoded/Attachment[${i + 1}]`;
    if (c.required(`${p}/ContentId`, "mã tệp đính kèm", a.contentId)) {
      c.max(`${p}/ContentId`, "Mã tệp đính kèm", a.contentId, 200);
      if (seen.has(a.contentId)) {
        c.issues.push({ code: "duplicate", path: `${p}/ContentId`, message: `Tệp đính kèm ${a.contentId} bị lặp.` });
      }
      seen.add(a.contentId);
    }
    if (c.required(`${p}/AttachmentName`, "tên tệp đính kèm", a.name)) c.max(`${p}/AttachmentName`, "Tên tệp đính kèm", a.name, 255);
    c.max(`${p}/Description`, "Mô tả tệp", a.description);
    if (c.required(`${p}/ContentType`, "kiểu tệp", a.contentType)) c.max(`${p}/ContentType`, "Kiểu tệp", a.contentType, 255);
  });
}

function validateStatus(c: Checker, m: EdxmlStatusMessage) {
  const H = "MessageHeader";
  c.organization(`${H}/From`, m.from);
  c.responseFor(`${H}/ResponseFor`, m.responseFor);
  c.staff(`${H}/StaffInfo`, m.staffInfo);
  if (!(STATUS_CODES as readonly string[]).includes(m.statusCode)) {
    c.value(`${H}/StatusCode`, `Mã trạng thái (${H}/StatusCode) "${m.statusCode}" không thuộc 01–06, 13, 15, 16.`);
  }
  if (m.statusCode === "02" || m.statusCode === "13") c.required(`${H}/Description`, "lý do", m.description);
  c.max(`${H}/Description`, "Mô tả", m.description);
  if (c.required(`${H}/Timestamp`, "thời điểm", m.timestamp)) {
    c.format(`${H}/Timestamp`, "Thời điểm", isEdxmlTimestamp(m.timestamp), "yyyy/MM/dd HH:mm:ss");
  }
}

/** Every rule of standards.md §4.2–4.3 that the message breaks; empty when it is acceptable. */
export function validateEdxml(m: EdxmlMessage, opts: ValidateOptions = {}): EdxmlIssue[] {
  const c = new Checker(formatEdxmlDate(opts.now ?? new Date()));
  if (m.kind === "document") validateDocument(c, m);
  else validateStatus(c, m);
  return c.issues;
}
