"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function AppNav({ areas }: { areas: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Chức năng" className="no-print w-56 shrink-0">
      <ul className="space-y-1">
        {areas.map((a) => {
          const active = a.href === "/" ? pathname === "/" : pathname.startsWith(a.href);
          return (
            <li key={a.href}>
              <Link
                href={a.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-2 text-sm ${active ? "bg-brand-100 font-semibold text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {a.label}
              </Link>
            </li>
          );
        })}
        <li>
          <Link
            href="/account"
            aria-current={pathname.startsWith("/account") ? "page" : undefined}
            className={`block rounded-md px-3 py-2 text-sm ${pathname.startsWith("/account") ? "bg-brand-100 font-semibold text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
          >
            Tài khoản của tôi
          </Link>
        </li>
      </ul>
    </nav>
  );
}
