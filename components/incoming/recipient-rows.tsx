"use client";

import { useMemo, useState } from "react";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { useLoadedList } from "@/components/ui/use-loaded-list";
import { FormDateField } from "@/components/ui/date-field";
import { ROLE_LABELS } from "@/lib/incoming/labels";
import type { RecipientOption } from "@/lib/incoming/options";
import { searchKey } from "@/lib/validation";

const cell = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600";
const caption = "block text-xs font-medium text-slate-700";

export const emptyRecipient = (role: "lead" | "coordinate" | "info" = "lead") => ({
  kind: "unit" as "unit" | "user",
  targetId: "",
  role,
  deadline: "",
  workingDays: "",
});

/** The agency's people of a leader's form, asked for when it opens (app/api/incoming/assign-people). */
export const ASSIGN_PEOPLE_URL = "/api/incoming/assign-people";

/** The options under their headings, in the order the server gave them (lib/incoming/options.ts). */
function grouped(options: RecipientOption[]): [string, RecipientOption[]][] {
  const groups = new Map<string, RecipientOption[]>();
  for (const o of options) {
    const g = o.group ?? (o.kind === "unit" ? "Đơn vị" : "Cá nhân");
    groups.set(g, [...(groups.get(g) ?? []), o]);
  }
  return [...groups];
}

/** What a search found, said politely; while the people are loading, that they are. */
function foundNote(found: number, loading: boolean): string {
  const more = loading ? "Đang tải danh sách cá nhân…" : "";
  if (!found) return more || "Không tìm thấy người hoặc đơn vị phù hợp.";
  return `${found} kết quả; Enter để chọn kết quả đầu tiên.${more ? ` ${more}` : ""}`;
}

/** Accent- and case-insensitive: "phong to chuc" finds "Phòng Tổ chức…", "duc" finds "Phan Văn Đức". */
const matches = (o: RecipientOption, q: string) => !q || searchKey(`${o.label} ${o.group ?? ""}`).includes(q);

/**
 * Recipients of Chuyển xử lý: each row a unit or a person (grouped, with a search), a role and its own
 * deadline (a date, or a number of working days). The option carries its kind, copied into the
 * hidden `kind` field. Every field has its label; a row's errors are linked to the fields they concern.
 */
