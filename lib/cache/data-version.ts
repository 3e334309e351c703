import "server-only";
import { cache } from "react";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { agencyDataVersions } from "@/db/schema";

// Values computed from an agency's data (the dashboard's figures, the reports, the overseers' Quá hạn counts,
// the users list's name order) are kept in this instance's memory under the agency's data version
// (agency_data_versions, moved at the commit of every change to the agency's documents, their parts, its
// organisation or its calendar by the triggers of migrations 0026 and 0033). The version is read BEFORE
// computing: a change committed in between is either in the value or moves the version, so a value is
// never kept under a version older than what it shows; a change on another instance moves the same counter,
// so every instance recomputes. Another agency's changes move its own counter only.

type Entries = Map<string, { version: number; value: Promise<unknown> }>;

// Read by most pages that keep values (Tổng quan, a document's page, the dashboard): made once per handle (db/named.ts).
const versionStatement = oncePerHandle((db: Db) =>
  db.select({ v: agencyDataVersions.version }).from(agencyDataVersions).where(eq(agencyDataVersions.agencyId, sql.placeholder("agencyId"))).prepare("agency_data_version"),
);

/** The current data version of an agency (one primary-key read; 0 before its first change). */
export async function dataVersion(db: Db, agencyId: string): Promise<number> {
  const [row] = await versionStatement(db).execute({ agencyId });
  return row?.v ?? 0;
}

/**
 * A store of values kept under a data version read by the caller (before computing), at most `limit` keys per
 * database handle (two databases in one process, the tests' PGlite and PostgreSQL, never share values), the least
 * recently used going first. `compute()` once per key and version on this instance; a concurrent request for the
 * same key and version waits for the same computation. A failed computation is not kept. The key must name
 * everything the value depends on besides the data (the agency, the reader's scope, the period, today).
 */
export function versionedStore(limit: number) {
  const byDb = new WeakMap<object, Entries>();
  return function kept<T>(db: object, version: number, key: string, compute: () => Promise<T>): Promise<T> {
    let entries = byDb.get(db);
    if (!entries) byDb.set(db, (entries = new Map()));
    const hit = entries.get(key);
    if (hit && hit.version === version) {
      // Most recently used last (the Map's order is the eviction order).
      entries.delete(key);
      entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    entries.delete(key);
    entries.set(key, { version, value });
    const store = entries;
    value.catch(() => {
      if (store.get(key)?.value === value) store.delete(key);
    });
    while (entries.size > limit) entries.delete(entries.keys().next().value!);
    return value;
  };
}

const figures = versionedStore(200);

// The version read once per request: React's cache gives one box per server render (a server action runs
// outside a render and its page is rendered after it, so the box never holds a version from before the
// action's write; anywhere else each call reads). The signed-in shell's statement reads the version with the
// unread notifications on every page and hands it here (`versionSeen`), so a page that keeps values makes no
// statement of its own for it; whichever comes first fills the box.
const requestBox = cache((_db: Db, _agencyId: string): { version?: Promise<number> } => ({}));

function versionOfRequest(db: Db, agencyId: string): Promise<number> {
  const box = requestBox(db, agencyId);
  return (box.version ??= dataVersion(db, agencyId));
}

/** The agency's data version as a statement of this request reads it (the navigation's), for the kept reads after it. */
export function versionSeen(db: Db, agencyId: string, version: Promise<number>): void {
  const box = requestBox(db, agencyId);
  // A failed read leaves nothing behind (the next kept read reads for itself); the caller reports it. Handled here
  // whether or not the box takes it, so a box already filled leaves no rejection unhandled.
  version.catch(() => {
    if (box.version === version) box.version = undefined;
  });
  box.version ??= version;
}

/** `compute()` kept under the agency's data version, read first (once per request: versionOfRequest). */
export async function cachedByVersion<T>(db: Db, agencyId: string, key: string | null, compute: () => Promise<T>): Promise<T> {
  if (key === null) return compute();
  return figures(db, await versionOfRequest(db, agencyId), key, compute);
}

const organisation = versionedStore(500);

/**
 * `compute()` kept under the agency's data version, the version read at most once per request: the reads of the
 * organisation a document's page makes several of (the leaders, the units and people a part may go to, the
 * units and people named on a trail). The value is shared by every request: read it only.
 */
export async function keptForRequest<T>(db: Db, agencyId: string, key: string, compute: () => Promise<T>): Promise<T> {
  return organisation(db, await versionOfRequest(db, agencyId), key, compute);
}
