import "server-only";
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import fs from "node:fs";
import canonicalize from "canonicalize";
import { and, count, eq, lte, sql } from "drizzle-orm";
import { base64url, calculateJwkThumbprint, CompactSign, compactVerify, exportJWK } from "jose";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";

// The chain heads exported to an outside record (security.md §4: a superuser can disable the
// triggers and re-chain; only a copy of the heads kept elsewhere shows it). Signed with the
// agency's key when AUDIT_ANCHOR_KEY is set: a detached JWS over the RFC 8785 JSON of the anchor.

export const ANCHOR_FORMAT = "vpdt-audit-anchor/1";

export const chainHeadSchema = z.object({
  chain: z.string().min(1),
  lastId: z.number().int().nonnegative(),
  lastHash: z.string().regex(/^[0-9a-f]{64}$/),
  count: z.number().int().nonnegative(),
  at: z.string().nullable(),
});
export type ChainHead = z.infer<typeof chainHeadSchema>;

const anchorSchema = z.object({
  format: z.literal(ANCHOR_FORMAT),
  createdAt: z.string(),
  heads: z.array(chainHeadSchema),
  signature: z.object({ alg: z.enum(["ES256", "RS256"]), kid: z.string(), jws: z.string() }).optional(),
});
export type Anchor = z.infer<typeof anchorSchema>;

/** Every chain's head: last entry id and hash, how many entries up to it, and when it was written. */
export async function readChainHeads(db: Db): Promise<ChainHead[]> {
  const { rows } = await db.execute<{ chain: string; last_id: string | number; last_hash: string; count: number; at: string | null }>(sql`
    select h.chain, h.last_id, h.last_hash,
           (select count(*)::int from audit_events e where e.chain = h.chain and e.id <= h.last_id) as count,
           (select to_json(e.at) #>> '{}' from audit_events e where e.id = h.last_id) as at
      from audit_chain_heads h
     order by h.chain`);
  return rows.map((r) => ({
    chain: r.chain,
    lastId: Number(r.last_id),
    lastHash: r.last_hash,
    count: Number(r.count),
    at: r.at ? new Date(r.at).toISOString() : null,
  }));
}

export interface AnchorKey {
  alg: "ES256" | "RS256";
  privateKey: KeyObject;
}

/** The signing key from a PEM private key (EC P-256 → ES256, RSA → RS256). */
export function anchorKeyFromPem(pem: string | Buffer): AnchorKey {
  const privateKey = createPrivateKey(pem);
  return { alg: algOf(privateKey), privateKey };
}

function algOf(key: KeyObject): AnchorKey["alg"] {
  const type = key.asymmetricKeyType;
  if (type === "rsa") return "RS256";
  if (type === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") return "ES256";
  throw new Error("AUDIT_ANCHOR_KEY phải là khóa riêng RSA hoặc EC P-256 (định dạng PEM).");
}

/** AUDIT_ANCHOR_KEY: the path of the agency's PEM private key, or null when none is configured. */
export function configuredAnchorKey(env: NodeJS.ProcessEnv = process.env): AnchorKey | null {
  return env.AUDIT_ANCHOR_KEY ? anchorKeyFromPem(fs.readFileSync(env.AUDIT_ANCHOR_KEY)) : null;
}

/** The key that checks an anchor: AUDIT_ANCHOR_PUBLIC_KEY, else the public half of AUDIT_ANCHOR_KEY. */
export function configuredAnchorPublicKey(env: NodeJS.ProcessEnv = process.env): KeyObject | null {
  if (env.AUDIT_ANCHOR_PUBLIC_KEY) return createPublicKey(fs.readFileSync(env.AUDIT_ANCHOR_PUBLIC_KEY));
  const key = configuredAnchorKey(env);
  return key ? createPublicKey(key.privateKey) : null;
}

const signedBytes = (a: Anchor) => new TextEncoder().encode(canonicalize({ ...a, signature: undefined }) ?? "");
const keyId = async (key: KeyObject) => calculateJwkThumbprint(await exportJWK(createPublicKey(key)));

export async function createAnchor(db: Db, key: AnchorKey | null, now = new Date()): Promise<Anchor> {
  const anchor: Anchor = { format: ANCHOR_FORMAT, createdAt: now.toISOString(), heads: await readChainHeads(db) };
  if (!key) return anchor;
  const kid = await keyId(key.privateKey);
  const jws = await new CompactSign(signedBytes(anchor)).setProtectedHeader({ alg: key.alg, kid }).sign(key.privateKey);
  const [header, , signature] = jws.split(".");
  return { ...anchor, signature: { alg: key.alg, kid, jws: `${header}..${signature}` } };
}

/** Parses an anchor file's text; throws with a Vietnamese message when it is not one. */
export function parseAnchor(text: string): Anchor {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("Tệp mốc neo không phải JSON hợp lệ.");
  }
  const parsed = anchorSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Tệp mốc neo không đúng định dạng ${ANCHOR_FORMAT}.`);
  return parsed.data;
}

/** Null when the detached signature verifies with `publicKey`, else why not. */
export async function anchorSignatureProblem(anchor: Anchor, publicKey: KeyObject | null): Promise<string | null> {
  if (!anchor.signature) return publicKey ? "Mốc neo không có chữ ký trong khi đã cấu hình khóa của cơ quan." : null;
  if (!publicKey) return "Mốc neo có chữ ký nhưng chưa cấu hình khóa để kiểm tra (AUDIT_ANCHOR_PUBLIC_KEY hoặc AUDIT_ANCHOR_KEY).";
  const [header, payload, signature] = anchor.signature.jws.split(".");
  if (payload !== "" || !header || !signature) return "Chữ ký mốc neo không đúng dạng JWS tách rời.";
  try {
    const { protectedHeader } = await compactVerify(`${header}.${base64url.encode(signedBytes(anchor))}.${signature}`, publicKey, {
      algorithms: [anchor.signature.alg],
    });
    if (protectedHeader.alg !== anchor.signature.alg) return "Thuật toán ký của mốc neo không khớp.";
    return null;
  } catch {
    return "Chữ ký mốc neo không hợp lệ: tệp đã bị sửa hoặc được ký bằng khóa khác.";
  }
}

export interface AnchorProblem {
  chain: string;
  message: string;
}

/**
 * Compares the current trail with an anchor: each anchored head must still be there with the same
 * hash and the same number of entries before it. A deleted tail (even with the head row moved
 * back) or a re-chained history fails here although the chain itself verifies.
 */
export async function checkAgainstAnchor(db: Db, heads: ChainHead[]): Promise<AnchorProblem[]> {
  const problems: AnchorProblem[] = [];
  for (const h of heads) {
    if (h.lastId === 0) continue;
    const [entry] = await db
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .where(and(eq(auditEvents.id, h.lastId), eq(auditEvents.chain, h.chain)));
    if (!entry) {
      problems.push({ chain: h.chain, message: `bản ghi #${h.lastId} (cuối chuỗi khi neo) không còn: phần cuối chuỗi đã bị xóa` });
      continue;
    }
    if (entry.hash !== h.lastHash) {
      problems.push({ chain: h.chain, message: `bản ghi #${h.lastId} có mã băm khác mốc neo: lịch sử đã bị viết lại` });
      continue;
    }
    const [{ n }] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.chain, h.chain), lte(auditEvents.id, h.lastId)));
    if (n !== h.count)
      problems.push({ chain: h.chain, message: `có ${n} bản ghi đến #${h.lastId}, mốc neo ghi ${h.count}: có bản ghi đã bị xóa hoặc chèn` });
  }
  return problems;
}
