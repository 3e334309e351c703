import { z } from "zod";
import { uuid } from "@/lib/validation";

// Ký số (issue 14): the forms of the signing flow and the actions share these (style.md rule 7).
const b64 = (max: number, label: string) =>
  z.string().trim().min(1, `Thiếu ${label}.`).max(max, `${label[0].toUpperCase()}${label.slice(1)} quá lớn.`).regex(/^[A-Za-z0-9+/]+={0,2}$/, `${label[0].toUpperCase()}${label.slice(1)} không hợp lệ.`);
const der = b64(24_000, "chứng thư số");

export const SIGN_METHODS = ["pkcs12", "agent", "csc"] as const;
export type SignMethod = (typeof SIGN_METHODS)[number];
export const SIGN_METHOD_LABELS: Record<SignMethod, string> = {
  pkcs12: "Tệp chữ ký số (.p12, .pfx) trên máy này",
  agent: "Thiết bị ký số USB (qua phần mềm ký trên máy)",
  csc: "Dịch vụ ký số từ xa",
};

/** The server prepares the final PDF and the bytes to sign for this certificate chain (signer first). */
export const signPrepareSchema = z.object({
  id: uuid,
  method: z.enum(SIGN_METHODS, "Cách ký không hợp lệ."),
  chain: z.array(der).min(1, "Thiếu chứng thư số.").max(6, "Chuỗi chứng thư số quá dài."),
});

/** The signer's side returns the signature of the prepared bytes. */
export const signCompleteSchema = z.object({
  id: uuid,
  sessionId: uuid,
  method: z.enum(SIGN_METHODS, "Cách ký không hợp lệ."),
  signature: b64(2_000, "chữ ký"),
  chain: z.array(der).max(6).optional(),
});

/** Remote signing (CSC API v2): the credential's PIN and, when the service asks, a one-time code. */
export const signRemoteSchema = z.object({
  id: uuid,
  pin: z.string().min(1, "Vui lòng nhập mã PIN.").max(64, "Mã PIN quá dài."),
  otp: z.string().trim().max(32, "Mã OTP quá dài.").default(""),
});

export type SignPrepared = { sessionId: string; hashToSign: string; toBeSigned: string; previewFileId: string; page: number };
