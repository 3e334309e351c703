import { z } from "zod";
import { ORGAN_ID_RE } from "@/lib/edxml/validate";
import { uuid } from "@/lib/validation";

// The forms of Quản trị → Liên thông, shared by the react-hook-form resolver and the actions
// (lib/exchange/admin.ts). Client-safe: no server imports.

const text = (label: string, max: number) =>
  z.string().trim().max(max, `${label[0].toUpperCase()}${label.slice(1)} không được dài quá ${max} ký tự.`);
const required = (label: string, max: number) => text(label, max).min(1, `Vui lòng nhập ${label}.`);

export const TRANSPORT_LABELS = { direct: "Trực tiếp", axis: "Qua trục" } as const;
export type TransportName = keyof typeof TRANSPORT_LABELS;

/** An http(s) URL without credentials (the partner installation's base address). */
export function isEndpoint(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password && !!u.hostname;
  } catch {
    return false;
  }
}

export const identitySchema = z.object({
  address: text("địa chỉ", 300),
  email: text("thư điện tử", 100).refine((v) => v === "" || z.email().safeParse(v).success, "Thư điện tử chưa đúng (ví dụ: vanthu@snv.binhdinh.gov.vn)."),
  telephone: text("số điện thoại", 50).regex(/^[\d\s()+.-]*$/, "Số điện thoại chỉ gồm chữ số, dấu cách và các ký hiệu + ( ) . -"),
  website: text("trang thông tin điện tử", 200).refine((v) => v === "" || isEndpoint(v), "Trang thông tin điện tử phải bắt đầu bằng https:// hoặc http://"),
});

export const axisSchema = z
  .object({
    axisUrl: text("địa chỉ trục", 500).refine((v) => v === "" || isEndpoint(v), "Địa chỉ trục phải là một địa chỉ https:// hoặc http://"),
    axisUsername: text("tên đăng nhập trục", 200),
    /** Empty keeps the saved password. */
    axisSecret: z.string().max(500, "Mật khẩu không được dài quá 500 ký tự.").default(""),
    clearSecret: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(false),
  });

export const MAX_KEY_FILE_BYTES = 64 * 1024;
const base64 = (label: string, maxBytes: number) =>
  z
    .string()
    .min(1, `Vui lòng chọn ${label}.`)
    .max(Math.ceil((maxBytes * 4) / 3) + 8, `${label[0].toUpperCase()}${label.slice(1)} quá lớn.`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, `Không đọc được ${label}.`);

export const pkcs12Schema = z.object({
  file: base64("tệp PKCS#12", MAX_KEY_FILE_BYTES),
  password: z.string().max(200, "Mật khẩu không được dài quá 200 ký tự."),
});

export const certificateSchema = z.object({ file: base64("tệp chứng thư số", MAX_KEY_FILE_BYTES) });
export const generateKeySchema = z.object({ confirm: z.literal(true, "Vui lòng xác nhận tạo khóa mới.") });

export const organIdField = z
  .string()
  .trim()
  .min(1, "Vui lòng nhập mã định danh.")
  .regex(ORGAN_ID_RE, "Mã định danh có dạng 000.00.00.X00 (ví dụ: 000.00.12.H09).");

const PEM_CERT = /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/;
const optionalPem = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z.string().max(20_000, `${label} quá dài.`).refine((v) => v === "" || PEM_CERT.test(v), `${label} phải ở dạng PEM (-----BEGIN CERTIFICATE----- …).`),
  );

export const partnerSchema = z
  .object({
    name: required("tên cơ quan", 300),
    /** Empty: an agency that receives on paper only (the outgoing recipients editor shows it so). */
    organId: z.preprocess((v) => (typeof v === "string" ? v.trim().toUpperCase() : v), z.union([z.literal(""), organIdField])),
    transport: z.enum(["", "direct", "axis"], "Vui lòng chọn cách kết nối."),
    endpoint: text("địa chỉ máy chủ", 500),
    address: text("địa chỉ", 300),
    certPem: optionalPem("Chứng thư số"),
    caPem: optionalPem("Chứng thư của CA"),
    sortOrder: z.coerce.number("Thứ tự phải là số.").int("Thứ tự phải là số nguyên.").min(0).max(9999).default(0),
  })
  .superRefine((v, ctx) => {
    if (v.organId && !v.transport) ctx.addIssue({ code: "custom", path: ["transport"], message: "Cơ quan có mã định danh cần cách kết nối: Trực tiếp hoặc Qua trục." });
    if (!v.organId && v.transport) ctx.addIssue({ code: "custom", path: ["organId"], message: "Vui lòng nhập mã định danh để gửi liên thông cho cơ quan này." });
    if (v.transport === "direct" && !isEndpoint(v.endpoint)) {
      ctx.addIssue({ code: "custom", path: ["endpoint"], message: "Kết nối trực tiếp cần địa chỉ máy chủ https:// hoặc http:// của cơ quan đó." });
    }
  });
export const createPartnerSchema = partnerSchema;
export const updatePartnerSchema = z.intersection(partnerSchema, z.object({ id: uuid }));
export const partnerActiveSchema = z.object({ id: uuid, active: z.preprocess((v) => v === true || v === "true", z.boolean()) });
export const pingSchema = z.object({ id: uuid });

/** The file travels base64 in a server action, whose body Next limits to 1 MB. */
export const MAX_IMPORT_BYTES = 512 * 1024;
export const importSchema = z.object({
  fileName: z.string().trim().min(1, "Vui lòng chọn tệp CSV hoặc Excel.").max(255),
  file: base64("tệp danh bạ", MAX_IMPORT_BYTES),
});

export const resendSchema = z.object({ id: uuid });
