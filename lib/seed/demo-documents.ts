import { and, count, desc, eq, getTableName, isNull, ne, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  agencySigning,
  agencies, incomingAssignments, incomingDocuments, incomingEvents, outgoingConsultations, outgoingDocuments, units, users, workFileEntries, workFiles,
} from "@/db/schema";
import { executeAction, type ActionCaller } from "@/lib/actions/define";
import { newIdempotencyKey, withIdempotencyKey } from "@/lib/actions/idempotency-field";
import { loadActor } from "@/lib/auth/actor";
import { pdfDocument } from "@/lib/registers/pdf";
import { demoSealPng } from "@/lib/signatures/seal-image";
import { storeGeneratedFile } from "@/lib/signatures/stored-pdf";
import { saveUpload } from "@/lib/storage/store";
import type { WorkCalendar } from "@/lib/calendar/calendar";
import { loadCalendar } from "@/lib/calendar/load";
import { todayInVietnam } from "@/lib/dates";
import { demoAgency } from "./demo-data";
import { seedDemoDelegations } from "./demo-delegations";
import { demoStories } from "./demo-stories";
import type { DemoContext } from "./demo-context";

// Demo documents at every stage (product.md §9), made by the real workflow: every write is an
// action definition of lib/* run through the one wrapper (executeAction), so numbers, trails,
// notices and the audit chain are what the product itself would have written.
//
// Dates. The actions date every step "now" and refuse a deadline before today, so each step runs
// now, with its date inputs (a document's date, a deadline) given as the story's date plus the
// step's age; when every step has run, everything each step wrote (its timestamps, and the dates
// it was given) is moved back by that step's age, in one UPDATE per table. A document registered
// 15 working days ago with a 7-working-day deadline is then overdue, exactly as if the clerk and
// the director had worked on those days. The audit trail is append-only and keeps the real time at
// which the seed wrote each entry. Ages stay within the current year (the registers are yearly).

const SEED_META = { ip: "127.0.0.1", userAgent: "demo-seed" };
const DAY = 86_400_000;
const isoAdd = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/**
 * Seeds the demo documents once: only when the demo agency exists and has no incoming, outgoing
 * or work-file rows yet (the marker), so a second run, or an agency already in use, gets nothing.
 */
