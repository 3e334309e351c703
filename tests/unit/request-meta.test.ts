import { describe, expect, it } from "vitest";
import { metaFromHeaders } from "@/lib/auth/request";

const meta = (h: Record<string, string>) => metaFromHeaders(new Headers(h));

describe("metaFromHeaders", () => {
  it("takes the last X-Forwarded-For hop (the one our proxy appended), not the client-supplied first", () => {
    expect(meta({ "x-forwarded-for": "1.1.1.1, 10.0.0.5" }).ip).toBe("10.0.0.5");
    expect(meta({ "x-forwarded-for": "  203.0.113.7  " }).ip).toBe("203.0.113.7");
    expect(meta({ "x-forwarded-for": "evil, 1.1.1.1,198.51.100.2 " }).ip).toBe("198.51.100.2");
  });

  it("prefers X-Forwarded-For over X-Real-IP, and falls back to it", () => {
    expect(meta({ "x-forwarded-for": "10.0.0.5", "x-real-ip": "10.9.9.9" }).ip).toBe("10.0.0.5");
    expect(meta({ "x-real-ip": "10.9.9.9" }).ip).toBe("10.9.9.9");
  });

  it("strips the IPv4-mapped IPv6 prefix so one client has one address", () => {
    expect(meta({ "x-forwarded-for": "::ffff:192.0.2.1" }).ip).toBe("192.0.2.1");
    expect(meta({ "x-real-ip": "::ffff:192.0.2.1" }).ip).toBe("192.0.2.1");
    expect(meta({ "x-real-ip": "2001:db8::1" }).ip).toBe("2001:db8::1");
  });

  it("gives empty strings when nothing is known", () => {
    expect(meta({})).toEqual({ ip: "", userAgent: "" });
  });

  it("caps the address at 100 and the user agent at 300 characters", () => {
    const m = meta({ "x-forwarded-for": "9".repeat(500), "user-agent": "M".repeat(1000) });
    expect(m.ip).toHaveLength(100);
    expect(m.userAgent).toHaveLength(300);
    expect(meta({ "user-agent": "Mozilla/5.0 (X11; Linux x86_64)" }).userAgent).toBe("Mozilla/5.0 (X11; Linux x86_64)");
  });
});
