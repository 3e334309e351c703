import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { chainHeadSchema } from "@/lib/audit/anchor";

// The archive: manifest.json (every other file with its size and SHA-256), manifest.sha256 (the
// manifest's own hash, in `sha256sum -c` form), database/<dump>, files/<aa>/<sha256> (the blobs).

export const BACKUP_FORMAT = "vpdt-backup/1";
export const MANIFEST = "manifest.json";
export const MANIFEST_HASH = "manifest.sha256";
export const PGLITE_DUMP = "database/pglite.tar.gz";
export const POSTGRES_DUMP = "database/postgresql.dump";

/** The only paths an archive may hold besides the manifest and its hash. */
export const ENTRY_PATH = /^(database\/(pglite\.tar\.gz|postgresql\.dump)|files\/[0-9a-f]{2}\/[0-9a-f]{64})$/;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  engine: z.enum(["pglite", "postgresql"]),
  appVersion: z.string(),
  /** Migrations applied in the dumped database. */
  migrations: z.number().int().nonnegative(),
  database: z.enum([PGLITE_DUMP, POSTGRES_DUMP]),
  /** The audit chain heads in the dumped state: after a restore the trail must end exactly there. */
  auditHeads: z.array(chainHeadSchema),
  /** Rows of stored_files in the dumped state (each must find its blob after a restore). */
  storedFiles: z.number().int().nonnegative(),
  entries: z.array(z.object({ path: z.string().regex(ENTRY_PATH), size: z.number().int().nonnegative(), sha256: sha256Hex })),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = Manifest["entries"][number];

export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: hash.digest("hex"), size };
}

export const hashBytes = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** `<hash>  manifest.json`: the line `sha256sum -c manifest.sha256` checks. */
export const manifestHashLine = (manifestText: string) => `${hashBytes(manifestText)}  ${MANIFEST}\n`;

/** Every regular file under `dir`, as paths relative to it with `/`; anything else is reported. */
export async function listTree(dir: string): Promise<{ files: string[]; others: string[] }> {
  const files: string[] = [];
  const others: string[] = [];
  async function walk(rel: string) {
    for (const d of await fsp.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) await walk(p);
      else if (d.isFile()) files.push(p);
      else others.push(p);
    }
  }
  await walk("");
  return { files: files.sort(), others };
}
