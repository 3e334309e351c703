import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { IDEMPOTENCY_FIELD, newIdempotencyKey, withIdempotencyKey } from "@/lib/actions/idempotency-field";

// The key a form mints when it is rendered: a UUID the server accepts, also on plain http where
// the browser has no crypto.randomUUID (an intranet address is not a secure context).

describe("a form's idempotency key", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is a UUID the server accepts, fresh each time", () => {
    const keys = Array.from({ length: 50 }, newIdempotencyKey);
    for (const k of keys) expect(z.uuid().safeParse(k).success, k).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("is a valid random UUID (v4) without crypto.randomUUID", () => {
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: real.getRandomValues.bind(real) });
    const keys = Array.from({ length: 50 }, newIdempotencyKey);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("is added to object inputs only", () => {
    expect(withIdempotencyKey({ id: "x" }, "k")).toEqual({ id: "x", [IDEMPOTENCY_FIELD]: "k" });
    expect(withIdempotencyKey(undefined, "k")).toBeUndefined();
    expect(withIdempotencyKey(["a"], "k")).toEqual(["a"]);
  });
});
