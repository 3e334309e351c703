import { migrateDb } from "./prepare-db";
import { seedDemo } from "../db/seed/demo";
import { seedDemoDocuments } from "../db/seed/demo-documents";
import { hashPassword } from "../lib/auth/password";

// Explicit demo seed, e.g. for a PostgreSQL server: DATABASE_URL=… npm run seed:demo
const handle = await migrateDb();
const { created } = await seedDemo(handle.db, hashPassword);
const documents = await seedDemoDocuments(handle.db);
console.log(created || documents.created ? "Đã tạo dữ liệu mẫu." : "Dữ liệu mẫu đã có sẵn, không thay đổi gì.");
await handle.close();
