import { TYPE_ABBREVIATIONS } from "./labels";

// NĐ 30/2020 Phụ lục I §3 (standards.md §1.1): "/" between số and ký hiệu, "-" between groups, no
// spaces, numbers below 10 with a leading 0. A type with an abbreviation: <type>-<agency>, e.g.
// QĐ-SNV; a công văn (no abbreviation): <agency>-<drafting unit>, e.g. SNV-VP.

export function notationOf(docType: string, agencyCode: string, unitCode: string): string | null {
  if (!(docType in TYPE_ABBREVIATIONS)) return null;
  const abbr = TYPE_ABBREVIATIONS[docType];
  const clean = (s: string) => s.trim().replace(/\s+/g, "");
  if (!clean(agencyCode)) return null;
  if (abbr) return `${abbr}-${clean(agencyCode)}`;
  return clean(unitCode) ? `${clean(agencyCode)}-${clean(unitCode)}` : null;
}

export function formatNumber(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The full số, ký hiệu: 376/QĐ-SNV, 05/SNV-VP. */
export function symbolOf(n: number, notation: string): string {
  return `${formatNumber(n)}/${notation}`;
}

/** "Lưu: VT, TCBC." The kept copies: the Văn thư and the drafting unit (Phụ lục I, Nơi nhận). */
export function keptCopyOf(unitCode: string): string {
  return `Lưu: VT, ${unitCode.trim()}.`;
}
