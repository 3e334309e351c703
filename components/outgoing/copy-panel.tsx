"use client";

import { makeCopyAction } from "@/lib/server-actions/outgoing";
import { SelectField, TextField } from "@/components/ui/field";
import { StepForm } from "@/components/ui/step-form";
import { copySchema } from "@/lib/outgoing/copy-schema";

/** Bản sao điện tử (NĐ 30/2020 Điều 25–27): the Văn thư chooses Sao y, Sao lục or Trích sao (with the pages). */
export function CopyPanel({ id }: { id: string }) {
  return (
    <StepForm label="Tạo bản sao điện tử" schema={copySchema} action={makeCopyAction} defaultValues={{ id, kind: "sao_y", pages: "" }} success="Đã tạo bản sao điện tử.">
      {({ form, errorOf }) => (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField id="copy-kind" label="Hình thức sao" error={errorOf("kind")} {...form.register("kind")}>
            <option value="sao_y">Sao y</option>
            <option value="sao_luc">Sao lục</option>
            <option value="trich_sao">Trích sao</option>
          </SelectField>
          <TextField id="copy-pages" label="Trang được trích (Trích sao, ví dụ 1-2, 4)" error={errorOf("pages")} {...form.register("pages")} />
        </div>
      )}
    </StepForm>
  );
}
