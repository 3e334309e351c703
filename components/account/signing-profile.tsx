"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { readPng, signatureImageProblem, SIGNATURE_LIMITS } from "@/lib/account/signature-image";
import { CERTIFICATE_EXTS, CERTIFICATE_MAX_BYTES, cscUserSchema, SIGNATURE_IMAGE_MAX_BYTES } from "@/lib/account/signing-schemas";
import { TextField } from "@/components/ui/field";
import { StepForm } from "@/components/ui/step-form";
import { ActionButton } from "@/components/ui/action-button";
import { MetaList } from "@/components/ui/page";
import { FileUploadStep } from "./file-upload-step";

type Action = (input: Record<string, string>) => Promise<ActionResult<unknown>>;

/** The signature image: the current one, a preview of a newly chosen one, and the checks of Phụ lục I §7. */
export function SignatureImagePanel({ image, setAction, removeAction }: {
  image: { src: string; width: number; height: number } | null;
  setAction: Action;
  removeAction: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const [preview, setPreview] = useState<string | null>(null);
  const l = SIGNATURE_LIMITS;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-700">{preview ? "Ảnh vừa chọn (chưa lưu)" : "Ảnh chữ ký hiện tại"}</p>
        {/* A checkerboard shows that the background is transparent. */}
        <div className="flex min-h-28 items-center justify-center rounded-md border border-slate-300 bg-[conic-gradient(#e2e8f0_25%,#fff_0_50%,#e2e8f0_0_75%,#fff_0)] bg-[length:16px_16px] p-3">
          {preview || image ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={preview ?? image!.src} alt="Ảnh chữ ký" className="max-h-40 max-w-full" />
          ) : (
            <p className="text-sm text-slate-600">Chưa có ảnh chữ ký.</p>
          )}
        </div>
        {image && !preview ? (
          <>
            <p className="text-xs text-slate-600">{image.width} × {image.height} điểm ảnh</p>
            <ActionButton action={removeAction} input={{}} label="Xóa ảnh chữ ký" confirm="Xóa ảnh chữ ký của bạn?" success="Đã xóa ảnh chữ ký." />
          </>
        ) : null}
      </div>
      <FileUploadStep
        label={image ? "Thay ảnh chữ ký" : "Tải lên ảnh chữ ký"}
        field="image"
        accept=".png,image/png"
        hint={`Ảnh chữ ký màu xanh, tệp PNG nền trong suốt (Nghị định 30/2020, Phụ lục I), từ ${l.minWidth} × ${l.minHeight} đến ${l.maxWidth} × ${l.maxHeight} điểm ảnh, tối đa 512 KB. Ảnh được đặt giữa chức vụ và họ tên người ký.`}
        check={(b) => (b.length > SIGNATURE_IMAGE_MAX_BYTES ? "Ảnh chữ ký tối đa 512 KB." : signatureImageProblem(readPng(b)))}
        action={setAction}
        success="Đã lưu ảnh chữ ký."
        onPreview={setPreview}
      />
    </div>
  );
}

export interface CertificateView {
  subject: string;
  issuer: string;
  serial: string;
  fingerprint: string;
  notBefore: string;
  notAfter: string;
  state: "valid" | "expired" | "not_yet";
}

const STATE_LABELS = { valid: "Còn hiệu lực", expired: "Hết hạn", not_yet: "Chưa có hiệu lực" } as const;

/** The certificate (public part only): subject, issuer, validity. */
export function CertificatePanel({ certificate, setAction, removeAction }: {
  certificate: CertificateView | null;
  setAction: Action;
  removeAction: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="space-y-2">
        {certificate ? (
          <>
            <MetaList
              items={[
                ["Chủ thể", certificate.subject],
                ["Tổ chức cấp", certificate.issuer],
                ["Số hiệu", certificate.serial],
                ["Hiệu lực", `${certificate.notBefore} – ${certificate.notAfter}`],
                ["Tình trạng", STATE_LABELS[certificate.state]],
                ["Dấu vân tay SHA-256", certificate.fingerprint],
              ]}
            />
            <ActionButton action={removeAction} input={{}} label="Xóa chứng thư số" confirm="Xóa chứng thư số của bạn?" success="Đã xóa chứng thư số." />
          </>
        ) : (
          <p className="text-sm text-slate-600">Chưa có chứng thư số.</p>
        )}
      </div>
      <FileUploadStep
        label={certificate ? "Thay chứng thư số" : "Tải lên chứng thư số"}
        field="certificate"
        accept={CERTIFICATE_EXTS.map((e) => `.${e}`).join(",")}
        hint="Tệp .cer, .crt hoặc .pem: chỉ phần công khai. Không tải lên tệp .p12/.pfx hay khóa bí mật: khóa bí mật không bao giờ rời khỏi thiết bị của bạn."
        check={(b) => (b.length > CERTIFICATE_MAX_BYTES ? "Tệp chứng thư số tối đa 32 KB." : null)}
        action={setAction}
        success="Đã lưu chứng thư số."
      />
    </div>
  );
}

/** The person's id at the remote signing service (CSC API v2 `userID`), when the installation has one. */
export function CscUserForm({ cscUserId, username, action }: { cscUserId: string; username: string; action: (input: { cscUserId: string }) => Promise<ActionResult<unknown>> }) {
  return (
    <StepForm label="Lưu tài khoản ký số từ xa" schema={cscUserSchema} action={action} defaultValues={{ cscUserId }} variant="secondary" success="Đã lưu tài khoản ký số từ xa.">
      {({ form, errorOf }) => (
        <TextField
          id="csc-user"
          label="Tài khoản tại dịch vụ ký số từ xa"
          hint={`Để trống nếu trùng tên đăng nhập (${username}).`}
          error={errorOf("cscUserId")}
          {...form.register("cscUserId")}
        />
      )}
    </StepForm>
  );
}
