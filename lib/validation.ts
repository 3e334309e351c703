import { z } from "zod";
import { MAX_YEAR, MAX_YEARS_AHEAD, MIN_YEAR, addYears, isoToDisplay, parseDate, todayInVietnam } from "@/lib/dates";

// Field builders shared by the forms' zod schemas, with their Vietnamese messages.

/**
 * The id of the row a form acts on, which the page puts in the form (never typed): its message says
 * what is missing rather than "invalid code" (issue 11, item 9).
 */
export const uuid = z.uuid("Thiếu thông tin về mục cần xử lý (văn bản, hồ sơ hoặc người dùng). Vui lòng tải lại trang rồi thử lại.");

/**
 * An id the person chooses in a list (a recipient, a leader, a unit…): empty says what to choose;
 * anything else that names no row says the choice is no longer in the list.
 */
export const idOf = (label: string) =>
  z
    .string(`Vui lòng chọn ${label}.`)
    .trim()
    .min(1, `Vui lòng chọn ${label}.`)
    .pipe(z.uuid(`${label[0].toUpperCase()}${label.slice(1)} đã chọn không có trong danh sách. Vui lòng chọn lại.`));

/** What a date field typed (dd/mm/yyyy) or carries (yyyy-mm-dd) as yyyy-mm-dd; empty is null; junk stays as typed (refused). */
export const normalizeDate = (v: unknown) => {
  if (v === "" || v == null) return null;
  if (typeof v !== "string") return v;
  return parseDate(v) ?? v;
};

interface DateRules {
  /** Not after today in Vietnam (a document's date: it has arrived, so it exists). */
  notAfterToday?: string;
  /** Not before today in Vietnam (a deadline given today), nor more than MAX_YEARS_AHEAD years ahead. */
  notBeforeToday?: string;
}

/** The checks every date field shares: a real date, a sane year, and the rule of its field against today. */
function checkDate(label: string, rules: DateRules) {
  return (v: string | null | undefined, ctx: z.core.$RefinementCtx<string | null | undefined>) => {
    // A value the format check refused is not compared (zod runs refinements after a format issue).
    if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return;
    const year = Number(v.slice(0, 4));
    if (year < MIN_YEAR || year > MAX_YEAR) {
      ctx.addIssue({ code: "custom", message: `${label} có năm không hợp lệ (${year}).` });
      return;
    }
    const today = todayInVietnam();
    if (rules.notAfterToday && v > today) ctx.addIssue({ code: "custom", message: `${rules.notAfterToday} (${isoToDisplay(today)}).` });
    if (rules.notBeforeToday && v < today) ctx.addIssue({ code: "custom", message: `${rules.notBeforeToday} (${isoToDisplay(today)}).` });
    const latest = addYears(today, MAX_YEARS_AHEAD);
    if (rules.notBeforeToday && v > latest) {
      ctx.addIssue({ code: "custom", message: `${label} không được quá ${MAX_YEARS_AHEAD} năm kể từ hôm nay (muộn nhất ${isoToDisplay(latest)}).` });
    }
  };
}

const invalidDate = (label: string) => `${label} không hợp lệ, nhập theo dạng dd/mm/yyyy (ví dụ 05/10/2026).`;

/** An optional date, typed dd/mm/yyyy or carried yyyy-mm-dd; empty means none; the output is yyyy-mm-dd. */
export const isoDate = (label: string, rules: DateRules = {}) =>
  z.preprocess(normalizeDate, z.iso.date(invalidDate(label)).nullable()).superRefine(checkDate(label, rules));

/** A required date (same rules). */
export const requiredDate = (label: string, rules: DateRules = {}) =>
  z
    .preprocess(
      (v) => normalizeDate(v) ?? undefined,
      z.iso.date({ error: (issue) => (issue.input === undefined ? `Vui lòng nhập ${label[0].toLowerCase()}${label.slice(1)}.` : invalidDate(label)) }),
    )
    .superRefine(checkDate(label, rules));

const capital = (label: string) => `${label[0].toUpperCase()}${label.slice(1)}`;

/** Trimmed text with a maximum length; required unless `required` is false (then "" by default). */
export const text = (label: string, max: number, required = true) =>
  required
    ? z.string().trim().min(1, `Vui lòng nhập ${label}.`).max(max, `${capital(label)} không được dài quá ${max} ký tự.`)
    : z.string().trim().max(max, `${capital(label)} không được dài quá ${max} ký tự.`).default("");

/** A whole number from an input; empty means none. */
export const optionalInt = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z.coerce.number(`${label} phải là số.`).int(`${label} phải là số nguyên.`).min(min, `${label} phải từ ${min} trở lên.`).max(max, `${label} không được lớn hơn ${max}.`).nullable(),
  );

/** A checkbox or a hidden "true". */
export const flag = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id from a URL or a form that can be looked up at all (anything else is answered as not found). */
export const isUuid = (s: string) => UUID_RE.test(s);

/** Accent- and case-insensitive key for matching names: "Sở Tài chính" = "so  tai chinh" (đ → d). */
export const searchKey = (s: string) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
