import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/db/client";
import { oncePerHandle, statementCache } from "@/db/named";
import {
  filePlanHeadings, filePlanItems, filePlans, handoverBatches, retentionPeriods, units, users, workFileEntries, workFileEvents, workFiles, type WorkFileStatus,
} from "@/db/schema";
import { usableOf } from "@/lib/access/use";
import { canReadWorkFile, headsFileUnit, isArchivist, isOwner, mayOpenItem, seesBatch, seesPlan, workFileReadableBy } from "@/lib/access/work-files";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { todayInVietnam } from "@/lib/dates";
import { closingDefaults, duplicatesOf, loadEntries } from "./entries";
import { handoverDeadline, handoverNoticeFrom, mustHandOver, roman } from "./labels";
import { PLAN_PAGE_SIZE, planRows, planWindow } from "./plan-page";

export const PAGE_SIZE = 25;
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Read by the plan's page and an open file's page at every visit: made once per handle (db/named.ts).
const retentionStatement = oncePerHandle((db: Db) => db.select().from(retentionPeriods).orderBy(asc(retentionPeriods.sortOrder)).prepare("retention_options"));
const planYearsStatement = oncePerHandle((db: Db) =>
  db.select({ year: filePlans.year }).from(filePlans).where(eq(filePlans.agencyId, sql.placeholder("agencyId"))).orderBy(desc(filePlans.year)).prepare("plan_years"),
);

// The retention periods (NĐ 30/2020's schedule) are written by the migrations only, never by the app: read once
// per database handle and kept for the life of the process (every instance reads the same rows).
type RetentionRows = Awaited<ReturnType<ReturnType<typeof retentionStatement>["execute"]>>;
const keptRetention = new WeakMap<object, Promise<RetentionRows>>();

/** The retention periods, in their order (read once per database handle: see above). */
export async function retentionOptions(db?: Db): Promise<RetentionRows> {
  const database = db ?? (await getDb());
  let kept = keptRetention.get(database);
  if (!kept) {
    kept = retentionStatement(database).execute();
    keptRetention.set(database, kept);
    // A failed read is not kept.
    kept.catch(() => keptRetention.get(database) === kept && keptRetention.delete(database));
  }
  return kept;
}

export async function planYears(actor: Actor, db?: Db): Promise<number[]> {
  const rows = await planYearsStatement(db ?? (await getDb())).execute({ agencyId: actor.agencyId });
  return rows.map((r) => r.year);
}

/** The plan's items with what the screen shows of each: retention, keeper, and its file (if opened). */
function planItems(database: Db) {
  const owner = alias(users, "owner");
  const fileOwner = alias(users, "file_owner");
  return database
    .select({
      item: filePlanItems,
      retention: retentionPeriods.label,
      unitName: units.name,
      ownerName: owner.fullName,
      fileId: workFiles.id,
      fileStatus: workFiles.status,
      fileOwnerId: workFiles.ownerId,
      fileOwnerName: fileOwner.fullName,
      fileUnitId: workFiles.unitId,
      fileAgencyId: workFiles.agencyId,
      fileBatchId: workFiles.batchId,
    })
    .from(filePlanItems)
    .innerJoin(retentionPeriods, eq(retentionPeriods.code, filePlanItems.retentionCode))
    .leftJoin(units, eq(units.id, filePlanItems.ownerUnitId))
    .leftJoin(owner, eq(owner.id, filePlanItems.ownerUserId))
    .leftJoin(workFiles, eq(workFiles.planItemId, filePlanItems.id))
    .leftJoin(fileOwner, eq(fileOwner.id, workFiles.ownerId));
}

type PlanItemRow = Awaited<ReturnType<typeof planItems>>[number];

/** An item as the screen shows it, with whether this person may read its file or open one for it. */
function planItemView(actor: Actor, r: PlanItemRow) {
  const file = r.fileId
    ? { id: r.fileId, status: r.fileStatus!, ownerName: r.fileOwnerName ?? "", agencyId: r.fileAgencyId!, ownerId: r.fileOwnerId!, unitId: r.fileUnitId!, batchId: r.fileBatchId }
    : null;
  return {
    ...r.item,
    retention: r.retention,
    keeper: r.ownerName ?? r.unitName ?? "",
    file: file ? { id: file.id, status: file.status, ownerName: file.ownerName, readable: canReadWorkFile(actor, file) } : null,
    mayOpen: !file && mayOpenItem(actor, r.item),
  };
}

