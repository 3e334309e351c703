"use client";

import { useState } from "react";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { useLoadedList } from "@/components/ui/use-loaded-list";
import { errorProps, FieldError } from "@/components/ui/field";
import type { OutgoingRecipientOption } from "@/lib/outgoing/options";
import { uploadFile } from "@/lib/storage/client";
import { searchKey } from "@/lib/validation";

const cell = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
type Kind = "unit" | "user" | "agency" | "text";
export interface RecipientValue {
  kind: Kind;
  targetId: string;
  name: string;
}

/** "- Sở Tài chính;" → "Sở Tài chính": the bullets and punctuation of a pasted Nơi nhận. */
const clean = (line: string) => line.replace(/^[\s\-–•+*·]+/, "").replace(/[;,.]+\s*$/, "").trim();

/** Turns pasted lines into recipients: names known to the directory or the agency link to them, the rest stay free text. */
export function parseRecipientLines(text: string, options: OutgoingRecipientOption[]): RecipientValue[] {
  const byName = new Map(options.map((o) => [searchKey(o.label.split(" – ")[0]), o]));
  return text
    .split(/\r?\n/)
    .map(clean)
    .filter((l) => l && !/^(nơi nhận|lưu)\b/i.test(l))
    .map((l) => {
      const o = byName.get(searchKey(l));
      return o ? { kind: o.kind, targetId: o.id, name: "" } : { kind: "text" as const, targetId: "", name: l.slice(0, 200) };
    });
}

const identity = (r: RecipientValue) => (r.kind === "text" ? `text:${searchKey(r.name)}` : `${r.kind}:${r.targetId}`);

const PEOPLE_URL = "/api/outgoing/recipient-options";

