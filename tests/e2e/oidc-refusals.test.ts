import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { ssoIdentities, users } from "@/db/schema";
import { seedDemo } from "@/lib/seed/demo";
import { eq } from "drizzle-orm";
import { DEMO, makeTempDir, SESSION_COOKIE, startApp, type AppServer } from "./harness";

// security.md §5 row 7: a mock OpenID provider whose ID token can be made wrong in each way the
// app must refuse (issuer, audience, nonce, signature, alg "none", expiry, state, replay,
// discovery issuer mix-up). Driven over plain HTTP so that every cookie and redirect is visible.

const CLIENT_ID = "vpdt-mock";
const CLIENT_SECRET = "vpdt-mock-secret-0123456789abcdef";
const LINKED_SUBJECT = "mock-linked-subject";

type Fault = "none" | "iss" | "aud" | "nonce" | "signature" | "alg-none" | "expired" | "discovery-iss";

interface Pending {
  nonce: string;
  sub: string;
}

class MockIdp {
  issuer = "";
  fault: Fault = "none";
  subject = LINKED_SUBJECT;
  tokenCalls = 0;
  private server!: http.Server;
  private codes = new Map<string, Pending>();
  private key!: CryptoKey;
  private otherKey!: CryptoKey;
  private jwk!: JWK;

  async start() {
    const pair = await generateKeyPair("RS256", { extractable: true });
    this.key = pair.privateKey;
    this.otherKey = (await generateKeyPair("RS256")).privateKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }

