import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/db/client";
import { positions, signingDelegations, userPositions, users } from "@/db/schema";
import { delegationReadableBy, managesAll, mayManageDelegation } from "@/lib/access/delegations";
import type { Actor } from "@/lib/auth/actor";
import { compareVietnameseNames } from "@/lib/names";
import { todayInVietnam } from "@/lib/dates";
import { personProfiles } from "./coverage";
import type { DelegationTab } from "./labels";
import { isDeputyLeader, isHead, isUnitHead, statusOf, titleOf } from "./rules";

export const DELEGATIONS_PAGE_SIZE = 20;

const delegator = alias(users, "delegator");
const delegate = alias(users, "delegate");
const creator = alias(users, "creator");
const revoker = alias(users, "revoker");

function tabWhere(tab: DelegationTab, today: string): SQL {
  if (tab === "revoked") return isNotNull(signingDelegations.revokedAt);
  if (tab === "expired") return and(isNull(signingDelegations.revokedAt), lt(signingDelegations.validTo, today))!;
  return and(isNull(signingDelegations.revokedAt), gte(signingDelegations.validTo, today))!;
}

/** Ủy quyền ký of one tab (in force and to come / expired / revoked), newest first, one page. */
export async function listDelegations(actor: Actor, opts: { tab: DelegationTab; page: number }, db?: Db) {
  const database = db ?? (await getDb());
  const today = todayInVietnam();
  const rows = await database
    .select({
      id: signingDelegations.id, form: signingDelegations.form, allTypes: signingDelegations.allTypes, docTypes: signingDelegations.docTypes,
      validFrom: signingDelegations.validFrom, validTo: signingDelegations.validTo, note: signingDelegations.note,
      revokedAt: signingDelegations.revokedAt, revokeReason: signingDelegations.revokeReason, createdAt: signingDelegations.createdAt,
      delegatorId: signingDelegations.delegatorId, delegatorName: delegator.fullName, delegateId: signingDelegations.delegateId, delegateName: delegate.fullName,
      createdByName: creator.fullName, revokedByName: revoker.fullName,
    })
    .from(signingDelegations)
    .innerJoin(delegator, eq(delegator.id, signingDelegations.delegatorId))
    .innerJoin(delegate, eq(delegate.id, signingDelegations.delegateId))
    .innerJoin(creator, eq(creator.id, signingDelegations.createdBy))
    .leftJoin(revoker, eq(revoker.id, signingDelegations.revokedBy))
    .where(and(delegationReadableBy(actor), tabWhere(opts.tab, today)))
    .orderBy(opts.tab === "active" ? asc(signingDelegations.validFrom) : desc(signingDelegations.createdAt), desc(signingDelegations.id))
    .limit(DELEGATIONS_PAGE_SIZE + 1)
    .offset((opts.page - 1) * DELEGATIONS_PAGE_SIZE);
  return {
    rows: rows.slice(0, DELEGATIONS_PAGE_SIZE).map((r) => ({ ...r, status: statusOf(r, today), mayRevoke: !r.revokedAt && r.validTo >= today && mayManageDelegation(actor, r.delegatorId) })),
    hasNext: rows.length > DELEGATIONS_PAGE_SIZE,
  };
}

export interface PersonOption {
  id: string;
  label: string;
}

/**
 * The form's choices: who may delegate (the head of the agency: the administrator picks, a leader is
 * themself) and who may receive (deputies for KT., unit heads for TUQ./TL.).
 */
export async function delegationFormOptions(actor: Actor, db?: Db) {
  const database = db ?? (await getDb());
  const ids = await database
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(eq(users.agencyId, actor.agencyId), eq(users.active, true), inArray(positions.kind, ["leader", "unit_head", "office_chief"])));
  // Every head's positions in one read, not one read per person.
  const profiles = await personProfiles(database, actor.agencyId, ids.map((r) => r.id));
  const people = ids.flatMap(({ id }) => profiles.get(id) ?? []);
  const option = (p: (typeof people)[number]) => ({ id: p.id, label: `${p.fullName} – ${titleOf(p)}` });
  const sorted = [...people].sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
  const heads = sorted.filter(isHead).filter((p) => managesAll(actor) || p.id === actor.userId);
  return {
    delegators: heads.map(option),
    deputies: sorted.filter(isDeputyLeader).map(option),
    unitHeads: sorted.filter(isUnitHead).map(option),
  };
}
