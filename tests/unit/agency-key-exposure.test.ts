import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 14: the agency key is never readable through a page or a route. The PKCS#12 bytes, its
// password and the HSM PIN live sealed in agency_signing (or in the server's environment) and are
// opened only by lib/signatures/agency-key.ts, which hands out signatures and certificates, never
// the key. This checks the code paths: nothing under app/ or components/ reaches the opener, and no
// module but the opener (and the administrator's writer) touches the sealed columns or variables.

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const files = (dir: string) =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");

const SECRETS = /\b(p12Enc|p12PasswordEnc|pkcs11PinEnc|p12_enc|p12_password_enc|pkcs11_pin_enc|AGENCY_SIGNING_P12|AGENCY_PKCS11_PIN)\b/;
const OPENER = path.join("lib", "signatures", "agency-key.ts");
const ALLOWED = new Set([OPENER, path.join("lib", "signatures", "agency-settings.ts"), path.join("db", "schema", "agency-signing.ts")]);

describe("the agency key is not readable through the application", () => {
  it("no page, route, component or other module reads the sealed key, password or PIN", () => {
    const offenders = [...files("app"), ...files("components"), ...files("lib"), ...files("db/schema")]
      .filter((f) => !ALLOWED.has(f) && SECRETS.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it("pages and routes reach agency-key.ts only for its status (subject, issuer, validity), never the config or a signer", () => {
    for (const f of [...files("app"), ...files("components")]) {
      const text = read(f);
      for (const [, names] of text.matchAll(/import\s*(?:type\s*)?\{([^}]+)\}\s*from\s*"@\/lib\/signatures\/agency-key"/g)) {
        const imported = names.split(",").map((n) => n.trim().replace(/^type\s+/, "")).filter(Boolean);
        expect(imported.filter((n) => !["agencyKeyStatus", "AgencyKeyStatus"].includes(n)), f).toEqual([]);
      }
      expect(/agency-key["']/.test(text) && !/from\s*"@\/lib\/signatures\/agency-key"/.test(text), `${f}: a dynamic import of agency-key`).toBe(false);
    }
  });

  it("the opener hands out only the chain, the algorithm and signatures", () => {
    const text = read(OPENER);
    const iface = text.slice(text.indexOf("export interface AgencySigner"), text.indexOf("}", text.indexOf("export interface AgencySigner")));
    expect(iface).toMatch(/chain\(\): Promise<Uint8Array\[\]>/);
    expect(iface).toMatch(/sign\(toBeSigned: Uint8Array\): Promise<Uint8Array>/);
    expect(iface).not.toMatch(/\b(privateKey|pin|password|p12)\b/);
  });
});
