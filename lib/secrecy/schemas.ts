import { z } from "zod";
import { secrecy } from "@/db/schema/incoming";
import { text, uuid } from "@/lib/validation";

/** Thay đổi độ mật: the new level and the reason (required), for an incoming or outgoing document. */
export const changeSecrecySchema = z.object({
  id: uuid,
  secrecy: z.enum(secrecy.enumValues, "Vui lòng chọn độ mật."),
  reason: text("lý do thay đổi độ mật", 1000),
});
export type ChangeSecrecyInput = z.input<typeof changeSecrecySchema>;
