import { configuredDbOptions, openDb } from "../db/client";

const handle = await openDb(configuredDbOptions());
console.log(`Đã áp dụng migration (${handle.kind}).`);
await handle.close();
