import { z } from "zod";

// ASVS 6.2.1 / 6.2.4: at least 10 characters (8 is the floor), not a commonly used password.
const COMMON = new Set([
  "1234567890", "12345678910", "123456789a", "qwertyuiop", "password123", "matkhau123", "abc1234567",
  "admin12345", "0123456789", "1111111111", "iloveyou12", "vietnam123", "matkhau@123", "password@123",
]);

export const passwordSchema = z
  .string()
  .min(10, "Mật khẩu phải có ít nhất 10 ký tự.")
  .max(128, "Mật khẩu không được dài quá 128 ký tự.")
  .refine((v) => !COMMON.has(v.toLowerCase()), "Mật khẩu này quá phổ biến, vui lòng chọn mật khẩu khác.");
