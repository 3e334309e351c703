import { z } from "zod";
import { DOC_TYPES } from "@/lib/doc-types";
import { param } from "@/lib/search-params";
import { flag, idOf, requiredDate, text, uuid } from "@/lib/validation";
import { DELEGATION_FORMS, DELEGATION_TABS } from "./labels";

/** Ghi nhận ủy quyền ký: who signs for whom, in which form, for which types, from when to when (dd/mm/yyyy, Vietnam days, both included). */
export const createDelegationSchema = z
  .object({
    delegatorId: idOf("người ủy quyền"),
    delegateId: idOf("người được ủy quyền"),
    form: z.enum(DELEGATION_FORMS, "Vui lòng chọn hình thức ký."),
    allTypes: flag.default(true),
    // A group of checkboxes sends one value, several, or false when none is ticked.
    docTypes: z.preprocess(
      (v) => (Array.isArray(v) ? v : typeof v === "string" && v ? [v] : v == null || v === false ? [] : v),
      z.array(z.enum(DOC_TYPES, "Loại văn bản không hợp lệ.")).max(DOC_TYPES.length),
    ).default([]),
    validFrom: requiredDate("Từ ngày"),
    validTo: requiredDate("Đến ngày", { notBeforeToday: "Đến ngày không được trước ngày hôm nay" }),
    note: text("ghi chú", 500, false),
  })
  .refine((v) => v.delegatorId !== v.delegateId, { message: "Người được ủy quyền phải khác người ủy quyền.", path: ["delegateId"] })
  .refine((v) => v.allTypes || v.docTypes.length > 0, { message: "Vui lòng chọn ít nhất một loại văn bản, hoặc chọn tất cả.", path: ["docTypes"] })
  .refine((v) => !v.validFrom || !v.validTo || v.validFrom <= v.validTo, { message: "Đến ngày không được trước Từ ngày.", path: ["validTo"] });
export type CreateDelegationInput = z.input<typeof createDelegationSchema>;

export const revokeDelegationSchema = z.object({ id: uuid, reason: text("lý do thu hồi", 1000) });

/** /delegations: the tab and the page. */
export const delegationListSearchSchema = z.object({
  tab: param.enum(DELEGATION_TABS),
  page: param.int(1, 10_000),
});
