import "server-only";
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { incomingAssignments, incomingDocuments } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { inList, myUnits, readsNoDocuments } from "./sql";
import { inArchiveOf } from "./work-files";

// Who may read an incoming document (product.md §1, security.md §1.3 and §5 row 1): the agency's
// clerks and leaders read all of it; everyone else only documents on whose trail they or their
// units are (a unit's heads also what its people hold), and never a secret one; the archivist also the documents of work files handed over to
// the agency archive (lib/access/work-files.ts inArchiveOf).

/** The agency's readers of every document (clerks, leaders). */
export const seesAgency = (actor: Actor, doc: { agencyId: string }) => doc.agencyId === actor.agencyId && can(actor, "documents.readAgency") && !readsNoDocuments(actor);

/** The rule in SQL over `incoming_documents`, so lists, searches and checks return exactly the readable set. */
export function incomingReadableBy(actor: Actor): SQL {
  const d = incomingDocuments;
  const sameAgency = eq(d.agencyId, actor.agencyId);
  if (readsNoDocuments(actor)) return sql`false`;
  if (can(actor, "documents.readAgency")) return sameAgency;
  const units = myUnits(actor);
  // A unit's head, deputy or Chánh Văn phòng also reads what a person of that unit was given by name: they are
  // told when it runs late (lib/incoming/part-holders.ts headsOfPart) and follow their unit's work.
  const headed = unitsWhere(actor, "monitoring.unit");
  const ofMyPeople = headed.length
    ? sql` or a.user_id in (select up.user_id from user_positions up join positions p on p.id = up.position_id where p.unit_id in (${inList(headed)}))`
    : sql``;
  const onTrail = sql`exists (select 1 from ${incomingAssignments} a where a.document_id = ${d.id}
    and (a.user_id = ${actor.userId}${units.length ? sql` or a.unit_id in (${inList(units)})` : sql``}${ofMyPeople}))`;
  const archived = inArchiveOf(actor, "incoming", d.id);
  return and(sameAgency, eq(d.secrecy, "normal"), archived ? or(onTrail, archived) : onTrail)!;
}
