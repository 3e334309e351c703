import path from "node:path";
import { configuredMigrationOptions } from "../db/client";
import type { BackupTarget } from "../lib/backup";

/** The configured database as backup and restore see it: the owner role on PostgreSQL. */
export function configuredBackupTarget(): BackupTarget {
  const o = configuredMigrationOptions();
  return o.url ? { kind: "postgresql", url: o.url } : { kind: "pglite", dir: path.resolve(o.dataDir!) };
}