// The plan's screen reads, each made once per database handle with its values as placeholders (db/named.ts): on
// PostgreSQL the page's six-table join was planned at every request (4.8 ms of planning for 2.9 of execution).
const planOfYear = oncePerHandle((db: Db) =>
  db.select().from(filePlans).where(and(eq(filePlans.agencyId, sql.placeholder("agencyId")), eq(filePlans.year, sql.placeholder("year")))).prepare("file_plan_of_year"),
);
const planHeadingsCounted = oncePerHandle((db: Db) =>
  db
    .select({
      id: filePlanHeadings.id, abbr: filePlanHeadings.abbr, title: filePlanHeadings.title, sortOrder: filePlanHeadings.sortOrder,
      // Named in full: drizzle leaves the table off a single table's columns, which the subquery would take for its own.
      count: sql<number>`(select count(*) from ${filePlanItems} i where i.heading_id = ${filePlanHeadings}.id)`.mapWith(Number),
    })
    .from(filePlanHeadings)
    .where(eq(filePlanHeadings.planId, sql.placeholder("planId")))
    // The id after the order: the items below must come heading by heading in exactly this order.
    .orderBy(asc(filePlanHeadings.sortOrder), asc(filePlanHeadings.id))
    .prepare("file_plan_headings_counted"),
);
/** The page's items: their ids first, in the plan's order, by offset; then only those rows with their names and file. */
const planItemsPage = oncePerHandle((db: Db) => {
  const page = db
    .select({
      // Named apart: two of them are "id" in their tables.
      itemId: sql<string>`${filePlanItems.id}`.as("page_item_id"),
      headingOrder: sql<number>`${filePlanHeadings.sortOrder}`.as("page_heading_order"),
      headingId: sql<string>`${filePlanHeadings.id}`.as("page_heading_id"),
      itemNumber: sql<number>`${filePlanItems.number}`.as("page_item_number"),
    })
    .from(filePlanItems)
    .innerJoin(filePlanHeadings, eq(filePlanHeadings.id, filePlanItems.headingId))
    .where(eq(filePlanItems.planId, sql.placeholder("planId")))
    .orderBy(asc(filePlanHeadings.sortOrder), asc(filePlanHeadings.id), asc(filePlanItems.number))
    .offset(sql.placeholder("offset"))
    .limit(sql.placeholder("limit"))
    .as("page");
  return planItems(db)
    .innerJoin(page, eq(page.itemId, filePlanItems.id))
    .orderBy(asc(page.headingOrder), asc(page.headingId), asc(page.itemNumber))
    .prepare("file_plan_page");
});

/**
 * One page of the year's Danh mục hồ sơ for the screen (lib/work-files/plan-page.ts): every heading with its number
 * of items, and only the items of that page (a plan has hundreds; the printout and downloads read it whole), plus
 * the item being edited (`editId`, wherever it is in the plan).
 */
export async function getPlanPage(actor: Actor, year: number, opts: { page?: number; editId?: string; size?: number } = {}, db?: Db) {
  const { page: requested = 1, editId, size = PLAN_PAGE_SIZE } = opts;
  if (!seesPlan(actor)) return null;
  const database = db ?? (await getDb());
  const [plan] = await planOfYear(database).execute({ agencyId: actor.agencyId, year });
  if (!plan) return null;
  const [headings, edited] = await Promise.all([
    planHeadingsCounted(database).execute({ planId: plan.id }),
    editId ? planItems(database).where(and(eq(filePlanItems.planId, plan.id), eq(filePlanItems.id, editId))) : [],
  ]);
  const window = planWindow(headings.map((h) => h.count), requested, size);
  const items = window.limit ? await planItemsPage(database).execute({ planId: plan.id, offset: window.offset, limit: window.limit }) : [];
  const shown = headings.map((h) => ({ ...h, numeral: roman(h.sortOrder) }));
  return {
    plan,
    headings: shown,
    rows: planRows(shown, items.map((r) => planItemView(actor, r)), window),
    page: window.page,
    pages: window.pages,
    editItem: edited[0] ? planItemView(actor, edited[0]) : undefined,
    mayEdit: can(actor, "files.plan"),
    mayOpenAdHoc: can(actor, "files.keep"),
  };
}

