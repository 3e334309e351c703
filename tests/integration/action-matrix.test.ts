import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { collectActions, MATRIX } from "./matrix/manifest";
import { buildMatrix, isNa, type Matrix } from "./matrix/world";

// The action matrix (security.md §5 row 1, issue 10): every action refuses an anonymous caller, a
// position without the right, another agency's or unit's row, and a foreign id in each id field of
// its input, and a refusal changes no table. tests/integration/action-manifest.test.ts checks that
// every action has its row here.

describe.each(DB_KINDS)("action matrix on %s", (kind) => {
  let t: TestDb;
  let m: Matrix;

  beforeAll(async () => {
    t = await createTestDb(kind);
    m = await buildMatrix(t.db);
  });
  afterAll(async () => t?.drop());

  it("refuses every action to an anonymous caller, writing nothing", async () => {
    const { defs } = await collectActions();
    for (const def of defs) await m.refused(def, null, { id: m.w.agencyId }, { code: "unauthenticated" });
    expect(defs.length).toBeGreaterThanOrEqual(56);
  });

  const rows = MATRIX.flatMap((c) =>
    (["wrongPosition", "foreignRow", "foreignIds"] as const).flatMap((k) => {
      const run = c[k];
      return isNa(run) ? [] : [[`${c.def.name}: ${k}`, run] as const];
    }),
  );
  it.each(rows)("%s", async (_name, run) => {
    await run(m);
  });
});
