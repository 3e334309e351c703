import { migrateDb } from "./prepare-db";
import { seedDemo, seedProvinceAdmin, seedSecondAgency, wantsProvinceAdmin, wantsSecondAgency } from "../lib/seed/demo";
import { seedDemoDocuments } from "../lib/seed/demo-documents";
import { seedSecondAgencyDocuments } from "../lib/seed/demo-second";
import { hashPassword } from "../lib/auth/password";

// Explicit demo seed, e.g. for a PostgreSQL server: DATABASE_URL=… npm run seed:demo
// (with the province administrator, and the second agency unless DEMO_SECOND_AGENCY=0).
const handle = await migrateDb();
const { created } = await seedDemo(handle.db, hashPassword);
const documents = await seedDemoDocuments(handle.db);
let second = false;
if (wantsProvinceAdmin()) second = (await seedProvinceAdmin(handle.db, hashPassword)).created;
if (wantsSecondAgency()) {
  const s = await seedSecondAgency(handle.db, hashPassword);
  const d = await seedSecondAgencyDocuments(handle.db);
  second = second || s.created || d.created;
}
console.log(created || documents.created || second ? "Đã tạo dữ liệu mẫu." : "Dữ liệu mẫu đã có sẵn, không thay đổi gì.");
await handle.close();
