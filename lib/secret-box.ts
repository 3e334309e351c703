import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Secrets at rest (the exchange private key, the axis password): AES-256-GCM under a key derived
// from EXCHANGE_SECRET, else AUTH_SECRET. Format: v1.<iv>.<tag>.<ciphertext>, base64url. Opening also
// tries the previous secrets of a rotation (AUTH_SECRET_1..3), so rotating AUTH_SECRET does not lose
// the key; the administrator re-imports it (or sets EXCHANGE_SECRET) to seal it under the new one.

const derive = (secret: string) => createHash("sha256").update("vpdt-exchange-secret-box/1\0").update(secret).digest();

function keyOf(env: NodeJS.ProcessEnv = process.env): Buffer {
  const secret = env.EXCHANGE_SECRET || env.AUTH_SECRET;
  if (!secret) throw new Error("EXCHANGE_SECRET or AUTH_SECRET must be set to keep the exchange key.");
  return derive(secret);
}

function openingKeys(env: NodeJS.ProcessEnv = process.env): Buffer[] {
  const first = keyOf(env);
  const older = [env.AUTH_SECRET, env.AUTH_SECRET_1, env.AUTH_SECRET_2, env.AUTH_SECRET_3].filter((s): s is string => !!s).map(derive);
  return [first, ...older.filter((k) => !k.equals(first))];
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
  for (const key of openingKeys(env)) {
    const d = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    d.setAuthTag(Buffer.from(tag, "base64url"));
    try {
      return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]);
    } catch {
      // Sealed under another secret of the rotation: try the next.
    }
  }
  throw new Error("secret-box: sealed under a secret this server no longer has (EXCHANGE_SECRET / AUTH_SECRET)");
}
