import { and, eq } from "drizzle-orm";
import { filePlanItems, filePlans, workFiles } from "@/db/schema";
import { addDocument, closeFile, openFromItem, reconcileFile } from "@/lib/work-files/actions";
import { acceptBatch, handOver } from "@/lib/work-files/handover";
import type { DemoContext } from "./demo-context";
import { demoIncoming, demoOutgoing, type DemoFile } from "./demo-story-data";

/** A work file of the year's plan: opened, documents added, then closed, reconciled, handed over and accepted as its story goes. */
export function workFileStory(c: DemoContext, s: DemoFile, ids: Map<string, string>) {
  const id = () => ids.get(s.key)!;
  c.at(s.open, async () => {
    const [item] = await c.db
      .select({ id: filePlanItems.id })
      .from(filePlanItems)
      .innerJoin(filePlans, eq(filePlans.id, filePlanItems.planId))
      .where(and(eq(filePlanItems.code, s.item), eq(filePlans.year, Number(c.day(0).slice(0, 4)))));
    ids.set(s.key, (await c.act(openFromItem, s.owner, { itemId: item.id })).id);
  });
  for (const [at, kind, doc] of s.add) {
    c.at(at, () => c.act(addDocument, s.owner, { fileId: id(), kind, documentId: ids.get(doc)! }));
  }
  if (s.close != null) {
    c.at(s.close, async () => {
      // The dates and pages the documents will show once the seed has put every step on its day.
      const docs = s.add.map(([, kind, key]) => {
        if (kind === "incoming") {
          const d = demoIncoming.find((x) => x.key === key)!;
          return { date: c.date(d.reg, -(d.dated ?? 2), 0), pages: d.pages };
        }
        const d = demoOutgoing.find((x) => x.key === key)!;
        return { date: c.day(d.steps.issue!), pages: 2 };
      });
      const dates = docs.map((d) => d.date).sort();
      const pages = docs.reduce((n, d) => n + d.pages, 0);
      const [file] = await c.db.select({ title: workFiles.title, retentionCode: workFiles.retentionCode }).from(workFiles).where(eq(workFiles.id, id()));
      await c.act(closeFile, s.owner, {
        id: id(), title: file.title, startDate: dates[0], endDate: dates.at(-1)!, retentionCode: file.retentionCode, sheets: pages, pages,
        rights: "Hạn chế", language: "Tiếng Việt", description: "",
      });
    });
  }
  if (s.reconcile != null) c.at(s.reconcile, () => c.act(reconcileFile, s.owner, { id: id(), reconciled: true, note: "Khớp với hồ sơ giấy." }));
  if (s.handOver) {
    const { at, title } = s.handOver;
    c.at(at, async () => {
      const [file] = await c.db.select({ unitId: workFiles.unitId, year: workFiles.year }).from(workFiles).where(eq(workFiles.id, id()));
      const batch = await c.act(handOver, s.owner, { unitId: file.unitId, year: file.year, fileIds: [id()], title, condition: "Tài liệu còn tốt", boxes: 1, shelfMeters: "0,1" });
      ids.set(`${s.key}:batch`, batch.id);
    });
  }
  if (s.accept != null) c.at(s.accept, () => c.act(acceptBatch, "luutru", { id: ids.get(`${s.key}:batch`)! }));
}
