import Link from "next/link";
import { notFound } from "next/navigation";
import { batchStatusPart } from "@/components/work-files/badges";
import { ReconcileForm } from "@/components/work-files/file-panels";
import { HandOverForm } from "@/components/work-files/handover-forms";
import { Card, EmptyState, PageHeader, Pagination } from "@/components/ui/page";
import { RowTable } from "@/components/ui/row-table";
import { badge, button, buttons, group, link, smallLine, type Row } from "@/components/ui/rows";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { formatDate, formatDateTime } from "@/lib/format";
import { areaByHref, visibleAreas } from "@/lib/nav";
import { parseSearchParams, type RawParams } from "@/lib/search-params";
import { todayInVietnam } from "@/lib/dates";
import { handoverDeadline } from "@/lib/work-files/labels";
import { listBatches, reconcilePage } from "@/lib/work-files/queries";
import { handoverSearchSchema } from "@/lib/work-files/schemas";
import { reconcileFileAction } from "@/lib/server-actions/work-files";

export const metadata = { title: "Nộp lưu hồ sơ" };

export default async function HandoverPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  if (!visibleAreas(actor).includes(areaByHref("/files"))) notFound();
  const { data: sp, ignored } = parseSearchParams(await searchParams, handoverSearchSchema);
  const thisYear = Number(todayInVietnam().slice(0, 4));
  // Files of a year are handed over in the first quarter of the next (Quy chế 376 Điều 4.3 Bước 3):
  // last year's first while it has closed files, else this year's. The reconciliation table a page at a time;
  // the hand-over forms list every reconciled file; one file's notes at a time (?reconcile=<id>), the mark
  // alone is one click in its row (lib/work-files/queries.ts, reconcilePage).
  const [list, batches] = await Promise.all([
    reconcilePage(actor, sp.year ? [sp.year] : [thisYear - 1, thisYear], { page: sp.page, noteId: sp.reconcile }),
    listBatches(actor, { page: sp.batches }),
  ]);
  const { year, page, pages, rows: shown, noting } = list;
  // Each table's page is kept when the other's changes.
  const handoverHref = (p: number, b: number, extra: string) =>
    `/files/handover?year=${year}${p > 1 ? `&page=${p}` : ""}${b > 1 ? `&batches=${b}` : ""}${extra}`;
  const pageHref = (p: number, extra = "") => handoverHref(p, batches.page, extra);
  const batchHref = (b: number) => handoverHref(page, b, "#cac-dot-nop-luu");
  const here = (extra = "") => pageHref(page, extra);
  const byUnit = new Map<string, { unitName: string; files: typeof list.reconciled }>();
  for (const f of list.reconciled) {
    const u = byUnit.get(f.unitId) ?? { unitName: f.unitName, files: [] };
    u.files.push(f);
    byUnit.set(f.unitId, u);
  }
  const years = [thisYear, thisYear - 1, thisYear - 2];
  if (!years.includes(year)) years.push(year);
  return (
    <>
      <PageHeader
        title={`Nộp lưu hồ sơ năm ${year}`}
        description={`Đối chiếu hồ sơ đã đóng với hồ sơ giấy, rồi nộp lưu vào Lưu trữ cơ quan trước ${formatDate(handoverDeadline(year))}.`}
        actions={<Link href="/files" className="text-sm text-brand-700 hover:underline">← Hồ sơ công việc</Link>}
      />
      <IgnoredParamsNotice ignored={ignored} />
      <form action="/files/handover" className="mb-4 flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Năm của hồ sơ</span>
          <select name="year" defaultValue={String(year)} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            {years.sort((a, b) => b - a).map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50">Xem</button>
      </form>
      <div className="space-y-6">
        <Card title="Đối chiếu hồ sơ đã đóng">
          {list.total === 0 ? (
            <EmptyState title={`Không có hồ sơ đã đóng nào của năm ${year} chờ nộp lưu`}>Hồ sơ được đóng trên trang của từng hồ sơ.</EmptyState>
          ) : (
            // Rows as data (components/ui/rows.ts); each row's mark is a step part of the table's action.
            <RowTable
              headers={["Số và ký hiệu hồ sơ", "Tiêu đề", "Đơn vị, người lập", "Thời gian", "Số tờ", "Thời hạn bảo quản", "Đối chiếu"]}
              columns={["whitespace-nowrap", undefined, undefined, "whitespace-nowrap", undefined, undefined, "min-w-48"]}
              rows={shown.map((f): Row => [
                f.id,
                f.code,
                group(
                  link(`/files/${f.id}`, f.title),
                  f.required ? ["c", "badge mt-1 block w-fit bg-amber-50 text-amber-800", "Phải nộp lưu"] : null,
                ),
                group(f.unitName, ["c", "block text-xs text-slate-500", f.ownerName]),
                `${formatDate(f.startDate)} – ${formatDate(f.endDate)}`,
                f.sheets,
                f.retention,
                group(
                  f.reconciled ? badge("bg-emerald-50 text-emerald-800", "Đã đối chiếu") : badge("bg-slate-100 text-slate-700", "Chưa đối chiếu"),
                  f.reconcileNote ? smallLine(f.reconcileNote) : null,
                  ["c", "mt-2 block", buttons(
                    `Đối chiếu hồ sơ ${f.code}`,
                    f.reconciled
                      ? button("reconcile", "Bỏ đánh dấu đối chiếu", { id: f.id, reconciled: false, note: f.reconcileNote }, { success: `Đã bỏ đánh dấu đối chiếu hồ sơ ${f.code}.` })
                      : button("reconcile", "Đánh dấu đã đối chiếu", { id: f.id, reconciled: true, note: f.reconcileNote }, {
                          variant: "primary", success: `Đã đánh dấu hồ sơ ${f.code} đã đối chiếu.`,
                        }),
                  )],
                  ["a", here(`&reconcile=${f.id}#doi-chieu`), "Ghi chú đối chiếu", "mt-1 block text-xs text-brand-700 hover:underline", `Ghi chú đối chiếu hồ sơ ${f.code}`],
                ),
              ])}
              actions={{ reconcile: reconcileFileAction }}
            />
          )}
          <Pagination page={page} hasNext={page < pages} href={(p) => pageHref(p)} />
        </Card>

        {noting ? (
          <section id="doi-chieu" aria-label={`Đối chiếu hồ sơ ${noting.code}`}>
            <Card title={`Đối chiếu hồ sơ ${noting.code}: ${noting.title}`} actions={<Link href={here()} className="text-sm text-brand-700 hover:underline">Đóng</Link>}>
              <ReconcileForm key={noting.id} id={noting.id} reconciled={noting.reconciled} note={noting.reconcileNote} idPrefix="handover" />
            </Card>
          </section>
        ) : null}

        {[...byUnit.entries()].map(([unitId, u]) => (
          <Card key={unitId} title={`Nộp lưu: ${u.unitName}`}>
            <HandOverForm unitId={unitId} unitName={u.unitName} year={year} files={u.files.map((f) => ({ id: f.id, code: f.code, title: f.title, ownerName: f.ownerName }))} />
          </Card>
        ))}
        {list.total > 0 && byUnit.size === 0 ? (
          <p className="text-sm text-slate-600">Đối chiếu hồ sơ với hồ sơ giấy rồi bấm “Đánh dấu đã đối chiếu” trong bảng trước khi nộp lưu.</p>
        ) : null}

        <Card id="cac-dot-nop-luu" title="Các đợt nộp lưu">
          {batches.total === 0 ? (
            <EmptyState title="Chưa có đợt nộp lưu nào" />
          ) : (
            <RowTable
              headers={["Tên khối tài liệu", "Đơn vị", "Năm", "Số hồ sơ", "Người nộp", "Ngày nộp", "Trạng thái"]}
              columns={[undefined, undefined, undefined, undefined, undefined, "whitespace-nowrap"]}
              rows={batches.rows.map((b): Row => [
                b.id, link(`/files/handover/${b.id}`, b.title), b.unitName, b.year, b.files, b.submittedBy,
                formatDateTime(b.submittedAt), batchStatusPart(b.status),
              ])}
            />
          )}
          <Pagination page={batches.page} hasNext={batches.page < batches.pages} href={batchHref} label="Phân trang các đợt nộp lưu" />
        </Card>
      </div>
    </>
  );
}
