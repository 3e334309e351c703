import type { SigningAuthority } from "@/db/schema/outgoing";
import { isoToDisplay } from "@/lib/dates";
import { AUTHORITY_PREFIX } from "./labels";
import { keptCopyOf, notationOf } from "./symbol";

// The checker's list (Chánh Văn phòng, pháp chế và thể thức): what the system can check itself is
// computed here and must pass before "Duyệt"; the rest the checker confirms by hand.

export interface CheckInput {
  docType: string;
  subject: string;
  secrecy: string;
  /** Was ever secret: keeps no file even after a downgrade (lib/secrecy/rules.ts). */
  wasSecret?: boolean;
  fileCount: number;
  recipientCount: number;
  authority: SigningAuthority;
  signer: { fullName: string; isLeader: boolean; titles: string[]; title?: string } | null;
  /** The delegation in force today for the signer in the draft's form (KT., TUQ., TL.), if any (lib/delegations). */
  delegation?: { form: "kt" | "tuq" | "tl"; delegatorName: string; delegatorTitle: string; validTo: string } | null;
  /** The day of the check (yyyy-mm-dd, Vietnam). */
  day?: string;
  agencyCode: string;
  unitCode: string;
}

export interface CheckItem {
  key: string;
  label: string;
  ok: boolean;
  detail: string;
}

// "Phó Giám đốc", "Phó Chánh Văn phòng" (\b does not see Vietnamese letters as word characters).
const isDeputy = (title: string) => /^phó(\s|$)/iu.test(title.trim());

const FORM_NAMES = { kt: "Ký thay (KT.)", tuq: "Thừa ủy quyền (TUQ.)", tl: "Thừa lệnh (TL.)" } as const;

/** Names what is missing: the form, the person, the document type and the day. */
function noDelegation(form: keyof typeof FORM_NAMES, d: CheckInput, name: string) {
  const day = d.day ? ` ngày ${isoToDisplay(d.day)}` : "";
  return {
    ok: false,
    detail: `Chưa có ủy quyền ${FORM_NAMES[form]} của người đứng đầu cho ${name} đối với loại "${d.docType}"${day}: ghi nhận tại "Ủy quyền ký" hoặc chọn người ký, thẩm quyền ký khác.`,
  };
}

function authorityCheck(d: CheckInput): { ok: boolean; detail: string } {
  const { authority, signer, delegation } = d;
  if (!signer) return { ok: false, detail: "Chưa chọn người ký." };
  const covered = (form: keyof typeof FORM_NAMES, title: string) =>
    delegation && delegation.form === form
      ? { ok: true, detail: `${AUTHORITY_PREFIX[form]} ${delegation.delegatorTitle}, ${title} ${signer.fullName} ký (ủy quyền của ${delegation.delegatorName} đến ${isoToDisplay(delegation.validTo)}).` }
      : noDelegation(form, d, signer.fullName);
  if (authority === "tl" || authority === "tuq") {
    // Heads of units sign by order or by authorisation of the head, under a delegation (NĐ 30/2020 Phụ lục I §7).
    return covered(authority, signer.title || signer.titles[0] || "");
  }
  if (!signer.isLeader) return { ok: false, detail: `${signer.fullName} không phải lãnh đạo cơ quan.` };
  const deputy = signer.titles.length > 0 && signer.titles.every(isDeputy);
  const title = signer.titles[0] ?? "";
  switch (authority) {
    case "direct":
      return deputy
        ? { ok: false, detail: `${signer.fullName} là cấp phó (${title}): ký thay người đứng đầu phải ghi "KT.".` }
        : { ok: true, detail: `${title} ${signer.fullName} ký trực tiếp.` };
    case "kt":
      return deputy ? covered("kt", title) : { ok: false, detail: `"KT." dành cho cấp phó ký thay; ${signer.fullName} (${title}) ký trực tiếp.` };
    case "q":
      return { ok: true, detail: `Q. người đứng đầu: ${signer.fullName}.` };
    default:
      // TM. is signed on behalf of a collective body.
      return { ok: false, detail: `"${AUTHORITY_PREFIX[authority]}" không áp dụng khi lãnh đạo cơ quan ký; chọn ký trực tiếp, KT. hoặc Q.` };
  }
}

export function systemChecks(d: CheckInput): CheckItem[] {
  const missing = [
    !d.docType && "loại văn bản",
    !d.subject.trim() && "trích yếu",
    !d.signer && "người ký",
    d.secrecy === "normal" && !d.wasSecret && d.fileCount === 0 && "tệp dự thảo",
  ].filter(Boolean);
  const notation = notationOf(d.docType, d.agencyCode, d.unitCode);
  const auth = authorityCheck(d);
  return [
    {
      key: "required",
      label: "Đủ thông tin bắt buộc",
      ok: missing.length === 0,
      detail: missing.length ? `Còn thiếu: ${missing.join(", ")}.` : "Loại văn bản, trích yếu, người ký và tệp dự thảo đã có.",
    },
    {
      key: "notation",
      label: "Loại văn bản và ký hiệu",
      ok: !!notation,
      detail: notation ? `Ký hiệu sẽ là …/${notation}.` : `Không lập được ký hiệu cho "${d.docType}" (thiếu chữ viết tắt của cơ quan hoặc đơn vị).`,
    },
    { key: "authority", label: "Thẩm quyền ký", ...auth },
    {
      key: "recipients",
      label: "Có nơi nhận",
      ok: d.recipientCount > 0,
      detail: d.recipientCount > 0 ? `${d.recipientCount} nơi nhận.` : "Chưa có nơi nhận nào.",
    },
    {
      key: "kept",
      label: 'Nơi nhận có "Lưu: VT"',
      ok: !!d.unitCode.trim(),
      detail: d.unitCode.trim() ? `Hệ thống ghi "${keptCopyOf(d.unitCode)}" khi phát hành.` : "Đơn vị soạn thảo chưa có chữ viết tắt.",
    },
  ];
}

/** What the checker confirms by hand (NĐ 30/2020 Điều 10–12). */
export const MANUAL_CHECKS = [
  { key: "legal", label: "Nội dung phù hợp quy định pháp luật, đúng thẩm quyền ban hành" },
  { key: "format", label: "Thể thức, kỹ thuật trình bày đúng Phụ lục I Nghị định 30/2020/NĐ-CP" },
] as const;
