import "server-only";
import { cache } from "react";
import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { exchangeMessages, incomingDocuments, outgoingDocuments } from "@/db/schema";
import { incomingReadableBy } from "@/lib/access/incoming";
import type { Actor } from "@/lib/auth/actor";
import type { SessionAgency } from "@/lib/auth/sessions";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { workCountSql, type WorkView } from "@/lib/incoming/queries";
import { loadCalendar } from "@/lib/calendar/load";
import { todayInVietnam } from "@/lib/dates";
import { addWorkingDays } from "@/lib/workdays";
import { cachedByVersion } from "@/lib/cache/data-version";
import { readerKey } from "./cache";
import { handledWithinAny, overdueCondition } from "@/lib/incoming/progress-conditions";
import { reminderSettings } from "./settings";

// Tổng quan (Quy chế 376 Điều 5: staff check their work regularly): the person's work in counts, each
// a link to the list that shows exactly those rows; the navigation and the list tabs show the same
// counts. Every count is one indexed count query; the office layout asks once per request.

export interface OverviewCount {
  key: string;
  label: string;
  count: number;
  href: string;
  /** Drawn in red when not zero. */
  alert?: boolean;
}

export interface Overview {
  counts: OverviewCount[];
  /** Counts shown on the navigation, by area href. */
  nav: Record<string, number>;
  /** The day counted from and the last day of "sắp đến hạn". */
  today: string;
  soonUntil: string;
}

/** The navigation's counts by area href, from the counts by key (Tổng quan's and lib/monitoring/nav-counts.ts). */
export const navOf = (by: (key: string) => number): Record<string, number> => ({
  "/my-work": by("mine"),
  "/incoming": by("instruct") + by("reception") + by("registered"),
  "/outgoing": by("returned") + by("issue"),
  "/exchange": by("send"),
});

