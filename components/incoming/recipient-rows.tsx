"use client";

import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormDateField } from "@/components/ui/date-field";
import { ROLE_LABELS } from "@/lib/incoming/labels";
import type { RecipientOption } from "@/lib/incoming/options";

const cell = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

export const emptyRecipient = (role: "lead" | "coordinate" | "info" = "lead") => ({
  kind: "unit" as "unit" | "user",
  targetId: "",
  role,
  deadline: "",
  workingDays: "",
});

/**
 * Recipients of Chuyển xử lý: each a unit or a person, a role and its own deadline (a date, or a
 * number of working days). The option carries its kind, copied into the hidden `kind` field.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function RecipientRows({ form, options, errorOf }: { form: UseFormReturn<any>; options: RecipientOption[]; errorOf: (n: string) => string | undefined }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "recipients" });
  const units = options.filter((o) => o.kind === "unit");
  const people = options.filter((o) => o.kind === "user");
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Đơn vị, cá nhân nhận</legend>
      {fields.map((f, i) => (
        <div key={f.id} className="flex flex-wrap items-start gap-2" data-testid="recipient-row">
          <input type="hidden" {...form.register(`recipients.${i}.kind`)} />
          <label className="min-w-64 flex-1">
            <span className="sr-only">Người hoặc đơn vị nhận {i + 1}</span>
            <select
              className={`${cell} w-full`}
              aria-label={`Người hoặc đơn vị nhận ${i + 1}`}
              {...form.register(`recipients.${i}.targetId`, {
                onChange: (e) => form.setValue(`recipients.${i}.kind`, e.target.selectedOptions[0]?.dataset.kind ?? "unit"),
              })}
            >
              <option value="">— Chọn —</option>
              {units.length ? (
                <optgroup label="Đơn vị">
                  {units.map((o) => <option key={o.id} value={o.id} data-kind="unit">{o.label}</option>)}
                </optgroup>
              ) : null}
              {people.length ? (
                <optgroup label="Cá nhân">
                  {people.map((o) => <option key={o.id} value={o.id} data-kind="user">{o.label}</option>)}
                </optgroup>
              ) : null}
            </select>
          </label>
          <select className={cell} aria-label={`Vai trò ${i + 1}`} {...form.register(`recipients.${i}.role`)}>
            {Object.entries(ROLE_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
          <FormDateField id={`recipient-deadline-${i}`} label={`Hạn xử lý ${i + 1}`} hideLabel className="w-40" error={errorOf(`recipients.${i}.deadline`)} control={form.control} name={`recipients.${i}.deadline`} />
          <input type="number" min={1} className={`${cell} w-28`} placeholder="hoặc số ngày" aria-label={`Số ngày làm việc ${i + 1}`} {...form.register(`recipients.${i}.workingDays`)} />
          {fields.length > 1 ? (
            <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => remove(i)}>Bỏ</Button>
          ) : null}
          {errorOf(`recipients.${i}`) || errorOf(`recipients.${i}.targetId`) ? (
            <p role="alert" className="w-full text-sm text-red-700">{errorOf(`recipients.${i}`) ?? "Vui lòng chọn người hoặc đơn vị nhận."}</p>
          ) : null}
        </div>
      ))}
      <Button type="button" variant="secondary" className="px-3 py-1 text-xs" onClick={() => append(emptyRecipient("coordinate"))}>
        Thêm người/đơn vị nhận
      </Button>
      {errorOf("recipients") ? <p role="alert" className="text-sm text-red-700">{errorOf("recipients")}</p> : null}
    </fieldset>
  );
}
