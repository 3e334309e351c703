// Kinds of in-app notices (the bell) and their labels; the person chooses which also go by e-mail
// (Tài khoản của tôi). Shared by the server and the account form.

export const NOTIFICATION_KINDS = [
  "assigned", "returned", "approved", "opinion", "remind", "due_soon", "due_today", "overdue", "escalation", "recall", "handover", "other",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  assigned: "Được giao xử lý",
  returned: "Bị trả lại",
  approved: "Được duyệt",
  opinion: "Xin ý kiến",
  remind: "Đôn đốc",
  due_soon: "Sắp đến hạn",
  due_today: "Đến hạn hôm nay",
  overdue: "Quá hạn",
  escalation: "Báo cáo quá hạn",
  recall: "Thu hồi",
  handover: "Bàn giao",
  other: "Thông báo khác",
};

export const isNotificationKind = (v: string): v is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(v);

/** A window event: a notice was marked read outside the bell (a list's link); the bell asks its count again. */
export const NOTICES_CHANGED_EVENT = "vpdt:notices-changed";
