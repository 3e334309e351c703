import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { agencyDirectory, exchangeMessages, incomingDocuments, outgoingDocuments } from "@/db/schema";
import { incomingReadableBy } from "@/lib/access/incoming";
import { outgoingReadableBy } from "@/lib/access/outgoing";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { param } from "@/lib/search-params";

// The /exchange area (issue 13): what this agency sent and received by liên thông, by tab. The
// document a message is about is linked, with its subject, only when the person may read it (the
// read rules of lib/access); otherwise the row shows the edXML DocumentId alone.

export const EXCHANGE_TABS = ["queued", "failed", "sent", "received", "rejected", "recall"] as const;
export type ExchangeTab = (typeof EXCHANGE_TABS)[number];

export const TAB_LABELS: Record<ExchangeTab, string> = {
  queued: "Chờ gửi",
  failed: "Lỗi gửi",
  sent: "Đã gửi",
  received: "Đã nhận",
  rejected: "Bị từ chối",
  recall: "Đề nghị thu hồi",
};

export const MONITOR_PAGE_SIZE = 25;

const m = exchangeMessages;

function tabWhere(tab: ExchangeTab): SQL {
  switch (tab) {
    case "queued":
      return and(eq(m.direction, "out"), eq(m.state, "queued"))!;
    case "failed":
      return and(eq(m.direction, "out"), eq(m.state, "failed"))!;
    case "sent":
      return and(eq(m.direction, "out"), eq(m.state, "sent"))!;
    case "received":
      return and(eq(m.direction, "in"), inArray(m.state, ["received", "answered"]))!;
    case "rejected":
      return and(eq(m.direction, "in"), eq(m.state, "rejected"))!;
    case "recall":
      return and(eq(m.direction, "in"), eq(m.kind, "status"), eq(m.statusCode, "13"), eq(m.state, "pending"))!;
  }
}

/** How many messages each tab holds. */
export async function tabCounts(agencyId: string, db?: Db | Tx): Promise<Record<ExchangeTab, number>> {
  db ??= await getDb();
  const parts = EXCHANGE_TABS.map((t) => sql`count(*) filter (where ${tabWhere(t)})::int`);
  const [row] = (await db.execute<Record<string, number>>(sql`select ${sql.join(parts.map((p, i) => sql`${p} as ${sql.identifier(`c${i}`)}`), sql`, `)} from ${m} where ${m.agencyId} = ${agencyId}`)).rows;
  return Object.fromEntries(EXCHANGE_TABS.map((t, i) => [t, Number(row?.[`c${i}`] ?? 0)])) as Record<ExchangeTab, number>;
}

export interface MonitorRow {
  id: string;
  /** When it happened: sent or processed, else created. */
  at: Date;
  createdAt: Date;
  direction: "out" | "in";
  kind: "document" | "status";
  businessDocType: number;
  statusCode: string;
  /** The other agency: receiver of an outbound message, (claimed) sender of an inbound one. */
  partnerOrganId: string;
  partnerName: string | null;
  documentId: string;
  description: string;
  errorCode: string | null;
  error: string | null;
  attempts: number;
  transport: "direct" | "axis" | null;
  /** The document page, when there is one and the person may read it. */
  link: { href: string; subject: string } | null;
}

