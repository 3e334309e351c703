import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { SuccessMessage } from "./success-message";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-600";

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children?: ReactNode;
}

function FieldShell({ id, label, error, hint, children }: FieldProps) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error ? <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, error?: string, hint?: string) =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

export function TextField({ id, label, error, hint, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input id={id} aria-invalid={!!error} aria-describedby={describedBy(id, error, hint)} className={inputClass} {...props} />
    </FieldShell>
  );
}

export function SelectField({
  id,
  label,
  error,
  hint,
  children,
  ...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <select id={id} aria-invalid={!!error} aria-describedby={describedBy(id, error, hint)} className={inputClass} {...props}>
        {children}
      </select>
    </FieldShell>
  );
}

export function FormMessage({ message, tone = "error" }: { message?: string; tone?: "error" | "success" }) {
  if (tone === "success") return <SuccessMessage message={message} />;
  return (
    <div aria-live="polite" role={tone === "error" ? "alert" : "status"}>
      {message ? (
        <p
          className={`rounded-md px-3 py-2 text-sm ${tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800"}`}
        >
          {message}
        </p>
      ) : null}
    </div>
  );
}

/**
 * For fields that are not a TextField/SelectField (a row of a list, a group of checkboxes): the
 * attributes linking the control to its message (WCAG 3.3.1, 1.3.1), to spread on the control.
 */
export const errorProps = (id: string, error?: string) =>
  ({ "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined }) as const;

/** The message of a field or group, with the id that `errorProps` points at. */
export function FieldError({ id, message, className = "mt-1 text-sm text-red-700" }: { id: string; message?: string; className?: string }) {
  return message ? (
    <p id={`${id}-error`} role="alert" className={className}>
      {message}
    </p>
  ) : null;
}
