// Dates as people type and read them (dd/mm/yyyy) and as forms, actions and the database carry them
// (yyyy-mm-dd). Shared by the date field, the zod schemas (client and server) and the exports.

/** No date of this office is older or later than this (a typo such as 2O26 or 20266 is refused). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** A deadline further away than this is a typo (Hạn giải quyết 31/12/2099). */
export const MAX_YEARS_AHEAD = 5;

// Built once: constructing an Intl.DateTimeFormat costs more than formatting with it (it showed in the
// numbering bench's CPU profile, issue 15 item 5).
const VN_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });

/** Today's date (yyyy-mm-dd) in Vietnam time. */
export function todayInVietnam(now = new Date()): string {
  return VN_DATE.format(now);
}

const DISPLAY_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, "0");

function validIso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;
}

/** "05/10/2026", "5/10/2026" or "2026-10-05" → "2026-10-05"; anything else (31/02/2026, 10/2026) → null. */
export function parseDate(value: string): string | null {
  const s = value.trim();
  const display = DISPLAY_RE.exec(s);
  if (display) return validIso(Number(display[3]), Number(display[2]), Number(display[1]));
  const iso = ISO_RE.exec(s);
  if (iso) return validIso(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/** "2026-10-05" → "05/10/2026" (a date without a time: no time zone shift). */
export function isoToDisplay(iso: string | null | undefined): string {
  const m = iso ? ISO_RE.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "";
}

/** A calendar day as a local Date at midnight (what the calendar shows), and back. */
export function isoToLocalDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d);
}
export function localDateToIso(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The day `years` years after `iso` (29/02 → 28/02). */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  return validIso(y + years, m, d) ?? validIso(y + years, m, d - 1)!;
}

