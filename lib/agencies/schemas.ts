import { z } from "zod";
import { organIdField } from "@/lib/exchange/admin-schemas";
import { passwordSchema } from "@/lib/auth/password-policy";
import { usernameField } from "@/lib/org/schemas";
import { param } from "@/lib/search-params";
import { text, uuid } from "@/lib/validation";

// Quản trị cấp tỉnh → Cơ quan: one zod schema per form, shared by the form and the action.

/** The agency's first (or another) administrator: a login with a password (SSO can be linked later). */
const adminFields = {
  adminUsername: usernameField,
  adminFullName: text("họ và tên quản trị viên", 100),
  adminPassword: passwordSchema,
};

export const createAgencySchema = z.object({
  name: text("tên cơ quan", 200),
  code: z
    .string()
    .trim()
    .min(2, "Ký hiệu viết tắt phải có ít nhất 2 ký tự.")
    .max(20, "Ký hiệu viết tắt không được dài quá 20 ký tự.")
    .regex(/^[A-Za-z0-9-]+$/, "Ký hiệu viết tắt chỉ gồm chữ không dấu, số và dấu -.")
    .transform((v) => v.toUpperCase()),
  organId: z.preprocess((v) => (typeof v === "string" ? v.trim().toUpperCase() : v), organIdField),
  parentName: text("tên cơ quan chủ quản", 200, false),
  placeName: text("địa danh", 100, false),
  ...adminFields,
});
export type CreateAgencyInput = z.input<typeof createAgencySchema>;

export const createAgencyAdminSchema = z.object({ agencyId: uuid, ...adminFields });
export type CreateAgencyAdminInput = z.input<typeof createAgencyAdminSchema>;

/** Ngừng hoạt động: the reason is shown on the agency's page and kept in the audit trail. */
export const disableAgencySchema = z.object({ agencyId: uuid, reason: text("lý do ngừng hoạt động", 500) });
export type DisableAgencyInput = z.input<typeof disableAgencySchema>;

export const enableAgencySchema = z.object({ agencyId: uuid });
export type EnableAgencyInput = z.input<typeof enableAgencySchema>;

export const agenciesSearchSchema = z.object({ q: param.text(100), page: param.int(1, 10_000) });

export const provinceLogSearchSchema = z.object({ before: param.int(1, Number.MAX_SAFE_INTEGER) });
