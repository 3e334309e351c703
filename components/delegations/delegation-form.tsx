"use client";

import { useRouter } from "next/navigation";
import { createDelegationAction } from "@/lib/server-actions/delegations";
import { announce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage, SelectField, TextField } from "@/components/ui/field";
import { FormDateField } from "@/components/ui/date-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { todayInVietnam } from "@/lib/dates";
import { DELEGATION_FORM_HINTS, DELEGATION_FORM_LABELS, DELEGATION_FORMS, type DelegationForm } from "@/lib/delegations/labels";
import { createDelegationSchema } from "@/lib/delegations/schemas";
import { DOC_TYPES } from "@/lib/incoming/labels";

type Option = { id: string; label: string };

/**
 * Ghi nhận ủy quyền ký: the shared zod schema, Vietnamese errors, nothing typed lost on a refusal.
 * The people offered follow the form: deputies for KT., heads of units for TUQ. and TL.
 */
export function DelegationFormPanel({ delegators, deputies, unitHeads }: { delegators: Option[]; deputies: Option[]; unitHeads: Option[] }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, errorOf } = useActionForm({
    schema: createDelegationSchema,
    action: createDelegationAction,
    defaultValues: {
      delegatorId: delegators.length === 1 ? delegators[0].id : "", delegateId: "", form: "kt", allTypes: true, docTypes: [],
      validFrom: todayInVietnam(), validTo: "", note: "",
    },
    resetOnSuccess: true,
    onSuccess: () => {
      announce("Đã ghi nhận ủy quyền ký.");
      router.refresh();
    },
  });
  const chosenForm = form.watch("form") as DelegationForm;
  const allTypes = form.watch("allTypes");
  const people = chosenForm === "kt" ? deputies : unitHeads;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Ghi nhận ủy quyền ký">
      <SelectField id="delegatorId" label="Người ủy quyền" error={errorOf("delegatorId")} {...form.register("delegatorId")}>
        {delegators.length !== 1 ? <option value="">— Chọn người ủy quyền —</option> : null}
        {delegators.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
      </SelectField>
      <SelectField id="form" label="Hình thức ký" hint={DELEGATION_FORM_HINTS[chosenForm]} error={errorOf("form")} {...form.register("form")}>
        {DELEGATION_FORMS.map((f) => <option key={f} value={f}>{DELEGATION_FORM_LABELS[f]}</option>)}
      </SelectField>
      <SelectField id="delegateId" label="Người được ủy quyền" error={errorOf("delegateId")} {...form.register("delegateId")}>
        <option value="">— Chọn người được ủy quyền —</option>
        {people.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
      </SelectField>
      <TextField id="note" label="Ghi chú" hint="Ví dụ: số quyết định ủy quyền." error={errorOf("note")} {...form.register("note")} />
      <FormDateField id="validFrom" label="Từ ngày" error={errorOf("validFrom")} control={form.control} name="validFrom" />
      <FormDateField id="validTo" label="Đến ngày" error={errorOf("validTo")} control={form.control} name="validTo" />
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-medium text-slate-800">Loại văn bản được ký</legend>
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input type="checkbox" {...form.register("allTypes")} /> Tất cả loại văn bản
        </label>
        {!allTypes ? (
          <div className="mt-2 grid gap-1 sm:grid-cols-3" aria-describedby={errorOf("docTypes") ? "docTypes-error" : undefined}>
            {DOC_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-2 text-sm">
                <input type="checkbox" value={t} {...form.register("docTypes")} /> {t}
              </label>
            ))}
          </div>
        ) : null}
        <FieldError id="docTypes" message={errorOf("docTypes")} />
      </fieldset>
      <div className="space-y-3 sm:col-span-2">
        <FormMessage message={formError} />
        <Button type="submit" pending={pending}>Ghi nhận ủy quyền</Button>
      </div>
    </form>
  );
}
