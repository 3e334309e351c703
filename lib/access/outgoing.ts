import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { outgoingConsultations, outgoingDocuments, outgoingEvents, outgoingRecipients } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { inList, myUnits, readsNoDocuments } from "./sql";
import { inArchiveOf } from "./work-files";

/**
 * Who may read an outgoing document, in SQL over `outgoing_documents` so lists, searches and
 * checks return exactly the readable set (product.md §1): the agency's clerks and leaders; the
 * drafter; heads of the drafting unit; the checkers once the content is approved; the signer;
 * everyone who acted on it; units asked for comments; and, once issued, its internal recipients
 * (`recipients: false` leaves these out: they see the issued document, not the drafts, comments
 * and trail that led to it); the archivist, a non-secret document of a work file handed over to the
 * agency archive (lib/access/work-files.ts inArchiveOf).
 */
export function outgoingReadableBy(actor: Actor, opts: { recipients?: boolean } = {}): SQL {
  const d = outgoingDocuments;
  const sameAgency = eq(d.agencyId, actor.agencyId);
  if (readsNoDocuments(actor)) return sql`false`;
  if (can(actor, "documents.readAgency")) return sameAgency;
  const units = myUnits(actor);
  const heads = unitsWhere(actor, "outgoing.approve");
  const conds: SQL[] = [
    eq(d.drafterId, actor.userId),
    eq(d.signerId, actor.userId),
    sql`exists (select 1 from ${outgoingEvents} e where e.document_id = ${d.id} and e.actor_id = ${actor.userId})`,
  ];
  if (opts.recipients !== false) {
    conds.push(sql`(${d.status} in ('issued', 'withdrawn') and exists (select 1 from ${outgoingRecipients} r where r.document_id = ${d.id}
      and (r.user_id = ${actor.userId}${units.length ? sql` or r.unit_id in (${inList(units)})` : sql``})))`);
  }
  if (heads.length) conds.push(sql`${d.draftingUnitId} in (${inList(heads)})`);
  if (units.length) {
    conds.push(sql`exists (select 1 from ${outgoingConsultations} c where c.document_id = ${d.id} and c.unit_id in (${inList(units)}))`);
  }
  if (can(actor, "outgoing.check")) {
    conds.push(sql`(${d.status} = 'awaiting_check' or exists (select 1 from ${outgoingEvents} e where e.document_id = ${d.id} and e.kind = 'approved'))`);
  }
  const archived = inArchiveOf(actor, "outgoing", d.id);
  if (archived) conds.push(sql`(${d.secrecy} = 'normal' and ${archived})`);
  return and(sameAgency, sql`(${sql.join(conds, sql` or `)})`)!;
}