export interface WorkFileFilter {
  year?: number;
  status?: WorkFileStatus;
  q?: string;
  /** mine: files I keep; all: every file I may read. */
  scope?: "mine" | "all";
  page?: number;
}

const workFileLists = statementCache("work_file_list");

/**
 * A listed file's keeper, unit and retention, by sub-selects on the file's row (a list reads them for its page's rows
 * only). Written with the outer table's name: drizzle writes a one-table select's columns bare, and a bare "id"
 * inside a sub-select names the sub-select's own row.
 */
const fileNames = {
  ownerName: sql<string>`(select u.full_name from ${users} u where u.id = work_files.owner_id)`,
  unitName: sql<string>`(select n.name from ${units} n where n.id = work_files.unit_id)`,
  retention: sql<string>`(select r.label from ${retentionPeriods} r where r.code = work_files.retention_code)`,
  retentionYears: sql<number | null>`(select r.years from ${retentionPeriods} r where r.code = work_files.retention_code)`,
};

/**
 * Work files this person may read, newest first, with their document counts. Kept by what they are built of
 * (db/named.ts): the actor and the filters; the page's offset and the search words are placeholders. The page's
 * ids come first, from the list's index (`work_files_list_idx`), then only their rows with the names, the
 * retention and the document count as sub-selects: joined, PostgreSQL planned a four-table join at every
 * request and counted the documents of every file skipped before the page (page 20: 500 files).
 */
export async function listWorkFiles(actor: Actor, f: WorkFileFilter, db?: Db) {
  const database = db ?? (await getDb());
  const page = Math.max(1, f.page ?? 1);
  const w = workFiles;
  const conds: (SQL | undefined)[] = [workFileReadableBy(actor)];
  if (f.scope === "mine") conds.push(eq(w.ownerId, actor.userId));
  if (f.year) conds.push(eq(w.year, f.year));
  if (f.status) conds.push(eq(w.status, f.status));
  const q = f.q?.trim();
  // The stored code and title in lower case without accents (migration 0038), compared with LIKE.
  if (q) conds.push(sql`${w.searchText} like lower(f_unaccent(${sql.placeholder("q")}::text))`);
  const where = and(...conds);
  const key = JSON.stringify([actor, { ...f, q: !!q, page: undefined }]);
  const at = { offset: (page - 1) * PAGE_SIZE, q: q ? like(q) : "" };
  const order = [desc(w.year), desc(w.updatedAt), desc(w.id)];
  const rows = await workFileLists(database, key, () =>
    database
      .select({
        id: w.id, code: w.code, title: w.title, year: w.year, status: w.status, batchId: w.batchId,
        ...fileNames,
        startDate: w.startDate, endDate: w.endDate,
        documents: sql<number>`(select count(*) from ${workFileEntries} e where e.file_id = work_files.id)`.mapWith(Number),
        updatedAt: w.updatedAt,
      })
      .from(w)
      .where(inArray(w.id, database.select({ id: w.id }).from(w).where(where).orderBy(...order).limit(PAGE_SIZE).offset(sql.placeholder("offset"))))
      .orderBy(...order),
  ).execute(at);
  const [{ total }] = await workFileLists(database, `count${key}`, () => database.select({ total: count() }).from(w).where(where)).execute(at);
  const today = todayInVietnam();
  const withOverdue = rows.map((r) => ({ ...r, overdue: r.status !== "archived" && mustHandOver(r.retentionYears) && today > handoverDeadline(r.year) }));
  return { rows: withOverdue, total, page, pageSize: PAGE_SIZE };
}

// A file's page: the file and its trail by the file's id, each a statement made once per database handle
// (named statements on PostgreSQL, parsed once per connection; db/named.ts), as a document's page.
const workFileRow = oncePerHandle((db: Db) =>
  db
    .select({ file: workFiles, ownerName: users.fullName, unitName: units.name, retention: retentionPeriods.label, retentionYears: retentionPeriods.years })
    .from(workFiles)
    .innerJoin(users, eq(users.id, workFiles.ownerId))
    .innerJoin(units, eq(units.id, workFiles.unitId))
    .innerJoin(retentionPeriods, eq(retentionPeriods.code, workFiles.retentionCode))
    .where(eq(workFiles.id, sql.placeholder("id")))
    .prepare("work_file_page"),
);
const workFileTrail = oncePerHandle((db: Db) =>
  db.select().from(workFileEvents).where(eq(workFileEvents.fileId, sql.placeholder("id"))).orderBy(asc(workFileEvents.id)).prepare("work_file_trail"),
);

