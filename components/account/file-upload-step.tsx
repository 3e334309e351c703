"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { base64FromBytes } from "@/lib/account/signature-image";
import { announce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/field";

/**
 * Chooses a small file, checks it in the page (`check`), and sends its bytes (base64) to a server action.
 * The file is read locally; nothing is uploaded before the button is pressed.
 */
export function FileUploadStep({
  label, field, accept, hint, check, action, success, onPreview,
}: {
  label: string;
  field: string;
  accept: string;
  hint: string;
  check: (bytes: Uint8Array, name: string) => string | null;
  action: (input: Record<string, string>) => Promise<ActionResult<unknown>>;
  success: string;
  onPreview?: (url: string | null) => void;
}) {
  const id = useId();
  const router = useRouter();
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <form
      noValidate
      aria-label={label}
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!bytes) return setError("Vui lòng chọn tệp.");
        setFormError(undefined);
        start(async () => {
          const r = await action({ [field]: base64FromBytes(bytes) });
          if (r.ok) {
            announce(success);
            setBytes(null);
            onPreview?.(null);
            (e.target as HTMLFormElement).reset();
            router.refresh();
          } else {
            setError(r.fieldErrors?.[field]?.[0]);
            setFormError(r.fieldErrors?.[field] ? undefined : r.formError);
          }
        });
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          setError(undefined);
          setBytes(null);
          onPreview?.(null);
          if (!f) return;
          const b = new Uint8Array(await f.arrayBuffer());
          const problem = check(b, f.name);
          if (problem) return setError(problem);
          setBytes(b);
          onPreview?.(URL.createObjectURL(f));
        }}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">{hint}</p>
      <FieldError id={id} message={error} />
      <FormMessage message={formError} />
      <Button type="submit" pending={pending}>Lưu</Button>
    </form>
  );
}
