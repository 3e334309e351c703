import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { incomingReminders, positions, units, userPositions, users } from "@/db/schema";
import { usableOf } from "@/lib/access/use";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { conflict } from "@/lib/errors";
import { addEvent, lockAssignment } from "@/lib/incoming/access";
import { notify } from "@/lib/notifications";
import { todayInVietnam } from "@/lib/dates";
import { incomingNoticeLabel } from "@/lib/incoming/notice-label";
import { headsOfPart, holdersOfPart, holdersOfParts } from "@/lib/incoming/part-holders";
import { remindSchema } from "./schemas";

// Đôn đốc (Quy chế 376 Điều 5): a leader of the agency, or the head of a unit above the part's holder,
// reminds the holder (and optionally the holder's head) with a message. Whoever may send it must read the
// document (lib/access) and stand above the holder: a leader of the agency for any part, a unit head or
// deputy for parts of their unit and its sub-units. One per part per day (a unique key, Vietnam date).

/** The units under (and including) these, by the org tree. */
async function subtree(tx: Tx | Db, roots: string[]): Promise<string[]> {
  if (!roots.length) return [];
  const rows = await tx.execute<{ id: string }>(sql`
    with recursive down(id) as (
      select id from ${units} where id in (${sql.join(roots.map((r) => sql`${r}`), sql`, `)})
      union
      select u.id from ${units} u join down on u.parent_id = down.id
    ) select id from down`);
  return rows.rows.map((r) => r.id);
}

/** What decides whether this person may remind about the parts of one document, read once for all of them. */
interface RemindFacts {
  /** The person may read the document (the read rule of lib/access). */
  readable: boolean;
  /** A leader of the agency: above every holder. */
  agency: boolean;
  /** The units this person heads, with their sub-units (empty for a leader of the agency). */
  mine: string[];
  /** The units each holder of a person's part works in (only when `mine` decides). */
  unitsOf: Map<string, string[]>;
}

// The units a part's holders work in, by their ids (one placeholder): made once per handle (db/named.ts).
const unitsOfPeople = oncePerHandle((db: Tx | Db) =>
  db
    .select({ userId: userPositions.userId, unitId: positions.unitId })
    .from(userPositions)
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(sql`${userPositions.userId} = any(${sql.placeholder("people")}::uuid[])`)
    .prepare("remind_units_of_people"),
);

async function remindFacts(tx: Tx | Db, actor: Actor, docId: string, parts: readonly { userId: string | null }[]): Promise<RemindFacts> {
  const agency = can(actor, "monitoring.agency");
  const [usable, mine] = await Promise.all([usableOf(tx, actor, "incoming", [docId]), agency ? [] : subtree(tx, unitsWhere(actor, "monitoring.unit"))]);
  const people = [...new Set(parts.flatMap((p) => (p.userId ? [p.userId] : [])))];
  const unitsOf = new Map<string, string[]>();
  if (usable.has(docId) && mine.length && people.length) {
    const rows = await unitsOfPeople(tx).execute({ people });
    for (const r of rows) unitsOf.set(r.userId, [...(unitsOf.get(r.userId) ?? []), r.unitId]);
  }
  return { readable: usable.has(docId), agency, mine, unitsOf };
}

/** The rule itself: not the holder, reads the document, and stands above the holder (facts from remindFacts). */
function mayRemindWith(f: RemindFacts, actor: Actor, part: { userId: string | null; unitId: string | null }, holders: readonly string[]) {
  if (holders.includes(actor.userId) || !holders.length || !f.readable) return false;
  if (f.agency) return true;
  if (!f.mine.length) return false;
  if (part.unitId && !part.userId) return f.mine.includes(part.unitId);
  return (f.unitsOf.get(part.userId!) ?? []).some((u) => f.mine.includes(u)) || (!!part.unitId && f.mine.includes(part.unitId));
}

