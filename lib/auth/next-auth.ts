import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { isHttps } from "@/lib/http/request-origin";
import { authConfig, oidcConfigured } from "./auth.config";
import { authCookies } from "./cookies";
import { passwordLogin, ssoLogin, type LoginFailure } from "./login";
import { endSessionAtSignOut } from "./logout";
import { verifiedSubject } from "./oidc";
import { metaFromHeaders } from "./request";

export class LoginError extends CredentialsSignin {
  constructor(reason: LoginFailure) {
    super(reason);
    this.code = reason;
  }
}

const oidcIssuer = () => process.env.AUTH_OIDC_ISSUER ?? "";

const providers: NextAuthConfig["providers"] = [
  Credentials({
    id: "credentials",
    credentials: { username: {}, password: {} },
    async authorize(credentials, request) {
      const username = typeof credentials?.username === "string" ? credentials.username : "";
      const password = typeof credentials?.password === "string" ? credentials.password : "";
      if (!username || !password) throw new LoginError("invalid");
      const result = await passwordLogin(await getDb(), username, password, metaFromHeaders(request.headers));
      if (!result.ok) throw new LoginError(result.reason);
      return { id: result.userId, sid: result.sessionId };
    },
  }),
];

if (oidcConfigured()) {
  providers.push({
    id: "oidc",
    name: "SSO",
    type: "oidc",
    issuer: oidcIssuer(),
    clientId: process.env.AUTH_OIDC_ID,
    clientSecret: process.env.AUTH_OIDC_SECRET,
    // state, nonce and PKCE are all checked; oauth4webapi validates iss and aud (ASVS 10.x).
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid profile email" } },
  });
}

/**
 * The configuration for one request (lazy initialisation): the session cookie is `__Host-` prefixed
 * when the request's trusted origin is https (lib/http/request-origin.ts), so Auth.js and the
 * cookie reader (lib/auth/current.ts) decide alike, from AUTH_URL or a trusted proxy only.
 */
function configFor(h: Headers): NextAuthConfig {
  return {
    ...authConfig,
    ...authCookies(isHttps(h)),
    providers,
    logger: {
      // A wrong password is an expected outcome, recorded in the audit trail; not a server error.
      error(error) {
        if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
        console.error("[auth]", error);
      },
    },
    callbacks: {
      ...authConfig.callbacks,
      async signIn({ account, profile, user }) {
        if (account?.provider !== "oidc") return true;
        const subject = await verifiedSubject(account.id_token, oidcIssuer(), process.env.AUTH_OIDC_ID ?? "");
        if (!subject || subject !== profile?.sub) return "/login?error=sso_error";
        const result = await ssoLogin(await getDb(), oidcIssuer(), subject, metaFromHeaders(await headers()));
        if (!result.ok) return `/login?error=${result.reason === "agency_disabled" ? "agency_disabled" : "sso_unknown"}`;
        user.id = result.userId;
        user.sid = result.sessionId;
        return true;
      },
    },
    events: {
      // Every sign-out through Auth.js (its POST /api/auth/signout after its CSRF check, and the app's
      // Đăng xuất) ends the server-side session, not only the cookie.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await endSessionAtSignOut(await getDb(), sid, metaFromHeaders(await headers()));
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => configFor(request?.headers ?? (await headers())));
