"use client";

import { useEffect, useId, useRef, useState, type CSSProperties } from "react";
import { DayPicker } from "react-day-picker";
import { vi } from "react-day-picker/locale";
import "react-day-picker/style.css";
import { type Control, type FieldPath, type FieldValues, useController } from "react-hook-form";
import { isoToDisplay, isoToLocalDate, localDateToIso, parseDate } from "@/lib/dates";

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white py-2 pl-3 pr-10 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-600";

const calendarStyle = {
  "--rdp-accent-color": "var(--color-brand-700)",
  "--rdp-accent-background-color": "var(--color-brand-50)",
  "--rdp-day-width": "2.25rem",
  "--rdp-day-height": "2.25rem",
  "--rdp-day_button-width": "2.125rem",
  "--rdp-day_button-height": "2.125rem",
} as CSSProperties;

export interface DateFieldProps {
  id: string;
  label: string;
  /** The label is read by screen readers only (a compact row whose column says what it is). */
  hideLabel?: boolean;
  error?: string;
  hint?: string;
  /** yyyy-mm-dd, or what was typed when it is not a date yet; "" for none. */
  value?: string | null;
  onChange?: (value: string) => void;
  onBlur?: () => void;
  /** Without `value`: the field keeps its own state and posts yyyy-mm-dd under `name` (a GET search form). */
  name?: string;
  defaultValue?: string | null;
  disabled?: boolean;
  className?: string;
  /** react-hook-form's ref: focus goes to the first field in error. */
  inputRef?: (el: HTMLInputElement | null) => void;
}

/**
 * The one date field of the app: dd/mm/yyyy typed by keyboard whatever the browser's language (a
 * native date input follows the browser's locale: mm/dd/yyyy in an English browser), and a calendar
 * in Vietnamese. The form carries yyyy-mm-dd (what the schemas and the database take).
 */
export function DateField({ id, label, hideLabel, error, hint, value, onChange, onBlur, name, defaultValue, disabled, className, inputRef }: DateFieldProps) {
  const controlled = value !== undefined;
  const [own, setOwn] = useState(defaultValue ?? "");
  const current = (controlled ? value : own) ?? "";
  const [text, setText] = useState(() => isoToDisplay(parseDate(current)) || current);
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const calendarId = useId();

  // A value set from outside (a reset, a prefill) replaces what is shown; what is being typed stays.
  useEffect(() => {
    const iso = parseDate(current);
    if (iso && parseDate(text) !== iso) setText(isoToDisplay(iso));
    else if (!current && parseDate(text)) setText("");
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (wrapper.current && !wrapper.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  const commit = (next: string) => {
    if (!controlled) setOwn(next);
    onChange?.(next);
  };

  const selected = parseDate(current);
  const describedBy = [error ? `${id}-error` : hint ? `${id}-hint` : null, `${id}-format`].filter(Boolean).join(" ");

  return (
    <div className={className}>
      <label id={`${id}-label`} htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-700"}>
        {label}
      </label>
      <div
        ref={wrapper}
        className={`relative ${hideLabel ? "" : "mt-1"}`}
        onKeyDown={(e) => {
          if (e.key === "Escape" && open) {
            e.preventDefault();
            e.stopPropagation();
            setOpen(false);
            input.current?.focus();
          }
        }}
      >
        <input
          ref={(el) => {
            input.current = el;
            inputRef?.(el);
          }}
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="dd/mm/yyyy"
          maxLength={10}
          disabled={disabled}
          value={text}
          aria-invalid={!!error}
          aria-describedby={describedBy}
          className={inputClass}
          onChange={(e) => {
            setText(e.target.value);
            commit(e.target.value.trim() === "" ? "" : (parseDate(e.target.value) ?? e.target.value));
          }}
          onBlur={() => {
            const iso = parseDate(text);
            if (iso) setText(isoToDisplay(iso));
            onBlur?.();
          }}
        />
        <button
          type="button"
          disabled={disabled}
          aria-label="Mở lịch"
          aria-describedby={`${id}-label`}
          aria-expanded={open}
          aria-controls={open ? calendarId : undefined}
          className="absolute inset-y-0 right-0 flex w-9 items-center justify-center rounded-r-md text-slate-600 hover:text-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
          onClick={() => setOpen((o) => !o)}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.6">
            <rect x="3" y="4.5" width="14" height="12.5" rx="1.5" />
            <path d="M3 8.5h14M7 2.5v4M13 2.5v4" />
          </svg>
        </button>
        {open ? (
          <div
            id={calendarId}
            role="dialog"
            aria-label="Chọn ngày"
            className="absolute left-0 z-30 mt-1 rounded-md border border-slate-200 bg-white p-2 shadow-lg"
          >
            <DayPicker
              mode="single"
              locale={vi}
              autoFocus
              captionLayout="dropdown"
              startMonth={new Date(1990, 0)}
              endMonth={new Date(new Date().getFullYear() + 5, 11)}
              selected={selected ? isoToLocalDate(selected) : undefined}
              defaultMonth={selected ? isoToLocalDate(selected) : undefined}
              style={calendarStyle}
              onSelect={(d) => {
                if (!d) return;
                const iso = localDateToIso(d);
                setText(isoToDisplay(iso));
                commit(iso);
                setOpen(false);
                input.current?.focus();
              }}
            />
          </div>
        ) : null}
        {name ? <input type="hidden" name={name} value={parseDate(current) ?? current} /> : null}
      </div>
      <span id={`${id}-format`} className="sr-only">Định dạng ngày/tháng/năm, ví dụ 05/10/2026.</span>
      {hint && !error ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The date field inside a react-hook-form form: the form's value is yyyy-mm-dd. */
export function FormDateField<T extends FieldValues>({
  control,
  name,
  ...props
}: Omit<DateFieldProps, "value" | "onChange" | "onBlur" | "name" | "defaultValue"> & { control: Control<T>; name: FieldPath<T> }) {
  const { field } = useController({ control, name });
  return (
    <DateField
      {...props}
      value={(field.value as string | null | undefined) ?? ""}
      onChange={field.onChange}
      onBlur={field.onBlur}
      inputRef={field.ref}
    />
  );
}
