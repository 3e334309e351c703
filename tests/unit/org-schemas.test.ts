import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  createUnitSchema, createUserSchema, linkSsoSchema, positionSchema, resetPasswordSchema, setUserActiveSchema, updateUnitSchema,
  updateUserSchema,
} from "@/lib/org/schemas";

// One schema per form, shared by the browser and the server action; messages in Vietnamese.
const ID = "5a3f0a52-1f0e-4b8e-9a53-0d3c3b1f2a10";
function errors(schema: z.ZodType, input: unknown): Record<string, string[]> | null {
  const r = schema.safeParse(input);
  if (r.success) return null;
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[i.path.join(".") || "_"] ??= []).push(i.message);
  return out;
}
const unit = (over: Record<string, unknown> = {}) => ({ parentId: "", kind: "division", code: "TCCB", name: "Phòng Tổ chức cán bộ", ...over });

describe("unit schema", () => {
  it("accepts letters (Vietnamese included) and digits as the code, trimmed", () => {
    for (const code of ["TCCB", "VP", "P1", "ĐT", "KHĐT2", " TCCB "]) expect(errors(createUnitSchema, unit({ code })), code).toBeNull();
    expect(createUnitSchema.parse(unit({ code: " TCCB " })).code).toBe("TCCB");
  });

  it("refuses codes with spaces, punctuation or over 20 characters, with the right message", () => {
    for (const code of ["TC CB", "TC-CB", "TC.CB", "TC/CB", "<b>", "'; drop"]) {
      expect(errors(createUnitSchema, unit({ code }))?.code, code).toEqual(["Ký hiệu viết tắt chỉ gồm chữ và số, không dấu cách (ví dụ: TCCB)."]);
    }
    // An empty code also fails the pattern; the form shows the first message.
    expect(errors(createUnitSchema, unit({ code: "" }))?.code?.[0]).toBe("Vui lòng nhập ký hiệu viết tắt.");
    expect(errors(createUnitSchema, unit({ code: "   " }))?.code?.[0]).toBe("Vui lòng nhập ký hiệu viết tắt.");
    expect(errors(createUnitSchema, unit({ code: "A".repeat(21) }))?.code).toEqual(["Ký hiệu viết tắt không được dài quá 20 ký tự."]);
  });

  it("names the field in messages about the name, capitalised at the start", () => {
    expect(errors(createUnitSchema, unit({ name: "  " }))?.name).toEqual(["Vui lòng nhập tên đơn vị."]);
    expect(errors(createUnitSchema, unit({ name: "x".repeat(201) }))?.name).toEqual(["Tên đơn vị không được dài quá 200 ký tự."]);
  });

  it("turns an empty parent into null, coerces the sort order and refuses unknown kinds", () => {
    expect(createUnitSchema.parse(unit({ sortOrder: "12" }))).toMatchObject({ parentId: null, sortOrder: 12 });
    expect(createUnitSchema.parse(unit()).sortOrder).toBe(0);
    expect(errors(createUnitSchema, unit({ sortOrder: "abc" }))?.sortOrder).toEqual(["Thứ tự phải là số."]);
    expect(errors(createUnitSchema, unit({ sortOrder: "1.5" }))?.sortOrder).toEqual(["Thứ tự phải là số nguyên."]);
    expect(errors(createUnitSchema, unit({ kind: "ministry" }))?.kind).toEqual(["Vui lòng chọn loại đơn vị."]);
    expect(errors(createUnitSchema, unit({ parentId: "không-phải-mã" }))?.parentId).toEqual(["Đơn vị cấp trên đã chọn không có trong danh sách. Vui lòng chọn lại."]);
    expect(errors(updateUnitSchema, unit())?.id).toBeTruthy();
    expect(errors(updateUnitSchema, unit({ id: ID }))).toBeNull();
  });
});

