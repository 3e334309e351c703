import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entryHash, GENESIS_HASH, normalizePayload, type ChainedFields } from "@/lib/audit/chain";

// security.md §4: hash = sha256(prev_hash ‖ RFC 8785 canonical JSON of the entry).
const base: ChainedFields = {
  chain: "agency-1",
  at: new Date("2026-03-01T08:30:00.123Z"),
  actorId: "5a3f0a52-1f0e-4b8e-9a53-0d3c3b1f2a10",
  actorName: "Nguyễn Văn A",
  action: "org.user.create",
  outcome: "success",
  objectType: "user",
  objectId: "42",
  ip: "10.0.0.1",
  payload: { username: "nguyen.a", nested: { b: 1, a: [1, 2] } },
};

/** The same object with its keys in another order, at every level. */
function reorder(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map((x) => reorder(x, seed));
  if (v && typeof v === "object") {
    const keys = Object.keys(v);
    const shuffled = seed % 2 ? keys.reverse() : [...keys.slice(seed % keys.length || 0), ...keys.slice(0, seed % keys.length || 0)];
    return Object.fromEntries(shuffled.map((k) => [k, reorder((v as Record<string, unknown>)[k], seed + 1)]));
  }
  return v;
}

describe("audit entry hash", () => {
  it("is a 64-hex sha256 and the genesis hash is 64 zeros", () => {
    expect(GENESIS_HASH).toBe("0".repeat(64));
    expect(entryHash(GENESIS_HASH, base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is deterministic", () => {
    expect(entryHash(GENESIS_HASH, base)).toBe(entryHash(GENESIS_HASH, structuredClone(base)));
  });

  it("does not depend on the key order of the payload (canonical JSON)", () => {
    const a = entryHash(GENESIS_HASH, { ...base, payload: { x: 1, y: { q: 2, p: [3, { d: 4, c: 5 }] } } });
    const b = entryHash(GENESIS_HASH, { ...base, payload: { y: { p: [3, { c: 5, d: 4 }], q: 2 }, x: 1 } });
    expect(a).toBe(b);
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.nat(), (payload, seed) => {
        const p = normalizePayload(payload);
        const shuffled = reorder(p, seed) as Record<string, unknown>;
        expect(entryHash(GENESIS_HASH, { ...base, payload: shuffled })).toBe(entryHash(GENESIS_HASH, { ...base, payload: p }));
      }),
      { numRuns: 200 },
    );
  });

  it("changes when any field, the payload or the previous hash changes", () => {
    const h = entryHash(GENESIS_HASH, base);
    const changes: Partial<ChainedFields>[] = [
      { chain: "agency-2" }, { at: new Date(base.at.getTime() + 1) }, { actorId: null }, { actorName: "Nguyễn Văn B" },
      { action: "org.user.update" }, { outcome: "refused" }, { objectType: "unit" }, { objectId: "43" }, { ip: "10.0.0.2" },
      { payload: { ...base.payload, username: "nguyen.b" } }, { payload: {} }, { payload: { ...base.payload, extra: null } },
    ];
    const seen = new Set([h]);
    for (const c of changes) {
      const h2 = entryHash(GENESIS_HASH, { ...base, ...c });
      expect(h2, JSON.stringify(c)).not.toBe(h);
      seen.add(h2);
    }
    expect(seen.size).toBe(changes.length + 1);
    expect(entryHash("1".repeat(64), base)).not.toBe(h);
  });

  it("does not confuse values across field boundaries", () => {
    // Concatenation ambiguity: "ab"+"c" and "a"+"bc" must hash differently.
    const a = entryHash(GENESIS_HASH, { ...base, actorName: "ab", action: "c" });
    const b = entryHash(GENESIS_HASH, { ...base, actorName: "a", action: "bc" });
    expect(a).not.toBe(b);
  });
});

describe("normalizePayload", () => {
  it("gives back what jsonb will return: no undefined, dates as strings, an empty object for none", () => {
    expect(normalizePayload(undefined)).toEqual({});
    const out = normalizePayload({ a: undefined, d: new Date("2026-01-02T03:04:05.000Z"), n: [1, undefined], s: "đ" });
    expect(out).toEqual({ d: "2026-01-02T03:04:05.000Z", n: [1, null], s: "đ" });
    expect("a" in out).toBe(false);
  });

  it("hashes the same before and after a JSON round trip", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (payload) => {
        const once = normalizePayload(payload);
        const twice = JSON.parse(JSON.stringify(once)) as Record<string, unknown>;
        expect(entryHash(GENESIS_HASH, { ...base, payload: twice })).toBe(entryHash(GENESIS_HASH, { ...base, payload: once }));
      }),
      { numRuns: 200 },
    );
  });
});
