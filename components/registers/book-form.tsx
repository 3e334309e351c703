"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DateField } from "@/components/ui/date-field";
import { SelectField, TextField } from "@/components/ui/field";

export interface BookFormValues {
  book: string;
  year: number;
  series: string;
  register?: string;
  from?: string;
  to?: string;
  fromNo?: number;
  toNo?: number;
}

export interface RegisterOption {
  code: string;
  name: string;
  secret: boolean;
}

/**
 * Chooses the book to print. A plain GET form: the choice lives in the URL of the print view, so
 * the print view, its downloads and a bookmark all show the same book. The incoming books take a
 * series (normal or secret), the outgoing book one register of the year; the field that does not
 * apply is left out of the form.
 */
export function BookForm({
  values, years, series, registers, errors = {},
}: {
  values: BookFormValues;
  years: number[];
  series: Array<"normal" | "secret">;
  registers: RegisterOption[];
  errors?: Record<string, string | undefined>;
}) {
  const [book, setBook] = useState(values.book);
  const outgoing = book === "outgoing";
  return (
    <form method="get" action="/registers/print" className="space-y-5" aria-label="Chọn sổ">
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField id="book" name="book" label="Sổ" value={book} onChange={(e) => setBook(e.target.value)} error={errors.book}>
          <option value="incoming">Sổ đăng ký văn bản đến</option>
          <option value="tracking">Sổ theo dõi giải quyết văn bản đến</option>
          <option value="outgoing">Sổ đăng ký văn bản đi</option>
        </SelectField>
        <SelectField id="year" name="year" label="Năm" defaultValue={String(values.year)} error={errors.year}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        {outgoing ? (
          <SelectField id="register" name="register" label="Sổ văn bản đi" defaultValue={values.register ?? registers[0]?.code} error={errors.register}>
            {registers.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name} ({r.code})
              </option>
            ))}
          </SelectField>
        ) : (
          <SelectField id="series" name="series" label="Loại sổ" defaultValue={values.series} error={errors.series}>
            {series.map((s) => (
              <option key={s} value={s}>
                {s === "normal" ? "Văn bản thường" : "Văn bản mật"}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-medium text-slate-700">
          Phạm vi theo {outgoing ? "ngày ban hành, số đi" : "ngày đến, số đến"} (để trống để in cả năm)
        </legend>
        <DateField id="from" name="from" label="Từ ngày" defaultValue={values.from ?? ""} error={errors.from} />
        <DateField id="to" name="to" label="Đến ngày" defaultValue={values.to ?? ""} error={errors.to} />
        <TextField id="fromNo" name="fromNo" type="number" min={1} label="Từ số" defaultValue={values.fromNo ?? ""} error={errors.fromNo} />
        <TextField id="toNo" name="toNo" type="number" min={1} label="Đến số" defaultValue={values.toNo ?? ""} error={errors.toNo} />
      </fieldset>
      <Button type="submit">Xem sổ</Button>
    </form>
  );
}
