import "server-only";
import { and, asc, desc, eq, inArray, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/db/client";
import { oncePerHandle, statementCache } from "@/db/named";
import {
  incomingAssignments, incomingDocuments, outgoingConsultations, outgoingDocuments, outgoingEvents, outgoingFiles, outgoingRecipients, storedFiles,
  units, users, type OutgoingDocument, type OutgoingStatus,
} from "@/db/schema";
import { incomingReadableBy } from "@/lib/access/incoming";
import { outgoingReadableBy } from "@/lib/access/outgoing";
import { usableOf } from "@/lib/access/use";
import type { Actor } from "@/lib/auth/actor";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { sendingText, sendingTextsOf } from "@/lib/exchange/outgoing-status";
import { STATUS_LABELS } from "@/lib/incoming/labels";
import { checkInputOf } from "./drafts";
import { issuedAttachmentsOf } from "./issued-attachments";
import { SEARCH_WINDOW } from "@/lib/search";
import { systemChecks } from "./checks";
import { notationOf } from "./symbol";

export const PAGE_SIZE = 25;

export interface OutgoingFilter {
  q?: string;
  status?: OutgoingStatus;
  year?: number;
  docType?: string;
  /** Chờ tôi xử lý: what waits for this person's step now. */
  inbox?: boolean;
  /** Dự thảo của tôi. */
  mine?: boolean;
  page?: number;
}

const ids = (xs: string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);

/** What waits for the actor's step: their returned drafts, reviews, checks, signatures, issues, comments asked. */
/** The statuses of a draft still in progress: every branch of waitingFor but the consultations' requires one. */
const IN_PROGRESS = sql.raw(`'draft', 'returned', 'awaiting_review', 'awaiting_check', 'awaiting_signature', 'awaiting_issue'`);

/**
 * The drafts waiting for the actor, as a set of ids: the few drafts still in progress found through the
 * status index, and the pending consultations of the units the actor heads. Asked as one OR over the
 * list's rows, it read the agency's documents newest first until a page of them matched: 2,000 rows for
 * a director at 5,000 documents, most of them issued (README, Lists at scale).
 *
 * With `page` (the list's other conditions and how many rows the page needs), each branch is read newest
 * first from its own index (migration 0032) and stops there: at a million documents a director had 2,667
 * drafts to sign, all read and sorted for a page of 25 (60 ms); the union holds the page's rows, since each
 * branch gives its own first `upTo`.
 */
function waitingFor(actor: Actor, page?: { where: SQL | undefined; upTo: number }): SQL {
  const o = outgoingDocuments;
  const heads = unitsWhere(actor, "outgoing.approve");
  const branches: SQL[] = [sql`(${o.drafterId} = ${actor.userId} and ${o.status} in ('draft', 'returned'))`];
  if (heads.length) branches.push(sql`(${o.status} = 'awaiting_review' and ${o.draftingUnitId} in (${ids(heads)}))`);
  if (can(actor, "outgoing.check")) branches.push(sql`${o.status} = 'awaiting_check'`);
  // The proposed signer, a leader or a unit head signing TL./TUQ. under a delegation.
  branches.push(sql`(${o.status} = 'awaiting_signature' and ${o.signerId} = ${actor.userId})`);
  if (can(actor, "outgoing.issue")) branches.push(sql`${o.status} = 'awaiting_issue'`);
  const consulted = heads.length
    ? sql`select c.document_id from ${outgoingConsultations} c where c.status = 'pending' and c.unit_id in (${ids(heads)})`
    : undefined;
  if (page) {
    const first = (cond: SQL) =>
      sql`(select ${o.id}, ${o.createdAt} from ${o} where ${o.agencyId} = ${actor.agencyId} and ${cond}${page.where ? sql` and ${page.where}` : sql``}
        order by ${o.createdAt} desc, ${o.id} desc limit ${page.upTo})`;
    const all = [...branches.map(first), ...(consulted ? [first(sql`${o.id} in (${consulted})`)] : [])];
    return sql`${o.id} in (select w.id from (${sql.join(all, sql` union all `)}) as w)`;
  }
  // Inside the sub-select "outgoing_documents" names its own rows (the list's are shadowed).
  const inProgress = sql`select ${o.id} from ${o} where ${o.agencyId} = ${actor.agencyId} and ${o.status} in (${IN_PROGRESS}) and (${sql.join(branches, sql` or `)})`;
  return sql`${o.id} in (${inProgress}${consulted ? sql` union all ${consulted}` : sql``})`;
}

const outgoingLists = statementCache("outgoing_list");

export async function listOutgoing(actor: Actor, f: OutgoingFilter, db?: Db) {
  const database = db ?? (await getDb());
  const page = Math.max(1, f.page ?? 1);
  const d = outgoingDocuments;
  const conds: (SQL | undefined)[] = [outgoingReadableBy(actor)];
  if (f.status) conds.push(eq(d.status, f.status));
  if (f.year) conds.push(sql`coalesce(${d.year}, extract(year from ${d.createdAt} at time zone 'Asia/Ho_Chi_Minh')::int) = ${f.year}`);
  if (f.docType) conds.push(eq(d.docType, f.docType));
  if (f.mine) conds.push(eq(d.drafterId, actor.userId));
  const q = f.q?.trim();
  // Without a search, the inbox's branches are read only as far as the page needs (waitingFor).
  if (f.inbox) conds.push(waitingFor(actor, q ? undefined : { where: and(...conds), upTo: page * PAGE_SIZE + 1 }));
  const offset = (page - 1) * PAGE_SIZE;
  // Kept by what they are built of (db/named.ts): the actor and the filters (the inbox's branches read as far
  // as the page: its page too); the page's offset and the search words are placeholders.
  const key = JSON.stringify([actor, { ...f, q: undefined, page: f.inbox && !q ? page : undefined }]);
  const at = { offset, q: q ?? "" };
  // The page's ids first (from the list's index alone, however deep the page), then their rows with the
  // names as sub-selects, not joins: planning a five-table join took PostgreSQL 0.9 ms at every request,
  // longer than running it; each sub-select is planned on its own in microseconds and runs for the page's
  // rows only (a sub-select of the list itself ran for every row skipped: page 40 took 9 ms).
  const nameOf = (t: typeof users, col: AnyColumn) => sql<string>`(select ${t.fullName} from ${t} where ${t.id} = ${col})`;
  const order = [desc(d.createdAt), desc(d.id)];
  const pageOf = (where: (SQL | undefined)[]) =>
    database
      .select({
        id: d.id, status: d.status, symbol: d.symbol, issuedDate: d.issuedDate, docType: d.docType, subject: d.subject, urgency: d.urgency,
        secrecy: d.secrecy, createdAt: d.createdAt,
        unitName: sql<string>`(select ${units.name} from ${units} where ${units.id} = ${d.draftingUnitId})`,
        drafterName: nameOf(users, d.drafterId),
        signerName: nameOf(users, d.signerId),
        replyToId: d.replyToId,
        replyToSymbol: sql<string | null>`(select ${incomingDocuments.symbol} from ${incomingDocuments} where ${incomingDocuments.id} = ${d.replyToId})`,
        replyToArrivalNo: sql<number | null>`(select ${incomingDocuments.arrivalNo} from ${incomingDocuments} where ${incomingDocuments.id} = ${d.replyToId})`,
      })
      .from(d)
      .where(inArray(d.id, database.select({ id: d.id }).from(d).where(and(...where)).orderBy(...order).limit(PAGE_SIZE + 1).offset(sql.placeholder("offset"))))
      .orderBy(...order);
  let rows;
  if (q) {
    const match = (v: AnyColumn) => sql`${v} @@ plainto_tsquery('simple', f_unaccent(${sql.placeholder("q")}::text))`;
    // lib/search.ts: the newest rows of the list first, the whole search only when they do not hold the page.
    const recent = await outgoingLists(database, `recent${key}`, () => {
      const w = database.select({ id: d.id, searchVector: d.searchVector }).from(d).where(and(...conds)).orderBy(desc(d.createdAt), desc(d.id)).limit(SEARCH_WINDOW).as("w");
      return pageOf([...conds, inArray(d.id, database.select({ id: w.id }).from(w).where(match(w.searchVector)))]);
    }).execute(at);
    rows = recent.length > PAGE_SIZE ? recent : await outgoingLists(database, `all${key}`, () => pageOf([...conds, match(d.searchVector)])).execute(at);
  } else {
    rows = await outgoingLists(database, key, () => pageOf(conds)).execute(at);
  }
  const shown = rows.slice(0, PAGE_SIZE);
  // A reply's incoming document is linked only for someone who may open it (no dead ends, issue 11 item 6).
  // Asked of the page's few ids apart: as a column of the list, PostgreSQL weighed the rule for every row
  // the list might read and built it over all of a staff member's assignments (5.5 ms of 8 at 67,335 parts).
  const open = await usableOf(database, actor, "incoming", shown.flatMap((r) => (r.replyToId ? [r.replyToId] : [])));
  return { rows: shown.map((r) => ({ ...r, replyToOpen: !!r.replyToId && open.has(r.replyToId) })), hasNext: rows.length > PAGE_SIZE, page };
}

/** How a recipient's copy stands, from the copy itself (never a second state to keep in step). */
function recipientStatus(r: { id: string; delivery: string; sentAt: Date | null; copyStatus: string | null; partStatus: string | null }, sending: Map<string, string>): string {
  if (r.delivery === "paper") return "Gửi bản giấy";
  // Liên thông: the state of its outbox message (lib/exchange/outgoing-status.ts).
  if (r.delivery === "electronic") return sending.get(r.id) ?? sendingText(null, r.sentAt);
  if (!r.copyStatus) return "Chưa gửi";
  if (r.copyStatus === "withdrawn") return "Đã thu hồi";
  if (r.copyStatus === "awaiting_reception") return "Chờ văn thư tiếp nhận";
  if (r.partStatus === "done" || r.copyStatus === "done") return "Đã hoàn thành";
  if (r.partStatus === "in_progress") return "Đang xử lý";
  if (r.partStatus === "pending") return "Đã nhận";
  // Registered by the Văn thư (INTERNAL_DELIVERY=queue) and routed like any incoming document.
  return STATUS_LABELS[r.copyStatus as keyof typeof STATUS_LABELS] ?? "Đã nhận";
}

/** The recipients of a document, each with how its copy stands. */
const recipientRows = oncePerHandle((database: Db) =>
  database
    .select({
      id: outgoingRecipients.id, kind: outgoingRecipients.kind, name: outgoingRecipients.name, delivery: outgoingRecipients.delivery,
      organId: outgoingRecipients.organId, incomingId: outgoingRecipients.incomingId, sentAt: outgoingRecipients.sentAt,
      unitId: outgoingRecipients.unitId, userId: outgoingRecipients.userId, directoryId: outgoingRecipients.directoryId, copyStatus: incomingDocuments.status,
      partStatus: sql<string | null>`(select a.status::text from ${incomingAssignments} a where a.document_id = ${outgoingRecipients.incomingId}
        and a.parent_id is null and (a.unit_id = ${outgoingRecipients.unitId} or a.user_id = ${outgoingRecipients.userId}) limit 1)`,
    })
    .from(outgoingRecipients)
    .leftJoin(incomingDocuments, eq(incomingDocuments.id, outgoingRecipients.incomingId))
    .where(eq(outgoingRecipients.documentId, sql.placeholder("id")))
    .orderBy(asc(outgoingRecipients.sortOrder))
    .prepare("outgoing_doc_recipients"),
);

async function recipientsOf(database: Db, id: string) {
  const rows = await recipientRows(database).execute({ id });
  const sending = rows.some((r) => r.delivery === "electronic") ? await sendingTextsOf(database, id) : new Map<string, string>();
  return rows.map((r) => ({ ...r, statusText: recipientStatus(r, sending) }));
}

const storedFileRow = oncePerHandle((database: Db) =>
  database
    .select({ id: storedFiles.id, name: storedFiles.name, sha256: storedFiles.sha256, mime: storedFiles.mime, pdfRisks: storedFiles.pdfRisks })
    .from(storedFiles)
    .where(eq(storedFiles.id, sql.placeholder("id")))
    .prepare("outgoing_doc_stored_file"),
);

async function finalFileOf(database: Db, fileId: string | null) {
  if (!fileId) return null;
  const [f] = await storedFileRow(database).execute({ id: fileId });
  return f ?? null;
}

// A document's page: the document under the reader's rule (kept per reader, like the lists), then what hangs on
// it by its id, each a statement made once (named statements on PostgreSQL: parsed once per connection).
const outgoingDocs = statementCache("outgoing_doc");
const drafter = alias(users, "drafter");
const signer = alias(users, "signer");
const consultedUnit = alias(units, "consulted");
const answerer = alias(users, "answerer");
const versionsOf = oncePerHandle((database: Db) =>
  database
    .select({ version: outgoingFiles.version, role: outgoingFiles.role, id: storedFiles.id, name: storedFiles.name, size: storedFiles.size, mime: storedFiles.mime, sha256: storedFiles.sha256, pdfRisks: storedFiles.pdfRisks, at: outgoingFiles.createdAt })
    .from(outgoingFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, outgoingFiles.fileId))
    .where(eq(outgoingFiles.documentId, sql.placeholder("id")))
    .orderBy(desc(outgoingFiles.version), asc(outgoingFiles.sortOrder))
    .prepare("outgoing_doc_versions"),
);
const consultationsOf = oncePerHandle((database: Db) =>
  database
    .select({
      id: outgoingConsultations.id, unitId: outgoingConsultations.unitId, unitName: consultedUnit.name, request: outgoingConsultations.request,
      deadline: outgoingConsultations.deadline, status: outgoingConsultations.status, answer: outgoingConsultations.answer,
      answeredBy: answerer.fullName, answeredAt: outgoingConsultations.answeredAt, version: outgoingConsultations.version,
    })
    .from(outgoingConsultations)
    .innerJoin(consultedUnit, eq(consultedUnit.id, outgoingConsultations.unitId))
    .leftJoin(answerer, eq(answerer.id, outgoingConsultations.answeredBy))
    .where(eq(outgoingConsultations.documentId, sql.placeholder("id")))
    .orderBy(asc(outgoingConsultations.createdAt))
    .prepare("outgoing_doc_consultations"),
);
const trailOf = oncePerHandle((database: Db) =>
  database.select().from(outgoingEvents).where(eq(outgoingEvents.documentId, sql.placeholder("id"))).orderBy(asc(outgoingEvents.id)).prepare("outgoing_doc_trail"),
);

