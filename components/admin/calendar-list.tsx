import Link from "next/link";
import { deleteCalendarDayAction } from "@/lib/server-actions/calendar";
import { ActionButton } from "@/components/ui/action-button";
import { EmptyState, ListTable, tdClass } from "@/components/ui/page";
import type { CalendarLine } from "@/lib/calendar/calendar";
import { isoToDisplay } from "@/lib/dates";

const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const weekday = (iso: string) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()];

const KIND: Record<CalendarLine["kind"], string> = {
  holiday: "Nghỉ lễ, Tết",
  compensatory: "Nghỉ bù",
  off: "Nghỉ thêm",
  working: "Làm việc bù",
  removed: "Đi làm (bỏ ngày nghỉ)",
};
const ORIGIN: Record<CalendarLine["origin"], string> = {
  auto: "Tính tự động",
  admin: "Quản trị viên sửa",
  seed: "Từ cấu hình HOLIDAYS",
};

/** The year's days off and changed days: date, lunar date, what the day is, why, and where it came from. */
export function CalendarList({ year, lines }: { year: number; lines: CalendarLine[] }) {
  if (lines.length === 0) {
    return <EmptyState title={`Năm ${year} chưa có ngày nghỉ lễ nào`}>Thêm ngày nghỉ hoặc ngày làm việc bù bằng biểu mẫu ở trên.</EmptyState>;
  }
  return (
    <ListTable headers={["Ngày", "Âm lịch", "Trạng thái", "Lý do", "Nguồn", "Thao tác"]}>
      {lines.map((l) => (
        <tr key={l.day} className={l.off ? undefined : "bg-amber-50"}>
          <td className={`${tdClass} whitespace-nowrap`}>
            <span className="font-medium">{isoToDisplay(l.day)}</span>
            <div className="text-xs text-slate-600">{weekday(l.day)}</div>
          </td>
          <td className={`${tdClass} whitespace-nowrap`}>{l.lunar}</td>
          <td className={tdClass}>
            <span className={l.off ? "font-medium text-slate-900" : "font-medium text-amber-900"}>{l.off ? "Nghỉ" : "Làm việc"}</span>
            <div className="text-xs text-slate-600">{KIND[l.kind]}</div>
          </td>
          <td className={tdClass}>
            {l.reason}
            {l.computed ? <div className="text-xs text-slate-600">Tính tự động: {l.computed}</div> : null}
          </td>
          <td className={tdClass}>{ORIGIN[l.origin]}</td>
          <td className={`${tdClass} space-y-1`}>
            {l.changeId ? (
              <>
                <Link href={`/admin/calendar?year=${year}&edit=${l.changeId}#form`} className="block text-sm text-brand-700 underline">
                  Sửa<span className="sr-only"> ngày {isoToDisplay(l.day)}</span>
                </Link>
                <ActionButton
                  action={deleteCalendarDayAction}
                  input={{ id: l.changeId }}
                  label={l.computed && l.computed !== "Ngày nghỉ hằng tuần" ? "Trả về tính tự động" : "Xóa"}
                  confirm={`Xóa thay đổi của ngày ${isoToDisplay(l.day)}? Ngày này trở lại như lịch tính tự động.`}
                  success={`Đã xóa thay đổi của ngày ${isoToDisplay(l.day)}.`}
                  variant="ghost"
                />
              </>
            ) : (
              <Link href={`/admin/calendar?year=${year}&day=${l.day}&kind=removed#form`} className="block text-sm text-brand-700 underline">
                Không nghỉ ngày này<span className="sr-only"> ({isoToDisplay(l.day)})</span>
              </Link>
            )}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
