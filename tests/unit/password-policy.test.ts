import { describe, expect, it } from "vitest";
import { passwordSchema } from "@/lib/auth/password-policy";

// ASVS 6.2.1 (length) and 6.2.4 (common passwords); messages in Vietnamese for the form.
const message = (v: unknown) => {
  const r = passwordSchema.safeParse(v);
  return r.success ? null : r.error.issues.map((i) => i.message);
};

describe("password policy", () => {
  it("accepts long passwords, including Vietnamese passphrases and spaces", () => {
    for (const ok of ["Mat-khau-dai-2026", "0123456789x", "mùa thu hà nội 2026", "a".repeat(128), "          x"]) {
      expect(message(ok), ok).toBeNull();
    }
  });

  it("refuses fewer than 10 characters with a Vietnamese message", () => {
    expect(message("Abc@12345")).toEqual(["Mật khẩu phải có ít nhất 10 ký tự."]);
    expect(message("")).toEqual(["Mật khẩu phải có ít nhất 10 ký tự."]);
  });

  it("refuses more than 128 characters", () => {
    expect(message("a".repeat(129))).toEqual(["Mật khẩu không được dài quá 128 ký tự."]);
  });

  it("refuses common passwords whatever their case", () => {
    for (const common of ["password123", "PASSWORD123", "MatKhau123", "1234567890", "Vietnam123", "matkhau@123"]) {
      expect(message(common), common).toEqual(["Mật khẩu này quá phổ biến, vui lòng chọn mật khẩu khác."]);
    }
  });

  it("refuses a non-string", () => {
    expect(message(1234567890)).not.toBeNull();
    expect(message(undefined)).not.toBeNull();
  });
});
