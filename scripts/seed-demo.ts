import { migrateDb } from "./prepare-db";
import { seedDemo } from "../db/seed/demo";
import { hashPassword } from "../lib/auth/password";

// Explicit demo seed, e.g. for a PostgreSQL server: DATABASE_URL=… npm run seed:demo
const handle = await migrateDb();
const { created } = await seedDemo(handle.db, hashPassword);
console.log(created ? "Đã tạo dữ liệu mẫu." : "Dữ liệu mẫu đã có sẵn, không thay đổi gì.");
await handle.close();