/** One outgoing document with its versions, recipients, comments asked and trail; null when not visible. */
export async function getOutgoing(actor: Actor, id: string, db?: Db) {
  const database = db ?? (await getDb());
  const d = outgoingDocuments;
  const [doc] = await outgoingDocs(database, JSON.stringify(actor), () =>
    database
      .select({
        doc: d, unitName: units.name, unitCode: units.code, drafterName: drafter.fullName, signerName: signer.fullName,
        /** Took part in drafting or reviewing it (not only a recipient): sees versions, comments and the trail. */
        participant: sql<boolean>`${outgoingReadableBy(actor, { recipients: false })}`,
      })
      .from(d)
      .innerJoin(units, eq(units.id, d.draftingUnitId))
      .innerJoin(drafter, eq(drafter.id, d.drafterId))
      .innerJoin(signer, eq(signer.id, d.signerId))
      .where(and(eq(d.id, sql.placeholder("id")), outgoingReadableBy(actor))),
  ).execute({ id });
  if (!doc) return null;
  if (!doc.participant) {
    // A recipient: the issued document and its recipients, not how it was drafted.
    const [recipients, finalFile, issuedAttachments] = await Promise.all([
      recipientsOf(database, id), finalFileOf(database, doc.doc.finalFileId), issuedAttachmentsOf(database, doc.doc),
    ]);
    return { ...doc, versions: [], recipients, consultations: [], trail: [], replyTo: null, finalFile, signedFile: null, issuedAttachments };
  }
  const [versions, recipients, consultations, trail, replyTo, finalFile, signedFile, issuedAttachments] = await Promise.all([
    versionsOf(database).execute({ id }),
    recipientsOf(database, id),
    consultationsOf(database).execute({ id }),
    trailOf(database).execute({ id }),
    doc.doc.replyToId
      ? database
          .select({
            id: incomingDocuments.id, symbol: incomingDocuments.symbol, issuerName: incomingDocuments.issuerName, arrivalNo: incomingDocuments.arrivalNo,
            year: incomingDocuments.year, status: incomingDocuments.status, mayOpen: sql<boolean>`${incomingReadableBy(actor)}`.mapWith(Boolean),
          })
          .from(incomingDocuments)
          .where(eq(incomingDocuments.id, doc.doc.replyToId))
          .then((r) => r[0] ?? null)
      : null,
    finalFileOf(database, doc.doc.finalFileId),
    // Ký số: the PDF the signer signed (issue 14), shown to the people who took part, and to the clerk who issues it.
    finalFileOf(database, doc.doc.signedFileId),
    // Phụ lục as the agency signed them at Phát hành (NĐ 30/2020 Phụ lục I §8).
    issuedAttachmentsOf(database, doc.doc),
  ]);
  return {
    ...doc,
    versions,
    recipients,
    consultations,
    trail,
    replyTo,
    finalFile,
    signedFile,
    issuedAttachments,
  };
}

// Kept per handle and reader (db/named.ts): the reader's rule is in the text, the incoming document a placeholder.
const repliesStatements = statementCache("replies_to", 2000);

/** Issued replies to an incoming document, for its page and the tracking register. */
export async function repliesTo(actor: Actor, incomingId: string, db?: Db) {
  const database = db ?? (await getDb());
  return repliesStatements(database, JSON.stringify(actor), () =>
    database
      .select({ id: outgoingDocuments.id, symbol: outgoingDocuments.symbol, status: outgoingDocuments.status, docType: outgoingDocuments.docType, subject: outgoingDocuments.subject })
      .from(outgoingDocuments)
      .where(and(eq(outgoingDocuments.replyToId, sql.placeholder("incomingId")), outgoingReadableBy(actor)))
      .orderBy(asc(outgoingDocuments.createdAt)),
  ).execute({ incomingId });
}

/** The checker's system checks and the ký hiệu the document will get, for its page. */
export async function draftChecks(doc: OutgoingDocument, db?: Db) {
  const input = await checkInputOf(db ?? (await getDb()), doc);
  return { checks: systemChecks(input), notation: notationOf(input.docType, input.agencyCode, input.unitCode) ?? "" };
}
