import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { open, seal } = await import("@/lib/secret-box");

describe("secret box (the exchange key at rest)", () => {
  const env = (e: Record<string, string>) => e as NodeJS.ProcessEnv;

  it("opens what it sealed, and the sealed text shows nothing of the secret", () => {
    const sealed = seal("-----BEGIN PRIVATE KEY-----abc", env({ AUTH_SECRET: "s1" }));
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("PRIVATE");
    expect(open(sealed, env({ AUTH_SECRET: "s1" })).toString()).toBe("-----BEGIN PRIVATE KEY-----abc");
  });

  it("EXCHANGE_SECRET wins over AUTH_SECRET", () => {
    const sealed = seal("k", env({ EXCHANGE_SECRET: "x", AUTH_SECRET: "s1" }));
    expect(open(sealed, env({ EXCHANGE_SECRET: "x", AUTH_SECRET: "other" })).toString()).toBe("k");
  });

  it("survives a rotation of AUTH_SECRET (the old one kept as AUTH_SECRET_1) and refuses a secret it never had", () => {
    const sealed = seal("k", env({ AUTH_SECRET: "old" }));
    expect(open(sealed, env({ AUTH_SECRET: "new", AUTH_SECRET_1: "old" })).toString()).toBe("k");
    expect(() => open(sealed, env({ AUTH_SECRET: "new" }))).toThrow(/no longer has/);
  });

  it("refuses a tampered text", () => {
    const sealed = seal("k", env({ AUTH_SECRET: "s1" }));
    const parts = sealed.split(".");
    parts[3] = Buffer.from("x").toString("base64url");
    expect(() => open(parts.join("."), env({ AUTH_SECRET: "s1" }))).toThrow();
    expect(() => open("v2.a.b.c", env({ AUTH_SECRET: "s1" }))).toThrow(/unknown format/);
  });
});
