import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { filePlanHeadings, filePlanItems, filePlans, retentionPeriods, units, users, workFiles, type FilePlan, type FilePlanHeading, type FilePlanItem } from "@/db/schema";
import { assertUsable } from "@/lib/access/use";
import { defineAction } from "@/lib/actions/define";
import { conflict, invalid, notFound } from "@/lib/errors";
import { fileCodeOf } from "./labels";
import { createPlanSchema, headingSchema, idSchema, planItemSchema } from "./schemas";

// Danh mục hồ sơ (NĐ 30/2020 Điều 28, Phụ lục V), kept by the archivist: main headings in Roman
// numerals, items numbered across the whole list from 01 by the plan row's counter.

const PATHS = ["/files", "/files/plan"];
const audit = (id: string, payload?: Record<string, unknown>) => ({ objectType: "file_plan", objectId: id, payload });

export async function lockPlan(tx: Tx, id: string) {
  const [plan] = await tx.select().from(filePlans).where(eq(filePlans.id, id)).for("update");
  if (!plan) throw notFound();
  return plan;
}

async function checkRetention(tx: Tx, code: string, field = "retentionCode") {
  const [r] = await tx.select({ code: retentionPeriods.code }).from(retentionPeriods).where(eq(retentionPeriods.code, code));
  if (!r) throw invalid({ [field]: ["Vui lòng chọn thời hạn bảo quản."] });
}

async function checkOwner(tx: Tx, agencyId: string, unitId: string | null, userId: string | null) {
  if (unitId) {
    const [u] = await tx.select({ id: units.id }).from(units).where(and(eq(units.id, unitId), eq(units.agencyId, agencyId)));
    if (!u) throw invalid({ ownerUnitId: ["Đơn vị không hợp lệ."] });
  }
  if (userId) {
    const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, userId), eq(users.agencyId, agencyId), eq(users.active, true)));
    if (!u) throw invalid({ ownerUserId: ["Người lập hồ sơ không hợp lệ."] });
  }
}

/** A heading of this plan (from the form, so checked against the plan). */
export async function planHeading(tx: Tx, planId: string, headingId: string): Promise<FilePlanHeading> {
  const [heading] = await tx.select().from(filePlanHeadings).where(and(eq(filePlanHeadings.id, headingId), eq(filePlanHeadings.planId, planId)));
  if (!heading) throw invalid({ headingId: ["Vui lòng chọn đề mục của danh mục này."] });
  return heading;
}

type ItemFields = Pick<FilePlanItem, "title" | "retentionCode" | "ownerUnitId" | "ownerUserId" | "note"> & { adHoc?: boolean };

/** The plan's next item: the number after the counter's (the plan row is locked by the caller), its code from the heading. */
export async function appendItem(tx: Tx, plan: FilePlan, heading: Pick<FilePlanHeading, "id" | "abbr">, fields: ItemFields): Promise<FilePlanItem> {
  const number = plan.lastNo + 1;
  await tx.update(filePlans).set({ lastNo: number, updatedAt: new Date() }).where(eq(filePlans.id, plan.id));
  plan.lastNo = number;
  const [item] = await tx
    .insert(filePlanItems)
    .values({ planId: plan.id, headingId: heading.id, number, code: fileCodeOf(number, heading.abbr), ...fields })
    .returning()
    .catch((e) => {
      // A retention code missing from the lookup table.
      if ((e as { cause?: { code?: string } }).cause?.code === "23503") throw invalid({ retentionCode: ["Vui lòng chọn thời hạn bảo quản."] });
      throw e;
    });
  return item;
}

