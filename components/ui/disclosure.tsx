"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A `<details>` whose content is rendered only once it is opened, and kept then. Forms behind a summary
 * (Sửa thông tin vào sổ, Hủy vào sổ, Chuyển lãnh đạo khác, Đổi tên đề mục…) are opened on few visits;
 * rendered closed they were most of a document page's HTML and of the server's work for it.
 * A summary opened before the page's script ran is seen when it runs.
 */
export function Disclosure({ summary, link, className, children }: {
  summary: ReactNode; className?: string; children: ReactNode;
  /** The summary styled as a link: "Mở biểu mẫu …" in front of a form. */
  link?: boolean;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (ref.current?.open) setOpened(true);
  }, []);
  return (
    <details ref={ref} className={className} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className={`cursor-pointer text-sm font-medium${link ? " text-brand-700" : ""}`}>{summary}</summary>
      {opened ? children : null}
    </details>
  );
}