/** The person's counts for Tổng quan, the navigation and the list tabs. */
export async function overviewFor(
  actor: Actor,
  opts: { db?: Db; today?: string; daysBefore?: number; calendarToken?: string | null; only?: readonly string[] } = {},
): Promise<Overview> {
  const db = opts.db ?? (await getDb());
  const today = opts.today ?? todayInVietnam();
  // "Sắp đến hạn": due within the agency's N working days, the same N as the reminders (Quản trị → Thông tin cơ quan).
  const [calendar, settings] = await Promise.all([
    loadCalendar(actor.agencyId, db, opts.calendarToken),
    opts.daysBefore ?? reminderSettings(db, actor.agencyId).then((s) => s.daysBefore),
  ]);
  const soonUntil = addWorkingDays(today, settings, calendar);
  const d = incomingDocuments;
  const o = outgoingDocuments;
  const work = (view: WorkView) =>
    db.execute(sql`select ${workCountSql(db, actor, view, today, soonUntil)} as n`).then(({ rows }) => Number((rows[0] as { n: unknown }).n));
  const docs = (where: SQL) => db.select({ n: count() }).from(d).where(and(incomingReadableBy(actor), where)).then(([r]) => r.n);
  const drafts = (where: SQL) => db.select({ n: count() }).from(o).where(and(eq(o.agencyId, actor.agencyId), where)).then(([r]) => r.n);

  // Each count is asked as a function: all but the exchange queue's are computed together and kept under the
  // data version (lib/cache/data-version.ts) per person, positions and day; the queue is counted every time
  // (the job runner's sending does not move the version).
  const jobs: Array<{ key: string; label: string; href: string; n: () => Promise<number>; alert: boolean; live: boolean }> = [];
  // Only the counts asked for are queried (Việc của tôi's tabs need four).
  const add = (key: string, label: string, href: string, n: () => Promise<number>, alert = false, live = false) => {
    if (!opts.only || opts.only.includes(key)) jobs.push({ key, label, href, n, alert, live });
  };
  if (can(actor, "incoming.process")) {
    add("mine", "Chờ tôi xử lý", "/my-work", () => work("open"));
    add("soon", "Sắp đến hạn", "/my-work?tab=soon", () => work("soon"));
    add("overdue", "Quá hạn", "/my-work?tab=overdue", () => work("overdue"), true);
    add("waiting", "Chờ người khác", "/my-work?tab=waiting", () => work("waiting"));
  }
  if (can(actor, "incoming.assign")) {
    add("instruct", "Chờ ý kiến chỉ đạo", "/incoming?mine=1", () => docs(and(eq(d.submittedToId, actor.userId), eq(d.status, "awaiting_instruction"))!));
  }
  if (can(actor, "outgoing.draft")) {
    add("returned", "Bị trả lại", "/outgoing?mine=1&status=returned", () => drafts(and(eq(o.drafterId, actor.userId), eq(o.status, "returned"))!), true);
  }
  if (can(actor, "incoming.register")) {
    add("reception", "Chờ vào sổ", "/incoming?status=awaiting_reception", () => docs(eq(d.status, "awaiting_reception")));
  }
  if (can(actor, "incoming.submit")) {
    add("registered", "Chờ trình lãnh đạo", "/incoming?status=registered", () => docs(eq(d.status, "registered")));
  }
  if (can(actor, "incoming.return")) {
    add("sentBack", "Bị trả lại (văn bản đến)", "/incoming?status=returned", () => docs(eq(d.status, "returned")), true);
  }
  if (can(actor, "outgoing.issue")) {
    add("issue", "Chờ phát hành", "/outgoing?status=awaiting_issue", () => drafts(eq(o.status, "awaiting_issue")));
  }
  if (can(actor, "exchange.monitor") && can(actor, "outgoing.issue")) {
    const m = exchangeMessages;
    add("send", "Chờ gửi liên thông", "/exchange?tab=queued",
      () => db.select({ n: count() }).from(m).where(and(eq(m.agencyId, actor.agencyId), eq(m.direction, "out"), inArray(m.state, ["queued"]))).then(([r]) => r.n),
      false, true);
  }
  // Row level: an agency leader all non-secret work of the agency, a unit head their units and sub-units.
  const overdueDocs = and(eq(d.secrecy, "normal"), sql`${d.status} in ('registered', 'awaiting_instruction', 'in_progress')`, overdueCondition(today))!;
  if (can(actor, "monitoring.agency")) {
    add("agencyOverdue", "Quá hạn toàn cơ quan", "/incoming?progress=overdue", () => docs(overdueDocs), true);
  } else {
    const headed = unitsWhere(actor, "monitoring.unit");
    if (headed.length) {
      add("unitOverdue", "Quá hạn của đơn vị", headed.length === 1 ? `/incoming?progress=overdue&within=${headed[0]}` : "/incoming?progress=overdue",
        () => docs(and(overdueDocs, handledWithinAny(headed))!), true);
    }
  }
  const reader = readerKey(actor);
  const key = reader && JSON.stringify(["overview", reader, actor.userId, actor.positions.map((p) => p.id).sort(), today, soonUntil, jobs.map((j) => j.key)]);
  const run = (list: typeof jobs) => Promise.all(list.map((j) => j.n()));
  const [kept, live] = await Promise.all([cachedByVersion(db, actor.agencyId, key, () => run(jobs.filter((j) => !j.live))), run(jobs.filter((j) => j.live))]);
  const keptCounts = [...kept];
  const liveCounts = [...live];
  const counts: OverviewCount[] = jobs.map((j) => ({ key: j.key, label: j.label, href: j.href, alert: j.alert, count: (j.live ? liveCounts : keptCounts).shift()! }));
  const by = (k: string) => counts.find((c) => c.key === k)?.count ?? 0;
  return {
    counts,
    nav: navOf(by),
    today,
    soonUntil,
  };
}

/** The counts of Việc của tôi's tabs. */
const WORK_KEYS = ["mine", "soon", "overdue", "waiting"] as const;

/** overviewFor once per request: Tổng quan asks for every count (the navigation's are lib/monitoring/nav-counts.ts). */
export const requestOverview = cache((actor: Actor, agency?: SessionAgency) => overviewFor(actor, fromSession(agency)));
/** Việc của tôi's tab counts, once per request. */
export const requestWorkCounts = cache((actor: Actor, agency?: SessionAgency) => overviewFor(actor, { ...fromSession(agency), only: WORK_KEYS }));

/** N and the calendar's version as the session read them with the agency: two statements fewer a request. */
const fromSession = (agency?: SessionAgency) => (agency ? { daysBefore: agency.remindDaysBefore, calendarToken: agency.calendarToken } : {});
