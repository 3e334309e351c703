import { z } from "zod";
import { uuid } from "@/lib/validation";

// Quản trị → Ký số của cơ quan (issue 14): the forms, shared by the screen and the actions. Client-safe.

export const MAX_AGENCY_P12_BYTES = 64 * 1024;

export const agencyP12Schema = z.object({
  file: z
    .string()
    .min(1, "Vui lòng chọn tệp PKCS#12 (.p12, .pfx).")
    .max(Math.ceil((MAX_AGENCY_P12_BYTES * 4) / 3) + 8, "Tệp PKCS#12 quá lớn (tối đa 64 KB).")
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "Không đọc được tệp PKCS#12."),
  password: z.string().max(200, "Mật khẩu không được dài quá 200 ký tự."),
});

const field = (label: string, max: number) => z.string().trim().min(1, `Vui lòng nhập ${label}.`).max(max, `Không được dài quá ${max} ký tự.`);
export const agencyPkcs11Schema = z.object({
  module: field("đường dẫn thư viện PKCS#11", 300),
  token: field("nhãn thiết bị (token)", 100),
  keyLabel: field("nhãn khóa", 100),
  pin: z.string().min(1, "Vui lòng nhập mã PIN.").max(100, "Mã PIN không được dài quá 100 ký tự."),
});

export const agencySealSchema = z.object({
  fileId: uuid,
  widthMm: z.coerce.number({ message: "Vui lòng nhập đường kính con dấu (mm)." }).min(20, "Đường kính con dấu từ 20 đến 60 mm.").max(60, "Đường kính con dấu từ 20 đến 60 mm."),
});

export const agencyKeyTestSchema = z.object({});
