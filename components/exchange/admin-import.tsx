"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importDirectoryAction } from "@/lib/server-actions/exchange-admin";
import { announce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { ListTable, tdClass } from "@/components/ui/page";
import { newIdempotencyKey, withIdempotencyKey } from "@/lib/actions/idempotency-field";
import { MAX_IMPORT_BYTES, TRANSPORT_LABELS } from "@/lib/exchange/admin-schemas";
import { formatSize } from "@/lib/format";
import { fileToBase64 } from "./admin-file";

interface Row {
  line: number;
  name: string;
  organId: string;
  transport: "direct" | "axis" | null;
  endpoint: string;
  address: string;
  errors: string[];
}

/** Nhập danh bạ từ CSV hoặc Excel: choose a file, see every row with its errors, confirm the valid ones. */
export function AdminDirectoryImport() {
  const router = useRouter();
  const [chosen, setChosen] = useState<{ fileName: string; file: string } | null>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [pending, start] = useTransition();
  const [key, setKey] = useState(newIdempotencyKey);
  const valid = rows?.filter((r) => r.errors.length === 0).length ?? 0;

  async function preview(file: File) {
    setError(undefined);
    setDone(undefined);
    setRows(null);
    setChosen(null);
    if (file.size > MAX_IMPORT_BYTES) return setError(`Tệp quá lớn (tối đa ${formatSize(MAX_IMPORT_BYTES)}).`);
    const body = { fileName: file.name, file: await fileToBase64(file) };
    start(async () => {
      const res = await fetch("/api/exchange/directory-preview", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      if (!res.ok) return setError(await res.text());
      const p = (await res.json()) as { rows: Row[]; error?: string };
      if (p.error) return setError(p.error);
      setRows(p.rows);
      setChosen(body);
      announce(`Đã đọc ${p.rows.length} dòng, ${p.rows.filter((r) => r.errors.length === 0).length} dòng hợp lệ.`);
    });
  }

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor="dir-file" className="block text-sm font-medium text-slate-700">Tệp CSV (UTF-8) hoặc Excel (.xlsx)</label>
        <input
          id="dir-file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-800"
          aria-describedby="dir-file-hint"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void preview(f);
          }}
        />
        <p id="dir-file-hint" className="mt-1 text-xs text-slate-600">
          Dòng đầu là tiêu đề với các cột: Tên cơ quan, Mã định danh, Cách kết nối (Trực tiếp hoặc Qua trục), Địa chỉ máy chủ, Địa chỉ. Cơ quan đã có mã định danh trong danh bạ được cập nhật.
        </p>
      </div>
      <FormMessage message={error} />
      <FormMessage message={done} tone="success" />
      {rows ? (
        <section aria-label="Xem trước danh bạ nhập" className="space-y-3">
          <p className="text-sm text-slate-700">
            {rows.length} dòng: {valid} dòng hợp lệ, {rows.length - valid} dòng có lỗi (không được nhập).
          </p>
          <ListTable headers={["Dòng", "Tên cơ quan", "Mã định danh", "Cách kết nối", "Địa chỉ máy chủ", "Lỗi"]}>
            {rows.map((r) => (
              <tr key={r.line} className={r.errors.length ? "bg-red-50" : undefined}>
                <td className={tdClass}>{r.line}</td>
                <td className={tdClass}>{r.name}</td>
                <td className={tdClass}>{r.organId}</td>
                <td className={tdClass}>{r.transport ? TRANSPORT_LABELS[r.transport] : ""}</td>
                <td className={`${tdClass} break-all`}>{r.endpoint}</td>
                <td className={`${tdClass} text-red-800`}>{r.errors.join(" ")}</td>
              </tr>
            ))}
          </ListTable>
          <Button
            type="button"
            pending={pending}
            disabled={valid === 0 || !chosen}
            onClick={() =>
              chosen &&
              start(async () => {
                setError(undefined);
                const r = await importDirectoryAction(withIdempotencyKey(chosen, key));
                if (!r.ok) return setError(r.formError);
                setKey(newIdempotencyKey());
                const msg = `Đã nhập danh bạ: thêm ${r.data.inserted}, cập nhật ${r.data.updated}${r.data.skipped ? `, bỏ qua ${r.data.skipped} dòng có lỗi` : ""}.`;
                setDone(msg);
                announce(msg);
                setRows(null);
                setChosen(null);
                router.refresh();
              })
            }
          >
            Nhập {valid} dòng hợp lệ
          </Button>
        </section>
      ) : null}
    </div>
  );
}
