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
  variant = "secondary",
}: {
  action: (input: I) => Promise<ActionResult<unknown>>;
  input: I;
  label: string;
  confirm?: string;
  /** Announced (and focused) after the step; by default "Đã thực hiện: <label>." */
  success?: string;
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
              router.refresh();
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
