"use client";

import { useState } from "react";
import { generateKeyAction, importPkcs12Action, loadCertificateAction } from "@/lib/server-actions/exchange-admin";
import { Button } from "@/components/ui/button";
import { useActionStep } from "@/components/ui/use-action-step";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, FormMessage, errorProps } from "@/components/ui/field";
import { MAX_KEY_FILE_BYTES } from "@/lib/exchange/admin-schemas";
import { fileToBase64 } from "./admin-file";

const fileClass = "mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-800";


async function readChosen(input: HTMLInputElement | null): Promise<string | null> {
  const file = input?.files?.[0];
  if (!file) return null;
  if (file.size > MAX_KEY_FILE_BYTES) throw new Error("Tệp quá lớn (tối đa 64 KB).");
  return fileToBase64(file);
}

/** (a) Nhập tệp PKCS#12 (.p12/.pfx) with its password. */
export function AdminPkcs12Form() {
  const step = useActionStep();
  const [fileEl, setFileEl] = useState<HTMLInputElement | null>(null);
  const [password, setPassword] = useState("");
  return (
    <form
      aria-label="Nhập tệp PKCS#12"
      noValidate
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        let file: string | null;
        try {
          file = await readChosen(fileEl);
        } catch (err) {
          return step.setError((err as Error).message);
        }
        if (!file) return step.setError("Vui lòng chọn tệp .p12 hoặc .pfx.");
        step.run(() => importPkcs12Action({ file, password }), "Đã nhập khóa và chứng thư số.", () => {
          setPassword("");
          if (fileEl) fileEl.value = "";
        });
      }}
    >
      <div>
        <label htmlFor="p12-file" className="block text-sm font-medium text-slate-700">Tệp PKCS#12 (.p12, .pfx)</label>
        <input id="p12-file" ref={setFileEl} type="file" accept=".p12,.pfx,application/x-pkcs12" className={fileClass} {...errorProps("p12-file", step.errorOf("file"))} />
        <FieldError id="p12-file" message={step.errorOf("file")} />
      </div>
      <div>
        <label htmlFor="p12-password" className="block text-sm font-medium text-slate-700">Mật khẩu của tệp</label>
        <input
          id="p12-password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      </div>
      <FormMessage message={step.error && step.error !== step.errorOf("file") ? step.error : undefined} />
      <FormMessage message={step.done} tone="success" />
      <Button type="submit" pending={step.pending}>Nhập khóa và chứng thư</Button>
    </form>
  );
}

/** (b) Tạo khóa và yêu cầu chứng thư, then Nạp chứng thư. */
export function AdminGenerateKey({ hasKey, hasCsr }: { hasKey: boolean; hasCsr: boolean }) {
  const step = useActionStep();
  const [asking, setAsking] = useState(false);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Hệ thống tạo khóa RSA 2048 bit và một yêu cầu chứng thư (PKCS#10) mang tên và mã định danh của cơ quan. Tải yêu cầu về, gửi tổ chức cung cấp dịch vụ chứng thực, rồi nạp chứng thư được cấp.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" pending={step.pending} onClick={() => (hasKey ? setAsking(true) : step.run(() => generateKeyAction({ confirm: true }), "Đã tạo khóa và yêu cầu chứng thư."))}>
          Tạo khóa và yêu cầu chứng thư
        </Button>
        {hasCsr ? (
          <a href="/api/exchange/csr" className="text-sm font-medium text-brand-700 underline" download>
            Tải yêu cầu chứng thư (.csr)
          </a>
        ) : null}
      </div>
      <FormMessage message={step.error} />
      <FormMessage message={step.done} tone="success" />
      <ConfirmDialog
        open={asking}
        title="Tạo khóa mới?"
        confirmLabel="Tạo khóa mới"
        variant="danger"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          step.run(() => generateKeyAction({ confirm: true }), "Đã tạo khóa và yêu cầu chứng thư.");
        }}
      >
        Khóa và chứng thư hiện tại sẽ bị thay thế. Cơ quan không gửi được văn bản liên thông cho đến khi nạp chứng thư mới cho khóa này.
      </ConfirmDialog>
    </div>
  );
}

export function AdminLoadCertificate() {
  const step = useActionStep();
  const [fileEl, setFileEl] = useState<HTMLInputElement | null>(null);
  return (
    <form
      aria-label="Nạp chứng thư"
      noValidate
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        let file: string | null;
        try {
          file = await readChosen(fileEl);
        } catch (err) {
          return step.setError((err as Error).message);
        }
        if (!file) return step.setError("Vui lòng chọn tệp chứng thư (.cer, .crt, .pem).");
        step.run(() => loadCertificateAction({ file }), "Đã nạp chứng thư số.", () => {
          if (fileEl) fileEl.value = "";
        });
      }}
    >
      <div>
        <label htmlFor="cert-file" className="block text-sm font-medium text-slate-700">Chứng thư được cấp (PEM hoặc DER)</label>
        <input id="cert-file" ref={setFileEl} type="file" accept=".cer,.crt,.pem,.der" className={fileClass} {...errorProps("cert-file", step.errorOf("file"))} />
        <FieldError id="cert-file" message={step.errorOf("file")} />
      </div>
      <FormMessage message={step.error && step.error !== step.errorOf("file") ? step.error : undefined} />
      <FormMessage message={step.done} tone="success" />
      <Button type="submit" variant="secondary" pending={step.pending}>Nạp chứng thư</Button>
    </form>
  );
}
