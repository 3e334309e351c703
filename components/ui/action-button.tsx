"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { newIdempotencyKey, withIdempotencyKey } from "@/lib/actions/idempotency-field";
import type { ActionResult } from "@/lib/actions/result";
import { announce } from "./announcer";
import { Button } from "./button";

/**
 * A one-click step (remove, end, disable, open a file) with an optional confirmation and an inline
 * message. Like the forms, it sends a key minted at render, so a double click creates nothing twice.
 */
export function ActionButton<I>({
  action,
  input,
  label,
  confirm,
  success,
  go,
  variant = "secondary",
}: {
  action: (input: I) => Promise<ActionResult<unknown>>;
  input: I;
  label: string;
  confirm?: string;
  /** Announced (and focused) after the step; by default "Đã thực hiện: <label>." */
  success?: string;
  /** Where to go after the step instead of refreshing the page; `{id}` is the id the action returned. */
  go?: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [submissionKey, setSubmissionKey] = useState(newIdempotencyKey);
  const router = useRouter();
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        type="button"
        variant={variant}
        pending={pending}
        className="btn-xs"
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          setError(undefined);
          start(async () => {
            const r = await action(withIdempotencyKey(input, submissionKey));
            if (!r.ok) setError(r.formError);
            else {
              setSubmissionKey(newIdempotencyKey());
              announce(success ?? `Đã thực hiện: ${label}.`);
              if (go) router.push(go.replace("{id}", encodeURIComponent(String((r.data as { id?: unknown } | undefined)?.id ?? ""))));
              else router.refresh();
            }
          });
        }}
      >
        {label}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