/** Lập Danh mục hồ sơ of a year: empty, or a copy of an earlier year's headings and items (ad-hoc files left out, numbers from 01 again). */
export const createPlan = defineAction({
  name: "files.plan.create",
  idempotent: true,
  schema: createPlanSchema,
  verb: "files.plan",
  load: async ({ actor, input, tx }) => {
    if (input.copyFrom == null) return null;
    const [from] = await tx.select().from(filePlans).where(and(eq(filePlans.agencyId, actor.agencyId), eq(filePlans.year, input.copyFrom)));
    if (!from) throw invalid({ copyFrom: [`Chưa có Danh mục hồ sơ năm ${input.copyFrom} để sao chép.`] });
    return from;
  },
  authorize: () => true,
  run: async ({ actor, input, tx, target: from }) => {
    const [plan] = await tx
      .insert(filePlans)
      .values({ agencyId: actor.agencyId, year: input.year, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!plan) throw conflict(`Danh mục hồ sơ năm ${input.year} đã có.`);
    let copied = 0;
    if (from) {
      const headings = await tx.select().from(filePlanHeadings).where(eq(filePlanHeadings.planId, from.id)).orderBy(asc(filePlanHeadings.sortOrder));
      const items = await tx
        .select()
        .from(filePlanItems)
        .where(and(eq(filePlanItems.planId, from.id), eq(filePlanItems.adHoc, false)))
        .orderBy(asc(filePlanItems.number));
      const idOf = new Map<string, { id: string; abbr: string }>();
      for (const h of headings) {
        const [n] = await tx.insert(filePlanHeadings).values({ planId: plan.id, sortOrder: h.sortOrder, abbr: h.abbr, title: h.title }).returning();
        idOf.set(h.id, { id: n.id, abbr: n.abbr });
      }
      for (const it of items) {
        const h = idOf.get(it.headingId)!;
        copied++;
        await tx.insert(filePlanItems).values({
          planId: plan.id, headingId: h.id, number: copied, code: fileCodeOf(copied, h.abbr), title: it.title,
          retentionCode: it.retentionCode, ownerUnitId: it.ownerUnitId, ownerUserId: it.ownerUserId, note: it.note,
        });
      }
      await tx.update(filePlans).set({ lastNo: copied }).where(eq(filePlans.id, plan.id));
    }
    return { data: { id: plan.id, copied }, audit: audit(plan.id, { year: input.year, copyFrom: input.copyFrom, copied }) };
  },
  revalidate: PATHS,
});

/** Adds or renames a main heading; its abbreviation ends its items' codes, so it is fixed once a file is opened under it. */
export const saveHeading = defineAction({
  name: "files.plan.heading",
  idempotent: true,
  schema: headingSchema,
  verb: "files.plan",
  load: ({ input, tx }) => lockPlan(tx, input.planId),
  authorize: ({ actor, target }) => target.agencyId === actor.agencyId,
  run: async ({ actor, input, tx, target: plan }) => {
    await assertUsable(tx, actor, { id: ["planHeading", input.id] });
    const [clash] = await tx
      .select({ id: filePlanHeadings.id })
      .from(filePlanHeadings)
      .where(and(eq(filePlanHeadings.planId, plan.id), eq(filePlanHeadings.abbr, input.abbr)));
    if (clash && clash.id !== input.id) throw invalid({ abbr: [`Ký hiệu đề mục ${input.abbr} đã có trong danh mục.`] });
    if (!input.id) {
      const [{ max }] = await tx
        .select({ max: sql<number>`coalesce(max(${filePlanHeadings.sortOrder}), 0)`.mapWith(Number) })
        .from(filePlanHeadings)
        .where(eq(filePlanHeadings.planId, plan.id));
      const [h] = await tx.insert(filePlanHeadings).values({ planId: plan.id, sortOrder: max + 1, abbr: input.abbr, title: input.title }).returning();
      return { data: { id: h.id }, audit: audit(plan.id, { heading: h.id, abbr: h.abbr }) };
    }
    const [h] = await tx.select().from(filePlanHeadings).where(and(eq(filePlanHeadings.id, input.id), eq(filePlanHeadings.planId, plan.id)));
    if (!h) throw notFound();
    if (h.abbr !== input.abbr) {
      const [opened] = await tx
        .select({ id: workFiles.id })
        .from(workFiles)
        .innerJoin(filePlanItems, eq(filePlanItems.id, workFiles.planItemId))
        .where(eq(filePlanItems.headingId, h.id))
        .limit(1);
      if (opened) throw invalid({ abbr: ["Đã có hồ sơ được mở theo đề mục này, không đổi được ký hiệu."] });
      const items = await tx.select().from(filePlanItems).where(eq(filePlanItems.headingId, h.id));
      for (const it of items) await tx.update(filePlanItems).set({ code: fileCodeOf(it.number, input.abbr) }).where(eq(filePlanItems.id, it.id));
    }
    await tx.update(filePlanHeadings).set({ abbr: input.abbr, title: input.title }).where(eq(filePlanHeadings.id, h.id));
    return { data: { id: h.id }, audit: audit(plan.id, { heading: h.id, abbr: input.abbr }) };
  },
  revalidate: PATHS,
});

/** Adds an item (the next số hồ sơ of the plan) or edits one; a file already opened keeps its code, so its heading stays. */
export const saveItem = defineAction({
  name: "files.plan.item",
  idempotent: true,
  schema: planItemSchema,
  verb: "files.plan",
  load: ({ input, tx }) => lockPlan(tx, input.planId),
  authorize: ({ actor, target }) => target.agencyId === actor.agencyId,
  run: async ({ actor, input, tx, target: plan }) => {
    await assertUsable(tx, actor, {
      id: ["planItem", input.id], headingId: ["planHeading", input.headingId],
      ownerUnitId: ["unit", input.ownerUnitId, "Đơn vị không hợp lệ."], ownerUserId: ["user", input.ownerUserId, "Người lập hồ sơ không hợp lệ."],
    });
    const heading = await planHeading(tx, plan.id, input.headingId);
    await checkRetention(tx, input.retentionCode);
    await checkOwner(tx, actor.agencyId, input.ownerUnitId, input.ownerUserId);
    const fields = {
      title: input.title, retentionCode: input.retentionCode, ownerUnitId: input.ownerUnitId, ownerUserId: input.ownerUserId, note: input.note,
    };
    if (!input.id) {
      const item = await appendItem(tx, plan, heading, fields);
      return { data: { id: item.id, code: item.code }, audit: audit(plan.id, { item: item.id, code: item.code }) };
    }
    const [item] = await tx.select().from(filePlanItems).where(and(eq(filePlanItems.id, input.id), eq(filePlanItems.planId, plan.id)));
    if (!item) throw notFound();
    const [opened] = await tx.select({ id: workFiles.id }).from(workFiles).where(eq(workFiles.planItemId, item.id));
    if (opened && item.headingId !== heading.id) throw invalid({ headingId: ["Hồ sơ của mục này đã được mở, không chuyển được sang đề mục khác."] });
    const code = fileCodeOf(item.number, heading.abbr);
    await tx.update(filePlanItems).set({ ...fields, headingId: heading.id, code }).where(eq(filePlanItems.id, item.id));
    return { data: { id: item.id, code }, audit: audit(plan.id, { item: item.id, code }) };
  },
  revalidate: PATHS,
});

/** Removes the plan's last item if no file was opened from it (numbers stay gapless); any other item is edited instead. */
export const deleteItem = defineAction({
  name: "files.plan.itemDelete",
  schema: idSchema,
  verb: "files.plan",
  load: async ({ input, tx }) => {
    const [item] = await tx.select().from(filePlanItems).where(eq(filePlanItems.id, input.id));
    if (!item) throw notFound();
    return { item, plan: await lockPlan(tx, item.planId) };
  },
  authorize: ({ actor, target }) => target.plan.agencyId === actor.agencyId,
  run: async ({ tx, target: { item, plan } }) => {
    const [opened] = await tx.select({ id: workFiles.id }).from(workFiles).where(eq(workFiles.planItemId, item.id));
    if (opened) throw conflict(`Đã có hồ sơ mở theo mục ${item.code}, không xóa được.`);
    if (item.number !== plan.lastNo) throw conflict(`Chỉ xóa được mục cuối cùng của danh mục (số ${String(plan.lastNo).padStart(2, "0")}), để số hồ sơ liên tục; hãy sửa mục ${item.code}.`);
    await tx.delete(filePlanItems).where(eq(filePlanItems.id, item.id));
    await tx.update(filePlans).set({ lastNo: plan.lastNo - 1, updatedAt: new Date() }).where(eq(filePlans.id, plan.id));
    return { data: { id: item.id }, audit: audit(plan.id, { deleted: item.code }) };
  },
  revalidate: PATHS,
});
