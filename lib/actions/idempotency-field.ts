// Shared by the forms (which mint the key) and the action wrapper (which honours it); no server code here.

/** The input field carrying a form's idempotency key (see lib/actions/idempotency.ts). */
export const IDEMPOTENCY_FIELD = "idempotencyKey";

/**
 * A fresh random key (UUID v4). `crypto.randomUUID` exists only in secure contexts (https, localhost);
 * an intranet deployment on plain http still has `crypto.getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The input with the form's key added (inputs that are not objects are sent as they are). */
export function withIdempotencyKey<I>(input: I, key: string): I {
  return input && typeof input === "object" && !Array.isArray(input) ? { ...input, [IDEMPOTENCY_FIELD]: key } : input;
}