/**
 * Nơi nhận: units and people of the agency, agencies of the directory, or any other name typed in.
 * A long list can be pasted (one per line, as in the document's Nơi nhận block). The page brings the units,
 * the directory and the people already chosen; the agency's people are asked for when the form opens
 * (two thousand of them at a province's department would weigh on every draft page).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function RecipientsEditor({ form, options: given, errorOf }: { form: UseFormReturn<any>; options: OutgoingRecipientOption[]; errorOf: (n: string) => string | undefined }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "recipients" });
  const [paste, setPaste] = useState("");
  const [pasteNote, setPasteNote] = useState<string>();
  const { list: people, error: peopleError, load: loadPeople } = useLoadedList<OutgoingRecipientOption>(
    PEOPLE_URL,
    "people",
    "Chưa tải được danh sách cá nhân trong cơ quan. Vẫn chọn được đơn vị, cơ quan bên ngoài hoặc nhập tên; tải lại trang để thử lại.",
  );
  // The loaded people take the place of the chosen ones the page brought (they are among them).
  const merged = (list: OutgoingRecipientOption[] | null) => (list ? [...given.filter((o) => o.kind !== "user"), ...list] : given);
  const options = merged(people);
  const groups: [string, OutgoingRecipientOption[]][] = [
    ["Đơn vị trong cơ quan", options.filter((o) => o.kind === "unit")],
    ["Cá nhân trong cơ quan", options.filter((o) => o.kind === "user")],
    ["Cơ quan bên ngoài (danh bạ)", options.filter((o) => o.kind === "agency")],
  ];
  const values = (): RecipientValue[] => form.getValues("recipients") ?? [];
  /** Appends the lines not already listed, and says how many were added (the agency's people first loaded, to recognise them). */
  const addLines = async (text: string) => {
    const list = merged(await loadPeople());
    const seen = new Set(values().map(identity));
    const added = parseRecipientLines(text, list).filter((r) => (seen.has(identity(r)) ? false : (seen.add(identity(r)), true)));
    append(added);
    setPasteNote(`Đã thêm ${added.length} nơi nhận.`);
  };
  const importXlsx = async (file: File) => {
    setPasteNote("Đang đọc tệp…");
    const up = await uploadFile(file);
    if (!up.ok) return setPasteNote(`${file.name}: ${up.formError}`);
    const res = await fetch(`/api/outgoing/recipients?fileId=${encodeURIComponent(up.file.id)}`).catch(() => null);
    if (!res?.ok) return setPasteNote(res ? await res.text() : "Không đọc được tệp, vui lòng thử lại.");
    await addLines(((await res.json()) as { names: string[] }).names.join("\n"));
  };
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Nơi nhận</legend>
      {fields.length === 0 ? <p className="text-sm text-slate-500">Chưa có nơi nhận. Thêm từng nơi hoặc dán danh sách bên dưới.</p> : null}
      {peopleError ? <p role="alert" className="text-sm text-amber-800">{peopleError}</p> : null}
      {fields.map((f, i) => {
        const kind = form.watch(`recipients.${i}.kind`) as Kind;
        const rowError = errorOf(`recipients.${i}`) ?? errorOf(`recipients.${i}.targetId`) ?? errorOf(`recipients.${i}.name`);
        return (
          <div key={f.id} className="flex flex-wrap items-start gap-2" data-testid="outgoing-recipient">
            <input type="hidden" {...form.register(`recipients.${i}.kind`)} />
            <select
              className={`${cell} min-w-72 flex-1`}
              aria-label={`Nơi nhận ${i + 1}`}
              {...errorProps(`recipient-${i}`, rowError)}
              value={kind === "text" ? "__text" : form.watch(`recipients.${i}.targetId`)}
              onChange={(e) => {
                const picked = e.target.selectedOptions[0]?.dataset.kind as Kind | undefined;
                form.setValue(`recipients.${i}.kind`, picked ?? "text");
                form.setValue(`recipients.${i}.targetId`, picked && picked !== "text" ? e.target.value : "");
              }}
            >
              <option value="" data-kind="">— Chọn nơi nhận —</option>
              {groups.map(([label, os]) =>
                os.length ? (
                  <optgroup key={label} label={label}>
                    {os.map((o) => (
                      <option key={o.id} value={o.id} data-kind={o.kind}>
                        {o.label}{o.kind === "agency" ? (o.electronic ? " (liên thông)" : " (bản giấy)") : ""}
                      </option>
                    ))}
                  </optgroup>
                ) : null,
              )}
              <option value="__text" data-kind="text">Nơi nhận khác (nhập tên)…</option>
            </select>
            {kind === "text" ? (
              <input className={`${cell} min-w-64 flex-1`} aria-label={`Tên nơi nhận ${i + 1}`} maxLength={200} {...errorProps(`recipient-${i}`, rowError)} {...form.register(`recipients.${i}.name`)} />
            ) : null}
            <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => remove(i)}>Bỏ</Button>
            <FieldError id={`recipient-${i}`} message={rowError} className="w-full text-sm text-red-700" />
          </div>
        );
      })}
      <Button type="button" variant="secondary" className="px-3 py-1 text-xs" onClick={() => append({ kind: "text", targetId: "", name: "" })}>
        Thêm nơi nhận
      </Button>
      {errorOf("recipients") ? <p role="alert" className="text-sm text-red-700">{errorOf("recipients")}</p> : null}
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium">Dán hoặc nhập danh sách nơi nhận</summary>
        <label htmlFor="recipients-paste" className="mt-2 block text-sm text-slate-700">Mỗi dòng một nơi nhận (có thể dán nguyên phần “Nơi nhận” của văn bản).</label>
        <textarea id="recipients-paste" rows={5} className={`${cell} mt-1 w-full`} value={paste} onChange={(e) => setPaste(e.target.value)} />
        <div className="mt-2 flex items-center gap-3">
          <Button
            type="button"
            variant="secondary"
            className="px-3 py-1 text-xs"
            onClick={() => {
              void addLines(paste);
              setPaste("");
            }}
          >
            Thêm các dòng vào nơi nhận
          </Button>
          {pasteNote ? <span role="status" className="text-sm text-slate-600">{pasteNote}</span> : null}
        </div>
        <label htmlFor="recipients-xlsx" className="mt-3 block text-sm text-slate-700">Hoặc nhập từ tệp Excel (.xlsx, mỗi dòng một nơi nhận ở cột đầu tiên)</label>
        <input
          id="recipients-xlsx"
          type="file"
          accept=".xlsx"
          className="mt-1 block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-1.5 file:text-brand-800"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = "";
            if (f) void importXlsx(f);
          }}
        />
      </details>
    </fieldset>
  );
}
