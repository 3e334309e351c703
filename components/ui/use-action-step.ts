"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { announce } from "@/components/ui/announcer";
import type { ActionResult } from "@/lib/actions/result";

/**
 * One step of an administration card (a key, a certificate, a seal…): runs the server action in a transition,
 * keeps its form error and field errors, announces the success message to screen readers, then refreshes the page.
 */
export function useActionStep() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [done, setDone] = useState<string>();
  const run = (step: () => Promise<ActionResult<unknown>>, success: string | ((data: unknown) => string), after?: () => void) => {
    setError(undefined);
    setFieldErrors({});
    setDone(undefined);
    start(async () => {
      const r = await step();
      if (!r.ok) {
        setError(r.formError);
        setFieldErrors(r.fieldErrors ?? {});
        return;
      }
      const message = typeof success === "string" ? success : success(r.data);
      setDone(message);
      announce(message);
      after?.();
      router.refresh();
    });
  };
  const errorOf = (field: string) => fieldErrors[field]?.[0];
  return { pending, error, done, run, setError, errorOf };
}
