"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { type DefaultValues, type FieldValues, type Path, type Resolver, useForm } from "react-hook-form";
import type { z } from "zod";
import { newIdempotencyKey, withIdempotencyKey } from "@/lib/actions/idempotency-field";
import type { ActionResult } from "@/lib/actions/result";

/**
 * react-hook-form + the shared zod schema + a server action: client validation first, then the
 * action; server field errors are mapped back with setError, and what was typed is kept.
 * Every submission carries the form's idempotency key, minted when the form is rendered: a double
 * click or a resubmission of the same form creates nothing twice (creating actions return the first
 * result). A fresh key is minted only after a success, for the next entry on the same form.
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, R>(opts: {
  schema: S;
  action: (values: z.input<S>) => Promise<ActionResult<R>>;
  defaultValues?: DefaultValues<z.input<S>>;
  onSuccess?: (data: R) => void;
  successMessage?: string;
  resetOnSuccess?: boolean;
}) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(opts.schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues: opts.defaultValues,
    mode: "onTouched",
  });
  const [formError, setFormError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [pending, startTransition] = useTransition();
  // Lazily, in state: kept across re-renders and failed attempts (a failed step stored nothing).
  const [submissionKey, setSubmissionKey] = useState(newIdempotencyKey);

  const onSubmit = form.handleSubmit((values) => {
    setFormError(undefined);
    setSuccess(undefined);
    startTransition(async () => {
      const result = await opts.action(withIdempotencyKey(values as z.input<S>, submissionKey));
      if (result.ok) {
        setSubmissionKey(newIdempotencyKey());
        setSuccess(opts.successMessage);
        if (opts.resetOnSuccess) form.reset();
        opts.onSuccess?.(result.data);
        return;
      }
      setFormError(result.formError);
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(field as Path<z.input<S>>, { type: "server", message: messages[0] });
      }
    });
  });

  /** The message of a field, by its dotted path ("recipients.0.targetId"); arrays also carry a root message. */
  const errorOf = (name: string) => {
    let e: unknown = form.formState.errors;
    for (const key of name.split(".")) e = (e as Record<string, unknown> | undefined)?.[key];
    const node = e as { message?: unknown; root?: { message?: unknown } } | undefined;
    const message = node?.message ?? node?.root?.message;
    return typeof message === "string" ? message : undefined;
  };

  return { form, onSubmit, pending, formError, success, errorOf };
}