/** One work file for its page: metadata, documents in order with likely duplicates, trail, and what this person may do. */
export async function getWorkFile(actor: Actor, id: string, db?: Db) {
  const database = db ?? (await getDb());
  const [row] = await workFileRow(database).execute({ id });
  if (!row || !canReadWorkFile(actor, row.file)) return null;
  const { file } = row;
  const entries = await loadEntries(database, file.id);
  const duplicates = duplicatesOf(entries);
  // A row links to its document only for someone who may open it (issue 11 item 6: no dead ends):
  // a head of the file's unit reads the file's list, not every document off their trail.
  const idsOf = (kind: "incoming" | "outgoing") => entries.filter((e) => e.kind === kind && e.documentId).map((e) => e.documentId!);
  const [openIn, openOut] = await Promise.all([usableOf(database, actor, "incoming", idsOf("incoming")), usableOf(database, actor, "outgoing", idsOf("outgoing"))]);
  const events = await workFileTrail(database).execute({ id: file.id });
  const [batch] = file.batchId ? await database.select().from(handoverBatches).where(eq(handoverBatches.id, file.batchId)) : [];
  const owner = isOwner(actor, file);
  const head = headsFileUnit(actor, file);
  const editable = owner && file.status === "open";
  return {
    file, ownerName: row.ownerName, unitName: row.unitName, retention: row.retention, retentionYears: row.retentionYears,
    entries: entries.map((e) => ({
      ...e, duplicateOf: duplicates.get(e.id) ?? [], mayOpen: !!e.documentId && (e.kind === "incoming" ? openIn : openOut).has(e.documentId),
    })),
    events, batch: batch ?? null,
    defaults: closingDefaults(entries),
    deadline: handoverDeadline(file.year),
    may: {
      edit: editable,
      close: editable && entries.length > 0,
      reopen: head && file.status === "closed" && !file.batchId,
      reconcile: (owner || head) && file.status === "closed" && !file.batchId,
    },
  };
}

/** Access to an archived file is logged on its trail (NĐ 30/2020 Phụ lục VI: log access and use). */
export async function logArchiveView(actor: Actor, fileId: string, what = "Xem hồ sơ", db?: Db) {
  const database = db ?? (await getDb());
  await database.transaction(async (tx) => {
    const [f] = await tx.select({ status: workFiles.status, agencyId: workFiles.agencyId }).from(workFiles).where(eq(workFiles.id, fileId));
    if (f?.status !== "archived" || f.agencyId !== actor.agencyId) return;
    await tx.insert(workFileEvents).values({ fileId, actorId: actor.userId, actorName: actor.fullName, kind: "viewed", text: what });
  });
}

/**
 * The archivist opening a document of an archived file (lib/access/work-files.ts inArchiveOf) is a
 * use of that file: written on the trail of each archived file holding it, like a view of the file.
 */
export async function logArchivedDocumentView(actor: Actor, kind: "incoming" | "outgoing", documentId: string, what: string, db?: Db) {
  if (!can(actor, "files.accept")) return;
  const database = db ?? (await getDb());
  const col = kind === "incoming" ? workFileEntries.incomingId : workFileEntries.outgoingId;
  // One statement (atomic without a transaction): a row per archived file of the agency holding the document.
  await database.execute(sql`insert into ${workFileEvents} (file_id, actor_id, actor_name, kind, text, payload)
    select distinct ${workFiles.id}, ${actor.userId}::uuid, ${actor.fullName}, 'viewed', ${what}, ${JSON.stringify({ [kind]: documentId })}::jsonb
    from ${workFileEntries} inner join ${workFiles} on ${workFiles.id} = ${workFileEntries.fileId}
    where ${col} = ${documentId} and ${workFiles.status} = 'archived' and ${workFiles.agencyId} = ${actor.agencyId}`);
}