describe("position schema", () => {
  it("requires a unit id, a known kind and a title", () => {
    expect(errors(positionSchema, { unitId: ID, kind: "checker", title: "Kiểm tra thể thức" })).toBeNull();
    expect(errors(positionSchema, { unitId: ID, kind: "root", title: "x" })?.kind).toEqual(["Vui lòng chọn loại chức vụ."]);
    expect(errors(positionSchema, { unitId: ID, kind: "staff", title: "" })?.title).toEqual(["Vui lòng nhập tên chức vụ."]);
  });
});

describe("user schemas", () => {
  const user = (over: Record<string, unknown> = {}) => ({ username: "nguyen.van-a_1", fullName: "Nguyễn Văn A", email: "", password: "", positionId: "", ...over });

  it("accepts a minimal person: no e-mail, no password (SSO only), no position", () => {
    expect(createUserSchema.parse(user())).toEqual({ username: "nguyen.van-a_1", fullName: "Nguyễn Văn A", email: null, password: undefined, positionId: null });
  });

  it("refuses usernames with accents, spaces or symbols, and short or long ones", () => {
    for (const username of ["nguyễn.a", "nguyen a", "a@b", "x'--"]) {
      expect(errors(createUserSchema, user({ username }))?.username, username).toEqual(["Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . _ -"]);
    }
    expect(errors(createUserSchema, user({ username: "ab" }))?.username).toEqual(["Tên đăng nhập phải có ít nhất 3 ký tự."]);
    expect(errors(createUserSchema, user({ username: "a".repeat(51) }))?.username).toEqual(["Tên đăng nhập không được dài quá 50 ký tự."]);
  });

  it("checks e-mail and password with Vietnamese messages", () => {
    expect(errors(createUserSchema, user({ email: "khong-phai-email" }))?.email).toEqual(["Địa chỉ e-mail không hợp lệ."]);
    expect(errors(createUserSchema, user({ password: "ngan" }))?.password).toEqual(["Mật khẩu phải có ít nhất 10 ký tự."]);
    expect(errors(createUserSchema, user({ fullName: " " }))?.fullName).toEqual(["Vui lòng nhập họ và tên."]);
    expect(errors(updateUserSchema, { id: ID, fullName: "A", email: " " })).toBeNull();
  });

  it("reads the active flag strictly: true/\"true\" enable, false/\"false\" disable, anything else is an error", () => {
    expect(setUserActiveSchema.parse({ id: ID, active: "true" }).active).toBe(true);
    expect(setUserActiveSchema.parse({ id: ID, active: true }).active).toBe(true);
    for (const v of ["false", false]) expect(setUserActiveSchema.parse({ id: ID, active: v }).active, String(v)).toBe(false);
    // Anything else is refused rather than read as "disable".
    for (const v of ["1", "on", undefined, null]) expect(errors(setUserActiveSchema, { id: ID, active: v })?.active, String(v)).toEqual(["Trạng thái không hợp lệ."]);
  });

  it("requires the password to be typed twice the same", () => {
    expect(errors(resetPasswordSchema, { id: ID, password: "Mat-khau-moi-2026", confirm: "Mat-khau-moi-2026" })).toBeNull();
    expect(errors(resetPasswordSchema, { id: ID, password: "Mat-khau-moi-2026", confirm: "Mat-khau-moi-2025" })?.confirm).toEqual(["Mật khẩu nhập lại không khớp."]);
  });

  it("requires an issuer URL and a subject to link SSO", () => {
    expect(errors(linkSsoSchema, { id: ID, issuer: "https://sso.gov.vn/realms/a", subject: "abc" })).toBeNull();
    expect(errors(linkSsoSchema, { id: ID, issuer: "sso.gov.vn", subject: "abc" })?.issuer).toEqual(["Địa chỉ nhà cung cấp SSO (issuer) không hợp lệ."]);
    expect(errors(linkSsoSchema, { id: ID, issuer: "https://sso.gov.vn", subject: " " })?.subject).toEqual(["Vui lòng nhập mã định danh (subject)."]);
  });
});
