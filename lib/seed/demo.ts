import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, agencyDirectory, filePlanHeadings, filePlanItems, filePlans, positions, registers, units, userPositions, users } from "@/db/schema";
import { DEMO_PASSWORD, demoAgency, demoDataSet, provinceAdministration, secondAgencySet, type DemoDataSet } from "./demo-data";

/**
 * Seeds the demo agency in one transaction. Idempotent: when the agency already exists nothing
 * is written, so running it twice changes nothing. `hash` is injected so that tests can use a
 * cheap hash and the app the real argon2id. `set` is the default Sở Nội vụ, or the agency DEMO_AGENCY
 * selects (lib/seed/demo-data.ts demoDataSet: "stc", Sở Tài chính, the other side of liên thông tests).
 */
export async function seedDemo(db: Db, hash: (pw: string) => Promise<string>, set: DemoDataSet = demoDataSet()): Promise<{ created: boolean }> {
  const { agency: demoAgency, units: demoUnits, people: demoPeople, directory: demoDirectory, filePlan: demoFilePlan } = set;
  const [existing] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, demoAgency.code));
  if (existing) return { created: false };
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [agency] = await tx.insert(agencies).values(demoAgency).returning({ id: agencies.id });
    const unitIds = new Map<string, string>();
    for (const [i, u] of demoUnits.entries()) {
      const [row] = await tx
        .insert(units)
        .values({ agencyId: agency.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parent ? unitIds.get(u.parent) : null, sortOrder: i + 1 })
        .returning({ id: units.id });
      unitIds.set(u.code, row.id);
    }
    const positionIds = new Map<string, string>();
    const userIds = new Map<string, string>();
    for (const person of demoPeople) {
      const [user] = await tx
        .insert(users)
        .values({ agencyId: agency.id, username: person.username, fullName: person.fullName, passwordHash, passwordChangedAt: new Date() })
        .returning({ id: users.id });
      userIds.set(person.username, user.id);
      for (const pos of person.positions) {
        const key = `${pos.unit}|${pos.kind}|${pos.title}`;
        let positionId = positionIds.get(key);
        if (!positionId) {
          const [row] = await tx
            .insert(positions)
            .values({ unitId: unitIds.get(pos.unit)!, kind: pos.kind, title: pos.title })
            .returning({ id: positions.id });
          positionId = row.id;
          positionIds.set(key, positionId);
        }
        await tx.insert(userPositions).values({ userId: user.id, positionId });
      }
    }
    // An agency with a mã định danh is reached through the axis (liên thông); the others receive on paper.
    await tx.insert(agencyDirectory).values(demoDirectory.map((d, i) => ({ ...d, transport: d.organId ? ("axis" as const) : null, agencyId: agency.id, sortOrder: i + 1 })));
    // The registers of the current year (NĐ 30/2020 Điều 15, 22): normal and secret series.
    const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));
    await tx.insert(registers).values([
      { agencyId: agency.id, kind: "incoming", year, code: "DEN", name: "Sổ đăng ký văn bản đến" },
      { agencyId: agency.id, kind: "incoming", year, code: "DEN-MAT", name: "Sổ đăng ký văn bản đến mật", secret: true },
      { agencyId: agency.id, kind: "outgoing", year, code: "DI", name: "Sổ đăng ký văn bản đi" },
      { agencyId: agency.id, kind: "outgoing", year, code: "DI-MAT", name: "Sổ đăng ký văn bản đi mật", secret: true },
    ]);
    // The year's Danh mục hồ sơ, numbered across the whole list from 01 (NĐ 30/2020 Phụ lục V).
    const [plan] = await tx.insert(filePlans).values({ agencyId: agency.id, year }).returning({ id: filePlans.id });
    let no = 0;
    for (const [i, h] of demoFilePlan.entries()) {
      const [heading] = await tx.insert(filePlanHeadings).values({ planId: plan.id, sortOrder: i + 1, abbr: h.abbr, title: h.title }).returning({ id: filePlanHeadings.id });
      for (const it of h.items) {
        no++;
        await tx.insert(filePlanItems).values({
          planId: plan.id, headingId: heading.id, number: no, code: `${String(no).padStart(2, "0")}.${h.abbr}`, title: it.title,
          retentionCode: it.retention, ownerUnitId: unitIds.get(it.unit)!, ownerUserId: it.user ? userIds.get(it.user)! : null, note: it.note ?? "",
        });
      }
    }
    await tx.update(filePlans).set({ lastNo: no }).where(eq(filePlans.id, plan.id));
  });
  return { created: true };
}

/**
 * The province's administration row and its Quản trị cấp tỉnh (demo password), once. Idempotent like
 * seedDemo: nothing is written when the row exists.
 */
export async function seedProvinceAdmin(db: Db, hash: (pw: string) => Promise<string>): Promise<{ created: boolean }> {
  const { agency: a, unit: u, admin } = provinceAdministration;
  const [existing] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, a.code));
  if (existing) return { created: false };
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [agency] = await tx.insert(agencies).values({ ...a, province: true }).returning({ id: agencies.id });
    const [unit] = await tx.insert(units).values({ agencyId: agency.id, ...u, sortOrder: 1 }).returning({ id: units.id });
    const [position] = await tx.insert(positions).values({ unitId: unit.id, kind: "province_admin", title: admin.title }).returning({ id: positions.id });
    const [user] = await tx
      .insert(users)
      .values({ agencyId: agency.id, username: admin.username, fullName: admin.fullName, passwordHash, passwordChangedAt: new Date() })
      .returning({ id: users.id });
    await tx.insert(userPositions).values({ userId: user.id, positionId: position.id });
  });
  return { created: true };
}

/**
 * The demo installation of `npm start`: the demo agency (seedDemo) and, when that is the default Sở Nội
 * vụ, the province administrator (always) and a second agency (Sở Tài chính, login names "stc.…") in
 * the same database unless DEMO_SECOND_AGENCY=0. Its documents: seedSecondAgencyDocuments (demo-second.ts).
 */
export function wantsProvinceAdmin(env: Partial<NodeJS.ProcessEnv> = process.env): boolean {
  return demoDataSet(env.DEMO_AGENCY).agency.code === demoAgency.code;
}

export function wantsSecondAgency(env: Partial<NodeJS.ProcessEnv> = process.env): boolean {
  return wantsProvinceAdmin(env) && env.DEMO_SECOND_AGENCY !== "0";
}

export function seedSecondAgency(db: Db, hash: (pw: string) => Promise<string>): Promise<{ created: boolean }> {
  return seedDemo(db, hash, secondAgencySet());
}
