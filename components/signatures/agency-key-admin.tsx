"use client";

import { useState } from "react";
import { setAgencyKeyPkcs11Action, setAgencyKeyPkcs12Action, setAgencySealAction, testAgencyKeyAction } from "@/lib/server-actions/agency-signing";
import { fileToBase64 } from "@/components/exchange/admin-file";
import { FileField } from "@/components/incoming/file-field";
import { Button } from "@/components/ui/button";
import { useActionStep } from "@/components/ui/use-action-step";
import { FieldError, FormMessage, errorProps } from "@/components/ui/field";
import { MAX_AGENCY_P12_BYTES } from "@/lib/signatures/agency-settings-schemas";
import type { UploadedFileInfo } from "@/lib/storage/client";

// Quản trị → Ký số của cơ quan: the key (PKCS#12 file or HSM), the seal image, "Thử ký".

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
const fileClass = "mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-800";


function Text({ id, label, value, onChange, error, type = "text" }: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string; type?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">{label}</label>
      <input id={id} type={type} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} className={inputClass} {...errorProps(id, error)} />
      <FieldError id={id} message={error} />
    </div>
  );
}

export function AgencyP12Form() {
  const step = useActionStep();
  const [fileEl, setFileEl] = useState<HTMLInputElement | null>(null);
  const [password, setPassword] = useState("");
  return (
    <form
      aria-label="Nhập tệp PKCS#12 của cơ quan"
      noValidate
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const file = fileEl?.files?.[0];
        if (!file) return step.setError("Vui lòng chọn tệp .p12 hoặc .pfx.");
        if (file.size > MAX_AGENCY_P12_BYTES) return step.setError("Tệp quá lớn (tối đa 64 KB).");
        const b64 = await fileToBase64(file);
        step.run(() => setAgencyKeyPkcs12Action({ file: b64, password }), () => "Đã lưu khóa ký số của cơ quan (tệp PKCS#12).", () => {
          setPassword("");
          if (fileEl) fileEl.value = "";
        });
      }}
    >
      <div>
        <label htmlFor="agency-p12" className="block text-sm font-medium text-slate-700">Tệp PKCS#12 (.p12, .pfx)</label>
        <input id="agency-p12" ref={setFileEl} type="file" accept=".p12,.pfx,application/x-pkcs12" className={fileClass} {...errorProps("agency-p12", step.errorOf("file"))} />
        <FieldError id="agency-p12" message={step.errorOf("file")} />
      </div>
      <Text id="agency-p12-password" label="Mật khẩu của tệp" type="password" value={password} onChange={setPassword} error={step.errorOf("password")} />
      <FormMessage message={step.error} />
      <FormMessage message={step.done} tone="success" />
      <Button type="submit" pending={step.pending}>Lưu khóa</Button>
    </form>
  );
}

export function AgencyPkcs11Form({ modules, current }: { modules: string[]; current: { module?: string; token?: string; keyLabel?: string } }) {
  const step = useActionStep();
  const [v, setV] = useState({ module: current.module ?? modules[0] ?? "", token: current.token ?? "", keyLabel: current.keyLabel ?? "", pin: "" });
  const set = (k: keyof typeof v) => (x: string) => setV({ ...v, [k]: x });
  return (
    <form
      aria-label="Thiết bị HSM (PKCS#11)"
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        step.run(() => setAgencyKeyPkcs11Action(v), () => "Đã lưu thiết bị ký (PKCS#11).", () => setV({ ...v, pin: "" }));
      }}
    >
      <div>
        <label htmlFor="pkcs11-module" className="block text-sm font-medium text-slate-700">Thư viện PKCS#11 (máy chủ cho phép)</label>
        <select id="pkcs11-module" value={v.module} onChange={(e) => set("module")(e.target.value)} className={inputClass} {...errorProps("pkcs11-module", step.errorOf("module"))}>
          {modules.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
        <FieldError id="pkcs11-module" message={step.errorOf("module")} />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <Text id="pkcs11-token" label="Nhãn thiết bị (token)" value={v.token} onChange={set("token")} error={step.errorOf("token")} />
        <Text id="pkcs11-key" label="Nhãn khóa" value={v.keyLabel} onChange={set("keyLabel")} error={step.errorOf("keyLabel")} />
        <Text id="pkcs11-pin" label="Mã PIN" type="password" value={v.pin} onChange={set("pin")} error={step.errorOf("pin")} />
      </div>
      <FormMessage message={step.error} />
      <FormMessage message={step.done} tone="success" />
      <Button type="submit" pending={step.pending}>Lưu thiết bị ký</Button>
    </form>
  );
}

export function AgencySealForm({ maxBytes, widthMm }: { maxBytes: number; widthMm: number }) {
  const step = useActionStep();
  const [files, setFiles] = useState<UploadedFileInfo[]>([]);
  const [width, setWidth] = useState(String(widthMm));
  return (
    <form
      aria-label="Hình ảnh con dấu"
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!files[0]) return step.setError("Vui lòng chọn hình ảnh con dấu (PNG nền trong suốt).");
        step.run(() => setAgencySealAction({ fileId: files[0].id, widthMm: width }), () => "Đã lưu hình ảnh con dấu.", () => setFiles([]));
      }}
    >
      <FileField id="seal-file" label="Hình ảnh con dấu (PNG, nền trong suốt)" accept=".png" types="PNG" multiple={false} files={files} onChange={setFiles} maxBytes={maxBytes} error={step.errorOf("fileId")} />
      <Text id="seal-width" label="Đường kính con dấu (mm)" type="number" value={width} onChange={setWidth} error={step.errorOf("widthMm")} />
      <FormMessage message={step.error} />
      <FormMessage message={step.done} tone="success" />
      <Button type="submit" pending={step.pending}>Lưu con dấu</Button>
    </form>
  );
}

export function AgencyKeyTest() {
  const step = useActionStep();
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        pending={step.pending}
        onClick={() => step.run(() => testAgencyKeyAction({}), (d) => `Thử ký thành công: ${(d as { subject: string }).subject.replace(/\n/g, ", ")}.`)}
      >
        Thử ký
      </Button>
      <FormMessage message={step.error} />
      <FormMessage message={step.done} tone="success" />
    </div>
  );
}