/** May this person send Đôn đốc about this part (read rule + above its holder)? */
export async function mayRemind(tx: Tx | Db, actor: Actor, doc: { id: string }, part: { userId: string | null; unitId: string | null }, holders: string[]) {
  if (holders.includes(actor.userId) || !holders.length) return false;
  return mayRemindWith(await remindFacts(tx, actor, doc.id, [part]), actor, part, holders);
}

/**
 * The document page's Đôn đốc card: the open parts this person may send a reminder about. The same rule as
 * the action (mayRemindWith), its facts read once for the document: two or three statements, not three per part.
 */
export async function remindableParts(
  actor: Actor,
  doc: { id: string; status: string },
  parts: readonly { id: string; userId: string | null; unitId: string | null; role: string; status: string; deadline: string | null; unitName: string | null; userName: string | null }[],
  database?: Db,
) {
  if (!can(actor, "monitoring.remind") || doc.status !== "in_progress") return [];
  const open = parts.filter((p) => p.status !== "done" && p.role !== "info");
  if (!open.length) return [];
  const db = database ?? (await getDb());
  const [holders, facts] = await Promise.all([holdersOfParts(db, open), remindFacts(db, actor, doc.id, open)]);
  return open.filter((p, i) => mayRemindWith(facts, actor, p, holders[i])).map((p) => ({ id: p.id, label: p.userName ?? p.unitName ?? "" }));
}

export const remind = defineAction({
  name: "monitoring.remind",
  schema: remindSchema,
  verb: "monitoring.remind",
  load: async ({ actor, input, tx }) => {
    const { assignment, doc } = await lockAssignment(tx, input.assignmentId);
    const holders = await holdersOfPart(tx, assignment);
    const allowed = await mayRemind(tx, actor, doc, assignment, holders);
    return { assignment, doc, holders, allowed, agencyId: doc.agencyId };
  },
  authorize: ({ actor, target }) => target.agencyId === actor.agencyId && target.allowed,
  run: async ({ actor, input, tx, target }) => {
    const { assignment, doc } = target;
    if (assignment.status === "done" || doc.status !== "in_progress") throw conflict("Phần việc này đã hoàn thành hoặc văn bản không còn đang xử lý, không cần đôn đốc.");
    // As the document page's card (remindableParts): a part for information has nothing to be done.
    if (assignment.role === "info") throw conflict("Phần việc này chỉ nhận để biết, không có việc cần đôn đốc.");
    const day = todayInVietnam();
    const [row] = await tx
      .insert(incomingReminders)
      .values({ assignmentId: assignment.id, documentId: doc.id, senderId: actor.userId, day, message: input.message })
      .onConflictDoNothing()
      .returning({ id: incomingReminders.id });
    if (!row) throw conflict("Phần việc này đã được đôn đốc hôm nay. Mỗi phần việc chỉ được đôn đốc một lần mỗi ngày.");
    const heads = input.alsoHead ? (await headsOfPart(tx, assignment)).filter((h) => h !== actor.userId && !target.holders.includes(h)) : [];
    const names = await tx.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, [...target.holders, ...heads]));
    const label = incomingNoticeLabel(doc);
    const href = `/incoming/${doc.id}`;
    await notify(tx, target.holders, `${actor.fullName} đôn đốc xử lý văn bản ${label}: ${input.message}`, href, "remind");
    if (heads.length) await notify(tx, heads, `${actor.fullName} đôn đốc xử lý văn bản ${label} (đơn vị/người thuộc quyền): ${input.message}`, href, "remind");
    await addEvent(tx, actor, doc.id, {
      kind: "reminded",
      toText: names.map((n) => n.name).join(", "),
      text: input.message,
      deadline: assignment.deadline,
      payload: { assignmentId: assignment.id, alsoHead: input.alsoHead },
    });
    return {
      data: { id: row.id },
      audit: { objectType: "incoming", objectId: doc.id, payload: { assignmentId: assignment.id, to: [...target.holders, ...heads], alsoHead: input.alsoHead } },
    };
  },
  revalidate: ["/incoming"],
});
