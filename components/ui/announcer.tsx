"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

// After a successful step the page refreshes and the form that was used often disappears (the
// step is no longer allowed). The result is announced here instead, in the shell that stays, and
// focus moves to it (WCAG 2.4.3 / 4.1.3): a screen-reader user hears what happened and continues
// from there, not from the top of the page.
const EVENT = "vpdt:announce";

/** Shows `message` in the page's result area and moves focus to it. */
export function announce(message: string) {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: message }));
}

/**
 * The result area, last in <main> and drawn over the page's lower corner (the page's own status
 * messages stay first in reading order); a status only while it shows a result. Cleared when the
 * person goes to another page.
 */
export function Announcer() {
  const [state, setState] = useState<{ message: string; n: number; path: string } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    const on = (e: Event) => setState((s) => ({ message: (e as CustomEvent<string>).detail, n: (s?.n ?? 0) + 1, path: window.location.pathname }));
    window.addEventListener(EVENT, on);
    return () => window.removeEventListener(EVENT, on);
  }, []);
  useEffect(() => {
    if (state) ref.current?.focus();
  }, [state]);
  const shown = state && state.path === pathname ? state.message : "";
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={shown ? "status" : undefined}
      id="ket-qua"
      className={shown ? "no-print fixed bottom-4 right-4 z-40 max-w-sm rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800 shadow-lg ring-1 ring-emerald-600 focus:outline-none focus:ring-2" : "sr-only"}
    >
      {shown}
    </div>
  );
}
