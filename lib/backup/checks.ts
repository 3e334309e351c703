import fs from "node:fs";
import { count, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { storedFiles } from "@/db/schema";
import { listChains, verifyChain } from "@/lib/audit";
import { checkAgainstAnchor, readChainHeads, type ChainHead } from "@/lib/audit/anchor";
import { blobPath } from "@/lib/storage/store";
import { hashFile, type Manifest } from "./manifest";

/** What the database holds that the manifest records, read in the dump's own state. */
export async function readDbInfo(db: Db): Promise<{ auditHeads: ChainHead[]; storedFiles: number; migrations: number }> {
  const [{ n }] = await db.select({ n: count() }).from(storedFiles);
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return { auditHeads: await readChainHeads(db), storedFiles: n, migrations: Number(rows[0].n) };
}

export interface RestoreReport {
  chains: number;
  auditEntries: number;
  blobs: number;
  problems: string[];
}

/**
 * After a restore: every audit chain verifies (as `npm run audit:verify` does) and ends exactly at
 * the heads recorded at backup time, and every stored file's blob is there with its SHA-256.
 */
export async function verifyRestored(db: Db, filesRoot: string, manifest: Manifest): Promise<RestoreReport> {
  const problems: string[] = [];
  let auditEntries = 0;
  const chains = await listChains(db);
  for (const chain of chains) {
    const r = await verifyChain(db, chain);
    auditEntries += r.checked;
    if (!r.ok) problems.push(`nhật ký ${chain}: bản ghi #${r.firstBrokenId} — ${r.reason}`);
  }
  for (const p of await checkAgainstAnchor(db, manifest.auditHeads)) problems.push(`nhật ký ${p.chain}: ${p.message}`);
  const key = (h: ChainHead) => `${h.chain} ${h.lastId} ${h.lastHash} ${h.count}`;
  const now = new Set((await readChainHeads(db)).map(key));
  const then = new Set(manifest.auditHeads.map(key));
  if (now.size !== then.size || [...then].some((k) => !now.has(k)))
    problems.push("đầu các chuỗi nhật ký khác với lúc sao lưu");

  const [{ n }] = await db.select({ n: count() }).from(storedFiles);
  if (n !== manifest.storedFiles) problems.push(`có ${n} tệp trong cơ sở dữ liệu, bản sao lưu ghi ${manifest.storedFiles}`);
  const shas = await db.selectDistinct({ sha256: storedFiles.sha256 }).from(storedFiles);
  for (const { sha256 } of shas) {
    const file = blobPath(filesRoot, sha256);
    if (!fs.existsSync(file)) problems.push(`thiếu nội dung tệp ${sha256}`);
    else if ((await hashFile(file)).sha256 !== sha256) problems.push(`nội dung tệp ${sha256} không khớp SHA-256`);
  }
  return { chains: chains.length, auditEntries, blobs: shas.length, problems };
}
