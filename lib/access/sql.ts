import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";

/** `a, b, c` as bound parameters, for `x in (…)` (callers never pass an empty list). */
export const inList = (xs: readonly string[]): SQL => sql.join(xs.map((x) => sql`${x}`), sql`, `);

/** The units in which the person holds any position. */
export const myUnits = (actor: Actor): string[] => [...new Set(actor.positions.map((p) => p.unitId))];

/**
 * The province-wide administrator (Quản trị cấp tỉnh) manages agencies and reads no document of any:
 * every document, work file and stored file rule answers `false` for them, whatever else they hold.
 */
export const readsNoDocuments = (actor: Pick<Actor, "positions">): boolean => actor.positions.some((p) => p.kind === "province_admin");
