import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { agencyDirectory } from "@/db/schema";
import type { EdxmlTrust } from "@/lib/edxml/signature";
import type { Partner } from "./transport";

type Row = typeof agencyDirectory.$inferSelect;

export function partnerOf(r: Row): Partner {
  return {
    id: r.id, agencyId: r.agencyId, organId: r.organId ?? "", name: r.name, transport: r.transport ?? null,
    endpoint: r.endpoint, certPem: r.certPem, caPem: r.caPem,
  };
}

/** The active directory entry of `organId` in this agency's directory, or null (an unknown sender). */
export async function partnerByOrganId(db: Db | Tx, agencyId: string, organId: string): Promise<Partner | null> {
  const [r] = await db
    .select()
    .from(agencyDirectory)
    .where(and(eq(agencyDirectory.agencyId, agencyId), eq(agencyDirectory.organId, organId), eq(agencyDirectory.active, true)));
  return r ? partnerOf(r) : null;
}

export async function partnerById(db: Db | Tx, agencyId: string, id: string): Promise<Partner | null> {
  const [r] = await db.select().from(agencyDirectory).where(and(eq(agencyDirectory.agencyId, agencyId), eq(agencyDirectory.id, id)));
  return r ? partnerOf(r) : null;
}

/** Whom we trust for this partner's signatures: its pinned certificate and/or the CA that issues it. */
export function trustOf(p: Partner, now?: Date): EdxmlTrust {
  return {
    certificates: p.certPem ? [p.certPem] : [],
    cas: p.caPem ? [p.caPem] : [],
    ...(now ? { now } : {}),
  };
}

/** Records the outcome of a send or a "Thử kết nối" on the directory entry (connection state). */
export async function recordConnection(db: Db | Tx, partnerId: string, outcome: { ok: true } | { ok: false; error: string }, at = new Date()) {
  await db
    .update(agencyDirectory)
    .set(outcome.ok ? { lastSuccessAt: at } : { lastError: outcome.error.slice(0, 1000), lastErrorAt: at })
    .where(eq(agencyDirectory.id, partnerId));
}
