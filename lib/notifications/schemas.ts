import { z } from "zod";
import { param } from "@/lib/search-params";
import { NOTIFICATION_KINDS } from "./kinds";

/** /notifications: the page number. */
export const notificationsSearchSchema = z.object({ page: param.int(1, 10_000) });

/** Tài khoản của tôi → Nhận thông báo qua thư điện tử: the kinds ticked. */
export const emailPreferencesSchema = z.object({
  kinds: z.array(z.enum(NOTIFICATION_KINDS, "Loại thông báo không hợp lệ.")).max(NOTIFICATION_KINDS.length).default([]),
});