export function RecipientRows({
  form,
  errorOf,
  idPrefix = "recipient",
  options: given,
  morePeopleUrl,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: UseFormReturn<any>;
  options: RecipientOption[];
  errorOf: (n: string) => string | undefined;
  /** Distinguishes the rows of two forms on one page (the leader's and a unit head's). */
  idPrefix?: string;
  /** Where the rest of the list (the units' people) is asked for when the form opens; they come after `options`. */
  morePeopleUrl?: string;
}) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "recipients" });
  const [queries, setQueries] = useState<Record<string, string>>({});
  const { list: more, error: moreError } = useLoadedList<RecipientOption>(
    morePeopleUrl,
    "people",
    "Chưa tải được danh sách cá nhân của các đơn vị. Vẫn chọn được lãnh đạo và đơn vị; tải lại trang để thử lại.",
  );
  const options = useMemo(() => (more ? [...given, ...more] : given), [given, more]);
  const loadingMore = !!morePeopleUrl && !more && !moreError;
  const kindOf = new Map(options.map((o) => [o.id, o.kind]));
  const choose = (i: number, id: string) => {
    form.setValue(`recipients.${i}.targetId`, id, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    form.setValue(`recipients.${i}.kind`, kindOf.get(id) ?? "unit");
  };
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-700">Đơn vị, cá nhân nhận</legend>
      {moreError ? <p role="alert" className="text-sm text-amber-800">{moreError}</p> : null}
      {fields.map((f, i) => {
        const base = `${idPrefix}-${f.id}`;
        const q = searchKey(queries[f.id] ?? "");
        const selected: string = form.watch(`recipients.${i}.targetId`) ?? "";
        const shown = grouped(options.filter((o) => o.id === selected || matches(o, q)));
        const found = options.filter((o) => matches(o, q));
        const targetError = errorOf(`recipients.${i}.targetId`);
        const rowError = errorOf(`recipients.${i}`);
        const roleError = errorOf(`recipients.${i}.role`);
        const deadlineError = errorOf(`recipients.${i}.deadline`);
        const daysError = errorOf(`recipients.${i}.workingDays`);
        return (
          <div
            key={f.id}
            role="group"
            aria-label={`Dòng nhận ${i + 1}`}
            className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_7rem_auto] sm:items-start"
            data-testid="recipient-row"
          >
            <input type="hidden" {...form.register(`recipients.${i}.kind`)} />
            <div className="sm:col-span-5">
              <label htmlFor={`${base}-search`} className={caption}>
                Tìm theo tên<span className="sr-only"> (dòng {i + 1})</span>
              </label>
              <input
                id={`${base}-search`}
                type="search"
                className={cell}
                placeholder="Gõ tên, không cần dấu (ví dụ: to chuc, khoa)"
                autoComplete="off"
                aria-describedby={`${base}-found`}
                value={queries[f.id] ?? ""}
                onChange={(e) => setQueries((s) => ({ ...s, [f.id]: e.target.value }))}
                onKeyDown={(e) => {
                  // Enter picks the first match instead of submitting the form.
                  if (e.key === "Enter") {
                    e.preventDefault();
                    if (found[0]) choose(i, found[0].id);
                  }
                }}
              />
              <p id={`${base}-found`} className="mt-1 text-xs text-slate-500" aria-live="polite">
                {q ? foundNote(found.length, loadingMore) : ""}
              </p>
            </div>
            <div>
              <label htmlFor={`${base}-target`} className={caption}>
                Người hoặc đơn vị nhận<span className="sr-only"> {i + 1}</span>
              </label>
              <select
                id={`${base}-target`}
                className={cell}
                aria-invalid={!!targetError}
                aria-describedby={targetError ? `${base}-target-error` : undefined}
                {...form.register(`recipients.${i}.targetId`, {
                  onChange: (e) => form.setValue(`recipients.${i}.kind`, kindOf.get(e.target.value) ?? "unit"),
                })}
              >
                <option value="">— Chọn —</option>
                {shown.map(([group, list]) => (
                  <optgroup key={group} label={group}>
                    {list.map((o) => (
                      <option key={o.id} value={o.id} data-kind={o.kind}>{o.label}</option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {targetError ? <p id={`${base}-target-error`} className="mt-1 text-sm text-red-700">{targetError}</p> : null}
            </div>
            <div>
              <label htmlFor={`${base}-role`} className={caption}>
                Vai trò<span className="sr-only"> {i + 1}</span>
              </label>
              <select
                id={`${base}-role`}
                className={cell}
                aria-invalid={!!roleError}
                aria-describedby={roleError ? `${base}-role-error` : undefined}
                {...form.register(`recipients.${i}.role`)}
              >
                {Object.entries(ROLE_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
              {roleError ? <p id={`${base}-role-error`} className="mt-1 text-sm text-red-700">{roleError}</p> : null}
            </div>
            <div>
              <span aria-hidden="true" className={caption}>Hạn xử lý</span>
              <FormDateField
                id={`${idPrefix}-deadline-${i}`}
                label={`Hạn xử lý ${i + 1}`}
                hideLabel
                className="mt-1"
                error={deadlineError}
                control={form.control}
                name={`recipients.${i}.deadline`}
              />
            </div>
            <div>
              <label htmlFor={`${base}-days`} className={caption}>
                hoặc số ngày làm việc<span className="sr-only"> {i + 1}</span>
              </label>
              <input
                id={`${base}-days`}
                type="number"
                min={1}
                inputMode="numeric"
                className={cell}
                aria-invalid={!!(daysError || rowError)}
                aria-describedby={[daysError && `${base}-days-error`, rowError && `${base}-row-error`].filter(Boolean).join(" ") || undefined}
                {...form.register(`recipients.${i}.workingDays`)}
              />
              {daysError ? <p id={`${base}-days-error`} className="mt-1 text-sm text-red-700">{daysError}</p> : null}
            </div>
            <div className="sm:pt-5">
              {fields.length > 1 ? (
                <Button type="button" variant="ghost" className="px-2 py-1 text-xs" aria-label={`Bỏ dòng nhận ${i + 1}`} onClick={() => remove(i)}>
                  Bỏ
                </Button>
              ) : null}
            </div>
            {rowError ? (
              <p id={`${base}-row-error`} role="alert" className="text-sm text-red-700 sm:col-span-5">{rowError}</p>
            ) : null}
          </div>
        );
      })}
      <Button type="button" variant="secondary" className="px-3 py-1 text-xs" onClick={() => append(emptyRecipient("coordinate"))}>
        Thêm người/đơn vị nhận
      </Button>
      {errorOf("recipients") ? <p role="alert" className="text-sm text-red-700">{errorOf("recipients")}</p> : null}
    </fieldset>
  );
}
