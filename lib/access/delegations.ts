import { and, eq, or, type SQL } from "drizzle-orm";
import { signingDelegations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

/**
 * Who reads a delegation: the administrator and the leaders of the agency (who manage them) read
 * every one of the agency; anyone else those they give or receive.
 */
export const delegationReadableBy = (actor: Actor): SQL =>
  can(actor, "delegations.manage")
    ? eq(signingDelegations.agencyId, actor.agencyId)
    : and(eq(signingDelegations.agencyId, actor.agencyId), or(eq(signingDelegations.delegateId, actor.userId), eq(signingDelegations.delegatorId, actor.userId)))!;

/** The administrator manages every delegation of the agency; a leader only those of their own authority. */
export const managesAll = (actor: Actor) => actor.positions.some((p) => p.kind === "admin");
export const mayManageDelegation = (actor: Actor, delegatorId: string) =>
  managesAll(actor) || (delegatorId === actor.userId && can(actor, "delegations.manage"));
