// The dashboard's drill-down states (no imports: the list's search schema, also used by forms, reads it).
export const PROGRESS = ["received", "done", "ontime", "late", "open", "overdue"] as const;
export type Progress = (typeof PROGRESS)[number];

export const PROGRESS_LABELS: Record<Progress, string> = {
  received: "Tiếp nhận",
  done: "Đã hoàn thành",
  ontime: "Hoàn thành đúng hạn",
  late: "Hoàn thành trễ hạn",
  open: "Đang xử lý",
  overdue: "Đang xử lý quá hạn",
};
