import { z } from "zod";
import { text, uuid } from "@/lib/validation";

// Forms of liên thông that the browser validates too (no server-only imports here).

export const RECALL_PURPOSES = ["recall", "update", "replace"] as const;
export type RecallPurpose = (typeof RECALL_PURPOSES)[number];
export const PURPOSE_LABELS: Record<RecallPurpose, string> = { recall: "Thu hồi", update: "Cập nhật", replace: "Thay thế" };

const optionalUuid = z.preprocess((v) => (v === "" || v == null ? null : v), uuid.nullable());

/** Thu hồi / cập nhật / thay thế a document sent by liên thông (13 to each receiver). */
export const requestRecallSchema = z.object({
  id: uuid,
  purpose: z.enum(RECALL_PURPOSES, "Vui lòng chọn thu hồi, cập nhật hoặc thay thế."),
  reason: text("lý do", 1000),
  replacementId: optionalUuid.default(null),
});
