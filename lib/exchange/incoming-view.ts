import "server-only";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { exchangeMessages, incomingDocuments } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { incomingReadableBy } from "@/lib/access/incoming";
import { STATUS_LABELS, type StatusCode } from "@/lib/edxml";

// What the incoming document page shows of liên thông (issue 13): how the document arrived (sender,
// transport, the signature verdict and the certificate), the statuses we sent back with their sending
// state, a recall request waiting for the clerk, and the replacement links. Read only for a document
// the actor may read (the same rule as the page, lib/access/incoming.ts).

export interface CertificateView {
  name: string;
  subject: string;
  issuer: string;
  notBefore: string | null;
  notAfter: string | null;
  trustedBy: string | null;
}

export interface IncomingExchangeView {
  senderName: string;
  senderOrganId: string;
  transport: "direct" | "axis" | null;
  receivedAt: Date;
  verdict: string;
  certificate: CertificateView | null;
  statuses: { id: string; code: string; label: string; state: string; description: string; createdAt: Date; sentAt: Date | null; error: string | null; attempts: number }[];
  pendingRecall: { id: string; description: string; createdAt: Date } | null;
  answeredRecalls: { id: string; description: string; createdAt: Date }[];
  replaces: { id: string; label: string } | null;
  replacedBy: { id: string; label: string }[];
}

const str = (v: unknown) => (typeof v === "string" ? v : null);

function certificateOf(signer: unknown): CertificateView | null {
  if (!signer || typeof signer !== "object") return null;
  const s = signer as Record<string, unknown>;
  return {
    name: str(s.organization) ?? str(s.commonName) ?? str(s.subject) ?? "",
    subject: (str(s.subject) ?? "").replace(/\n/g, ", "),
    issuer: (str(s.issuer) ?? "").replace(/\n/g, ", "),
    notBefore: str(s.notBefore),
    notAfter: str(s.notAfter),
    trustedBy: str(s.trustedBy),
  };
}

const labelOf = (d: { symbol: string; subject: string }) => d.symbol || d.subject.slice(0, 80);

export async function incomingExchangeView(actor: Actor, incomingId: string, db?: Db): Promise<IncomingExchangeView | null> {
  const database = db ?? (await getDb());
  const [doc] = await database
    .select({ id: incomingDocuments.id, source: incomingDocuments.source, replacesIncomingId: incomingDocuments.replacesIncomingId })
    .from(incomingDocuments)
    .where(and(eq(incomingDocuments.id, incomingId), incomingReadableBy(actor)));
  return doc ? exchangeViewFor(actor, doc, database) : null;
}

/**
 * The same for the incoming document page, from the document as `getIncoming` read it for this actor (its read
 * rule applied there): a document that did not arrive by liên thông has no panel, and nothing more is read for it.
 */
export async function exchangeViewFor(
  actor: Actor,
  doc: { id: string; source: string; replacesIncomingId: string | null },
  db?: Db,
): Promise<IncomingExchangeView | null> {
  if (doc.source !== "electronic") return null;
  const database = db ?? (await getDb());
  const incomingId = doc.id;
  const rows = await database.select().from(exchangeMessages).where(eq(exchangeMessages.incomingId, incomingId)).orderBy(asc(exchangeMessages.createdAt));
  const arrival = rows.find((r) => r.direction === "in" && r.kind === "document" && r.state === "received" && (r.businessDocType === 0 || r.businessDocType === 3));
  if (!arrival) return null;
  const cert = certificateOf(arrival.signer);
  const senderName = str(arrival.details?.senderName) ?? arrival.senderOrganId;
  const requests = rows.filter((r) => r.direction === "in" && r.kind === "status" && r.statusCode === "13");
  const links = await database
    .select({ id: incomingDocuments.id, symbol: incomingDocuments.symbol, subject: incomingDocuments.subject, replacesIncomingId: incomingDocuments.replacesIncomingId })
    .from(incomingDocuments)
    .where(
      and(
        eq(incomingDocuments.agencyId, actor.agencyId),
        or(eq(incomingDocuments.replacesIncomingId, incomingId), doc.replacesIncomingId ? inArray(incomingDocuments.id, [doc.replacesIncomingId]) : undefined),
      ),
    );
  const replaced = doc.replacesIncomingId ? links.find((l) => l.id === doc.replacesIncomingId) : undefined;
  return {
    senderName,
    senderOrganId: arrival.senderOrganId,
    transport: arrival.transport,
    receivedAt: arrival.createdAt,
    // The sender as our directory names it; the certificate (subject, issuer, validity) is listed beside it.
    verdict: `Chữ ký hợp lệ — ${senderName}`,
    certificate: cert,
    statuses: rows
      .filter((r) => r.direction === "out" && r.kind === "status")
      .map((r) => ({
        id: r.id, code: r.statusCode, label: STATUS_LABELS[r.statusCode as StatusCode] ?? r.statusCode, state: r.state, description: r.description,
        createdAt: r.createdAt, sentAt: r.sentAt, error: r.error, attempts: r.attempts,
      })),
    pendingRecall: requests.filter((r) => r.state === "pending").map((r) => ({ id: r.id, description: r.description, createdAt: r.createdAt }))[0] ?? null,
    answeredRecalls: requests.filter((r) => r.state !== "pending").map((r) => ({ id: r.id, description: r.description, createdAt: r.createdAt })),
    replaces: replaced ? { id: replaced.id, label: labelOf(replaced) } : null,
    replacedBy: links.filter((l) => l.replacesIncomingId === incomingId).map((l) => ({ id: l.id, label: labelOf(l) })),
  };
}
