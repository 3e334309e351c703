"use client";

import { useRouter } from "next/navigation";
import { createPartnerAction, updatePartnerAction } from "@/lib/server-actions/exchange-admin";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { TextArea } from "@/components/ui/step-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { partnerSchema } from "@/lib/exchange/admin-schemas";

export interface PartnerValues {
  name: string;
  organId: string;
  transport: "" | "direct" | "axis";
  endpoint: string;
  address: string;
  certPem: string;
  caPem: string;
  sortOrder: number;
}

const EMPTY: PartnerValues = { name: "", organId: "", transport: "axis", endpoint: "", address: "", certPem: "", caPem: "", sortOrder: 0 };

/** Thêm / sửa một cơ quan trong danh bạ liên thông. */
export function AdminPartnerForm({ id, partner }: { id?: string; partner?: PartnerValues }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: partnerSchema,
    action: (v) => (id ? updatePartnerAction({ ...v, id }) : createPartnerAction(v)),
    defaultValues: partner ?? EMPTY,
    successMessage: id ? "Đã lưu cơ quan." : "Đã thêm cơ quan vào danh bạ.",
    onSuccess: () => (id ? router.refresh() : router.push("/admin/exchange/directory")),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label={id ? "Sửa cơ quan" : "Thêm cơ quan"}>
      <div className="sm:col-span-2">
        <TextField id="p-name" label="Tên cơ quan" error={errorOf("name")} {...form.register("name")} />
      </div>
      <TextField id="p-organ" label="Mã định danh" hint="Dạng 000.00.00.X00; để trống nếu cơ quan chỉ nhận văn bản giấy" error={errorOf("organId")} {...form.register("organId")} />
      <SelectField id="p-transport" label="Cách kết nối" error={errorOf("transport")} {...form.register("transport")}>
        <option value="axis">Qua trục</option>
        <option value="direct">Trực tiếp</option>
        <option value="">Không liên thông (gửi giấy)</option>
      </SelectField>
      <TextField id="p-endpoint" label="Địa chỉ máy chủ" hint="Kết nối trực tiếp: địa chỉ hệ thống của cơ quan đó, ví dụ https://vpdt.stc.binhdinh.gov.vn" error={errorOf("endpoint")} {...form.register("endpoint")} />
      <TextField id="p-address" label="Địa chỉ" error={errorOf("address")} {...form.register("address")} />
      <TextArea id="p-cert" label="Chứng thư số của cơ quan (PEM, ghim)" rows={4} error={errorOf("certPem")} {...form.register("certPem")} />
      <TextArea id="p-ca" label="Hoặc chứng thư của tổ chức cấp (CA, PEM)" rows={4} error={errorOf("caPem")} {...form.register("caPem")} />
      <TextField id="p-order" label="Thứ tự" type="number" min={0} error={errorOf("sortOrder")} {...form.register("sortOrder")} />
      <div className="flex flex-col gap-2 sm:col-span-2">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <div>
          <Button type="submit" pending={pending}>{id ? "Lưu cơ quan" : "Thêm cơ quan"}</Button>
        </div>
      </div>
    </form>
  );
}
