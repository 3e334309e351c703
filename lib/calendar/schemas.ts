import { z } from "zod";
import { isoToDisplay, MAX_YEAR, MIN_YEAR, parseDate } from "@/lib/dates";
import { uuid } from "@/lib/validation";

// The forms of Quản trị → Lịch làm việc, shared by the react-hook-form resolver and the actions
// (lib/calendar/actions.ts). Client-safe: no server imports.

export const CHANGE_KINDS = ["off", "working", "removed"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  off: "Ngày nghỉ thêm",
  working: "Ngày làm việc bù (thứ Bảy, Chủ nhật đi làm)",
  removed: "Bỏ ngày nghỉ tính tự động (đi làm)",
};

/** The first and last year the calendar can show or change. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2099;

const dayField = z
  .string({ error: "Vui lòng nhập ngày." })
  .trim()
  .min(1, "Vui lòng nhập ngày.")
  .transform((v, ctx) => {
    const iso = parseDate(v);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: "Ngày chưa đúng, vui lòng nhập theo dạng dd/mm/yyyy." });
      return z.NEVER;
    }
    const y = Number(iso.slice(0, 4));
    if (y < Math.max(MIN_YEAR, CALENDAR_MIN_YEAR) || y > Math.min(MAX_YEAR, CALENDAR_MAX_YEAR)) {
      ctx.addIssue({ code: "custom", message: `Lịch làm việc chỉ có các năm từ ${CALENDAR_MIN_YEAR} đến ${CALENDAR_MAX_YEAR} (ngày ${isoToDisplay(iso)}).` });
      return z.NEVER;
    }
    return iso;
  });

export const calendarDaySchema = z.object({
  day: dayField,
  kind: z.enum(CHANGE_KINDS, { error: "Vui lòng chọn loại ngày." }),
  reason: z.string().trim().min(1, "Vui lòng nhập lý do (ví dụ: theo Thông báo của Bộ Nội vụ).").max(300, "Lý do không được dài quá 300 ký tự."),
});
export type CalendarDayInput = z.input<typeof calendarDaySchema>;

export const updateCalendarDaySchema = calendarDaySchema.extend({ id: uuid });

export const deleteCalendarDaySchema = z.object({ id: uuid });
