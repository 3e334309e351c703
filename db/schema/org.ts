import { sql } from "drizzle-orm";
import {
  type AnyPgColumn, boolean, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tstz, updatedAt } from "./columns";
import { storedFiles } from "./files";

export const unitKind = pgEnum("unit_kind", ["leadership", "office", "division", "affiliated"]);

export const positionKind = pgEnum("position_kind", [
  "admin", "clerk", "leader", "office_chief", "checker", "unit_head", "unit_deputy", "staff", "archivist",
  // Quản trị cấp tỉnh: manages the agencies of the installation, reads no document (lib/agencies).
  "province_admin",
]);
/** The kinds an agency's own administrator may create and give: never the province-wide administrator. */
export const agencyPositionKinds = positionKind.enumValues.filter((k) => k !== "province_admin");

export const agencies = pgTable("agencies", {
  id: id(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  parentName: text("parent_name").notNull().default(""),
  organId: text("organ_id").notNull().unique(),
  // Địa danh: the place printed before the date on records (Biên bản giao nhận), NĐ 30 Phụ lục I.
  placeName: text("place_name").notNull().default(""),
  // The emblem/logo in the header; null: the default emblem (public/emblem.svg). PNG or JPEG only.
  emblemFileId: uuid("emblem_file_id").references((): AnyPgColumn => storedFiles.id),
  // Theo dõi, đôn đốc (lib/monitoring/settings.ts): remind this many working days before a deadline (N),
  // escalate to the agency's leadership this many working days after it (M).
  remindDaysBefore: integer("remind_days_before").notNull().default(2),
  escalateAfterDays: integer("escalate_after_days").notNull().default(3),
  // The province's own administration row: holds the province-wide administrators, no documents, not listed.
  province: boolean("province").notNull().default(false),
  // Ngừng hoạt động (lib/agencies/actions.ts, Quản trị cấp tỉnh): its people cannot sign in and their sessions
  // end; its documents, registers and numbers stay as they are. Null: in use.
  disabledAt: tstz("disabled_at"),
  disabledReason: text("disabled_reason").notNull().default(""),
  createdAt: createdAt(),
});

export const units = pgTable(
  "units",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    parentId: uuid("parent_id").references((): AnyPgColumn => units.id),
    kind: unitKind("kind").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("units_agency_code_uq").on(t.agencyId, t.code),
    index("units_parent_idx").on(t.parentId),
  ],
);

export const positions = pgTable(
  "positions",
  {
    id: id(),
    unitId: uuid("unit_id").notNull().references(() => units.id),
    kind: positionKind("kind").notNull(),
    title: text("title").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("positions_unit_idx").on(t.unitId)],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    username: text("username").notNull(),
    fullName: text("full_name").notNull(),
    /** The name without accents (f_unaccent): Quản trị → Người dùng's search compares with it instead of unaccenting every name. */
    fullNameUnaccented: text("full_name_unaccented").generatedAlwaysAs(sql`f_unaccent(full_name)`),
    email: text("email"),
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    disabledAt: tstz("disabled_at"),
    passwordChangedAt: tstz("password_changed_at"),
    /** Notification kinds (lib/notifications/kinds.ts) the person also gets by e-mail. */
    emailKinds: text("email_kinds").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_username_uq").on(sql`lower(${t.username})`),
    index("users_agency_idx").on(t.agencyId, t.fullName),
    // Quản trị → Người dùng's search (lib/org/queries.ts listUsers): "contains", without accents, by name or login.
    index("users_name_trgm_idx").using("gin", sql`${t.fullNameUnaccented} gin_trgm_ops`),
    index("users_username_trgm_idx").using("gin", sql`${t.username} gin_trgm_ops`),
  ],
);

// ASVS 6.8.1: an SSO user is keyed by (issuer, subject), never by e-mail.
export const ssoIdentities = pgTable(
  "sso_identities",
  {
    id: id(),
    userId: uuid("user_id").notNull().references(() => users.id),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sso_identities_iss_sub_uq").on(t.issuer, t.subject), index("sso_identities_user_idx").on(t.userId)],
);

export const userPositions = pgTable(
  "user_positions",
  {
    userId: uuid("user_id").notNull().references(() => users.id),
    positionId: uuid("position_id").notNull().references(() => positions.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.positionId] }), index("user_positions_position_idx").on(t.positionId)],
);

export type Agency = typeof agencies.$inferSelect;
export type Unit = typeof units.$inferSelect;
export type Position = typeof positions.$inferSelect;
export type User = typeof users.$inferSelect;
export type PositionKind = (typeof positionKind.enumValues)[number];
export type UnitKind = (typeof unitKind.enumValues)[number];
