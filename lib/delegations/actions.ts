import "server-only";
import { and, eq, gte, isNull, lte } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { signingDelegations, type SigningDelegation } from "@/db/schema";
import { assertUsable } from "@/lib/access/use";
import { defineAction } from "@/lib/actions/define";
import { mayManageDelegation } from "@/lib/access/delegations";
import { isoToDisplay } from "@/lib/dates";
import { conflict, invalid, notFound } from "@/lib/errors";
import { notify } from "@/lib/notifications";
import { todayInVietnam } from "@/lib/dates";
import { personProfile } from "./coverage";
import { DELEGATION_FORM_LABELS } from "./labels";
import { formRefusal, periodText, typesText } from "./rules";
import { createDelegationSchema, revokeDelegationSchema } from "./schemas";

// Ủy quyền ký (issue 14): a leader records who signs for them, in which form, for which document
// types and period; the administrator may record it for the head too. Either revokes it.

const PATHS = ["/delegations", "/outgoing", "/account"];
const audit = (id: string, payload?: Record<string, unknown>) => ({ objectType: "delegation", objectId: id, payload });


export const createDelegation = defineAction({
  name: "delegation.create",
  idempotent: true,
  schema: createDelegationSchema,
  verb: "delegations.manage",
  load: async ({ actor, input, tx }) => {
    // Before anything else: another agency's person answers like a missing one.
    await assertUsable(tx, actor, {
      delegatorId: ["user", input.delegatorId, "Người ủy quyền không tồn tại."],
      delegateId: ["user", input.delegateId, "Người được ủy quyền không tồn tại."],
    });
    const delegator = await personProfile(tx, actor.agencyId, input.delegatorId);
    const delegate = await personProfile(tx, actor.agencyId, input.delegateId);
    if (!delegator || !delegate) throw notFound();
    return { delegator, delegate };
  },
  authorize: ({ actor, input }) => mayManageDelegation(actor, input.delegatorId),
  run: async ({ actor, input, tx, target }) => {
    const refusal = formRefusal(input.form, target.delegator, target.delegate);
    if (refusal) throw invalid({ [refusal.field]: [refusal.message] }, refusal.message);
    // One delegation of a form between two people at a time: an overlapping one is refused, not doubled.
    const [overlap] = await tx
      .select({ validFrom: signingDelegations.validFrom, validTo: signingDelegations.validTo })
      .from(signingDelegations)
      .where(
        and(
          eq(signingDelegations.agencyId, actor.agencyId), eq(signingDelegations.delegatorId, input.delegatorId),
          eq(signingDelegations.delegateId, input.delegateId), eq(signingDelegations.form, input.form), isNull(signingDelegations.revokedAt),
          lte(signingDelegations.validFrom, input.validTo), gte(signingDelegations.validTo, input.validFrom),
        ),
      )
      .limit(1);
    if (overlap) {
      throw conflict(`${target.delegate.fullName} đã được ủy quyền ${DELEGATION_FORM_LABELS[input.form]} trong khoảng ${periodText(overlap)}. Hãy thu hồi ủy quyền đó trước, hoặc chọn khoảng thời gian khác.`);
    }
    const docTypes = input.allTypes ? [] : [...new Set(input.docTypes)];
    const [row] = await tx
      .insert(signingDelegations)
      .values({
        agencyId: actor.agencyId, delegatorId: input.delegatorId, delegateId: input.delegateId, form: input.form, allTypes: input.allTypes,
        docTypes, validFrom: input.validFrom, validTo: input.validTo, note: input.note, createdBy: actor.userId,
      })
      .returning({ id: signingDelegations.id });
    await notify(
      tx, [input.delegateId],
      `${target.delegator.fullName} ủy quyền ${DELEGATION_FORM_LABELS[input.form]} cho bạn từ ${isoToDisplay(input.validFrom)} đến ${isoToDisplay(input.validTo)} (${typesText({ allTypes: input.allTypes, docTypes })}).`,
      "/delegations",
    );
    return {
      data: { id: row.id },
      audit: audit(row.id, { delegatorId: input.delegatorId, delegateId: input.delegateId, form: input.form, docTypes, validFrom: input.validFrom, validTo: input.validTo }),
    };
  },
  revalidate: PATHS,
});

async function lockDelegation(tx: Tx, id: string): Promise<SigningDelegation> {
  const [d] = await tx.select().from(signingDelegations).where(eq(signingDelegations.id, id)).for("update");
  if (!d) throw notFound();
  return d;
}

/** Thu hồi ủy quyền: at once (a draft it covered no longer passes the check nor the signature). */
export const revokeDelegation = defineAction({
  name: "delegation.revoke",
  schema: revokeDelegationSchema,
  verb: "delegations.manage",
  load: ({ input, tx }) => lockDelegation(tx, input.id),
  authorize: ({ actor, target }) => target.agencyId === actor.agencyId && mayManageDelegation(actor, target.delegatorId),
  run: async ({ actor, input, tx, target }) => {
    if (target.revokedAt) throw conflict("Ủy quyền này đã được thu hồi.");
    if (target.validTo < todayInVietnam()) throw conflict(`Ủy quyền này đã hết hạn ngày ${isoToDisplay(target.validTo)}, không cần thu hồi.`);
    await tx.update(signingDelegations).set({ revokedAt: new Date(), revokedBy: actor.userId, revokeReason: input.reason }).where(eq(signingDelegations.id, target.id));
    await notify(tx, [target.delegateId], `Ủy quyền ${DELEGATION_FORM_LABELS[target.form]} của bạn đã bị thu hồi: ${input.reason}`, "/delegations");
    return { data: undefined, audit: audit(target.id, { reason: input.reason }) };
  },
  revalidate: PATHS,
});
