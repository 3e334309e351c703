import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "../db/client";

/**
 * AUTH_SECRET: from the environment; with the embedded database, generated once and kept in the
 * data folder; with DATABASE_URL (production) a missing secret stops the start.
 */
export function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (process.env.DATABASE_URL) {
    console.error(
      "Thiếu AUTH_SECRET: khi dùng DATABASE_URL (môi trường vận hành) phải đặt biến AUTH_SECRET " +
        "(ít nhất 32 ký tự ngẫu nhiên, ví dụ: openssl rand -base64 32).",
    );
    process.exit(1);
  }
  const file = path.join(dataDir(), "auth-secret");
  fs.mkdirSync(dataDir(), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  const secret = fs.readFileSync(file, "utf8").trim();
  process.env.AUTH_SECRET = secret;
  return secret;
}
