import "server-only";
import { and, asc, desc, eq, inArray, ne, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/db/client";
import { oncePerHandle, statementCache } from "@/db/named";
import { incomingAssignments, incomingDocuments, incomingEvents, incomingFiles, outgoingDocuments, storedFiles, units, users, type IncomingStatus } from "@/db/schema";
import { incomingReadableBy } from "@/lib/access/incoming";
import type { Actor } from "@/lib/auth/actor";
import { unitsWhere } from "@/lib/auth/permissions";
import { SEARCH_WINDOW } from "@/lib/search";
import { handledByPerson, handledByUnits, handledWithin, overdueCondition, progressCondition, type Progress } from "@/lib/incoming/progress-conditions";
import { vnMidnight } from "@/lib/registers/book";
import { todayInVietnam } from "@/lib/dates";

export const PAGE_SIZE = 25;

export interface IncomingFilter {
  year?: number;
  arrivalNo?: number;
  symbol?: string;
  issuer?: string;
  docType?: string;
  unitId?: string;
  status?: IncomingStatus;
  overdue?: boolean;
  q?: string;
  /** Documents submitted to me and waiting for my instruction (a leader's inbox). */
  submittedToMe?: boolean;
  /** The dashboard's drill-down (lib/incoming/progress-conditions.ts): arrived from / to (yyyy-mm-dd, Vietnam), … */
  from?: string;
  to?: string;
  progress?: Progress;
  /** … a non-info part of this unit, of this unit or its sub-units, or of this person. */
  handlingUnit?: string;
  within?: string;
  handler?: string;
  page?: number;
  /** The day "quá hạn" is counted from (tests; else today in Vietnam). */
  today?: string;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const incomingLists = statementCache("incoming_list");
const workLists = statementCache("work_list");
const repliesOfPage = oncePerHandle((db: Db) =>
  db
    .select({ replyToId: outgoingDocuments.replyToId, id: outgoingDocuments.id, symbol: outgoingDocuments.symbol })
    .from(outgoingDocuments)
    .where(and(sql`${outgoingDocuments.replyToId} = any(${sql.placeholder("ids")}::uuid[])`, eq(outgoingDocuments.status, "issued")))
    .orderBy(asc(outgoingDocuments.issuedAt))
    .prepare("incoming_list_replies"),
);

export async function listIncoming(actor: Actor, f: IncomingFilter, db?: Db) {
  const database = db ?? (await getDb());
  const page = Math.max(1, f.page ?? 1);
  const today = f.today ?? todayInVietnam();
  const conds: (SQL | undefined)[] = [incomingReadableBy(actor)];
  if (f.year) conds.push(eq(incomingDocuments.year, f.year));
  if (f.arrivalNo) conds.push(eq(incomingDocuments.arrivalNo, f.arrivalNo));
  if (f.symbol) conds.push(sql`f_unaccent(${incomingDocuments.symbol}) ilike f_unaccent(${like(f.symbol)})`);
  if (f.issuer) conds.push(sql`f_unaccent(${incomingDocuments.issuerName}) ilike f_unaccent(${like(f.issuer)})`);
  if (f.docType) conds.push(eq(incomingDocuments.docType, f.docType));
  if (f.status) conds.push(eq(incomingDocuments.status, f.status));
  if (f.submittedToMe) {
    conds.push(eq(incomingDocuments.submittedToId, actor.userId), eq(incomingDocuments.status, "awaiting_instruction"));
  }
  if (f.unitId) conds.push(sql`exists (select 1 from ${incomingAssignments} u where u.document_id = ${incomingDocuments.id} and u.unit_id = ${f.unitId})`);
  if (f.overdue) conds.push(overdueCondition(today));
  if (f.from) conds.push(sql`coalesce(${incomingDocuments.arrivalDate}, ${incomingDocuments.createdAt}) >= ${vnMidnight(f.from)}`);
  if (f.to) conds.push(sql`coalesce(${incomingDocuments.arrivalDate}, ${incomingDocuments.createdAt}) < ${vnMidnight(f.to, 1)}`);
  // The dashboard counts no secret document (its figures are everyone's non-secret work); nor does the list behind a number.
  if (f.progress) conds.push(progressCondition(f.progress, today), eq(incomingDocuments.secrecy, "normal"));
  if (f.handlingUnit) conds.push(handledByUnits([f.handlingUnit]));
  if (f.within) conds.push(handledWithin(f.within));
  if (f.handler) conds.push(handledByPerson(f.handler));
  const columns = {
      id: incomingDocuments.id,
      arrivalNo: incomingDocuments.arrivalNo,
      year: incomingDocuments.year,
      arrivalDate: incomingDocuments.arrivalDate,
      symbol: incomingDocuments.symbol,
      issuedDate: incomingDocuments.issuedDate,
      issuerName: incomingDocuments.issuerName,
      docType: incomingDocuments.docType,
      subject: incomingDocuments.subject,
      status: incomingDocuments.status,
      urgency: incomingDocuments.urgency,
      secrecy: incomingDocuments.secrecy,
      dueDate: incomingDocuments.dueDate,
      source: incomingDocuments.source,
      createdAt: incomingDocuments.createdAt,
  };
  const d = incomingDocuments;
  const order = [desc(d.year), desc(d.arrivalNo), desc(d.createdAt)];
  const offset = (page - 1) * PAGE_SIZE;
  const q = f.q?.trim();
  // The statements are kept by what they are built of (db/named.ts): the actor, the filters and the day;
  // the page and the search words are their placeholders.
  const key = JSON.stringify([actor, { ...f, page: undefined, q: undefined, today }]);
  const at = { offset, q: q ?? "" };
  const limit = PAGE_SIZE + 1;
  const skip = sql.placeholder("offset");
  let rows;
  if (q) {
    // Accent-insensitive: "quyet dinh" finds "Quyết định", "d" finds "đ" (unaccent maps đ → d).
    const match = (v: AnyColumn) => sql`${v} @@ plainto_tsquery('simple', f_unaccent(${sql.placeholder("q")}::text))`;
    // lib/search.ts: the newest rows of the list first, the whole search only when they do not hold the page.
    const recent = await incomingLists(database, `recent${key}`, () => {
      const w = database.select({ ...columns, searchVector: d.searchVector }).from(d).where(and(...conds)).orderBy(...order).limit(SEARCH_WINDOW).as("w");
      return database.select().from(w).where(match(w.searchVector)).orderBy(desc(w.year), desc(w.arrivalNo), desc(w.createdAt)).limit(limit).offset(skip);
    }).execute(at);
    rows =
      recent.length > PAGE_SIZE
        ? recent.map(({ searchVector: _v, ...r }) => r)
        : await incomingLists(database, `all${key}`, () => database.select(columns).from(d).where(and(...conds, match(d.searchVector))).orderBy(...order).limit(limit).offset(skip)).execute(at);
  } else {
    rows = await incomingLists(database, key, () => database.select(columns).from(d).where(and(...conds)).orderBy(...order).limit(limit).offset(skip)).execute(at);
  }
  const shown = rows.slice(0, PAGE_SIZE);
  // The issued replies of the page's rows, so the two lists link to each other: one query for the
  // page (a sub-select in the list would run for every row sorted or skipped, not just the 25 shown).
  const replies = shown.length ? await repliesOfPage(database).execute({ ids: shown.map((r) => r.id) }) : [];
  return {
    rows: shown.map((r) => ({ ...r, replies: replies.filter((o) => o.replyToId === r.id).map((o) => ({ id: o.id, symbol: o.symbol ?? "" })) })),
    hasNext: rows.length > PAGE_SIZE,
    page,
  };
}

// A document's page: the document under the reader's rule (kept per reader, like the lists), then its files, parts
// and trail by its id, each a statement made once (named statements on PostgreSQL: parsed once per connection).
const incomingDocs = statementCache("incoming_doc");
const assignee = alias(users, "assignee");
const filesOfIncoming = oncePerHandle((db: Db) =>
  db
    .select({ id: storedFiles.id, name: storedFiles.name, size: storedFiles.size, mime: storedFiles.mime, sha256: storedFiles.sha256, pdfRisks: storedFiles.pdfRisks })
    .from(incomingFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, incomingFiles.fileId))
    .where(eq(incomingFiles.documentId, sql.placeholder("id")))
    .orderBy(asc(incomingFiles.sortOrder))
    .prepare("incoming_doc_files"),
);
const partsOfIncoming = oncePerHandle((db: Db) =>
  db
    .select({
      id: incomingAssignments.id, parentId: incomingAssignments.parentId, role: incomingAssignments.role, status: incomingAssignments.status,
      deadline: incomingAssignments.deadline, instruction: incomingAssignments.instruction, progress: incomingAssignments.progress,
      result: incomingAssignments.result, unitId: incomingAssignments.unitId, userId: incomingAssignments.userId,
      unitName: units.name, userName: assignee.fullName, doneAt: incomingAssignments.doneAt,
      closedWithDocument: incomingAssignments.closedWithDocument, createdAt: incomingAssignments.createdAt,
    })
    .from(incomingAssignments)
    .leftJoin(units, eq(units.id, incomingAssignments.unitId))
    .leftJoin(assignee, eq(assignee.id, incomingAssignments.userId))
    .where(eq(incomingAssignments.documentId, sql.placeholder("id")))
    .orderBy(asc(incomingAssignments.createdAt))
    .prepare("incoming_doc_parts"),
);
const trailOfIncoming = oncePerHandle((db: Db) =>
  db.select().from(incomingEvents).where(eq(incomingEvents.documentId, sql.placeholder("id"))).orderBy(asc(incomingEvents.id)).prepare("incoming_doc_trail"),
);

/** One document with its files, parts and trail, or null when it does not exist or is not visible. */
export async function getIncoming(actor: Actor, id: string, db?: Db) {
  const database = db ?? (await getDb());
  const [doc] = await incomingDocs(database, JSON.stringify(actor), () =>
    database.select().from(incomingDocuments).where(and(eq(incomingDocuments.id, sql.placeholder("id")), incomingReadableBy(actor))),
  ).execute({ id });
  if (!doc) return null;
  const [files, parts, trail] = await Promise.all([
    filesOfIncoming(database).execute({ id }),
    partsOfIncoming(database).execute({ id }),
    trailOfIncoming(database).execute({ id }),
  ]);
  return { doc, files, parts, trail };
}

/** The views of Việc của tôi's open work: all of it, my parts due soon or overdue, or what I passed on and wait for. */
export type WorkView = "open" | "soon" | "overdue" | "waiting";

/** What every view of the open work requires: the agency's parts, not done, of a document not voided. */
function workCommon(actor: Actor): SQL {
  const a = incomingAssignments;
  // A voided registration (Hủy vào sổ) leaves every work list.
  return and(eq(incomingDocuments.agencyId, actor.agencyId), ne(a.status, "done"), ne(incomingDocuments.status, "voided"))!;
}

/**
 * The open parts a view of Việc của tôi lists (and Tổng quan and the navigation count):
 * open = my parts and the parts of units I head that wait to be passed on; soon = my parts (not for
 * information) due from today up to `soonUntil`; overdue = my parts past their deadline; waiting =
 * the parts I gave to others (not for information) that are not done; each with `workCommon`.
 *
 * As disjoint branches, each read in Việc của tôi's order from one index (migration 0031):
 * my open parts; for each unit I head, its parts still to pass on that are not mine. An OR over them made
 * PostgreSQL read and sort every open part of the unit: a unit head's first page took 0.4 s at a million
 * documents, where a unit holds 190,000 such parts (README, Benchmarks).
 */
export function workBranches(actor: Actor, view: WorkView, today: string, soonUntil = today): SQL[] {
  const a = incomingAssignments;
  const mine = and(eq(a.userId, actor.userId), ne(a.role, "info"))!;
  if (view === "soon") return [and(mine, sql`${a.deadline} >= ${today} and ${a.deadline} <= ${soonUntil}`)!];
  if (view === "overdue") return [and(mine, sql`${a.deadline} < ${today}`)!];
  if (view === "waiting") return [and(eq(a.assignedBy, actor.userId), ne(a.role, "info"), sql`${a.userId} is distinct from ${actor.userId}`)!];
  const headed = unitsWhere(actor, "incoming.assignUnit");
  return [
    eq(a.userId, actor.userId),
    ...headed.map((u) => and(eq(a.unitId, u), eq(a.status, "pending"), sql`${a.userId} is distinct from ${actor.userId}`)!),
  ];
}

const WORK_ORDER = (a: typeof incomingAssignments) => [sql`${a.deadline} asc nulls last`, desc(a.createdAt), asc(a.id)];

/** The open parts of a view, counted branch by branch (disjoint) and summed; `cap`: each branch stops there. */
export function workCountSql(db: Db, actor: Actor, view: WorkView, today: string, soonUntil = today, cap?: number): SQL {
  const a = incomingAssignments;
  const counts = workBranches(actor, view, today, soonUntil).map((branch) => {
    const rows = db.select({ one: sql`1` }).from(a).innerJoin(incomingDocuments, eq(incomingDocuments.id, a.documentId)).where(and(workCommon(actor), branch)).$dynamic();
    // Capped, in the index's order: the plan then reads that index whatever the person (a prepared statement's
    // generic plan otherwise scanned the table for the first rows of an average unit: 0.3 s for a unit without any).
    return sql`(select count(*) from (${cap ? rows.orderBy(...WORK_ORDER(a)).limit(cap) : rows}) as part)`;
  });
  return sql.join(counts, sql` + `);
}

/** Việc của tôi: my open parts, and the open parts of units I head that wait to be passed on (or one view of them). */
export async function myWork(actor: Actor, page = 1, db?: Db, opts: { view?: WorkView; today?: string; soonUntil?: string; size?: number } = {}) {
  const database = db ?? (await getDb());
  const a = incomingAssignments;
  const p = Math.max(1, page);
  // Tổng quan shows the first few (`size`); Việc của tôi a page of PAGE_SIZE.
  const size = Math.max(1, Math.min(PAGE_SIZE, opts.size ?? PAGE_SIZE));
  const upTo = p * size + 1;
  const view = opts.view ?? "open";
  const today = opts.today ?? todayInVietnam();
  // Kept by what it is built of (db/named.ts): the person, the view, the day, the page and its size.
  const rows = await workLists(database, JSON.stringify([actor, view, today, opts.soonUntil, p, size]), () => {
    // The page's part ids: each branch in order from its index, at most upTo rows each, then merged.
    const branches = workBranches(actor, view, today, opts.soonUntil).map(
      (branch) =>
        sql`(${database
          .select({ id: a.id, deadline: a.deadline, createdAt: a.createdAt })
          .from(a)
          .innerJoin(incomingDocuments, eq(incomingDocuments.id, a.documentId))
          .where(and(workCommon(actor), branch))
          .orderBy(...WORK_ORDER(a))
          .limit(upTo)})`,
    );
    const ids = sql`select w.id from (${sql.join(branches, sql` union all `)}) as w
      order by w.deadline asc nulls last, w.created_at desc, w.id asc limit ${size + 1} offset ${(p - 1) * size}`;
    // Who holds the part as a sub-select of the page's rows, not two more joins for PostgreSQL to plan
    // at every request (lib/outgoing/queries.ts listOutgoing).
    return database
      .select({
        assignmentId: a.id, role: a.role, status: a.status,
        deadline: a.deadline, unitId: a.unitId, documentId: incomingDocuments.id,
        arrivalNo: incomingDocuments.arrivalNo, year: incomingDocuments.year, symbol: incomingDocuments.symbol,
        subject: incomingDocuments.subject, issuerName: incomingDocuments.issuerName, urgency: incomingDocuments.urgency,
        source: incomingDocuments.source,
        assignee: sql<string | null>`coalesce((select ${users.fullName} from ${users} where ${users.id} = ${a.userId}), (select ${units.name} from ${units} where ${units.id} = ${a.unitId}))`,
      })
      .from(a)
      .innerJoin(incomingDocuments, eq(incomingDocuments.id, a.documentId))
      .where(sql`${a.id} in (${ids})`)
      .orderBy(...WORK_ORDER(a));
  }).execute();
  return { rows: rows.slice(0, size), hasNext: rows.length > size, page: p };
}

/**
 * Việc của tôi → Đã xử lý: the person's own parts that are done (finished, seen, or closed with the
 * document), newest first, searchable like the lists (accent-insensitive over số, ký hiệu, cơ quan,
 * trích yếu).
 */
export async function myDoneWork(actor: Actor, f: { q?: string; page?: number }, db?: Db) {
  const database = db ?? (await getDb());
  const page = Math.max(1, f.page ?? 1);
  const q = f.q?.trim();
  const a = incomingAssignments;
  const d = incomingDocuments;
  const rows = await database
    .select({
      assignmentId: a.id, role: a.role, status: a.status, closedWithDocument: a.closedWithDocument, result: a.result, doneAt: a.doneAt,
      documentId: d.id, arrivalNo: d.arrivalNo, year: d.year, symbol: d.symbol, subject: d.subject, issuerName: d.issuerName,
      urgency: d.urgency, source: d.source,
    })
    .from(a)
    .innerJoin(d, eq(d.id, a.documentId))
    .where(
      and(
        eq(a.userId, actor.userId),
        eq(a.status, "done"),
        eq(d.agencyId, actor.agencyId),
        q ? sql`${d.searchVector} @@ plainto_tsquery('simple', f_unaccent(${q}))` : undefined,
      ),
    )
    .orderBy(sql`${a.doneAt} desc nulls last`, desc(a.createdAt), asc(a.id))
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE);
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE, page };
}
