// One result shape for every action (style.md rule 6).
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: string; formError: string; fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> };
