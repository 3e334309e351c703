import { z } from "zod";

// Shared by the forms on "Tài khoản của tôi" and the actions (style.md rule 7).
export const SIGNATURE_IMAGE_MAX_BYTES = 512 * 1024;
export const CERTIFICATE_MAX_BYTES = 32 * 1024;
/** base64 length of n bytes. */
const b64Max = (n: number) => Math.ceil(n / 3) * 4;
const base64 = (max: number, tooLarge: string) =>
  z.string().trim().min(1, "Vui lòng chọn tệp.").max(b64Max(max), tooLarge).regex(/^[A-Za-z0-9+/]+={0,2}$/, "Tệp không đọc được.");

export const signatureImageSchema = z.object({
  image: base64(SIGNATURE_IMAGE_MAX_BYTES, "Ảnh chữ ký tối đa 512 KB."),
});

export const certificateSchema = z.object({
  certificate: base64(CERTIFICATE_MAX_BYTES, "Tệp chứng thư số tối đa 32 KB."),
});

export const cscUserSchema = z.object({
  cscUserId: z.string().trim().max(200, "Tối đa 200 ký tự."),
});

export const CERTIFICATE_EXTS = ["cer", "crt", "pem", "der"] as const;
