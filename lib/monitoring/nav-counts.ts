import "server-only";
import { cache } from "react";
import { and, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/db/client";
import { oncePerHandle, statementCache } from "@/db/named";
import { versionedStore, versionSeen } from "@/lib/cache/data-version";
import { agencyDataVersions, exchangeMessages, incomingDocuments, outgoingDocuments } from "@/db/schema";
import { incomingReadableBy } from "@/lib/access/incoming";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { workCountSql } from "@/lib/incoming/queries";
import { unreadCountSql } from "@/lib/notifications";
import { todayInVietnam } from "@/lib/dates";
import { COUNT_CAP } from "@/lib/format";
import { navOf } from "./overview";

// The counts every signed-in page shows (the navigation, the bell, the incoming list's tabs). The document
// counts are ONE statement: each count is the same query as Tổng quan's (lib/monitoring/overview.ts), asked
// as a scalar sub-select, so a page pays one round trip and one plan instead of six to eight. Each stops
// at NAV_COUNT_CAP rows (shown "99+"): a queue of 166,000 documents took 0.5 s to count on every page
// at a million documents (README, Benchmarks); Tổng quan keeps the exact figures. They are kept in this
// instance's memory under the agency's data version, which every page reads with the unread notifications
// in a statement of its own: planning the counts cost PostgreSQL about 1 ms at every page.

/** Where a navigation count stops (lib/format.ts countLabel shows "99+"). */
export const NAV_COUNT_CAP = COUNT_CAP;

export interface NavCounts {
  /** By Tổng quan's keys: mine, instruct, returned, reception, registered, issue, send; each at most NAV_COUNT_CAP. */
  counts: Record<string, number>;
  /** By area href, as the navigation shows them. */
  nav: Record<string, number>;
  unread: number;
}

export async function navCountsFor(actor: Actor, opts: { db?: Db; today?: string } = {}): Promise<NavCounts> {
  const db = opts.db ?? (await getDb());
  const today = opts.today ?? todayInVietnam();
  // What the data version does not follow (the bell, liên thông's queue) is read at every request, with the
  // version; the document counts are kept under the version (lib/cache/data-version.ts: read before computing).
  const sends = can(actor, "exchange.monitor") && can(actor, "outgoing.issue");
  const reading = (sends ? liveSending : livePlain)(db).execute({ agency: actor.agencyId, user: actor.userId });
  const version = reading.then(([row]) => Number(row?.version ?? 0));
  versionSeen(db, actor.agencyId, version);
  const [live] = await reading;
  const key = JSON.stringify([actor, today]);
  const docs = await keptCounts(db, await version, key, () =>
    countStatements(db, key, () => countsQuery(db, actor, today))
      .execute()
      .then(([row]) => Object.fromEntries(Object.entries(row ?? {}).flatMap(([k, n]) => (k === "none" ? [] : [[k, Number(n ?? 0)]])))),
  );
  const counts: Record<string, number> = { unread: Number(live?.unread ?? 0), ...docs };
  if (sends) counts.send = Number(live?.send ?? 0);
  const by = (k: string) => counts[k] ?? 0;
  return {
    counts,
    nav: navOf(by),
    unread: by("unread"),
  };
}

const one = { one: sql`1` };
const capped = (q: PgSelect): SQLWrapper => sql`select count(*) from (${q.limit(NAV_COUNT_CAP)}) as capped`;

// The agency's data version, the unread notifications and (for who sends liên thông) the queued messages: one
// statement of two or three index reads, the same text for everyone.
function liveQuery(db: Db, sends: boolean) {
  const m = exchangeMessages;
  const agency = sql.placeholder("agency");
  const parts: Record<string, SQL> = {
    version: sql`(${db.select({ v: agencyDataVersions.version }).from(agencyDataVersions).where(eq(agencyDataVersions.agencyId, agency))})`,
    unread: unreadCountSql(db, sql.placeholder("user")),
  };
  if (sends) parts.send = sql`(${capped(db.select(one).from(m).where(and(eq(m.agencyId, agency), eq(m.direction, "out"), eq(m.state, "queued"))).$dynamic())})`;
  return db.select(parts).from(sql`(select 1) as one`).prepare(`nav_live_${sends ? "send" : "plain"}`);
}
const livePlain = oncePerHandle((db: Db) => liveQuery(db, false));
const liveSending = oncePerHandle((db: Db) => liveQuery(db, true));

// The document counts of one person on one day under one data version, in this instance's memory.
const keptCounts = versionedStore(5000);

function countsQuery(db: Db, actor: Actor, today: string) {
  const d = incomingDocuments;
  const o = outgoingDocuments;
  const parts: [string, SQLWrapper][] = [];
  const docs = (where: SQL) => capped(db.select(one).from(d).where(and(incomingReadableBy(actor), where)).$dynamic());
  const drafts = (where: SQL) => capped(db.select(one).from(o).where(and(eq(o.agencyId, actor.agencyId), where)).$dynamic());
  // Each branch of the open work capped: the sum may pass the cap, still shown "99+".
  if (can(actor, "incoming.process")) parts.push(["mine", sql`select ${workCountSql(db, actor, "open", today, today, NAV_COUNT_CAP)}`]);
  if (can(actor, "incoming.assign")) parts.push(["instruct", docs(and(eq(d.submittedToId, actor.userId), eq(d.status, "awaiting_instruction"))!)]);
  if (can(actor, "outgoing.draft")) parts.push(["returned", drafts(and(eq(o.drafterId, actor.userId), eq(o.status, "returned"))!)]);
  if (can(actor, "incoming.register")) parts.push(["reception", docs(eq(d.status, "awaiting_reception"))]);
  if (can(actor, "incoming.submit")) parts.push(["registered", docs(eq(d.status, "registered"))]);
  if (can(actor, "outgoing.issue")) parts.push(["issue", drafts(eq(o.status, "awaiting_issue"))]);
  // One row of scalar sub-selects (each an InitPlan, run once); "none" keeps the row for someone with no count.
  return db.select(Object.fromEntries([["none", sql<number>`0`], ...parts.map(([key, q]) => [key, sql<number>`(${q})`])])).from(sql`(select 1) as one`);
}

// The statement of one person on one day, built and rendered once: drizzle's building and rendering of
// these nested selects cost the server's thread more than PostgreSQL's running them (README, Lists at
// scale). The key is everything the statement is made of (the actor with their positions, the day), so
// a changed position makes a new statement (statementCache, db/named.ts). With PostgreSQL the statement is
// named by its text: people whose counts have the same shape share one parse per connection.
const countStatements = statementCache("nav_counts", 1000);

/** navCountsFor once per request: the office layout and the incoming list's tabs share it. */
export const requestNavCounts = cache((actor: Actor) => navCountsFor(actor));