  /** What the authorization endpoint would do after the person logs in: issue a code. */
  issueCode(nonce: string) {
    const code = `code-${Math.random().toString(36).slice(2)}`;
    this.codes.set(code, { nonce, sub: this.subject });
    return code;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", this.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer: this.fault === "discovery-iss" ? "http://127.0.0.1:1/evil" : this.issuer,
        authorization_endpoint: `${this.issuer}/auth`,
        token_endpoint: `${this.issuer}/token`,
        userinfo_endpoint: `${this.issuer}/me`,
        jwks_uri: `${this.issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [this.jwk] });
    if (url.pathname === "/me") return json(200, { sub: this.subject });
    if (url.pathname === "/token" && req.method === "POST") {
      this.tokenCalls++;
      let body = "";
      for await (const chunk of req) body += chunk;
      const code = new URLSearchParams(body).get("code") ?? "";
      const pending = this.codes.get(code);
      this.codes.delete(code); // a code is good once
      if (!pending) return json(400, { error: "invalid_grant" });
      return json(200, { access_token: "at", token_type: "Bearer", expires_in: 300, id_token: await this.idToken(pending) });
    }
    json(404, { error: "not_found" });
  }

  private async idToken(p: Pending) {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      nonce: this.fault === "nonce" ? "another-nonce" : p.nonce,
      name: "Người dùng thử",
    };
    const exp = this.fault === "expired" ? now - 600 : now + 300;
    const iat = this.fault === "expired" ? now - 1200 : now;
    if (this.fault === "alg-none") {
      const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
      return `${enc({ alg: "none", typ: "JWT" })}.${enc({ ...claims, iss: this.issuer, aud: CLIENT_ID, sub: p.sub, iat, exp })}.`;
    }
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(this.fault === "iss" ? "http://127.0.0.1:1/other-issuer" : this.issuer)
      .setAudience(this.fault === "aud" ? "another-client" : CLIENT_ID)
      .setSubject(p.sub)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.fault === "signature" ? this.otherKey : this.key);
  }
}

/** A tiny cookie jar: enough for Auth.js's csrf, state, nonce and PKCE cookies. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string) {
    return [...this.cookies.keys()].some((k) => k === name || k.startsWith(`${name}.`));
  }
  clone() {
    const j = new Jar();
    for (const [k, v] of this.cookies) j.cookies.set(k, v);
    return j;
  }
}

interface Started {
  jar: Jar;
  state: string;
  nonce: string;
  redirectUri: string;
}

describe("SSO refusals against a mock OpenID provider", () => {
  const idp = new MockIdp();
  let app: AppServer;

  const req = (jar: Jar, path: string, init: RequestInit = {}) =>
    fetch(`${app.url}${path}`, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    }).then((r) => (jar.take(r), r));

  /** What the browser's "Đăng nhập bằng SSO" does: a CSRF-protected POST; returns where it leads. */
  async function postSignIn(jar: Jar) {
    const csrf = (await (await req(jar, "/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await req(jar, "/api/auth/signin/oidc", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${app.url}/` }).toString(),
    });
    return new URL(res.headers.get("location") ?? "", app.url);
  }

  /** Starts a sign-in up to the provider's login page. */
  async function beginSignIn(): Promise<Started> {
    const jar = new Jar();
    const location = await postSignIn(jar);
    expect(location.origin, `sign-in should redirect to the provider, got ${location}`).toBe(idp.issuer);
    return {
      jar,
      state: location.searchParams.get("state") ?? "",
      nonce: location.searchParams.get("nonce") ?? "",
      redirectUri: location.searchParams.get("redirect_uri") ?? "",
    };
  }

  async function callback(s: Started, params: Record<string, string>) {
    const url = new URL(s.redirectUri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return req(s.jar, `${url.pathname}${url.search}`);
  }

  /** The outcome that matters: did a session cookie appear, and where was the browser sent. */
  async function attempt(fault: Fault) {
    idp.fault = fault;
    const s = await beginSignIn();
    const res = await callback(s, { code: idp.issueCode(s.nonce), state: s.state });
    return { s, res, location: res.headers.get("location") ?? "", session: s.jar.has(SESSION_COOKIE) };
  }

  beforeAll(async () => {
    await idp.start();
    // Prepare the data folder before the server opens it (PGlite allows one process at a time).
    const dataDir = makeTempDir();
    const handle = await openDb({ dataDir: `${dataDir}/pglite` });
    await seedDemo(handle.db, async () => "sso-only");
    const [person] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, DEMO.staff.username));
    await handle.db.insert(ssoIdentities).values({ userId: person.id, issuer: idp.issuer, subject: LINKED_SUBJECT });
    await handle.close();
    app = await startApp({
      dataDir,
      // The organisation is seeded above; the demo documents are not needed here.
      env: { AUTH_OIDC_ISSUER: idp.issuer, AUTH_OIDC_ID: CLIENT_ID, AUTH_OIDC_SECRET: CLIENT_SECRET, DEMO_SEED: "0" },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await idp.stop();
  });

  it("signs in a linked person when every check passes (control case)", async () => {
    const { s, session, location } = await attempt("none");
    expect(session).toBe(true);
    expect(new URL(location, app.url).pathname).toBe("/");
    const home = await req(s.jar, "/");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(DEMO.staff.fullName);
  });

  it.each<[Fault, string]>([
    ["iss", "an ID token from another issuer"],
    ["aud", "an ID token for another client (audience)"],
    ["nonce", "an ID token with another nonce"],
    ["signature", "an ID token signed by an unknown key"],
    ["alg-none", 'an unsigned ID token (alg "none")'],
    ["expired", "an expired ID token"],
  ])("refuses %s: %s", async (fault) => {
    const { session, location } = await attempt(fault);
    expect(session).toBe(false);
    expect(new URL(location, app.url).pathname).toBe("/login");
  });

  it("refuses a callback whose state is not the one this browser started with", async () => {
    idp.fault = "none";
    const s = await beginSignIn();
    const before = idp.tokenCalls;
    const res = await callback(s, { code: idp.issueCode(s.nonce), state: `${s.state}x` });
    expect(s.jar.has(SESSION_COOKIE)).toBe(false);
    expect(new URL(res.headers.get("location") ?? "", app.url).pathname).toBe("/login");
    expect(idp.tokenCalls).toBe(before); // refused before the code was ever redeemed
  });

  it("refuses a callback in a browser that never started the sign-in (no state cookie)", async () => {
    idp.fault = "none";
    const s = await beginSignIn();
    const stranger: Started = { ...s, jar: new Jar() };
    const res = await callback(stranger, { code: idp.issueCode(s.nonce), state: s.state });
    expect(stranger.jar.has(SESSION_COOKIE)).toBe(false);
    expect(new URL(res.headers.get("location") ?? "", app.url).pathname).toBe("/login");
  });

  it("refuses a replayed callback (the state cookie and the code are good once)", async () => {
    idp.fault = "none";
    const s = await beginSignIn();
    const replayJar = s.jar.clone();
    const code = idp.issueCode(s.nonce);
    await callback(s, { code, state: s.state });
    expect(s.jar.has(SESSION_COOKIE)).toBe(true);
    const replay: Started = { ...s, jar: replayJar };
    await callback(replay, { code, state: s.state });
    expect(replayJar.has(SESSION_COOKIE)).toBe(false);
  });

  it("refuses a provider whose discovery document names another issuer (mix-up defence)", async () => {
    idp.fault = "discovery-iss";
    const jar = new Jar();
    const location = await postSignIn(jar);
    expect(location.origin).not.toBe(idp.issuer);
    expect(location.pathname).toBe("/login");
    expect(jar.has(SESSION_COOKIE)).toBe(false);
  });

  it("refuses an unknown subject with the Vietnamese message", async () => {
    idp.subject = "nobody-knows-me";
    try {
      const { s, session, location } = await attempt("none");
      expect(session).toBe(false);
      const target = new URL(location, app.url);
      expect(target.pathname).toBe("/login");
      expect(target.searchParams.get("error")).toBe("sso_unknown");
      const page = await (await req(s.jar, `${target.pathname}${target.search}`)).text();
      expect(page).toContain("chưa được liên kết với cán bộ nào");
    } finally {
      idp.subject = LINKED_SUBJECT;
    }
  });
});
