import "server-only";
import { cache } from "react";
import { and, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { exchangeMessages, incomingAssignments, incomingDocuments, outgoingDocuments } from "@/db/schema";
import { incomingReadableBy } from "@/lib/access/incoming";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { workWhere, type WorkView } from "@/lib/incoming/queries";
import { loadCalendar } from "@/lib/calendar/load";
import { addWorkingDays, todayInVietnam } from "@/lib/workdays";
import { handledWithinAny, overdueCondition } from "./predicates";
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

/** The person's counts for Tổng quan, the navigation and the list tabs. */
export async function overviewFor(actor: Actor, opts: { db?: Db; today?: string; daysBefore?: number; only?: readonly string[] } = {}): Promise<Overview> {
  const db = opts.db ?? (await getDb());
  const today = opts.today ?? todayInVietnam();
  // "Sắp đến hạn": due within the agency's N working days, the same N as the reminders (Quản trị → Thông tin cơ quan).
  const [calendar, settings] = await Promise.all([loadCalendar(actor.agencyId, db), opts.daysBefore ?? reminderSettings(db, actor.agencyId).then((s) => s.daysBefore)]);
  const soonUntil = addWorkingDays(today, settings, calendar);
  const d = incomingDocuments;
  const a = incomingAssignments;
  const o = outgoingDocuments;
  const work = (view: WorkView) =>
    db.select({ n: count() }).from(a).innerJoin(d, eq(d.id, a.documentId)).where(workWhere(actor, view, today, soonUntil)).then(([r]) => r.n);
  const docs = (where: SQL) => db.select({ n: count() }).from(d).where(and(incomingReadableBy(actor), where)).then(([r]) => r.n);
  const drafts = (where: SQL) => db.select({ n: count() }).from(o).where(and(eq(o.agencyId, actor.agencyId), where)).then(([r]) => r.n);

  const jobs: Array<Promise<OverviewCount | null>> = [];
  // Only the counts asked for are queried (the navigation needs a few cheap ones on every page).
  const add = (key: string, label: string, href: string, n: () => Promise<number>, alert = false) => {
    if (!opts.only || opts.only.includes(key)) jobs.push(n().then((count) => ({ key, label, href, count, alert })));
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
      () => db.select({ n: count() }).from(m).where(and(eq(m.agencyId, actor.agencyId), eq(m.direction, "out"), inArray(m.state, ["queued"]))).then(([r]) => r.n));
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
  const counts = (await Promise.all(jobs)).filter((c): c is OverviewCount => c !== null);
  const by = (k: string) => counts.find((c) => c.key === k)?.count ?? 0;
  return {
    counts,
    nav: {
      "/my-work": by("mine"),
      "/incoming": by("instruct") + by("reception") + by("registered"),
      "/outgoing": by("returned") + by("issue"),
      "/exchange": by("send"),
    },
    today,
    soonUntil,
  };
}

/** The counts of Việc của tôi's tabs. */
const WORK_KEYS = ["mine", "soon", "overdue", "waiting"] as const;

/** overviewFor once per request: Tổng quan asks for every count. */
export const requestOverview = cache((actor: Actor) => overviewFor(actor));
/** Việc của tôi's tab counts, once per request. */
export const requestWorkCounts = cache((actor: Actor) => overviewFor(actor, { only: WORK_KEYS }));
