import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { trustAnchors, type TrustAnchor } from "@/db/schema";
import { defineAction } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { invalid, notFound } from "@/lib/errors";
import { readCertificates } from "./certificates";
import { certificateInfo } from "./cms";
import { importAnchorsSchema, removeAnchorSchema } from "./trust-schemas";

// Trust anchors for PDF signatures (Quản trị → Chứng thư tin cậy): the national root CA and the
// Government's specialised CA, imported by the administrator from PEM, DER (.cer/.crt) or PKCS#7
// (.p7b). Rows with agencyId null apply to every agency of the installation (inserted by operators);
// an administrator manages their own agency's. Removing keeps the row (revokedAt) for the audit.

export interface AnchorView {
  id: string;
  subject: string;
  issuer: string;
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
  /** Installation-wide (not removable from an agency's screen). */
  shared: boolean;
  createdAt: Date;
}

const live = (agencyId: string) => and(isNull(trustAnchors.revokedAt), or(isNull(trustAnchors.agencyId), eq(trustAnchors.agencyId, agencyId)));

export async function listAnchors(agencyId: string, db?: Db): Promise<AnchorView[]> {
  const database = db ?? (await getDb());
  const rows = await database.select().from(trustAnchors).where(live(agencyId)).orderBy(asc(trustAnchors.subject));
  return rows.map((r) => ({
    id: r.id, subject: r.subject, issuer: r.issuer, fingerprint: r.fingerprint, notBefore: r.notBefore, notAfter: r.notAfter, shared: r.agencyId === null, createdAt: r.createdAt,
  }));
}

/** The DER of the anchors that apply to an agency. */
export async function liveAnchors(db: Db | Tx, agencyId: string): Promise<Uint8Array[]> {
  const rows = await db.select({ der: trustAnchors.der }).from(trustAnchors).where(live(agencyId));
  return rows.map((r) => r.der);
}

/** Every live anchor of the installation (npm run pdf:verify -- --db). */
export async function allLiveAnchors(db: Db): Promise<Uint8Array[]> {
  const rows = await db.select({ der: trustAnchors.der }).from(trustAnchors).where(isNull(trustAnchors.revokedAt));
  return rows.map((r) => r.der);
}

/** A key for a set of anchors (cache key of stored verification results). */
export function trustKeyOf(anchors: Uint8Array[]): string {
  const fps = anchors.map((a) => createHash("sha256").update(a).digest("hex")).sort();
  return createHash("sha256").update(fps.join(",")).digest("hex");
}

export const TRUST_MESSAGES = {
  noCertificate: "Tệp không chứa chứng thư số đọc được (PEM, DER .cer/.crt hoặc .p7b).",
  notCa: "Chứng thư này không phải của tổ chức chứng thực (thiếu quyền ký chứng thư); chỉ nhập chứng thư gốc hoặc chứng thư trung gian.",
  allPresent: "Các chứng thư trong tệp đã có trong danh sách tin cậy.",
} as const;

/** Whether the certificate may sign certificates (BasicConstraints cA, or no extension: old roots). */
async function isCa(der: Uint8Array): Promise<boolean> {
  const pkijs = await import("pkijs");
  const cert = pkijs.Certificate.fromBER(der as Uint8Array<ArrayBuffer>);
  const bc = cert.extensions?.find((e) => e.extnID === "2.5.29.19");
  if (!bc) return cert.version < 2;
  return !!(bc.parsedValue as { cA?: boolean } | undefined)?.cA;
}

export const importAnchors = defineAction({
  name: "signatures.trust.import",
  schema: importAnchorsSchema,
  verb: "signatures.configure",
  load: async ({ actor }) => ({ agencyId: actor.agencyId }),
  authorize: ({ actor, target }) => target.agencyId === actor.agencyId,
  run: async ({ actor, input, tx }) => {
    const certs = readCertificates(new Uint8Array(Buffer.from(input.file, "base64")));
    if (!certs.length) throw invalid({ file: [TRUST_MESSAGES.noCertificate] }, TRUST_MESSAGES.noCertificate);
    const added: string[] = [];
    let sawCa = false;
    for (const der of certs) {
      if (!(await isCa(der))) continue;
      sawCa = true;
      const info = await certificateInfo(der);
      const [row] = await tx
        .insert(trustAnchors)
        .values({ agencyId: actor.agencyId, der, subject: info.subject, issuer: info.issuer, fingerprint: info.fingerprint, notBefore: info.notBefore, notAfter: info.notAfter, addedBy: actor.userId })
        .onConflictDoNothing()
        .returning({ id: trustAnchors.id, fingerprint: trustAnchors.fingerprint });
      if (row) added.push(row.fingerprint);
    }
    if (!sawCa) throw invalid({ file: [TRUST_MESSAGES.notCa] }, TRUST_MESSAGES.notCa);
    if (!added.length) throw invalid({ file: [TRUST_MESSAGES.allPresent] }, TRUST_MESSAGES.allPresent);
    return { data: { added: added.length }, audit: { objectType: "trust_anchor", objectId: actor.agencyId, payload: { added } } };
  },
  revalidate: ["/admin/signatures"],
});

export const removeAnchor = defineAction({
  name: "signatures.trust.remove",
  schema: removeAnchorSchema,
  verb: "signatures.configure",
  load: async ({ input, tx }): Promise<TrustAnchor> => {
    const [row] = await tx.select().from(trustAnchors).where(and(eq(trustAnchors.id, input.id), isNull(trustAnchors.revokedAt))).for("update");
    if (!row) throw notFound();
    return row;
  },
  // Another agency's anchor, and an installation-wide one, are not this administrator's to remove.
  authorize: ({ actor, target }: { actor: Actor; target: TrustAnchor }) => target.agencyId === actor.agencyId,
  run: async ({ actor, tx, target }) => {
    await tx.update(trustAnchors).set({ revokedAt: new Date(), revokedBy: actor.userId }).where(eq(trustAnchors.id, target.id));
    return { data: { ok: true }, audit: { objectType: "trust_anchor", objectId: target.id, payload: { subject: target.subject, fingerprint: target.fingerprint } } };
  },
  revalidate: ["/admin/signatures"],
});
