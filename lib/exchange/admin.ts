import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { agencies, agencyDirectory, exchangeIdentities, exchangeMessages } from "@/db/schema";
import { defineAction, sameAgency } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { conflict, invalid, notFound } from "@/lib/errors";
import { enqueue } from "@/lib/jobs";
import {
  axisSchema, certificateSchema, createPartnerSchema, generateKeySchema, identitySchema, importSchema, partnerActiveSchema, pingSchema, pkcs12Schema, resendSchema,
  updatePartnerSchema,
} from "./admin-schemas";
import { partnerOf, recordConnection } from "./directory";
import { previewDirectoryImport } from "./directory-import";
import { certificateFromUpload, certificateInfo, certificateMatchesKey, generateKeyAndRequest, KeyMaterialError, keyFromPkcs12 } from "./keys";
import { SEND_QUEUE } from "./outbox";
import { open, seal } from "@/lib/secret-box";
import { transportFor } from "./transports";

// Quản trị → Liên thông (issue 13): this agency's exchange identity, key and certificate, the axis
// connection, and the directory of partner agencies; and the clerk's "Gửi lại" of a failed message.
// Every step through defineAction; key bytes and passwords never go into a result or the audit.

// ───────────────────────── identity, key, certificate, axis ─────────────────────────

type IdentityTarget = typeof exchangeIdentities.$inferSelect & { agency: { name: string; organId: string; parentName: string } };

/** The caller's agency's identity row (made empty the first time), locked for the step. */
async function loadIdentity({ actor, tx }: { actor: Actor; tx: Tx }): Promise<IdentityTarget> {
  const [a] = await tx.select({ name: agencies.name, organId: agencies.organId, parentName: agencies.parentName }).from(agencies).where(eq(agencies.id, actor.agencyId));
  if (!a) throw notFound();
  await tx.insert(exchangeIdentities).values({ agencyId: actor.agencyId }).onConflictDoNothing();
  const [x] = await tx.select().from(exchangeIdentities).where(eq(exchangeIdentities.agencyId, actor.agencyId)).for("update");
  return { ...x, agency: a };
}

const certAudit = (pem: string) => {
  const c = certificateInfo(pem);
  return { subject: c.subject, issuer: c.issuer, validTo: c.validTo.toISOString(), fingerprint: c.fingerprint };
};

export const updateIdentity = defineAction({
  name: "exchange.identity.update",
  schema: identitySchema,
  verb: "exchange.configure",
  load: loadIdentity,
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    await tx.update(exchangeIdentities).set({ ...input, updatedAt: new Date() }).where(eq(exchangeIdentities.agencyId, target.agencyId));
    const before = { address: target.address, email: target.email, telephone: target.telephone, website: target.website };
    return { data: { ok: true }, audit: { objectType: "exchange_identity", objectId: target.agencyId, payload: { before, after: input } } };
  },
  revalidate: ["/admin/exchange"],
});

export const updateAxis = defineAction({
  name: "exchange.axis.update",
  schema: axisSchema,
  verb: "exchange.configure",
  load: loadIdentity,
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    const axisSecretEnc = input.clearSecret ? null : input.axisSecret ? seal(input.axisSecret) : target.axisSecretEnc;
    await tx
      .update(exchangeIdentities)
      .set({ axisUrl: input.axisUrl, axisUsername: input.axisUsername, axisSecretEnc, updatedAt: new Date() })
      .where(eq(exchangeIdentities.agencyId, target.agencyId));
    const payload = {
      before: { axisUrl: target.axisUrl, axisUsername: target.axisUsername },
      after: { axisUrl: input.axisUrl, axisUsername: input.axisUsername },
      secret: input.clearSecret ? "cleared" : input.axisSecret ? "changed" : "kept",
    };
    return { data: { ok: true }, audit: { objectType: "exchange_identity", objectId: target.agencyId, payload } };
  },
  revalidate: ["/admin/exchange"],
});

function keyError(e: unknown, field: string): never {
  if (e instanceof KeyMaterialError) throw invalid({ [field]: [e.message] }, e.message);
  throw e;
}

