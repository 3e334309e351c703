"use client";

import {
  createPlanAction, openAdHocAction, saveHeadingAction, savePlanItemAction,
} from "@/lib/server-actions/work-files";
import { SelectField, TextField } from "@/components/ui/field";
import { StepForm, TextArea } from "@/components/ui/step-form";
import { createPlanSchema, headingSchema, openAdHocSchema, planItemSchema } from "@/lib/work-files/schemas";
import { useRouter } from "next/navigation";

export type Option = { id: string; label: string };
export type Retention = { code: string; label: string };
export type Heading = { id: string; abbr: string; title: string; numeral: string };
export type PlanItem = {
  id: string; headingId: string; title: string; retentionCode: string; ownerUnitId: string | null; ownerUserId: string | null; note: string;
};

/** Lập Danh mục hồ sơ of a year: empty, or copied from an earlier year. */
export function CreatePlanForm({ year, years }: { year: number; years: number[] }) {
  return (
    <StepForm label={`Lập Danh mục hồ sơ năm ${year}`} schema={createPlanSchema} action={createPlanAction} defaultValues={{ year, copyFrom: years[0] ?? "" }}>
      {({ form, errorOf }) => (
        <SelectField id="plan-copyFrom" label="Nội dung ban đầu" error={errorOf("copyFrom")} {...form.register("copyFrom")}>
          <option value="">Danh mục trống</option>
          {years.map((y) => <option key={y} value={y}>Sao chép từ Danh mục hồ sơ năm {y}</option>)}
        </SelectField>
      )}
    </StepForm>
  );
}

/** Thêm hoặc đổi tên một đề mục lớn. */
export function HeadingForm({ planId, heading }: { planId: string; heading?: Heading }) {
  const key = heading?.id ?? "new";
  return (
    <StepForm
      label={heading ? "Lưu đề mục" : "Thêm đề mục"}
      schema={headingSchema}
      action={saveHeadingAction}
      defaultValues={{ planId, id: heading?.id ?? "", abbr: heading?.abbr ?? "", title: heading?.title ?? "" }}
      variant="secondary"
      success={heading ? "Đã lưu đề mục." : "Đã thêm đề mục."}
    >
      {({ form, errorOf }) => (
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField id={`heading-abbr-${key}`} label="Ký hiệu đề mục" hint="Viết hoa, ví dụ TCCB" error={errorOf("abbr")} {...form.register("abbr")} />
          <div className="sm:col-span-2">
            <TextField id={`heading-title-${key}`} label="Tên đề mục" error={errorOf("title")} {...form.register("title")} />
          </div>
        </div>
      )}
    </StepForm>
  );
}

/** Thêm hoặc sửa một hồ sơ của danh mục: đề mục, tiêu đề, thời hạn bảo quản, đơn vị hoặc người lập hồ sơ. */
export function ItemForm({ planId, headings, retentions, units, people, item }: {
  planId: string; headings: Heading[]; retentions: Retention[]; units: Option[]; people: Option[]; item?: PlanItem;
}) {
  const key = item?.id ?? "new";
  return (
    <StepForm
      label={item ? "Lưu hồ sơ" : "Thêm hồ sơ vào danh mục"}
      schema={planItemSchema}
      action={savePlanItemAction}
      defaultValues={{
        planId, id: item?.id ?? "", headingId: item?.headingId ?? headings[0]?.id ?? "", title: item?.title ?? "",
        retentionCode: item?.retentionCode ?? "", ownerUnitId: item?.ownerUnitId ?? "", ownerUserId: item?.ownerUserId ?? "", note: item?.note ?? "",
      }}
      variant="secondary"
      success={item ? "Đã lưu hồ sơ của danh mục." : "Đã thêm hồ sơ vào danh mục."}
    >
      {({ form, errorOf }) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField id={`item-heading-${key}`} label="Đề mục" error={errorOf("headingId")} {...form.register("headingId")}>
            <option value="">Chọn đề mục</option>
            {headings.map((h) => <option key={h.id} value={h.id}>{h.numeral}. {h.title}</option>)}
          </SelectField>
          <SelectField id={`item-retention-${key}`} label="Thời hạn bảo quản" error={errorOf("retentionCode")} {...form.register("retentionCode")}>
            <option value="">Chọn thời hạn bảo quản</option>
            {retentions.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
          </SelectField>
          <div className="sm:col-span-2">
            <TextArea id={`item-title-${key}`} label="Tiêu đề hồ sơ" error={errorOf("title")} {...form.register("title")} />
          </div>
          <SelectField id={`item-unit-${key}`} label="Đơn vị lập hồ sơ" error={errorOf("ownerUnitId")} {...form.register("ownerUnitId")}>
            <option value="">Không chỉ định</option>
            {units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
          </SelectField>
          <SelectField id={`item-user-${key}`} label="Người lập hồ sơ" error={errorOf("ownerUserId")} {...form.register("ownerUserId")}>
            <option value="">Không chỉ định</option>
            {people.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
          </SelectField>
          <div className="sm:col-span-2">
            <TextField id={`item-note-${key}`} label="Ghi chú" error={errorOf("note")} {...form.register("note")} />
          </div>
        </div>
      )}
    </StepForm>
  );
}

/** Mở hồ sơ ngoài danh mục (NĐ 30 Điều 29.1): it takes the plan's next number under the chosen heading. */
export function AdHocForm({ planId, headings, retentions }: { planId: string; headings: Heading[]; retentions: Retention[] }) {
  const router = useRouter();
  return (
    <StepForm
      label="Mở hồ sơ ngoài danh mục"
      schema={openAdHocSchema}
      action={async (v) => {
        const r = await openAdHocAction(v);
        if (r.ok) router.push(`/files/${(r.data as { id: string }).id}`);
        return r;
      }}
      defaultValues={{ planId, headingId: "", title: "", retentionCode: "", note: "" }}
    >
      {({ form, errorOf }) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField id="adhoc-heading" label="Đề mục" error={errorOf("headingId")} {...form.register("headingId")}>
            <option value="">Chọn đề mục</option>
            {headings.map((h) => <option key={h.id} value={h.id}>{h.numeral}. {h.title}</option>)}
          </SelectField>
          <SelectField id="adhoc-retention" label="Thời hạn bảo quản" error={errorOf("retentionCode")} {...form.register("retentionCode")}>
            <option value="">Chọn thời hạn bảo quản</option>
            {retentions.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
          </SelectField>
          <div className="sm:col-span-2">
            <TextArea id="adhoc-title" label="Tiêu đề hồ sơ" error={errorOf("title")} {...form.register("title")} />
          </div>
          <div className="sm:col-span-2">
            <TextField id="adhoc-note" label="Ghi chú" error={errorOf("note")} {...form.register("note")} />
          </div>
        </div>
      )}
    </StepForm>
  );
}
