import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import { agencyDirectory, filePlanHeadings, filePlanItems, filePlans, positions, registers, ssoIdentities, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { seesPlan } from "./work-files";

// Rows everyone of an agency may name in a form: its units, people and positions (the organisation
// chart every form offers), its directory of outside agencies, its registers, and (for those who
// see the plan) the headings and items of its file plans. Never another agency's. The scope an
// action adds on top (a leader, a unit's own staff, an active row) stays with the action.

export const unitReadableBy = (actor: Actor): SQL => eq(units.agencyId, actor.agencyId);
export const userReadableBy = (actor: Actor): SQL => eq(users.agencyId, actor.agencyId);
export const positionReadableBy = (actor: Actor): SQL =>
  sql`exists (select 1 from ${units} u where u.id = ${positions.unitId} and u.agency_id = ${actor.agencyId})`;
export const directoryReadableBy = (actor: Actor): SQL => eq(agencyDirectory.agencyId, actor.agencyId);
export const ssoIdentityReadableBy = (actor: Actor): SQL =>
  sql`exists (select 1 from ${users} u where u.id = ${ssoIdentities.userId} and u.agency_id = ${actor.agencyId})`;
export const registerReadableBy = (actor: Actor): SQL => eq(registers.agencyId, actor.agencyId);

const planOfAgency = (actor: Actor, planId: SQL) =>
  seesPlan(actor) ? sql`exists (select 1 from ${filePlans} p where p.id = ${planId} and p.agency_id = ${actor.agencyId})` : sql`false`;
export const planHeadingReadableBy = (actor: Actor): SQL => planOfAgency(actor, sql`${filePlanHeadings.planId}`);
export const planItemReadableBy = (actor: Actor): SQL => planOfAgency(actor, sql`${filePlanItems.planId}`);
