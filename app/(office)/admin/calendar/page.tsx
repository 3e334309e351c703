import Link from "next/link";
import { CalendarDayForm } from "@/components/admin/calendar-form";
import { CalendarList } from "@/components/admin/calendar-list";
import { CalendarMonths } from "@/components/admin/calendar-months";
import { Card, PageHeader } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireVerb } from "@/lib/auth/current";
import { calendarYear, thisYear } from "@/lib/calendar/queries";
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, calendarSearchSchema } from "@/lib/calendar/schemas";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Lịch làm việc" };

export default async function CalendarPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireVerb("calendar.manage");
  const { data: sp, ignored } = parseSearchParams(await searchParams, calendarSearchSchema);
  const year = sp.year ?? thisYear();
  const view = await calendarYear(actor.agencyId, year);
  const editing = sp.edit ? view.lines.find((l) => l.changeId === sp.edit) : undefined;
  const prefill = editing
    ? { day: editing.day, kind: editing.kind as "off" | "working" | "removed", reason: editing.reason }
    : sp.day
      ? { day: sp.day, kind: sp.kind ?? "off", reason: "" }
      : undefined;
  const offered = Array.from({ length: 7 }, (_, i) => thisYear() - 2 + i).filter((y) => y >= CALENDAR_MIN_YEAR && y <= CALENDAR_MAX_YEAR);
  const years = [...new Set([...offered, year])].sort((a, b) => a - b);
  return (
    <>
      <PageHeader
        title="Lịch làm việc"
        description="Ngày nghỉ lễ, Tết theo Bộ luật Lao động 2019 (Điều 112, Tết Âm lịch và Giỗ Tổ tính theo âm lịch) và ngày nghỉ bù được tính tự động; ngày nghỉ thêm, ngày làm việc bù mà Chính phủ thông báo hằng năm do quản trị viên nhập. Mọi hạn xử lý tính theo lịch này."
        actions={<Link href="/admin" className="self-center text-sm text-brand-700 underline">← Quản trị</Link>}
      />
      <IgnoredParamsNotice ignored={ignored} />
      <nav aria-label="Chọn năm" className="mb-4 flex flex-wrap items-end gap-3">
        {year > CALENDAR_MIN_YEAR ? (
          <Link href={`/admin/calendar?year=${year - 1}`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:border-brand-600">← Năm {year - 1}</Link>
        ) : null}
        <form method="get" action="/admin/calendar" className="flex items-end gap-2">
          <label htmlFor="cal-year" className="text-sm font-medium text-slate-800">
            Năm
            <select id="cal-year" name="year" defaultValue={String(year)} className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
              {years.map((y) => (
                <option key={y} value={y}>{y}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:border-brand-600 focus-visible:ring-2 focus-visible:ring-brand-600">Xem</button>
        </form>
        {year < CALENDAR_MAX_YEAR ? (
          <Link href={`/admin/calendar?year=${year + 1}`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:border-brand-600">Năm {year + 1} →</Link>
        ) : null}
      </nav>
      <div className="space-y-6">
        <p className="text-sm text-slate-700" aria-live="polite">
          Năm {year}: {view.weekdaysOff} ngày nghỉ rơi vào ngày thường, {view.workingWeekends} ngày thứ Bảy, Chủ nhật đi làm.
        </p>
        <section id="form" aria-label={editing ? "Sửa ngày" : "Thêm ngày"}>
          <Card title={editing ? "Sửa ngày" : "Thêm ngày nghỉ hoặc ngày làm việc bù"}>
            <CalendarDayForm key={sp.edit ?? sp.day ?? "new"} id={editing?.changeId ?? undefined} year={year} values={prefill} />
          </Card>
        </section>
        <CalendarList year={year} lines={view.lines} />
        <Card title={`Lịch năm ${year}`}>
          <p className="mb-3 text-sm text-slate-700">
            <span className="mr-1 inline-block size-3 rounded-sm bg-red-100 align-middle" aria-hidden /> Nghỉ lễ, Tết, nghỉ bù, nghỉ thêm
            <span className="ml-4 mr-1 inline-block size-3 rounded-sm bg-amber-100 align-middle" aria-hidden /> Làm việc bù hoặc bỏ ngày nghỉ
            <span className="ml-4 mr-1 inline-block size-3 rounded-sm bg-slate-100 align-middle" aria-hidden /> Thứ Bảy, Chủ nhật
          </p>
          <CalendarMonths year={year} daysOff={view.daysOff} lines={view.lines} />
        </Card>
      </div>
    </>
  );
}