export async function seedDemoDocuments(db: Db, opts: { filesRoot?: string } = {}): Promise<{ created: boolean; ms: number }> {
  const started = Date.now();
  const [agency] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, demoAgency.code));
  if (!agency) return { created: false, ms: 0 };
  const used = await Promise.all([
    db.select({ n: count() }).from(incomingDocuments).where(eq(incomingDocuments.agencyId, agency.id)),
    db.select({ n: count() }).from(outgoingDocuments).where(eq(outgoingDocuments.agencyId, agency.id)),
    db.select({ n: count() }).from(workFiles).where(eq(workFiles.agencyId, agency.id)),
  ]);
  if (used.some(([r]) => r.n > 0)) return { created: false, ms: 0 };
  // Ký số (issue 14): the demo agency's seal image for the agency signature (a stand-in drawn here).
  await db.transaction(async (tx) => {
    const [has] = await tx.select({ sealFileId: agencySigning.sealFileId }).from(agencySigning).where(eq(agencySigning.agencyId, agency.id));
    if (has?.sealFileId) return;
    const sealFileId = await storeGeneratedFile(tx, agency.id, null, demoSealPng(), "con-dau.png", "image/png", opts.filesRoot);
    await tx.insert(agencySigning).values({ agencyId: agency.id, sealFileId }).onConflictDoUpdate({ target: agencySigning.agencyId, set: { sealFileId } });
  });

  const people = new Map((await db.select({ id: users.id, u: users.username }).from(users).where(eq(users.agencyId, agency.id))).map((r) => [r.u, r.id]));
  const unitIds = new Map((await db.select({ id: units.id, code: units.code }).from(units).where(eq(units.agencyId, agency.id))).map((r) => [r.code, r.id]));
  const must = (m: Map<string, string>, k: string) => m.get(k) ?? (() => { throw new Error(`Demo seed: unknown ${k}`); })();
  const caller = (username: string): ActionCaller => ({ userId: must(people, username), sessionId: "demo-seed", meta: SEED_META });

  const today = todayInVietnam();
  const calendar = await loadCalendar(agency.id, db);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const backDays = new Map<number, number>();
  /** Calendar days back to the day `age` working days ago, never before 1 January of this year. */
  const calendarAge = (age: number) => {
    if (!backDays.has(age)) {
      let d = today;
      for (let left = age; left > 0; ) {
        const prev = isoAdd(d, -1);
        if (prev < yearStart) break;
        d = prev;
        if (calendar.isWorkingDay(d)) left--;
      }
      backDays.set(age, daysBetween(d, today));
    }
    return backDays.get(age)!;
  };
  const day = (age: number) => isoAdd(today, -calendarAge(age));
  let currentAge = 0;

  const steps: { age: number; seq: number; run: () => Promise<unknown> }[] = [];
  const ctx: DemoContext = {
    db,
    /** The seed's only call of the one action wrapper: a refusal stops the seed with its reason. */
    async act(def, username, input) {
      // Each step as its form would send it: a creating step carries a fresh idempotency key.
      const r = await executeAction(def, caller(username), withIdempotencyKey(input, newIdempotencyKey()), db);
      if (!r.ok) throw new Error(`Demo seed: ${def.name} by ${username} was refused: ${r.formError} ${JSON.stringify(r.fieldErrors ?? {})}`);
      return r.data;
    },
    at: (age, run) => void steps.push({ age, seq: steps.length, run }),
    day,
    // A date of the story, as the step run now must be given it: shifted forward by the step's own age.
    date: (age, days, stepAge = currentAge) => {
      const d = days >= 0 ? calendar.addWorkingDays(day(age), days) : isoAdd(day(age), -workingSpan(calendar, day(age), -days));
      return isoAdd(d, calendarAge(stepAge));
    },
    user: (u) => must(people, u),
    unit: (c) => must(unitIds, c),
    async pdf(username, name, title, lines, pages = 1) {
      const bytes = await pdfDocument({ size: "A4", margin: 60, info: { Title: title, Author: "Sở Nội vụ tỉnh Bình Định" } }, (doc) => {
        for (let p = 1; p <= pages; p++) {
          if (p > 1) doc.addPage();
          doc.font("bold").fontSize(13).text(title, { align: "center" }).moveDown();
          doc.font("regular").fontSize(11);
          for (const l of lines) doc.text(l).moveDown(0.5);
          doc.moveDown().fontSize(9).text(`Tài liệu mẫu của bản trình diễn — trang ${p}/${pages}`, { align: "right" });
        }
      });
      const actor = await loadActor(db, must(people, username));
      const saved = await saveUpload(db, actor!, SEED_META, { name, body: (async function* () { yield new Uint8Array(bytes); })() }, { root: opts.filesRoot });
      return saved.id;
    },
    async part(documentId, holder) {
      const [row] = await db
        .select({ id: incomingAssignments.id })
        .from(incomingAssignments)
        .where(
          and(
            eq(incomingAssignments.documentId, documentId), ne(incomingAssignments.status, "done"),
            holder.user ? eq(incomingAssignments.userId, must(people, holder.user)) : eq(incomingAssignments.unitId, must(unitIds, holder.unit!)),
          ),
        )
        .orderBy(desc(incomingAssignments.createdAt))
        .limit(1);
      if (!row) throw new Error(`Demo seed: no open part for ${holder.user ?? holder.unit}`);
      return row.id;
    },
    async consultation(documentId, unitCode) {
      const [row] = await db
        .select({ id: outgoingConsultations.id })
        .from(outgoingConsultations)
        .where(and(eq(outgoingConsultations.documentId, documentId), eq(outgoingConsultations.unitId, must(unitIds, unitCode)), isNull(outgoingConsultations.answeredAt)));
      return row.id;
    },
  };
  // The signing delegations the stories' KT. drafts rest on (the Chánh Văn phòng's check needs them).
  await seedDemoDelegations(ctx, today);
  demoStories(ctx);

  // Oldest first: numbers (số đến, số đi) follow the dates they will show.
  steps.sort((a, b) => b.age - a.age || a.seq - b.seq);
  // Each step's window [a, b) ends 1 ms after it returned and the next starts 2 ms later, so
  // whatever a step wrote (microsecond timestamps) falls in its own window only.
  const windows: { a: string; b: string; age: number }[] = [];
  let from = Date.now();
  for (const s of steps) {
    currentAge = s.age;
    await s.run();
    const to = Date.now() + 1;
    const age = calendarAge(s.age);
    if (age > 0) windows.push({ a: new Date(from).toISOString(), b: new Date(to).toISOString(), age });
    while (Date.now() < to + 1) await new Promise((r) => setTimeout(r, 1));
    from = to;
  }
  await moveBack(db, windows);
  return { created: true, ms: Date.now() - started };
}

