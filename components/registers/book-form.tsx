import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";

export interface BookFormValues {
  book: string;
  year: number;
  series: string;
  from?: string;
  to?: string;
  fromNo?: number;
  toNo?: number;
}

/**
 * Chooses the book to print. A plain GET form: the choice lives in the URL of the print view, so
 * the print view, its downloads and a bookmark all show the same book.
 */
export function BookForm({
  values, years, series, errors = {},
}: {
  values: BookFormValues;
  years: number[];
  series: Array<"normal" | "secret">;
  errors?: Record<string, string | undefined>;
}) {
  return (
    <form method="get" action="/registers/incoming/print" className="space-y-5" aria-label="Chọn sổ">
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField id="book" name="book" label="Sổ" defaultValue={values.book} error={errors.book}>
          <option value="register">Sổ đăng ký văn bản đến</option>
          <option value="tracking">Sổ theo dõi giải quyết văn bản đến</option>
        </SelectField>
        <SelectField id="year" name="year" label="Năm" defaultValue={String(values.year)} error={errors.year}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        <SelectField id="series" name="series" label="Loại sổ" defaultValue={values.series} error={errors.series}>
          {series.map((s) => (
            <option key={s} value={s}>
              {s === "normal" ? "Văn bản thường" : "Văn bản mật"}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-medium text-slate-700">Phạm vi (để trống để in cả năm)</legend>
        <TextField id="from" name="from" type="date" label="Từ ngày đến" defaultValue={values.from ?? ""} error={errors.from} />
        <TextField id="to" name="to" type="date" label="Đến ngày đến" defaultValue={values.to ?? ""} error={errors.to} />
        <TextField id="fromNo" name="fromNo" type="number" min={1} label="Từ số đến" defaultValue={values.fromNo ?? ""} error={errors.fromNo} />
        <TextField id="toNo" name="toNo" type="number" min={1} label="Đến số đến" defaultValue={values.toNo ?? ""} error={errors.toNo} />
      </fieldset>
      <Button type="submit">Xem sổ</Button>
    </form>
  );
}
