"use client";

import { useRouter } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";
import { markNotificationReadAction } from "@/lib/server-actions/office";
import { NOTICES_CHANGED_EVENT } from "@/lib/notifications/kinds";

/**
 * Opening a notice from a list marks it read, as in the bell: one client component around the list (no
 * client component per row). Each unread notice's link carries `data-notice="<id>"`. A plain click waits
 * for the mark (a few milliseconds) and then opens the link, so the request is not cut by the navigation;
 * a click that opens a new tab or window marks it and refreshes this list. Without JavaScript the link
 * opens as usual and the notice stays unread.
 */
export function NoticeLinks({ children }: { children: ReactNode }) {
  const router = useRouter();
  const open = (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as Element).closest?.("a[data-notice]");
    if (!(a instanceof HTMLAnchorElement) || e.defaultPrevented) return;
    // A right click only opens the context menu; a middle click opens a new tab.
    if (e.type === "auxclick" && e.button !== 1) return;
    const id = a.dataset.notice!;
    a.removeAttribute("data-notice");
    const marked = markNotificationReadAction({ id })
      .then(() => window.dispatchEvent(new Event(NOTICES_CHANGED_EVENT)))
      .catch(() => null);
    const here = e.type === "click" && e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && a.target !== "_blank";
    if (!here) {
      void marked.then(() => router.refresh());
      return;
    }
    e.preventDefault();
    const href = a.getAttribute("href") ?? "/notifications";
    void marked.then(() => router.push(href));
  };
  return (
    <div onClick={open} onAuxClick={open}>
      {children}
    </div>
  );
}
