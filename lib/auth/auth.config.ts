import type { NextAuthConfig } from "next-auth";
import { authRedirect } from "@/lib/http/local-path";
import { authSettings } from "./settings";

// The part of the Auth.js configuration that needs no database (style.md rule 13). The JWT
// carries only the server-side session id; every request re-validates it (lib/auth/current.ts).
export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: authSettings.maxHours * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [],
  callbacks: {
    // After sign-in (callbackUrl) only a path of this site (lib/http/local-path.ts).
    redirect({ url, baseUrl }) {
      return authRedirect(url, baseUrl);
    },
    jwt({ token, user }) {
      if (user?.sid) {
        token.sid = user.sid;
        token.sub = user.id;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
    },
  },
} satisfies NextAuthConfig;

export const oidcConfigured = () =>
  !!(process.env.AUTH_OIDC_ISSUER && process.env.AUTH_OIDC_ID && process.env.AUTH_OIDC_SECRET);
