"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { updateAgencyAction } from "@/lib/server-actions/admin";
import { Button } from "@/components/ui/button";
import { errorProps, FieldError, FormMessage, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { formatSize } from "@/lib/format";
import { agencySchema } from "@/lib/org/schemas";
import { fileUrl, uploadFile } from "@/lib/storage/client";

type Values = { name: string; parentName: string; placeName: string; emblemFileId: string };

/** Quản trị → Thông tin cơ quan. The emblem is uploaded when chosen and saved with the form. */
export function AgencyForm({ agency, maxBytes }: { agency: Values; maxBytes: number }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: agencySchema,
    action: (v) => updateAgencyAction(v),
    defaultValues: agency,
    successMessage: "Đã lưu thông tin cơ quan.",
    onSuccess: () => router.refresh(),
  });
  const [uploadError, setUploadError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const emblemId = form.watch("emblemFileId") as string;
  // The saved emblem is shown through the header's route; a new one, before saving, as the uploaded file.
  const preview = !emblemId ? "/emblem.svg" : emblemId === agency.emblemFileId ? `/api/agency/emblem?v=${emblemId}` : fileUrl(emblemId);
  const emblemError = uploadError ?? errorOf("emblemFileId");
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Thông tin cơ quan">
      <TextField id="agency-name" label="Tên cơ quan" error={errorOf("name")} {...form.register("name")} />
      <TextField id="agency-parent" label="Cơ quan chủ quản" hint="Ví dụ: UBND tỉnh Bình Định (để trống nếu không có)" error={errorOf("parentName")} {...form.register("parentName")} />
      <TextField id="agency-place" label="Địa danh" hint="In trước ngày tháng trên biên bản, ví dụ: Bình Định" error={errorOf("placeName")} {...form.register("placeName")} />
      <div>
        <label htmlFor="agency-emblem" className="block text-sm font-medium text-slate-700">Biểu tượng cơ quan</label>
        <div className="mt-1 flex items-center gap-3">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={preview} alt="Biểu tượng đang chọn" width={48} height={48} className="h-12 w-12 rounded-full border border-slate-200 object-contain" />
          <input
            id="agency-emblem"
            type="file"
            accept=".png,.jpg,.jpeg,image/png,image/jpeg"
            {...errorProps("agency-emblem", emblemError)}
            aria-describedby={emblemError ? "agency-emblem-hint agency-emblem-error" : "agency-emblem-hint"}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-800"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (!file) return;
              setUploadError(undefined);
              setBusy(true);
              const r = await uploadFile(file, { maxBytes });
              setBusy(false);
              if (!r.ok) return setUploadError(r.formError);
              if (r.file.mime !== "image/png" && r.file.mime !== "image/jpeg") return setUploadError("Biểu tượng phải là ảnh PNG hoặc JPEG (không nhận SVG).");
              form.setValue("emblemFileId", r.file.id, { shouldDirty: true });
            }}
          />
        </div>
        <p id="agency-emblem-hint" className="mt-1 text-xs text-slate-600">
          PNG hoặc JPEG, tối đa {formatSize(maxBytes)}. {busy ? "Đang tải lên…" : ""}
        </p>
        <FieldError id="agency-emblem" message={emblemError} />
        {emblemId ? (
          <button type="button" className="mt-1 text-xs text-brand-700 underline" onClick={() => form.setValue("emblemFileId", "", { shouldDirty: true })}>
            Dùng biểu tượng mặc định
          </button>
        ) : null}
      </div>
      <div className="flex flex-col gap-2 sm:col-span-2">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <div>
          <Button type="submit" pending={pending || busy}>Lưu thông tin cơ quan</Button>
        </div>
      </div>
    </form>
  );
}
