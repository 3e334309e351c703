"use client";

import { useEffect, useRef } from "react";

/** The result of a step shown after a redirect (FormMessageStatic): focused when the page opens. */
export function FocusedStatus({ children, focus = true }: { children: React.ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <p ref={ref} tabIndex={-1} role="status" aria-live="polite" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 focus:outline-none focus:ring-2 focus:ring-emerald-600">
      {children}
    </p>
  );
}

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
