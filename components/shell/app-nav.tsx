"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { countLabel } from "@/lib/format";

const LIST_ID = "app-nav-list";

/**
 * The areas a person may open. From 1024 px a column beside the page; below, a "Menu" button
 * (aria-expanded, aria-controls) that opens the same list above the page: Enter/Space toggle it,
 * Escape closes it and returns focus to the button, following a link closes it.
 */
export function AppNav({ areas }: { areas: { href: string; label: string; count?: number }[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [pathname]);
  const items: { href: string; label: string; count?: number }[] = [...areas, { href: "/account", label: "Tài khoản của tôi" }];
  return (
    <nav
      aria-label="Chức năng"
      className="no-print lg:w-56 lg:shrink-0"
      onKeyDown={(e) => {
        if (e.key !== "Escape" || !open) return;
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={LIST_ID}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 lg:hidden"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="size-4" fill="currentColor">
          {open ? (
            <path d="M4.3 4.3a1 1 0 0 1 1.4 0L10 8.6l4.3-4.3a1 1 0 1 1 1.4 1.4L11.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4L10 11.4l-4.3 4.3a1 1 0 0 1-1.4-1.4L8.6 10 4.3 5.7a1 1 0 0 1 0-1.4Z" />
          ) : (
            <path d="M3 5h14a1 1 0 1 0 0-2H3a1 1 0 0 0 0 2Zm14 4H3a1 1 0 0 0 0 2h14a1 1 0 1 0 0-2Zm0 6H3a1 1 0 1 0 0 2h14a1 1 0 1 0 0-2Z" />
          )}
        </svg>
        Menu
      </button>
      <ul id={LIST_ID} className={`${open ? "mt-2 block rounded-lg border border-slate-200 bg-white p-2 shadow-sm" : "hidden"} space-y-1 lg:mt-0 lg:block lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none`}>
        {items.map((a) => {
          const active = a.href === "/" ? pathname === "/" : pathname.startsWith(a.href);
          return (
            <li key={a.href}>
              <Link
                href={a.href}
                aria-current={active ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={`flex items-center justify-between gap-2 rounded-md px-3 py-2 text-sm ${active ? "bg-brand-100 font-semibold text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {a.label}
                {/* What waits for the person there (lib/monitoring/overview.ts), counted on the server. */}
                {a.count ? (
                  <span className="rounded-full bg-brand-700 px-1.5 text-xs font-semibold text-white">
                    {countLabel(a.count)}
                    <span className="sr-only"> việc đang chờ</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
