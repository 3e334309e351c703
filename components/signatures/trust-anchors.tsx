"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importAnchorsAction, removeAnchorAction } from "@/lib/server-actions/trust-anchors";
import { fileToBase64 } from "@/components/exchange/admin-file";
import { announce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, FormMessage, errorProps } from "@/components/ui/field";
import { MAX_TRUST_FILE_BYTES } from "@/lib/signatures/trust-schemas";

const fileClass = "mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-800";

/** Nhập chứng thư: PEM, DER (.cer/.crt) or a PKCS#7 bundle (.p7b). */
export function TrustAnchorImport() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [fileEl, setFileEl] = useState<HTMLInputElement | null>(null);
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<string>();
  const [done, setDone] = useState<string>();
  return (
    <form
      aria-label="Nhập chứng thư tin cậy"
      noValidate
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        setFieldError(undefined);
        setDone(undefined);
        const chosen = fileEl?.files?.[0];
        if (!chosen) return setFieldError("Vui lòng chọn tệp chứng thư số.");
        if (chosen.size > MAX_TRUST_FILE_BYTES) return setFieldError("Tệp chứng thư số quá lớn (tối đa 256 KB).");
        const file = await fileToBase64(chosen);
        start(async () => {
          const r = await importAnchorsAction({ file });
          if (!r.ok) {
            setFieldError(r.fieldErrors?.file?.[0]);
            setError(r.fieldErrors?.file?.[0] ? undefined : r.formError);
            return;
          }
          const message = `Đã thêm ${r.data.added} chứng thư tin cậy.`;
          setDone(message);
          announce(message);
          if (fileEl) fileEl.value = "";
          router.refresh();
        });
      }}
    >
      <div>
        <label htmlFor="trust-file" className="block text-sm font-medium text-slate-700">Tệp chứng thư (.pem, .cer, .crt, .der, .p7b)</label>
        <input id="trust-file" ref={setFileEl} type="file" accept=".pem,.cer,.crt,.der,.p7b,.p7c" className={fileClass} {...errorProps("trust-file", fieldError)} />
        <FieldError id="trust-file" message={fieldError} />
      </div>
      <FormMessage message={error} />
      <FormMessage message={done} tone="success" />
      <Button type="submit" pending={pending}>Nhập chứng thư</Button>
    </form>
  );
}

export function TrustAnchorRemove({ id, subject }: { id: string; subject: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <div className="shrink-0">
      <Button type="button" variant="secondary" pending={pending} onClick={() => setAsking(true)}>Gỡ khỏi danh sách</Button>
      <FormMessage message={error} />
      <ConfirmDialog
        open={asking}
        title="Gỡ chứng thư tin cậy?"
        confirmLabel="Gỡ chứng thư"
        variant="danger"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          start(async () => {
            const r = await removeAnchorAction({ id });
            if (!r.ok) return setError(r.formError);
            announce("Đã gỡ chứng thư tin cậy.");
            router.refresh();
          });
        }}
      >
        Chữ ký số do {subject} cấp sẽ hiện là &quot;Không tin cậy&quot;.
      </ConfirmDialog>
    </div>
  );
}
