import { z } from "zod";
import { agencyPositionKinds, positionKind, unitKind, type PositionKind, type UnitKind } from "@/db/schema/org";
import { passwordSchema } from "@/lib/auth/password-policy";
import { param } from "@/lib/search-params";
import { idOf, uuid } from "@/lib/validation";

// The enums the forms need, from here: app/ and components/ never import db/ (style.md rule 1).
export { agencyPositionKinds, positionKind, unitKind, type PositionKind, type UnitKind };

// One zod schema per form, shared by the react-hook-form resolver and the server action.
const optionalUuid = z.preprocess((v) => (v === "" || v == null ? null : v), idOf("đơn vị cấp trên").nullable());
const text = (label: string, max: number) =>
  z.string().trim().min(1, `Vui lòng nhập ${label}.`).max(max, `${label[0].toUpperCase()}${label.slice(1)} không được dài quá ${max} ký tự.`);

export const unitSchema = z.object({
  parentId: optionalUuid,
  kind: z.enum(unitKind.enumValues, "Vui lòng chọn loại đơn vị."),
  code: z
    .string()
    .trim()
    .min(1, "Vui lòng nhập ký hiệu viết tắt.")
    .max(20, "Ký hiệu viết tắt không được dài quá 20 ký tự.")
    .regex(/^[\p{L}\d]+$/u, "Ký hiệu viết tắt chỉ gồm chữ và số, không dấu cách (ví dụ: TCCB)."),
  name: text("tên đơn vị", 200),
  sortOrder: z.coerce.number("Thứ tự phải là số.").int("Thứ tự phải là số nguyên.").min(0).max(9999).default(0),
});
export const createUnitSchema = unitSchema;
export const updateUnitSchema = unitSchema.extend({ id: uuid });
export type UnitInput = z.input<typeof unitSchema>;

export const positionSchema = z.object({
  unitId: idOf("đơn vị"),
  kind: z.enum(agencyPositionKinds, "Vui lòng chọn loại chức vụ."),
  title: text("tên chức vụ", 100),
});
export const deletePositionSchema = z.object({ id: uuid });

/** A login name (unique across the installation, compared case-insensitively by the actions). */
export const usernameField = z
  .string()
  .trim()
  .min(3, "Tên đăng nhập phải có ít nhất 3 ký tự.")
  .max(50, "Tên đăng nhập không được dài quá 50 ký tự.")
  .regex(/^[a-zA-Z0-9._-]+$/, "Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . _ -");
const email = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z.email("Địa chỉ e-mail không hợp lệ.").max(200).nullable(),
);

export const createUserSchema = z.object({
  username: usernameField,
  fullName: text("họ và tên", 100),
  email,
  password: z.preprocess((v) => (v === "" ? undefined : v), passwordSchema.optional()),
  positionId: optionalUuid,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.object({ id: uuid, fullName: text("họ và tên", 100), email });
// Explicit either way: a missing or odd value is an error, never a silent "disable".
export const setUserActiveSchema = z.object({
  id: uuid,
  active: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean("Trạng thái không hợp lệ.")),
});
export const userPositionSchema = z.object({ id: uuid, positionId: idOf("chức vụ") });
export const linkSsoSchema = z.object({
  id: uuid,
  issuer: z.url("Địa chỉ nhà cung cấp SSO (issuer) không hợp lệ.").max(300),
  subject: text("mã định danh (subject)", 255),
});
export const unlinkSsoSchema = z.object({ id: uuid, identityId: uuid });
export const resetPasswordSchema = z
  .object({ id: uuid, password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "Mật khẩu nhập lại không khớp.", path: ["confirm"] });

/** /admin/users: search and page (lib/search-params.ts). */
export const usersSearchSchema = z.object({ q: param.text(100), page: param.int(1, 10_000) });

/** Quản trị → Thông tin cơ quan: the header's name and parent, the địa danh, the emblem (a stored file or none). */
export const agencySchema = z.object({
  name: text("tên cơ quan", 200),
  parentName: z.string().trim().max(200, "Tên cơ quan chủ quản không được dài quá 200 ký tự."),
  placeName: z.string().trim().max(100, "Địa danh không được dài quá 100 ký tự."),
  emblemFileId: z.preprocess((v) => (v === "" || v == null ? null : v), z.uuid("Biểu tượng đã chọn không còn hợp lệ, vui lòng tải lại ảnh.").nullable()),
});
export type AgencyInput = z.input<typeof agencySchema>;

/** The emblem: a PNG or JPEG (SVG is refused: it can carry script), at most 1 MB. */
export const EMBLEM_MIMES = ["image/png", "image/jpeg"] as const;
export const EMBLEM_MAX_BYTES = 1024 * 1024;
