import "server-only";
import { createRemoteJWKSet, jwtVerify } from "jose";

// ASVS 6.8.2: the ID token's signature is always checked. oauth4webapi (under Auth.js) relies on
// TLS to the token endpoint instead (OIDC Core 3.1.3.7 allows it), which a misconfigured proxy or
// an http issuer would defeat; so the token is verified again here against the provider's keys,
// with the exact issuer and our client id as audience.
let keys: { issuer: string; jwks: ReturnType<typeof createRemoteJWKSet> } | undefined;

async function providerKeys(issuer: string) {
  if (keys?.issuer === issuer) return keys.jwks;
  const res = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`OIDC discovery failed: ${res.status}`);
  const meta = (await res.json()) as { issuer?: string; jwks_uri?: string };
  if (meta.issuer !== issuer || !meta.jwks_uri) throw new Error("OIDC discovery: issuer mismatch or no jwks_uri");
  keys = { issuer, jwks: createRemoteJWKSet(new URL(meta.jwks_uri)) };
  return keys.jwks;
}

/** Returns the verified subject of an ID token, or null when anything about it is wrong. */
export async function verifiedSubject(idToken: string | undefined, issuer: string, clientId: string): Promise<string | null> {
  if (!idToken) return null;
  try {
    const { payload } = await jwtVerify(idToken, await providerKeys(issuer), {
      issuer,
      audience: clientId,
      algorithms: ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"],
    });
    return typeof payload.sub === "string" && payload.sub ? payload.sub : null;
  } catch (e) {
    console.warn("[auth] ID token refused:", (e as Error).message);
    return null;
  }
}
