"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";

/**
 * Asks before a step that cannot be taken back (Ký duyệt, Phát hành). A native modal <dialog>:
 * focus moves into it (to "Hủy", the harmless choice) and stays there, Escape cancels, the page
 * behind is inert, and focus returns to the button that opened it. The step runs only on confirm.
 */
export function ConfirmDialog({
  open, title, children, confirmLabel, onConfirm, onCancel, variant = "primary",
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  variant?: "primary" | "danger";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLButtonElement>("[data-cancel]")?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">{title}</h2>
      <div id={`${id}-body`} className="mt-2 space-y-2 text-sm text-slate-700">{children}</div>
      <div className="mt-5 flex flex-wrap justify-end gap-3">
        <Button data-cancel type="button" variant="secondary" onClick={onCancel}>Hủy</Button>
        <Button type="button" variant={variant} onClick={onConfirm}>{confirmLabel}</Button>
      </div>
    </dialog>
  );
}
