import { migrateDb } from "./prepare-db";

// Migrations run as the owner role (DATABASE_MIGRATION_URL) and re-grant the app role its rights.
const handle = await migrateDb();
console.log(`Đã áp dụng migration (${handle.kind}).`);
await handle.close();
