import { z } from "zod";

const days = (label: string, min: number) =>
  z.coerce
    .number({ error: `${label} phải là một số ngày làm việc.` })
    .int(`${label} phải là số nguyên.`)
    .min(min, `${label} ít nhất là ${min} ngày làm việc.`)
    .max(30, `${label} không được quá 30 ngày làm việc.`);

/** Quản trị → Thông tin cơ quan → Nhắc hạn và báo cáo quá hạn (N and M, in working days). */
export const reminderSettingsSchema = z.object({
  daysBefore: days("Số ngày nhắc trước hạn", 0),
  escalateAfter: days("Số ngày quá hạn trước khi báo lãnh đạo cơ quan", 1),
});
export type ReminderSettingsInput = z.input<typeof reminderSettingsSchema>;

/** Đôn đốc: a reminder about one part of an incoming document. */
export const remindSchema = z.object({
  assignmentId: z.uuid("Phần việc không hợp lệ."),
  message: z
    .string()
    .trim()
    .min(1, "Vui lòng nhập nội dung đôn đốc.")
    .max(1000, "Nội dung đôn đốc không được dài quá 1000 ký tự."),
  alsoHead: z.boolean().default(false),
});
export type RemindInput = z.input<typeof remindSchema>;