// The "Thêm vào hồ sơ" panel is on every document's page: its reads made once per handle, the second per kind and
// reader, whose rule is in its text (db/named.ts).
const openFilesStatement = oncePerHandle((db: Db) =>
  db
    .select({ id: workFiles.id, code: workFiles.code, title: workFiles.title, year: workFiles.year })
    .from(workFiles)
    .where(and(eq(workFiles.ownerId, sql.placeholder("userId")), eq(workFiles.status, "open")))
    .orderBy(desc(workFiles.year), asc(workFiles.code))
    .prepare("open_files_of"),
);
const holdingStatements = statementCache("files_holding", 2000);

/** For the "Thêm vào hồ sơ" panel of a document: this person's open files, and the files that already hold the document. */
export async function filesForDocument(actor: Actor, kind: "incoming" | "outgoing", documentId: string, db?: Db) {
  if (!can(actor, "files.keep")) return { open: [], holding: [] };
  const database = db ?? (await getDb());
  const col = kind === "incoming" ? workFileEntries.incomingId : workFileEntries.outgoingId;
  const [open, holding] = await Promise.all([
    openFilesStatement(database).execute({ userId: actor.userId }),
    holdingStatements(database, JSON.stringify([kind, actor]), () =>
      database
        .select({ id: workFiles.id, code: workFiles.code, title: workFiles.title, year: workFiles.year, status: workFiles.status })
        .from(workFileEntries)
        .innerJoin(workFiles, eq(workFiles.id, workFileEntries.fileId))
        .where(and(eq(col, sql.placeholder("documentId")), workFileReadableBy(actor)))
        .orderBy(desc(workFiles.year), asc(workFiles.code)),
    ).execute({ documentId }),
  ]);
  return { open: open.filter((f) => !holding.some((h) => h.id === f.id)), holding };
}

const reconcileCounts = statementCache("reconcile_counts", 500);
const reconcileRows = statementCache("reconcile_rows", 500);

/** Rows a page of the reconciliation table (Nộp lưu), as every list's. */
export const RECONCILE_PAGE_SIZE = 25;

/**
 * The reconciliation screen (Nộp lưu): closed files not yet handed over, of the units where this person keeps files
 * (all of the unit for its heads, their own for staff), with the mark and notes, in the units' order.
 *
 * `years`: the year asked, or last year then this year; the first of them with such files is shown (files of a year
 * are handed over in the first quarter of the next). Read: each year's number of files and of reconciled ones; the
 * page's rows; the reconciled files, all of them, for the hand-over forms (only when there are any); and the file whose
 * notes are open (`noteId`) when it is on neither. Until 2026-12-07 every closed file of both years was read at each
 * visit to show 25 (a unit's hundred: 0.8 ms of the server's CPU; README Benchmarks). Two statements kept per reader
 * (db/named.ts), the year, the filters and the window placeholders; the names by sub-selects, not joins (planning the
 * four-table join cost PostgreSQL 0.5 ms at every request).
 */
