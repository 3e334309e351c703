import { delegationForm, type DelegationForm } from "@/db/schema/delegations";

// The enums the screens need, from here: app/ and components/ never import db/ (style.md rule 1).
export { delegationForm, type DelegationForm };
export const DELEGATION_FORMS = delegationForm.enumValues;

/** glossary.md: Ủy quyền ký — Ký thay (KT.), Thừa lệnh (TL.), Thừa ủy quyền (TUQ.). */
export const DELEGATION_FORM_LABELS: Record<DelegationForm, string> = {
  kt: "Ký thay (KT.)",
  tuq: "Thừa ủy quyền (TUQ.)",
  tl: "Thừa lệnh (TL.)",
};
export const DELEGATION_FORM_PREFIX: Record<DelegationForm, string> = { kt: "KT.", tuq: "TUQ.", tl: "TL." };
/** Who may receive each form (shown in the form as a hint). */
export const DELEGATION_FORM_HINTS: Record<DelegationForm, string> = {
  kt: "Cấp phó (Phó Giám đốc) ký thay người đứng đầu.",
  tuq: "Trưởng đơn vị ký thừa ủy quyền của người đứng đầu cơ quan.",
  tl: "Trưởng đơn vị (Chánh Văn phòng, Trưởng phòng) ký thừa lệnh người đứng đầu.",
};

export type DelegationStatus = "active" | "upcoming" | "expired" | "revoked";
export const DELEGATION_STATUS_LABELS: Record<DelegationStatus, string> = {
  active: "Đang hiệu lực",
  upcoming: "Chưa đến ngày hiệu lực",
  expired: "Hết hạn",
  revoked: "Đã thu hồi",
};

/** The list's tabs: active (with upcoming), expired, revoked. */
export const DELEGATION_TABS = ["active", "expired", "revoked"] as const;
export type DelegationTab = (typeof DELEGATION_TABS)[number];
export const DELEGATION_TAB_LABELS: Record<DelegationTab, string> = { active: "Đang hiệu lực", expired: "Hết hạn", revoked: "Đã thu hồi" };
