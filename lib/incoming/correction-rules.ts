import type { IncomingStatus } from "@/db/schema/incoming";
import { can, type HasPositions } from "@/lib/auth/permissions";
import { formatDate } from "@/lib/format";
import { STATUS_LABELS, URGENCY_LABELS } from "./labels";

// Sửa thông tin vào sổ / Hủy vào sổ (NĐ 30/2020 Điều 20–24; Quy chế 376 Điều 4.1). The văn thư
// registers and submits to the leader of the Sở, who decides who handles the document. Until that
// decision the registration is the văn thư's own record, and the văn thư corrects or voids it.
// Once the leader has assigned it, units and people work from those data, so a change needs the
// leadership's consent: it is made by a leader of the agency (incoming.amendProcessed) under their
// own name, which is the consent itself, with the reason on the trail. No request waits unanswered
// in a queue, and the trail names the person who decided.

/** Before the leader's assignment: the văn thư's own record. */
export const OPEN_STATES: readonly IncomingStatus[] = ["registered", "awaiting_instruction"];
/** After it: corrections only by a leader of the agency. */
export const PROCESSED_CORRECT_STATES: readonly IncomingStatus[] = ["in_progress", "done"];
/** A document being handled can be voided by a leader; a finished one stays as it was done. */
export const PROCESSED_VOID_STATES: readonly IncomingStatus[] = ["in_progress"];

type Doc = { agencyId: string; status: IncomingStatus; arrivalNo: number | null };
type Who = HasPositions & { agencyId: string };

export type Refusal = { ok: false; message: string };
export type Allowed = { ok: true; consent: boolean };

function decide(actor: Who, doc: Doc, verb: "incoming.correct" | "incoming.void", processed: readonly IncomingStatus[], what: string): Allowed | Refusal {
  if (doc.agencyId !== actor.agencyId || !can(actor, verb)) return { ok: false, message: "Bạn không có quyền với văn bản này." };
  if (doc.arrivalNo == null) return { ok: false, message: `Văn bản chưa vào sổ, không ${what} được.` };
  if (OPEN_STATES.includes(doc.status)) return { ok: true, consent: false };
  if (processed.includes(doc.status)) {
    if (can(actor, "incoming.amendProcessed")) return { ok: true, consent: true };
    return { ok: false, message: `Văn bản đã được lãnh đạo chuyển xử lý: việc ${what} cần lãnh đạo cơ quan đồng ý và do lãnh đạo thực hiện trên hệ thống.` };
  }
  return { ok: false, message: `Văn bản đang ở trạng thái “${STATUS_LABELS[doc.status]}”, không ${what} được.` };
}

export const mayCorrect = (actor: Who, doc: Doc) => decide(actor, doc, "incoming.correct", PROCESSED_CORRECT_STATES, "sửa thông tin vào sổ");
export const mayVoid = (actor: Who, doc: Doc) => decide(actor, doc, "incoming.void", PROCESSED_VOID_STATES, "hủy vào sổ");

/** The fields a correction may change, with their labels (Phụ lục VI). */
export const CORRECTABLE = {
  symbol: "Số, ký hiệu",
  issuedDate: "Ngày văn bản",
  issuerName: "Cơ quan ban hành",
  docType: "Loại văn bản",
  subject: "Trích yếu",
  signer: "Người ký",
  urgency: "Độ khẩn",
  pageCount: "Số trang",
  dueDate: "Hạn giải quyết",
  note: "Ghi chú",
  fileCode: "Số và ký hiệu hồ sơ",
} as const;
export type CorrectableField = keyof typeof CORRECTABLE;
export type FieldValue = string | number | null;
export interface Change {
  field: CorrectableField;
  label: string;
  from: FieldValue;
  to: FieldValue;
}

const shown = (field: CorrectableField, v: FieldValue) => {
  if (v == null || v === "") return "(trống)";
  if (field === "issuedDate" || field === "dueDate") return formatDate(String(v));
  if (field === "urgency") return URGENCY_LABELS[v as keyof typeof URGENCY_LABELS] ?? String(v);
  return `“${v}”`;
};

/** The fields whose value differs, old → new. */
export function diffRegistration(before: Record<CorrectableField, FieldValue>, after: Record<CorrectableField, FieldValue>): Change[] {
  return (Object.keys(CORRECTABLE) as CorrectableField[])
    .filter((f) => (before[f] ?? null) !== (after[f] ?? null))
    .map((f) => ({ field: f, label: CORRECTABLE[f], from: before[f] ?? null, to: after[f] ?? null }));
}

/** "Trích yếu: “A” → “B”; Hạn giải quyết: 05/12/2026 → 10/12/2026": what the trail shows. */
export const describeChanges = (changes: Change[]) =>
  changes.map((c) => `${c.label}: ${shown(c.field, c.from)} → ${shown(c.field, c.to)}`).join("; ");
