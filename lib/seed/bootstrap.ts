import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, positions, units, userPositions, users } from "@/db/schema";

export interface FirstAdmin {
  agency: { code: string; name: string; parentName: string; placeName?: string; organId: string };
  username: string;
  fullName: string;
  passwordHash: string;
}

const FIRST_ADMIN_LOCK = 0x7670_6475;

/** Production start: creates the agency, its Văn phòng and the first administrator, once. */
export async function ensureFirstAdmin(db: Db, a: FirstAdmin): Promise<{ created: boolean }> {
  const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${a.username})`);
  if (existing) return { created: false };
  return db.transaction(async (tx) => {
    // Several instances starting at once on a new database: one creates the administrator, the others
    // wait on this lock (until that transaction ends) and then find them.
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
    const [again] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${a.username})`);
    if (again) return { created: false };
    let [agency] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, a.agency.code));
    if (!agency) [agency] = await tx.insert(agencies).values(a.agency).returning({ id: agencies.id });
    const [unit] = await tx
      .insert(units)
      .values({ agencyId: agency.id, code: "VP", name: "Văn phòng", kind: "office", sortOrder: 1 })
      .onConflictDoNothing()
      .returning({ id: units.id });
    const unitId = unit?.id ?? (await tx.select({ id: units.id }).from(units).where(sql`${units.agencyId} = ${agency.id} and ${units.code} = 'VP'`))[0].id;
    const [position] = await tx.insert(positions).values({ unitId, kind: "admin", title: "Quản trị hệ thống" }).returning({ id: positions.id });
    const [user] = await tx
      .insert(users)
      .values({ agencyId: agency.id, username: a.username.toLowerCase(), fullName: a.fullName, passwordHash: a.passwordHash, passwordChangedAt: new Date() })
      .returning({ id: users.id });
    await tx.insert(userPositions).values({ userId: user.id, positionId: position.id });
    return { created: true };
  });
}