export const importPkcs12 = defineAction({
  name: "exchange.key.importPkcs12",
  schema: pkcs12Schema,
  verb: "exchange.configure",
  load: loadIdentity,
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    let got: { keyPem: string; certPem: string };
    try {
      got = keyFromPkcs12(Buffer.from(input.file, "base64"), input.password);
    } catch (e) {
      keyError(e, "file");
    }
    await tx
      .update(exchangeIdentities)
      .set({ keyEnc: seal(got.keyPem), certPem: got.certPem, csrPem: null, updatedAt: new Date() })
      .where(eq(exchangeIdentities.agencyId, target.agencyId));
    const cert = certAudit(got.certPem);
    return { data: { fingerprint: cert.fingerprint }, audit: { objectType: "exchange_identity", objectId: target.agencyId, payload: { source: "pkcs12", certificate: cert } } };
  },
  revalidate: ["/admin/exchange"],
});

export const generateKey = defineAction({
  name: "exchange.key.generate",
  schema: generateKeySchema,
  verb: "exchange.configure",
  load: loadIdentity,
  authorize: sameAgency,
  run: async ({ tx, target }) => {
    const { keyPem, csrPem } = generateKeyAndRequest(target.agency);
    // The new key replaces the old one: its certificate no longer matches and is dropped (the
    // administrator loads the CA's new certificate with "Nạp chứng thư").
    await tx
      .update(exchangeIdentities)
      .set({ keyEnc: seal(keyPem), csrPem, certPem: null, updatedAt: new Date() })
      .where(eq(exchangeIdentities.agencyId, target.agencyId));
    const payload = { replacedCertificate: target.certPem ? certAudit(target.certPem) : null, subject: { name: target.agency.name, organId: target.agency.organId } };
    return { data: { ok: true }, audit: { objectType: "exchange_identity", objectId: target.agencyId, payload } };
  },
  revalidate: ["/admin/exchange"],
});

export const loadCertificate = defineAction({
  name: "exchange.certificate.load",
  schema: certificateSchema,
  verb: "exchange.configure",
  load: loadIdentity,
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    if (!target.keyEnc) throw invalid({ file: ["Chưa có khóa: hãy tạo khóa và yêu cầu chứng thư, hoặc nhập tệp PKCS#12."] }, "Chưa có khóa của cơ quan.");
    let cert;
    try {
      cert = certificateFromUpload(Buffer.from(input.file, "base64"));
    } catch (e) {
      keyError(e, "file");
    }
    if (!certificateMatchesKey(cert, open(target.keyEnc).toString("utf8"))) {
      const msg = "Chứng thư số này không khớp với khóa của cơ quan (khóa công khai khác). Hãy nạp đúng chứng thư CA cấp cho yêu cầu đã tải về.";
      throw invalid({ file: [msg] }, msg);
    }
    const pem = cert.toString();
    await tx.update(exchangeIdentities).set({ certPem: pem, csrPem: null, updatedAt: new Date() }).where(eq(exchangeIdentities.agencyId, target.agencyId));
    const info = certAudit(pem);
    return { data: { fingerprint: info.fingerprint }, audit: { objectType: "exchange_identity", objectId: target.agencyId, payload: { source: "certificate", certificate: info } } };
  },
  revalidate: ["/admin/exchange"],
});

// ───────────────────────── directory of partner agencies ─────────────────────────

const ORGAN_TAKEN = "Mã định danh này đã có trong danh bạ của cơ quan.";

async function assertOrganFree(tx: Tx, agencyId: string, organId: string | null, exceptId?: string) {
  if (!organId) return;
  const [other] = await tx
    .select({ id: agencyDirectory.id })
    .from(agencyDirectory)
    .where(and(eq(agencyDirectory.agencyId, agencyId), eq(agencyDirectory.organId, organId), exceptId ? sql`${agencyDirectory.id} <> ${exceptId}` : undefined));
  if (other) throw invalid({ organId: [ORGAN_TAKEN] });
}

type PartnerInput = ReturnType<typeof createPartnerSchema.parse>;
const partnerValues = (v: PartnerInput) => ({
  name: v.name,
  organId: v.organId || null,
  transport: v.organId ? v.transport || null : null,
  endpoint: v.endpoint,
  address: v.address,
  certPem: v.certPem || null,
  caPem: v.caPem || null,
  sortOrder: v.sortOrder,
});
const auditOf = (r: { name: string; organId: string | null; transport: string | null; endpoint: string; address: string; certPem: string | null; caPem: string | null }) => ({
  name: r.name, organId: r.organId, transport: r.transport, endpoint: r.endpoint, address: r.address, certPinned: !!r.certPem, caPinned: !!r.caPem,
});