export async function reconcilePage(actor: Actor, years: number[], opts: { page?: number; noteId?: string; size?: number } = {}, db?: Db) {
  const database = db ?? (await getDb());
  const w = workFiles;
  const heads = unitsWhere(actor, "monitoring.unit");
  // The reader's rule, built only when a statement is made for them (both are kept per reader).
  const waiting = () =>
    and(eq(w.agencyId, actor.agencyId), eq(w.status, "closed"), isNull(w.batchId), heads.length ? or(eq(w.ownerId, actor.userId), inArray(w.unitId, heads)) : eq(w.ownerId, actor.userId));
  const key = JSON.stringify(actor);
  const counts = await reconcileCounts(database, key, () =>
    database
      .select({ year: w.year, total: count(), reconciled: sql<number>`count(*) filter (where ${w.reconciled})`.mapWith(Number) })
      .from(w)
      .where(and(waiting(), sql`${w.year} = any(${sql.placeholder("years")}::int[])`))
      .groupBy(w.year),
  ).execute({ years });
  const year = years.find((y) => counts.some((c) => c.year === y && c.total > 0)) ?? years[years.length - 1];
  const { total = 0, reconciled: reconciledCount = 0 } = counts.find((c) => c.year === year) ?? {};
  const size = opts.size ?? RECONCILE_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const rowsOf = reconcileRows(database, key, () =>
    database
      .select({
        id: w.id, code: w.code, title: w.title, unitId: w.unitId, ...fileNames,
        startDate: w.startDate, endDate: w.endDate, sheets: w.sheets, pages: w.pages,
        reconciled: w.reconciled, reconcileNote: w.reconcileNote,
      })
      .from(w)
      .where(and(
        waiting(),
        sql`${w.year} = ${sql.placeholder("year")}`,
        sql`(${sql.placeholder("onlyReconciled")}::boolean = false or ${w.reconciled})`,
        sql`(${sql.placeholder("id")}::uuid is null or ${w.id} = ${sql.placeholder("id")}::uuid)`,
      ))
      .orderBy(sql`(select n.sort_order from ${units} n where n.id = work_files.unit_id)`, asc(w.code))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset")),
  );
  const read = (p: { onlyReconciled?: boolean; id?: string; limit?: number; offset?: number }) =>
    total === 0
      ? Promise.resolve([])
      : rowsOf
          .execute({ year, onlyReconciled: p.onlyReconciled ?? false, id: p.id ?? null, limit: p.limit ?? null, offset: p.offset ?? 0 })
          .then((rows) => rows.map((r) => ({ ...r, required: mustHandOver(r.retentionYears) })));
  const [rows, reconciled] = await Promise.all([
    read({ limit: size, offset: (page - 1) * size }),
    reconciledCount > 0 ? read({ onlyReconciled: true }) : Promise.resolve([]),
  ]);
  const noteId = opts.noteId;
  const noting = !noteId
    ? undefined
    : (rows.find((r) => r.id === noteId) ?? reconciled.find((r) => r.id === noteId) ?? (await read({ id: noteId, limit: 1 }))[0]);
  return { year, total, page, pages, rows, reconciled, noting };
}

const batchLists = statementCache("handover_batch_list", 500);

/** Hand-over batches a page of Nộp lưu shows. */
export const BATCH_PAGE_SIZE = 10;

/**
 * Hand-over batches this person may see, newest first, a page at a time: all of the agency for the archivist
 * and leaders, their units' for the others. A page past the end shows the last.
 */
