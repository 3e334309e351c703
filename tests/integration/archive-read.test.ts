import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workFileEvents } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { canReadFile } from "@/lib/access/files";
import { usableOf } from "@/lib/access/use";
import { getIncoming, listIncoming } from "@/lib/incoming/queries";
import { getOutgoing } from "@/lib/outgoing/queries";
import { logArchivedDocumentView } from "@/lib/work-files/queries";
import { buildWorld, type World } from "../factories/org";
import { storedFile, MIME } from "../factories/outgoing";
import { addEntry, buildBatch, buildPlan, buildWorkFile, incomingEntryDoc, outgoingEntryDoc, type PlanWorld } from "../factories/work-files";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 11 item 6: the archivist opens the documents of a work file handed over to the agency
// archive (she reads the file, so she reads what it holds; lib/access/work-files.ts inArchiveOf),
// never those of a file still with its unit, nor a secret one, nor another agency's; each view of a
// document of an archived file is written on that file's trail.

describe.each(DB_KINDS)("the archivist reads archived documents on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  let plan: PlanWorld;
  const docs = {} as Record<"archivedIn" | "archivedOut" | "submittedIn" | "openIn" | "secretIn" | "foreignIn", string>;
  let archivedFile: string;
  let fileOnArchivedDoc: string;
  const actor = async (userId: string): Promise<Actor> => (await loadActor(t.db, userId))!;

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    plan = await buildPlan(t.db, w, 2026);
    fileOnArchivedDoc = await storedFile(t.db, w.agencyId, w.people.clerk.id, MIME.pdf);
    docs.archivedIn = await incomingEntryDoc(t.db, w, [fileOnArchivedDoc], { symbol: "1/UBND-VX" });
    docs.archivedOut = await outgoingEntryDoc(t.db, w, null, { symbol: "2/QĐ-SNV" });
    docs.submittedIn = await incomingEntryDoc(t.db, w, [], { symbol: "3/UBND-VX" });
    docs.openIn = await incomingEntryDoc(t.db, w, [], { symbol: "4/UBND-VX" });
    docs.secretIn = await incomingEntryDoc(t.db, w, [], { symbol: "5/UBND-VX", secrecy: "secret" });
    docs.foreignIn = await incomingEntryDoc(t.db, other, [], { symbol: "6/UBND-VX" });

    const accepted = await buildBatch(t.db, w, { year: 2026, status: "accepted" });
    const submitted = await buildBatch(t.db, w, { year: 2026 });
    archivedFile = await buildWorkFile(t.db, w, { itemId: plan.items.person, year: 2026, code: "01.TCCB", title: "Tuyển dụng", status: "archived", batchId: accepted });
    const handed = await buildWorkFile(t.db, w, { itemId: plan.items.unit, year: 2026, code: "02.TCCB", title: "Nâng lương", status: "closed", batchId: submitted });
    const open = await buildWorkFile(t.db, w, { itemId: plan.items.office, year: 2026, code: "03.VP", title: "Hội nghị" });
    await addEntry(t.db, archivedFile, 1, { kind: "incoming", incomingId: docs.archivedIn });
    await addEntry(t.db, archivedFile, 2, { kind: "outgoing", outgoingId: docs.archivedOut });
    await addEntry(t.db, archivedFile, 3, { kind: "incoming", incomingId: docs.secretIn });
    await addEntry(t.db, handed, 1, { kind: "incoming", incomingId: docs.submittedIn });
    await addEntry(t.db, open, 1, { kind: "incoming", incomingId: docs.openIn });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("opens the incoming and outgoing documents of a file handed to or kept by the archive, and their files", async () => {
    const archivist = await actor(w.people.archivist.id);
    expect((await getIncoming(archivist, docs.archivedIn, t.db))?.doc.symbol).toBe("1/UBND-VX");
    expect((await getIncoming(archivist, docs.submittedIn, t.db))?.doc.symbol).toBe("3/UBND-VX");
    expect((await getOutgoing(archivist, docs.archivedOut, t.db))?.doc.symbol).toBe("2/QĐ-SNV");
    expect(await canReadFile(t.db, archivist, fileOnArchivedDoc)).toBe(true);
    // The same rule everywhere: the ids she may use in input, and the list.
    expect(await usableOf(t.db, archivist, "incoming", Object.values(docs))).toEqual(new Set([docs.archivedIn, docs.submittedIn]));
    const listed = (await listIncoming(archivist, {}, t.db)).rows.map((r) => r.id);
    expect(new Set(listed)).toEqual(new Set([docs.archivedIn, docs.submittedIn]));
  });

  it("not the documents of a file still with its unit, a secret one, nor another agency's; nobody else gains them", async () => {
    const archivist = await actor(w.people.archivist.id);
    expect(await getIncoming(archivist, docs.openIn, t.db)).toBeNull();
    expect(await getIncoming(archivist, docs.secretIn, t.db)).toBeNull();
    expect(await getIncoming(archivist, docs.foreignIn, t.db)).toBeNull();
    expect(await getIncoming(await actor(other.people.archivist.id), docs.archivedIn, t.db)).toBeNull();
    // A staff member off the trail and an administrator read nothing through the archive.
    expect(await getIncoming(await actor(w.people.admin.id), docs.archivedIn, t.db)).toBeNull();
    expect(await getIncoming(await actor(w.people.checker.id), docs.archivedIn, t.db)).toBeNull();
    expect(await getOutgoing(await actor(w.people.checker.id), docs.archivedOut, t.db)).toBeNull();
  });

  it("writes each view of a document of an archived file on that file's trail", async () => {
    const archivist = await actor(w.people.archivist.id);
    const views = async () =>
      (await t.db.select().from(workFileEvents).where(eq(workFileEvents.fileId, archivedFile))).filter((e) => e.kind === "viewed");
    const before = (await views()).length;
    await logArchivedDocumentView(archivist, "incoming", docs.archivedIn, "Xem văn bản đến 1/UBND-VX", t.db);
    await logArchivedDocumentView(archivist, "outgoing", docs.archivedOut, "Xem văn bản đi 2/QĐ-SNV", t.db);
    const after = await views();
    expect(after.length).toBe(before + 2);
    expect(after.slice(-2).map((e) => [e.actorId, e.actorName, e.text, e.payload])).toEqual([
      [w.people.archivist.id, archivist.fullName, "Xem văn bản đến 1/UBND-VX", { incoming: docs.archivedIn }],
      [w.people.archivist.id, archivist.fullName, "Xem văn bản đi 2/QĐ-SNV", { outgoing: docs.archivedOut }],
    ]);
    // A document of a file not yet accepted is not an archive view; someone without files.accept is not logged here.
    await logArchivedDocumentView(archivist, "incoming", docs.submittedIn, "x", t.db);
    await logArchivedDocumentView(await actor(w.people.leader.id), "incoming", docs.archivedIn, "y", t.db);
    expect((await views()).length).toBe(before + 2);
  });
});