export const createPartner = defineAction({
  name: "exchange.directory.create",
  idempotent: true,
  schema: createPartnerSchema,
  verb: "exchange.configure",
  load: async ({ actor }) => ({ agencyId: actor.agencyId }),
  authorize: sameAgency,
  run: async ({ actor, input, tx }) => {
    const values = partnerValues(input);
    await assertOrganFree(tx, actor.agencyId, values.organId);
    const [row] = await tx.insert(agencyDirectory).values({ agencyId: actor.agencyId, ...values }).returning({ id: agencyDirectory.id });
    return { data: { id: row.id }, audit: { objectType: "agency_directory", objectId: row.id, payload: auditOf(values) } };
  },
  revalidate: ["/admin/exchange", "/admin/exchange/directory"],
});

async function loadPartner({ actor, input, tx }: { actor: Actor; input: { id: string }; tx: Tx }) {
  // The entry is looked up by id alone and authorized by its agency: another agency's entry is refused (and audited).
  const [row] = await tx.select().from(agencyDirectory).where(eq(agencyDirectory.id, input.id)).for("update");
  if (!row) throw notFound();
  void actor;
  return row;
}

export const updatePartner = defineAction({
  name: "exchange.directory.update",
  schema: updatePartnerSchema,
  verb: "exchange.configure",
  load: loadPartner,
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    const values = partnerValues(input);
    await assertOrganFree(tx, target.agencyId, values.organId, target.id);
    await tx.update(agencyDirectory).set(values).where(eq(agencyDirectory.id, target.id));
    return { data: { id: target.id }, audit: { objectType: "agency_directory", objectId: target.id, payload: { before: auditOf(target), after: auditOf(values) } } };
  },
  revalidate: ["/admin/exchange", "/admin/exchange/directory"],
});

export const setPartnerActive = defineAction({
  name: "exchange.directory.setActive",
  schema: partnerActiveSchema,
  verb: "exchange.configure",
  load: loadPartner,
  authorize: sameAgency,
  run: async ({ input, tx, target }) => {
    if (target.active !== input.active) await tx.update(agencyDirectory).set({ active: input.active }).where(eq(agencyDirectory.id, target.id));
    return { data: { id: target.id, active: input.active }, audit: { objectType: "agency_directory", objectId: target.id, payload: { name: target.name, active: input.active } } };
  },
  revalidate: ["/admin/exchange", "/admin/exchange/directory"],
});

/**
 * The valid rows of a CSV/XLSX file: an entry with the same mã định danh is updated (and made
 * active), any other row inserted; all in the step's one transaction. The file is read again here:
 * the preview the page showed is never trusted.
 */
export const importDirectory = defineAction({
  name: "exchange.directory.import",
  idempotent: true,
  schema: importSchema,
  verb: "exchange.configure",
  load: async ({ actor }) => ({ agencyId: actor.agencyId }),
  authorize: sameAgency,
  run: async ({ actor, input, tx }) => {
    const preview = await previewDirectoryImport(input.fileName, Buffer.from(input.file, "base64"));
    if (preview.error) throw invalid({ file: [preview.error] }, preview.error);
    const valid = preview.rows.filter((r) => r.errors.length === 0);
    if (valid.length === 0) throw invalid({ file: ["Không có dòng hợp lệ nào để nhập."] }, "Không có dòng hợp lệ nào để nhập.");
    const existing = new Map(
      (await tx.select({ id: agencyDirectory.id, organId: agencyDirectory.organId }).from(agencyDirectory).where(eq(agencyDirectory.agencyId, actor.agencyId)).for("update"))
        .filter((r) => r.organId)
        .map((r) => [r.organId!, r.id]),
    );
    let inserted = 0;
    let updated = 0;
    for (const r of valid) {
      const values = { name: r.name, organId: r.organId, transport: r.transport, endpoint: r.endpoint, address: r.address };
      const id = existing.get(r.organId);
      if (id) {
        await tx.update(agencyDirectory).set({ ...values, active: true }).where(eq(agencyDirectory.id, id));
        updated++;
      } else {
        await tx.insert(agencyDirectory).values({ agencyId: actor.agencyId, ...values });
        inserted++;
      }
    }
    const skipped = preview.rows.length - valid.length;
    return {
      data: { inserted, updated, skipped },
      audit: { objectType: "agency_directory", objectId: actor.agencyId, payload: { fileName: input.fileName, inserted, updated, skipped, organIds: valid.map((r) => r.organId) } },
    };
  },
  revalidate: ["/admin/exchange", "/admin/exchange/directory"],
});

