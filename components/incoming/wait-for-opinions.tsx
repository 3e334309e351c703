import type { UseFormReturn } from "react-hook-form";

/** Chờ ý kiến phối hợp: the leader keeps the coordinating parts open after the lead finishes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function WaitForOpinionsField({ form }: { form: UseFormReturn<any> }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-0.5" {...form.register("waitForOpinions")} />
      <span>
        Chờ ý kiến phối hợp
        <span className="block text-xs text-slate-600">Văn bản chỉ hoàn thành khi các đơn vị, cá nhân phối hợp đã hoàn thành; nếu không chọn, phần phối hợp đóng theo văn bản khi xử lý chính hoàn thành.</span>
      </span>
    </label>
  );
}
