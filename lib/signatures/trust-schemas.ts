import { z } from "zod";
import { uuid } from "@/lib/validation";

// The forms of Quản trị → Chứng thư tin cậy (lib/signatures/trust.ts). Client-safe.

export const MAX_TRUST_FILE_BYTES = 256 * 1024;

export const importAnchorsSchema = z.object({
  file: z
    .string()
    .min(1, "Vui lòng chọn tệp chứng thư số.")
    .max(Math.ceil((MAX_TRUST_FILE_BYTES * 4) / 3) + 8, "Tệp chứng thư số quá lớn (tối đa 256 KB).")
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "Không đọc được tệp chứng thư số."),
});

export const removeAnchorSchema = z.object({ id: uuid });
