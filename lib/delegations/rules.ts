import type { DelegationForm } from "@/db/schema/delegations";
import type { PositionKind } from "@/db/schema/org";
import { isoToDisplay } from "@/lib/dates";
import type { DelegationStatus } from "./labels";

// Pure rules of ủy quyền ký (NĐ 30/2020 Phụ lục I §7; Quy chế 376): who may give which form to whom,
// whether a delegation covers a document on a day, and its status. The reads are in coverage.ts.

/** "Phó Giám đốc", "Phó Chánh Văn phòng" (\b does not see Vietnamese letters as word characters). */
export const isDeputyTitle = (title: string) => /^phó(\s|$)/iu.test(title.trim());

export interface PersonProfile {
  fullName: string;
  active: boolean;
  positions: ReadonlyArray<{ kind: PositionKind; title: string }>;
}

const leaderTitles = (p: PersonProfile) => p.positions.filter((x) => x.kind === "leader").map((x) => x.title);
/** The head of the agency (Giám đốc): a leader position that is not a deputy's. */
export const isHead = (p: PersonProfile) => p.active && leaderTitles(p).some((t) => !isDeputyTitle(t));
/** A deputy head of the agency (Phó Giám đốc): leader positions, all deputies'. */
export const isDeputyLeader = (p: PersonProfile) => p.active && leaderTitles(p).length > 0 && leaderTitles(p).every(isDeputyTitle);
/** A head of a unit (Chánh Văn phòng, Trưởng phòng, Chánh Thanh tra…). */
export const isUnitHead = (p: PersonProfile) => p.active && p.positions.some((x) => x.kind === "unit_head" || x.kind === "office_chief");

/** The title written under the authority line: the leader's first, else the unit head's. */
export function titleOf(p: PersonProfile | null): string {
  if (!p) return "";
  const pick = (pred: (x: PersonProfile["positions"][number]) => boolean) => p.positions.find(pred)?.title;
  return pick((x) => x.kind === "leader" && !isDeputyTitle(x.title)) ?? pick((x) => x.kind === "leader") ??
    pick((x) => x.kind === "office_chief" || x.kind === "unit_head") ?? p.positions[0]?.title ?? "";
}

/**
 * Why this pair cannot hold this form, or null when it can. The delegator is always the head of the
 * agency; KT. goes to a deputy head, TUQ. and TL. to a head of a unit.
 */
export function formRefusal(form: DelegationForm, delegator: PersonProfile, delegate: PersonProfile): { field: "delegatorId" | "delegateId"; message: string } | null {
  if (!isHead(delegator)) return { field: "delegatorId", message: `${delegator.fullName} không phải người đứng đầu cơ quan: chỉ người đứng đầu ủy quyền ký.` };
  if (!delegate.active) return { field: "delegateId", message: `${delegate.fullName} đã ngừng hoạt động.` };
  if (form === "kt" && !isDeputyLeader(delegate)) {
    return { field: "delegateId", message: `Ký thay (KT.) chỉ dành cho cấp phó của người đứng đầu; ${delegate.fullName} không phải Phó Giám đốc.` };
  }
  if ((form === "tuq" || form === "tl") && !isUnitHead(delegate)) {
    const label = form === "tuq" ? "Thừa ủy quyền (TUQ.)" : "Thừa lệnh (TL.)";
    return { field: "delegateId", message: `${label} chỉ dành cho người đứng đầu đơn vị (Chánh Văn phòng, Trưởng phòng…); ${delegate.fullName} không phải.` };
  }
  return null;
}

export interface DelegationPeriod {
  allTypes: boolean;
  docTypes: readonly string[];
  validFrom: string;
  validTo: string;
  revokedAt: Date | null;
}

/** Covers this document type on this calendar day (Vietnam), at this instant (a revocation takes effect at once). */
export function covers(d: DelegationPeriod, docType: string | null, day: string, at: Date): boolean {
  if (d.revokedAt && d.revokedAt.getTime() <= at.getTime()) return false;
  if (day < d.validFrom || day > d.validTo) return false;
  return docType == null || d.allTypes || d.docTypes.includes(docType);
}

export function statusOf(d: DelegationPeriod, today: string): DelegationStatus {
  if (d.revokedAt) return "revoked";
  if (today > d.validTo) return "expired";
  if (today < d.validFrom) return "upcoming";
  return "active";
}

export const typesText = (d: Pick<DelegationPeriod, "allTypes" | "docTypes">) => (d.allTypes ? "Tất cả loại văn bản" : d.docTypes.join(", "));
export const periodText = (d: Pick<DelegationPeriod, "validFrom" | "validTo">) => `${isoToDisplay(d.validFrom)} – ${isoToDisplay(d.validTo)}`;