export async function listBatches(actor: Actor, opts: { page?: number; size?: number } = {}, db?: Db) {
  const database = db ?? (await getDb());
  const size = opts.size ?? BATCH_PAGE_SIZE;
  const all = can(actor, "files.accept") || can(actor, "monitoring.agency");
  const mine = unitsWhere(actor, "files.keep");
  if (!all && !mine.length) return { rows: [], page: 1, pages: 1, total: 0 };
  const b = handoverBatches;
  // Kept per agency and units (db/named.ts); the names and counts by sub-selects on the batch's row, the
  // number of batches with each row (a window over the same read).
  const statement = batchLists(database, JSON.stringify([actor.agencyId, all ? null : mine]), () =>
    database
      .select({
        id: b.id, year: b.year, title: b.title, status: b.status,
        unitName: sql<string>`(select n.name from ${units} n where n.id = handover_batches.unit_id)`,
        submittedAt: b.submittedAt,
        submittedBy: sql<string>`(select u.full_name from ${users} u where u.id = handover_batches.submitted_by)`,
        decidedAt: b.decidedAt,
        files: sql<number>`(select count(*) from ${workFiles} f where f.batch_id = handover_batches.id)`.mapWith(Number),
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(b)
      .where(and(eq(b.agencyId, actor.agencyId), all ? undefined : inArray(b.unitId, mine)))
      .orderBy(desc(b.submittedAt), desc(b.id))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset")),
  );
  const read = (page: number) => statement.execute({ limit: size, offset: (page - 1) * size });
  let page = Math.max(1, opts.page ?? 1);
  let rows = await read(page);
  if (!rows.length && page > 1) {
    // Past the end: the first page tells how many there are, then the last is read.
    const first = await read(1);
    page = Math.max(1, Math.ceil((first[0]?.total ?? 0) / size));
    rows = page === 1 ? first : await read(page);
  }
  const total = rows[0]?.total ?? 0;
  return { rows: rows.map(({ total: _, ...r }) => r), page, pages: Math.max(1, Math.ceil(total / size)), total };
}

export async function getBatch(actor: Actor, id: string, db?: Db) {
  const database = db ?? (await getDb());
  const submitter = alias(users, "submitter");
  const decider = alias(users, "decider");
  const [row] = await database
    .select({ batch: handoverBatches, unitName: units.name, submittedBy: submitter.fullName, decidedBy: decider.fullName })
    .from(handoverBatches)
    .innerJoin(units, eq(units.id, handoverBatches.unitId))
    .innerJoin(submitter, eq(submitter.id, handoverBatches.submittedBy))
    .leftJoin(decider, eq(decider.id, handoverBatches.decidedBy))
    .where(eq(handoverBatches.id, id));
  if (!row || !seesBatch(actor, row.batch)) return null;
  const files = await database
    .select({
      id: workFiles.id, code: workFiles.code, title: workFiles.title, status: workFiles.status, startDate: workFiles.startDate, endDate: workFiles.endDate,
      sheets: workFiles.sheets, pages: workFiles.pages, retention: retentionPeriods.label, ownerName: users.fullName, reconcileNote: workFiles.reconcileNote,
      documents: sql<number>`(select count(*) from ${workFileEntries} e where e.file_id = ${workFiles.id})`.mapWith(Number),
    })
    .from(workFiles)
    .innerJoin(users, eq(users.id, workFiles.ownerId))
    .innerJoin(retentionPeriods, eq(retentionPeriods.code, workFiles.retentionCode))
    .where(eq(workFiles.batchId, id))
    .orderBy(asc(workFiles.batchOrder));
  return { ...row, files, mayDecide: isArchivist(actor, row.batch.agencyId) && row.batch.status === "submitted" };
}

/** Who searches Lưu trữ cơ quan: the archivist and the agency's leaders. */
export const seesArchive = (actor: Actor) => can(actor, "files.accept") || can(actor, "monitoring.agency");

/** Lưu trữ cơ quan: archived files, searchable by the archivist and the agency's leaders. */
export async function searchArchive(actor: Actor, f: { q?: string; year?: number; page?: number }, db?: Db) {
  if (!seesArchive(actor)) return null;
  return listWorkFiles(actor, { q: f.q, year: f.year, page: f.page, status: "archived" }, db);
}

// Named and planned once per connection: "archived" is written in the statement, as in the partial index
// work_files_unarchived_idx (a parameter would not match it); the person's units come as one array.
const unarchivedPastFiles = oncePerHandle((db: Db) =>
  db
    .select({ id: workFiles.id, code: workFiles.code, title: workFiles.title, year: workFiles.year, status: workFiles.status, batchId: workFiles.batchId, years: retentionPeriods.years })
    .from(workFiles)
    .innerJoin(retentionPeriods, eq(retentionPeriods.code, workFiles.retentionCode))
    .where(
      and(
        eq(workFiles.agencyId, sql.placeholder("agency")), sql`${workFiles.status} <> 'archived'`, sql`${workFiles.year} < ${sql.placeholder("year")}`,
        or(isNull(retentionPeriods.years), sql`${retentionPeriods.years} >= 5`),
        or(eq(workFiles.ownerId, sql.placeholder("owner")), sql`${workFiles.unitId} = any(${sql.placeholder("units")}::uuid[])`),
      ),
    )
    .orderBy(asc(workFiles.year), asc(workFiles.code))
    .limit(100)
    .prepare("work_files_unarchived_past"),
);

/**
 * Hand-over notices for this person (NĐ 30/2020 Phụ lục VI: notify 30 days ahead): their files
 * kept 5 years or more, not yet archived, from 30 days before the deadline of their year; overdue
 * after it. Heads of a unit also see their unit's.
 */
export async function handoverNotices(actor: Actor, today = todayInVietnam(), db?: Db) {
  if (!can(actor, "files.keep")) return [];
  const database = db ?? (await getDb());
  const rows = await unarchivedPastFiles(database).execute({
    agency: actor.agencyId, year: Number(today.slice(0, 4)), owner: actor.userId, units: unitsWhere(actor, "monitoring.unit"),
  });
  return rows
    .filter((r) => today >= handoverNoticeFrom(r.year))
    .map((r) => ({ ...r, deadline: handoverDeadline(r.year), overdue: today > handoverDeadline(r.year), pending: !!r.batchId }));
}

