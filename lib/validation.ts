import { z } from "zod";

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

/** An ISO date (yyyy-mm-dd) from a date input; empty means none. */
export const isoDate = (label: string) =>
  z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z.iso.date(`${label} không hợp lệ (dd/mm/yyyy).`).nullable(),
  );

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