/** Calendar days spanned by `n` working days before `iso`. */
function workingSpan(calendar: WorkCalendar, iso: string, n: number) {
  let d = iso;
  for (let left = n; left > 0; ) {
    d = isoAdd(d, -1);
    if (calendar.isWorkingDay(d)) left--;
  }
  return daysBetween(d, iso);
}

// The dates a step was given (not "now"), with the timestamp written by the same step.
const DATE_ANCHORS: [PgTable, PgColumn, PgColumn][] = [
  [incomingDocuments, incomingDocuments.issuedDate, incomingDocuments.createdAt],
  [incomingDocuments, incomingDocuments.dueDate, incomingDocuments.createdAt],
  [incomingAssignments, incomingAssignments.deadline, incomingAssignments.createdAt],
  [incomingEvents, incomingEvents.deadline, incomingEvents.at],
  [outgoingDocuments, outgoingDocuments.issuedDate, outgoingDocuments.issuedAt],
  [outgoingDocuments, outgoingDocuments.replyDeadline, outgoingDocuments.createdAt],
  [outgoingConsultations, outgoingConsultations.deadline, outgoingConsultations.createdAt],
  [workFileEntries, workFileEntries.docDate, workFileEntries.addedAt],
];

/** Moves what each step wrote back by the step's age: every timestamp written during it, and the dates it was given. */
async function moveBack(db: Db, windows: { a: string; b: string; age: number }[]) {
  if (!windows.length) return;
  const { rows } = await db.execute<{ table_name: string; column_name: string }>(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type = 'timestamp with time zone'
      and table_name ~ '^(incoming_|outgoing_|work_file|handover_|notifications$|stored_files$)'
    order by table_name, ordinal_position`);
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r.column_name]);
  const w = JSON.stringify(windows);
  const ageAt = (col: string) => sql`coalesce((select w.age from w where t.${sql.identifier(col)} >= w.a and t.${sql.identifier(col)} < w.b limit 1), 0)`;
  for (const [table, cols] of byTable) {
    const sets = [
      ...cols.map((c) => sql`${sql.identifier(c)} = t.${sql.identifier(c)} - ${ageAt(c)} * interval '1 day'`),
      ...DATE_ANCHORS.filter(([t]) => getTableName(t) === table).map(([, d, anchor]) => sql`${sql.identifier(d.name)} = t.${sql.identifier(d.name)} - ${ageAt(anchor.name)}`),
    ];
    // Only the rows the seed's steps wrote: nothing of another agency or an earlier time is touched.
    const written = cols.map((c) => sql`exists (select 1 from w where t.${sql.identifier(c)} >= w.a and t.${sql.identifier(c)} < w.b)`);
    await db.execute(sql`
      with w as (select * from jsonb_to_recordset(${w}::jsonb) as x(a timestamptz, b timestamptz, age int))
      update ${sql.identifier(table)} as t set ${sql.join(sets, sql`, `)} where ${sql.join(written, sql` or `)}`);
  }
}