/** One page of a tab, newest first. */
export async function listMessages(actor: Actor, tab: ExchangeTab, page: number, db?: Db | Tx): Promise<{ rows: MonitorRow[]; hasNext: boolean; page: number }> {
  db ??= await getDb();
  const p = Math.max(1, Math.floor(page));
  const partner = sql<string>`case when ${m.direction} = 'out' then ${m.receiverOrganId} else ${m.senderOrganId} end`;
  const rows = await db
    .select({
      id: m.id, createdAt: m.createdAt, sentAt: m.sentAt, processedAt: m.processedAt, direction: m.direction, kind: m.kind, businessDocType: m.businessDocType,
      statusCode: m.statusCode, partnerOrganId: partner, documentId: m.documentId, description: m.description, errorCode: m.errorCode, error: m.error,
      attempts: m.attempts, transport: m.transport, outgoingId: m.outgoingId, incomingId: m.incomingId,
      partnerName: sql<string | null>`(select ${agencyDirectory.name} from ${agencyDirectory} where ${agencyDirectory.agencyId} = ${m.agencyId} and ${agencyDirectory.organId} = ${partner} limit 1)`,
    })
    .from(m)
    .where(and(eq(m.agencyId, actor.agencyId), tabWhere(tab)))
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(MONITOR_PAGE_SIZE + 1)
    .offset((p - 1) * MONITOR_PAGE_SIZE);
  const shown = rows.slice(0, MONITOR_PAGE_SIZE);

  const outIds = [...new Set(shown.map((r) => r.outgoingId).filter((x): x is string => !!x))];
  const inIds = [...new Set(shown.map((r) => r.incomingId).filter((x): x is string => !!x))];
  const [outs, ins] = await Promise.all([
    outIds.length
      ? db.select({ id: outgoingDocuments.id, subject: outgoingDocuments.subject }).from(outgoingDocuments).where(and(inArray(outgoingDocuments.id, outIds), outgoingReadableBy(actor)))
      : [],
    inIds.length
      ? db.select({ id: incomingDocuments.id, subject: incomingDocuments.subject }).from(incomingDocuments).where(and(inArray(incomingDocuments.id, inIds), incomingReadableBy(actor)))
      : [],
  ]);
  const outMap = new Map(outs.map((d) => [d.id, d.subject]));
  const inMap = new Map(ins.map((d) => [d.id, d.subject]));

  return {
    page: p,
    hasNext: rows.length > MONITOR_PAGE_SIZE,
    rows: shown.map((r) => {
      const link =
        r.outgoingId && outMap.has(r.outgoingId)
          ? { href: `/outgoing/${r.outgoingId}`, subject: outMap.get(r.outgoingId)! }
          : r.incomingId && inMap.has(r.incomingId)
            ? { href: `/incoming/${r.incomingId}`, subject: inMap.get(r.incomingId)! }
            : null;
      return {
        id: r.id, at: r.processedAt ?? r.sentAt ?? r.createdAt, createdAt: r.createdAt, direction: r.direction, kind: r.kind, businessDocType: r.businessDocType,
        statusCode: r.statusCode, partnerOrganId: r.partnerOrganId, partnerName: r.partnerName, documentId: r.documentId, description: r.description,
        errorCode: r.errorCode, error: r.error, attempts: r.attempts, transport: r.transport, link,
      };
    }),
  };
}

/** What a message is, in Vietnamese: "Văn bản", "Thu hồi văn bản", "Trạng thái 03 — Đã vào sổ"… */
export const STATUS_LABELS: Record<string, string> = {
  "01": "Đã đến",
  "02": "Từ chối tiếp nhận",
  "03": "Đã vào sổ",
  "04": "Đã phân công",
  "05": "Đang xử lý",
  "06": "Hoàn thành",
  "13": "Đề nghị thu hồi",
  "15": "Đồng ý thu hồi",
  "16": "Từ chối thu hồi",
};
const DOC_TYPES = ["Văn bản mới", "Thu hồi văn bản", "Cập nhật văn bản", "Thay thế văn bản"];

export function messageLabel(r: Pick<MonitorRow, "kind" | "businessDocType" | "statusCode">): string {
  if (r.kind === "document") return DOC_TYPES[r.businessDocType] ?? "Văn bản";
  return `Trạng thái ${r.statusCode}${STATUS_LABELS[r.statusCode] ? ` — ${STATUS_LABELS[r.statusCode]}` : ""}`;
}

/** The /exchange page's parameters: the tab and the page (anything else is dropped with a notice). */
export const monitorSearchSchema = z.object({ tab: param.enum(EXCHANGE_TABS), page: param.int(1, 10_000) });
