import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Secrets at rest (the exchange private key, the axis password): AES-256-GCM under a key derived
// from EXCHANGE_SECRET, else AUTH_SECRET. Format: v1.<iv>.<tag>.<ciphertext>, base64url.

function keyOf(env: NodeJS.ProcessEnv = process.env): Buffer {
  const secret = env.EXCHANGE_SECRET || env.AUTH_SECRET;
  if (!secret) throw new Error("EXCHANGE_SECRET or AUTH_SECRET must be set to keep the exchange key.");
  return createHash("sha256").update("vpdt-exchange-secret-box/1\0").update(secret).digest();
}

export function seal(plain: string | Buffer, env?: NodeJS.ProcessEnv): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", keyOf(env), iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return ["v1", iv.toString("base64url"), c.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function open(sealed: string, env?: NodeJS.ProcessEnv): Buffer {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || body === undefined) throw new Error("secret-box: unknown format");
  const d = createDecipheriv("aes-256-gcm", keyOf(env), Buffer.from(iv, "base64url"));
  d.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]);
}
