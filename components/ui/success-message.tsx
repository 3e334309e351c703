"use client";

import { useEffect, useRef } from "react";

/** A form's success message: announced (role=status) and focused when it appears (WCAG 2.4.3). */
export function SuccessMessage({ message }: { message?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <div aria-live="polite" role="status">
      {message ? (
        <p ref={ref} tabIndex={-1} className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 focus:outline-none focus:ring-2 focus:ring-emerald-600">
          {message}
        </p>
      ) : null}
    </div>
  );
}
