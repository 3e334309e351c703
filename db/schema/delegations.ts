import { sql } from "drizzle-orm";
import { boolean, check, date, index, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, tstz } from "./columns";
import { agencies, users } from "./org";

/**
 * Ủy quyền ký (NĐ 30/2020 Điều 13, Phụ lục I §7; Quy chế 376): the form the delegate writes above
 * their title. KT.: a deputy signs for the head; TUQ.: a unit head authorised by the head of the
 * agency; TL.: a unit head signing by order of the head.
 */
export const delegationForm = pgEnum("delegation_form", ["kt", "tuq", "tl"]);

/** Who signs for whom, for which document types, in which period (calendar days in Vietnam, both included). */
export const signingDelegations = pgTable(
  "signing_delegations",
  {
    id: id(),
    agencyId: uuid("agency_id").notNull().references(() => agencies.id),
    /** The leader whose authority is exercised (the head of the agency). */
    delegatorId: uuid("delegator_id").notNull().references(() => users.id),
    /** The person who signs. */
    delegateId: uuid("delegate_id").notNull().references(() => users.id),
    form: delegationForm("form").notNull(),
    /** Every document type, or only those in `docTypes`. */
    allTypes: boolean("all_types").notNull().default(true),
    docTypes: text("doc_types").array().notNull().default(sql`'{}'::text[]`),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }).notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
    revokedAt: tstz("revoked_at"),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revokeReason: text("revoke_reason").notNull().default(""),
  },
  (t) => [
    index("signing_delegations_delegate_idx").on(t.agencyId, t.delegateId, t.validTo),
    index("signing_delegations_delegator_idx").on(t.agencyId, t.delegatorId, t.validTo),
    check("signing_delegations_period_chk", sql`${t.validFrom} <= ${t.validTo}`),
    check("signing_delegations_self_chk", sql`${t.delegatorId} <> ${t.delegateId}`),
    check("signing_delegations_types_chk", sql`${t.allTypes} or cardinality(${t.docTypes}) > 0`),
    check("signing_delegations_revoked_chk", sql`(${t.revokedAt} is null) = (${t.revokedBy} is null)`),
  ],
);

export type SigningDelegation = typeof signingDelegations.$inferSelect;
export type DelegationForm = (typeof delegationForm.enumValues)[number];
