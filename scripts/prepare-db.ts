import { hashPassword } from "../lib/auth/password";
import { configuredMigrationOptions, openDb, separateMigrationRole, type DbHandle } from "../db/client";
import { appRoleName, grantAppRole } from "../db/roles";
import { ensureFirstAdmin } from "../lib/seed/bootstrap";
import { seedDemo, seedProvinceAdmin, seedSecondAgency, wantsProvinceAdmin, wantsSecondAgency } from "../lib/seed/demo";
import { demoDataSet, secondAgencySet } from "../lib/seed/demo-data";
import { seedDemoDocuments } from "../lib/seed/demo-documents";
import { seedSecondAgencyDocuments } from "../lib/seed/demo-second";

/**
 * Migrates, then seeds: the embedded database gets the demo agency on first start; a real
 * PostgreSQL gets demo data only when DEMO_SEED=1, and its first administrator from
 * INITIAL_ADMIN_USERNAME / INITIAL_ADMIN_PASSWORD (or `npm run admin:create`).
 */
export async function prepareDb() {
  const options = configuredMigrationOptions();
  const handle = await migrateDb();
  console.log(`Cơ sở dữ liệu: ${handle.kind === "pglite" ? "PGlite (nhúng)" : "PostgreSQL"} — đã cập nhật cấu trúc.`);
  try {
    const wantDemo = options.url ? process.env.DEMO_SEED === "1" : process.env.DEMO_SEED !== "0";
    if (wantDemo) {
      const { created } = await seedDemo(handle.db, hashPassword);
      if (created) console.log(`Đã tạo dữ liệu mẫu: ${demoDataSet().agency.name}.`);
      const documents = await seedDemoDocuments(handle.db);
      if (documents.created) console.log(`Đã tạo văn bản mẫu ở mọi bước xử lý (${(documents.ms / 1000).toFixed(1)} giây).`);
      // One installation, several agencies: Sở Tài chính ("stc.…" logins) and the province administrator.
      if (wantsProvinceAdmin() && (await seedProvinceAdmin(handle.db, hashPassword)).created) console.log("Đã tạo tài khoản Quản trị cấp tỉnh: quantri.tinh.");
      if (wantsSecondAgency()) {
        const second = await seedSecondAgency(handle.db, hashPassword);
        if (second.created) console.log(`Đã tạo cơ quan mẫu thứ hai: ${secondAgencySet().agency.name} (tài khoản stc.…).`);
        await seedSecondAgencyDocuments(handle.db);
      }
    }
    const { INITIAL_ADMIN_USERNAME: username, INITIAL_ADMIN_PASSWORD: password } = process.env;
    if (username && password) {
      const { created } = await ensureFirstAdmin(handle.db, {
        agency: {
          code: process.env.AGENCY_CODE ?? "SNV",
          name: process.env.AGENCY_NAME ?? "Sở Nội vụ",
          parentName: process.env.AGENCY_PARENT_NAME ?? "",
          placeName: process.env.AGENCY_PLACE_NAME ?? "",
          organId: process.env.AGENCY_ORGAN_ID ?? "000.00.00.H00",
        },
        username,
        fullName: process.env.INITIAL_ADMIN_NAME ?? "Quản trị hệ thống",
        passwordHash: await hashPassword(password),
      });
      if (created) console.log(`Đã tạo quản trị viên đầu tiên: ${username}.`);
    }
    return handle.kind;
  } finally {
    await handle.close();
  }
}

/**
 * Opens the database as the owner role (DATABASE_MIGRATION_URL, else DATABASE_URL), applies the
 * migrations, then gives the app role its rights again: tables added by a migration are covered.
 */
export async function migrateDb(): Promise<DbHandle> {
  const options = configuredMigrationOptions();
  const handle = await openDb(options);
  if (!options.url) return handle;
  if (!separateMigrationRole()) {
    console.warn(
      "Cảnh báo: chưa áp dụng đặc quyền tối thiểu — ứng dụng kết nối bằng chính vai trò sở hữu các bảng " +
        "(có thể tắt trigger chống sửa nhật ký). Đặt DATABASE_MIGRATION_URL cho vai trò sở hữu và " +
        "DATABASE_URL cho vai trò ứng dụng (xem README, mục Vai trò cơ sở dữ liệu).",
    );
    return handle;
  }
  try {
    const role = appRoleName()!;
    const check = await grantAppRole(options.url, role);
    if (check.problems.length) console.warn(`Cảnh báo về vai trò ứng dụng ${role}: ${check.problems.join("; ")}.`);
    else console.log(`Vai trò ứng dụng ${role}: đã cấp quyền tối thiểu (không sửa/xóa nhật ký, không DDL).`);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}
