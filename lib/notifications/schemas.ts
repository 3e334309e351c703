import { z } from "zod";
import { param } from "@/lib/search-params";
import { NOTIFICATION_KINDS } from "./kinds";

/** /notifications: the page number, and `unread=1` for the unread notices only. */
export const notificationsSearchSchema = z.object({ page: param.int(1, 10_000), unread: param.flag() });

/** Tài khoản của tôi → Nhận thông báo qua thư điện tử: the kinds ticked. */
export const emailPreferencesSchema = z.object({
  kinds: z.array(z.enum(NOTIFICATION_KINDS, "Loại thông báo không hợp lệ.")).max(NOTIFICATION_KINDS.length).default([]),
});
