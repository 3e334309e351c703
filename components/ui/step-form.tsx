"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { announce } from "./announcer";
import { Button } from "./button";
import { ConfirmDialog } from "./confirm-dialog";
import { FormMessage } from "./field";
import { useActionForm } from "./use-action-form";

const area = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-600";

/** Asked before the step runs (a step that cannot be taken back). */
export interface StepConfirm {
  title: string;
  body: ReactNode;
}

/**
 * One small workflow form: a zod schema, a server action, fields; refreshes the page when done.
 * With `confirm`, a valid form first asks in a dialog, and the action runs only on its confirm.
 */
export function StepForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>({
  label, schema, action, defaultValues, children, success, variant, confirm,
}: {
  label: string;
  schema: S;
  action: (v: z.input<S>) => Promise<ActionResult<unknown>>;
  defaultValues: z.input<S>;
  success?: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: StepConfirm;
  children?: (f: ReturnType<typeof useActionForm<S, unknown>>) => React.ReactNode;
}) {
  const router = useRouter();
  // The result is announced in the shell (components/ui/announcer.tsx), which keeps it and takes focus
  // while the refreshed page may no longer show this form.
  const f = useActionForm({
    schema, action, defaultValues: defaultValues as never,
    onSuccess: () => {
      announce(success ?? `Đã thực hiện: ${label}.`);
      router.refresh();
    },
  });
  const [asking, setAsking] = useState(false);
  // The form's own checks first: the dialog only ever asks about a step that can run. Through handleSubmit (not
  // trigger) so that the form counts as submitted: a message then leaves while the person corrects the field,
  // not on the blur of their click on the button (which moved the button under the pointer and lost the click).
  const onSubmit = confirm ? f.form.handleSubmit(() => setAsking(true)) : f.onSubmit;
  return (
    <>
      <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={label}>
        {children?.(f)}
        <FormMessage message={f.formError} />
        <Button type="submit" pending={f.pending} variant={variant} aria-haspopup={confirm ? "dialog" : undefined}>{label}</Button>
      </form>
      {confirm ? (
        <ConfirmDialog
          open={asking}
          title={confirm.title}
          confirmLabel={label}
          variant={variant === "danger" ? "danger" : "primary"}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void f.onSubmit();
          }}
        >
          {confirm.body}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

export function TextArea({ id, label, error, ...rest }: { id: string; label: string; error?: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={id} rows={2} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} className={area} {...rest} />
      {error ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p> : null}
    </div>
  );
}
