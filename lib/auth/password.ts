import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the OWASP-recommended memory cost (19 MiB, t=2).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  // Unknown users and SSO-only users are verified against a dummy hash so that timing does
  // not tell which usernames exist (security.md §5 row 6).
  const target = stored ?? (await dummyHash());
  try {
    const ok = await verify(target, password);
    return ok && !!stored;
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
function dummyHash() {
  dummy ??= hash("khong-phai-mat-khau-that", OPTIONS);
  return dummy;
}