/** How long "Thử kết nối" waits for the partner (a setting object, so a test may shorten it). */
export const PING = { timeoutMs: 10_000 };

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Quá thời gian chờ (${Math.max(1, Math.round(ms / 1000))} giây), cơ quan không trả lời.`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * "Thử kết nối": the partner's transport pings it, with a timeout; the outcome is recorded on the
 * directory entry (last success / last error) and returned. A failed connection is a successful
 * step whose data says so: the recorded error must be kept.
 */
export const pingPartner = defineAction({
  name: "exchange.directory.ping",
  schema: pingSchema,
  verb: "exchange.configure",
  load: loadPartner,
  authorize: sameAgency,
  run: async ({ tx, target }) => {
    if (!target.organId || !target.transport) {
      throw conflict("Cơ quan này chưa có mã định danh và cách kết nối: không có gì để thử.");
    }
    let outcome: { ok: true; detail: string } | { ok: false; error: string };
    try {
      const r = await withTimeout(transportFor(target.transport).ping(partnerOf(target)), PING.timeoutMs);
      outcome = { ok: true, detail: r.detail };
    } catch (e) {
      const msg = e instanceof Error && e.message ? e.message : "Lỗi không xác định.";
      outcome = { ok: false, error: /transport \w+ is not registered/.test(msg) ? "Phương thức kết nối này chưa được cài đặt trên máy chủ." : msg.slice(0, 500) };
    }
    await recordConnection(tx, target.id, outcome.ok ? { ok: true } : outcome);
    return { data: outcome, audit: { objectType: "agency_directory", objectId: target.id, payload: { organId: target.organId, transport: target.transport, ...outcome } } };
  },
  revalidate: ["/admin/exchange/directory"],
});

// ───────────────────────── Gửi lại ─────────────────────────

/**
 * "Gửi lại" a message of this agency whose sending failed: back to queued, with a new sending job
 * under a fresh key. Only a failed outbound message; a second click finds it queued and changes nothing.
 */
export const resendMessage = defineAction({
  name: "exchange.resend",
  schema: resendSchema,
  verb: "exchange.monitor",
  load: async ({ input, tx }) => {
    const [m] = await tx.select().from(exchangeMessages).where(eq(exchangeMessages.id, input.id)).for("update");
    if (!m || m.direction !== "out") throw notFound();
    return m;
  },
  authorize: sameAgency,
  run: async ({ tx, target }) => {
    if (target.state !== "failed") throw conflict(target.state === "queued" ? "Thông điệp này đang chờ gửi." : "Chỉ gửi lại được thông điệp gửi lỗi.");
    await tx.update(exchangeMessages).set({ state: "queued", errorCode: null, error: null, attempts: 0 }).where(eq(exchangeMessages.id, target.id));
    await enqueue(tx, SEND_QUEUE, { messageId: target.id }, { key: `${target.id}:resend:${randomUUID()}` });
    return {
      data: { id: target.id },
      audit: { objectType: "exchange_message", objectId: target.id, payload: { receiver: target.receiverOrganId, documentId: target.documentId, previousError: target.errorCode, attempts: target.attempts } },
    };
  },
  revalidate: ["/exchange"],
});

// ───────────────────────── reads for the administrator's pages ─────────────────────────

export interface IdentityView {
  agency: { name: string; organId: string; parentName: string };
  address: string;
  email: string;
  telephone: string;
  website: string;
  hasKey: boolean;
  hasCsr: boolean;
  certificate: ReturnType<typeof certificateInfo> | null;
  /** The saved certificate could not be read (should not happen): shown instead of its details. */
  certificateError: boolean;
  axisUrl: string;
  axisUsername: string;
  hasAxisSecret: boolean;
}

/** What Quản trị → Liên thông shows of this agency: never the key, the request or the axis password themselves. */
export async function identityView(agencyId: string, opts: { db?: Db | Tx; now?: Date } = {}): Promise<IdentityView> {
  const db = opts.db ?? (await getDb());
  const now = opts.now ?? new Date();
  const [a] = await db.select({ name: agencies.name, organId: agencies.organId, parentName: agencies.parentName }).from(agencies).where(eq(agencies.id, agencyId));
  const [x] = await db
    .select({
      address: exchangeIdentities.address, email: exchangeIdentities.email, telephone: exchangeIdentities.telephone, website: exchangeIdentities.website,
      hasKey: sql<boolean>`${exchangeIdentities.keyEnc} is not null`, hasCsr: sql<boolean>`${exchangeIdentities.csrPem} is not null`,
      certPem: exchangeIdentities.certPem, axisUrl: exchangeIdentities.axisUrl, axisUsername: exchangeIdentities.axisUsername,
      hasAxisSecret: sql<boolean>`${exchangeIdentities.axisSecretEnc} is not null`,
    })
    .from(exchangeIdentities)
    .where(eq(exchangeIdentities.agencyId, agencyId));
  let certificate: IdentityView["certificate"] = null;
  let certificateError = false;
  if (x?.certPem) {
    try {
      certificate = certificateInfo(x.certPem, now);
    } catch {
      certificateError = true;
    }
  }
  return {
    agency: a ?? { name: "", organId: "", parentName: "" },
    address: x?.address ?? "", email: x?.email ?? "", telephone: x?.telephone ?? "", website: x?.website ?? "",
    hasKey: !!x?.hasKey, hasCsr: !!x?.hasCsr, certificate, certificateError,
    axisUrl: x?.axisUrl ?? "", axisUsername: x?.axisUsername ?? "", hasAxisSecret: !!x?.hasAxisSecret,
  };
}

/** The pending certificate request (PEM) for the download, or null. */
export async function pendingCsr(agencyId: string, db?: Db | Tx): Promise<string | null> {
  db ??= await getDb();
  const [x] = await db.select({ csrPem: exchangeIdentities.csrPem }).from(exchangeIdentities).where(eq(exchangeIdentities.agencyId, agencyId));
  return x?.csrPem ?? null;
}

export interface PartnerRow {
  id: string;
  name: string;
  organId: string | null;
  transport: "direct" | "axis" | null;
  endpoint: string;
  address: string;
  active: boolean;
  sortOrder: number;
  certPem: string | null;
  caPem: string | null;
  certificate: { subject: string; validTo: Date; state: string } | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** Messages to it waiting to be sent (direction out, queued). */
  queued: number;
}

/** The directory with each entry's connection state and queue length. */
export async function directoryView(agencyId: string, opts: { db?: Db | Tx; now?: Date } = {}): Promise<PartnerRow[]> {
  const db = opts.db ?? (await getDb());
  const now = opts.now ?? new Date();
  const queued = db
    .select({ organId: exchangeMessages.receiverOrganId, n: sql<number>`count(*)::int`.as("n") })
    .from(exchangeMessages)
    .where(and(eq(exchangeMessages.agencyId, agencyId), eq(exchangeMessages.direction, "out"), eq(exchangeMessages.state, "queued")))
    .groupBy(exchangeMessages.receiverOrganId)
    .as("q");
  const rows = await db
    .select({ d: agencyDirectory, queued: sql<number>`coalesce(${queued.n}, 0)::int` })
    .from(agencyDirectory)
    .leftJoin(queued, eq(queued.organId, agencyDirectory.organId))
    .where(eq(agencyDirectory.agencyId, agencyId))
    .orderBy(sql`${agencyDirectory.active} desc`, agencyDirectory.sortOrder, agencyDirectory.name);
  return rows.map(({ d, queued: n }) => {
    let certificate: PartnerRow["certificate"] = null;
    if (d.certPem) {
      try {
        const c = certificateInfo(d.certPem, now);
        certificate = { subject: c.subject, validTo: c.validTo, state: c.state };
      } catch {
        certificate = null;
      }
    }
    return {
      id: d.id, name: d.name, organId: d.organId, transport: d.transport, endpoint: d.endpoint, address: d.address, active: d.active, sortOrder: d.sortOrder,
      certPem: d.certPem, caPem: d.caPem, certificate, lastSuccessAt: d.lastSuccessAt, lastError: d.lastError, lastErrorAt: d.lastErrorAt, queued: Number(n),
    };
  });
}
