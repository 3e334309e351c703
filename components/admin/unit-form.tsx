"use client";

import { useRouter } from "next/navigation";
import { createUnitAction, updateUnitAction } from "@/lib/server-actions/admin";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { unitKind, unitSchema, updateUnitSchema } from "@/lib/org/schemas";
import { UNIT_KIND_LABELS } from "./labels";

interface Option {
  id: string;
  name: string;
  depth: number;
}

type UnitValues = { parentId: string; kind: (typeof unitKind.enumValues)[number]; code: string; name: string; sortOrder: number };

export function UnitForm({ parents, unit }: { parents: Option[]; unit?: UnitValues & { id: string } }) {
  const router = useRouter();
  const editing = !!unit;
  const { form, onSubmit, pending, formError, success, errorOf } = useActionForm({
    schema: editing ? updateUnitSchema : unitSchema,
    action: (v) => (editing ? updateUnitAction(v) : createUnitAction(v)),
    defaultValues: unit ?? { parentId: "", kind: "division", code: "", name: "", sortOrder: 0 },
    successMessage: editing ? "Đã lưu đơn vị." : "Đã thêm đơn vị.",
    resetOnSuccess: !editing,
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label={editing ? "Sửa đơn vị" : "Thêm đơn vị"}>
      <TextField id="unit-name" label="Tên đơn vị" error={errorOf("name")} {...form.register("name")} />
      <TextField id="unit-code" label="Ký hiệu viết tắt" hint="Dùng trong ký hiệu văn bản, ví dụ: TCCB" error={errorOf("code")} {...form.register("code")} />
      <SelectField id="unit-kind" label="Loại đơn vị" error={errorOf("kind")} {...form.register("kind")}>
        {unitKind.enumValues.map((k) => (
          <option key={k} value={k}>
            {UNIT_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <SelectField id="unit-parent" label="Trực thuộc" error={errorOf("parentId")} {...form.register("parentId")}>
        <option value="">— Trực thuộc cơ quan —</option>
        {parents.map((p) => (
          <option key={p.id} value={p.id}>
            {"\u00a0\u00a0".repeat(p.depth)}
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextField id="unit-order" label="Thứ tự hiển thị" type="number" min={0} error={errorOf("sortOrder")} {...form.register("sortOrder")} />
      <div className="flex flex-col justify-end gap-2 sm:col-span-2">
        <FormMessage message={formError} />
        <FormMessage message={success} tone="success" />
        <div>
          <Button type="submit" pending={pending}>
            {editing ? "Lưu đơn vị" : "Thêm đơn vị"}
          </Button>
        </div>
      </div>
    </form>
  );
}
