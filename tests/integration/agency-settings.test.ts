import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, storedFiles } from "@/db/schema";
import { executeAction } from "@/lib/actions/define";
import { loadActor } from "@/lib/auth/actor";
import { updateAgency } from "@/lib/org/actions";
import { agencyEmblemFile } from "@/lib/access/agency";
import { buildWorld, callerOf, keyed, type World } from "../factories/org";
import { MIME, storedFile } from "../factories/outgoing";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 11 item 14: the agency's name, parent, địa danh and emblem, set by its administrator.
describe.each(DB_KINDS)("agency settings on %s", (kind) => {
  let t: TestDb;
  let w: World;
  const run = (input: Record<string, unknown>) => executeAction(updateAgency, callerOf(w.people.admin.id), keyed(input), t.db);
  const base = { name: "Sở Nội vụ tỉnh Bình Định", parentName: "UBND tỉnh Bình Định", placeName: "Bình Định", emblemFileId: "" };
  const row = async () => (await t.db.select().from(agencies).where(eq(agencies.id, w.agencyId)))[0];

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
  });
  afterAll(async () => t?.drop());

  it("saves the name, the parent and the place name; no emblem means the default one", async () => {
    expect(await run(base)).toMatchObject({ ok: true });
    expect(await row()).toMatchObject({ name: base.name, parentName: base.parentName, placeName: "Bình Định", emblemFileId: null });
    const actor = (await loadActor(t.db, w.people.staff.id))!;
    expect(await agencyEmblemFile(t.db, actor)).toBeNull();
  });

  it("takes a PNG or JPEG emblem of at most 1 MB, refuses other types and larger images", async () => {
    const pdf = await storedFile(t.db, w.agencyId, w.people.admin.id, MIME.pdf);
    const r1 = await run({ ...base, emblemFileId: pdf });
    expect(r1).toMatchObject({ ok: false, code: "validation" });
    expect(!r1.ok && r1.fieldErrors?.emblemFileId?.[0]).toMatch(/PNG hoặc JPEG/);

    const big = await storedFile(t.db, w.agencyId, w.people.admin.id, MIME.png);
    await t.db.update(storedFiles).set({ size: 2 * 1024 * 1024 }).where(eq(storedFiles.id, big));
    const r2 = await run({ ...base, emblemFileId: big });
    expect(!r2.ok && r2.fieldErrors?.emblemFileId?.[0]).toBe("Biểu tượng không được lớn hơn 1 MB.");
    expect((await row()).emblemFileId).toBeNull();

    const png = await storedFile(t.db, w.agencyId, w.people.admin.id, MIME.png);
    expect(await run({ ...base, emblemFileId: png })).toMatchObject({ ok: true });
    expect((await row()).emblemFileId).toBe(png);
    // Everyone of the agency sees it in the header (a staff member who could not read the file otherwise).
    const staff = (await loadActor(t.db, w.people.staff.id))!;
    expect((await agencyEmblemFile(t.db, staff))?.id).toBe(png);
    // Saving again with the current emblem needs no new check; clearing it goes back to the default.
    expect(await run({ ...base, placeName: "Quy Nhơn", emblemFileId: png })).toMatchObject({ ok: true });
    expect(await run({ ...base, emblemFileId: "" })).toMatchObject({ ok: true });
    expect((await row()).emblemFileId).toBeNull();
  });

  it("refuses an emblem another person of the agency uploaded and the admin may not read", async () => {
    const clerkScan = await storedFile(t.db, w.agencyId, w.people.clerk.id, MIME.png);
    const r = await run({ ...base, emblemFileId: clerkScan });
    expect(r).toMatchObject({ ok: false, code: "forbidden" });
    expect(!r.ok && r.fieldErrors?.emblemFileId).toBeDefined();
    expect((await row()).emblemFileId).toBeNull();
  });
});
