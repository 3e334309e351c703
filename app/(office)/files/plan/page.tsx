import Link from "next/link";
import { notFound } from "next/navigation";
import { workFileStatusPart } from "@/components/work-files/badges";
import { AdHocForm, CreatePlanForm, HeadingForm, ItemForm } from "@/components/work-files/plan-forms";
import { Card, EmptyState, PageHeader, Pagination } from "@/components/ui/page";
import { Disclosure } from "@/components/ui/disclosure";
import { RowTable } from "@/components/ui/row-table";
import { button, group, link, type Row } from "@/components/ui/rows";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { agencyPeopleOptions, unitFilterOptions } from "@/lib/incoming/options";
import { parseSearchParams, type RawParams } from "@/lib/search-params";
import { todayInVietnam } from "@/lib/dates";
import { seesPlan } from "@/lib/access/work-files";
import { getPlanPage, planYears, retentionOptions } from "@/lib/work-files/queries";
import { planSearchSchema } from "@/lib/work-files/schemas";
import { PrintoutLinks } from "@/components/work-files/printout-links";
import { planDownloadHref, planPrintHref } from "@/lib/work-files/links";
import { deletePlanItemAction, openFromItemAction } from "@/lib/server-actions/work-files";

export const metadata = { title: "Danh mục hồ sơ" };

export default async function FilePlanPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  if (!seesPlan(actor)) notFound();
  const { data: sp, ignored } = parseSearchParams(await searchParams, planSearchSchema);
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const year = sp.year ?? thisYear;
  // A page of the plan at a time (lib/work-files/plan-page.ts): the printout and the downloads carry all of it.
  const [plan, years, retentions] = await Promise.all([getPlanPage(actor, year, { page: sp.page, editId: sp.edit }), planYears(actor), retentionOptions()]);
  const mayPlan = can(actor, "files.plan");
  const shownYears = [...new Set([thisYear + 1, thisYear, ...years])].sort((a, b) => b - a);
  const editing = !!plan?.mayEdit;
  // Rows and years link with plain anchors (a plan has hundreds of rows, and a year for every year since the office began;
  // a next/link each is a client component to render and hydrate).
  // One item is edited at a time (?edit=<id>), and the new item's form opens on demand (?add=1): each carries the
  // option lists, and the list of people is the whole agency's (two thousand at a province's department: 1.1 MB
  // of page and 80 ms of server time when the form was always there, README Benchmarks).
  const editItem = plan?.editItem;
  const adding = editing && sp.add;
  const { rows: shown, page, pages } = plan ?? { rows: [], page: 1, pages: 1 };
  const pageHref = (p: number, extra = "") => `/files/plan?year=${year}${p > 1 ? `&page=${p}` : ""}${extra}`;
  const here = (extra = "") => pageHref(page, extra);
  const [units, people] = editing && (editItem || adding)
    ? await Promise.all([
        unitFilterOptions(actor.agencyId).then((rows) => rows.map((u) => ({ id: u.id, label: u.name }))),
        agencyPeopleOptions(actor.agencyId).then((rows) => rows.map((r) => ({ id: r.id, label: r.label }))),
      ])
    : [[], []];
  const headings = plan?.headings.map((h) => ({ id: h.id, abbr: h.abbr, title: h.title, numeral: h.numeral })) ?? [];
  const lastNo = plan?.plan.lastNo ?? 0;
  // Rows as data (components/ui/rows.ts): a plan's page is 25 rows; its buttons are step parts of the table's actions.
  const planRows: Row[] = !plan ? [] : [
    ...(plan.headings.length === 0 ? [["none", ["s", "", "text-center", ["c", "text-slate-600", "Danh mục chưa có đề mục nào."]]] as const] : []),
    ...shown.flatMap(({ heading: h, item: it, headingRow: withHeading, continued }): Row[] => {
      const headingRow: Row[] = withHeading
        ? [[h.id, ["s", "bg-slate-50/60", "font-semibold", `${h.numeral}. ${h.title} `, ["c", "font-normal text-slate-500", `(${h.abbr})${continued ? " (tiếp)" : ""}`]]]]
        : [];
      if (!it) return [...headingRow, [`${h.id}-empty`, ["s", "", "", ["c", "text-slate-500", "Chưa có hồ sơ trong đề mục này."]]]];
      return [
        ...headingRow,
        [
          it.id,
          it.code,
          group(it.title, it.adHoc ? ["c", "block text-xs text-slate-500", "Ngoài danh mục"] : null),
          it.retention,
          it.keeper,
          it.note,
          [
            "c", "flex flex-col items-start gap-1",
            it.file
              ? ["c", "flex flex-wrap items-center gap-2",
                  workFileStatusPart(it.file.status),
                  it.file.readable ? link(`/files/${it.file.id}`, "Xem hồ sơ") : null,
                  ["c", "text-xs text-slate-500", it.file.ownerName]]
              : null,
            // Mở hồ sơ, then the new file's page.
            it.mayOpen ? button("open", "Mở hồ sơ", { itemId: it.id }, { variant: "primary", go: "/files/{id}" }) : null,
            editing ? ["a", here(`&edit=${it.id}#sua-muc`), "Sửa mục", "text-xs text-brand-700 hover:underline", `Sửa mục ${it.code}`] : null,
            editing && it.number === lastNo && !it.file
              ? button("delete", `Xóa mục ${it.code}`, { id: it.id }, { variant: "danger", confirm: `Xóa mục ${it.code} khỏi danh mục?` })
              : null,
          ],
        ],
      ];
    }),
  ];
  return (
    <>
      <PageHeader
        title={`Danh mục hồ sơ năm ${year}`}
        description="Các hồ sơ cơ quan lập trong năm: đề mục, số và ký hiệu hồ sơ, thời hạn bảo quản, người lập hồ sơ."
        actions={<Link href="/files" className="text-sm text-brand-700 hover:underline">← Hồ sơ công việc</Link>}
      />
      <IgnoredParamsNotice ignored={ignored} />
      <nav aria-label="Năm của danh mục" className="mb-4 flex flex-wrap gap-2 text-sm">
        {shownYears.map((y) => (
          <a
            key={y}
            href={`/files/plan?year=${y}`}
            aria-current={y === year ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${y === year ? "border-brand-700 bg-brand-50 text-brand-800" : "border-slate-300 bg-white"}`}
          >
            Năm {y}
          </a>
        ))}
      </nav>
      {!plan ? (
        <div className="space-y-6">
          <EmptyState title={`Chưa có Danh mục hồ sơ năm ${year}`}>
            {mayPlan ? "Lập danh mục mới hoặc sao chép danh mục của năm trước." : "Lưu trữ cơ quan chưa lập danh mục hồ sơ của năm này."}
          </EmptyState>
          {mayPlan ? (
            <Card title="Lập Danh mục hồ sơ">
              <CreatePlanForm year={year} years={years.filter((y) => y < year)} />
            </Card>
          ) : null}
        </div>
      ) : (
        <div className="space-y-6">
          <PrintoutLinks label="In danh mục hồ sơ" printHref={planPrintHref(year)} pdfHref={planDownloadHref(year, "pdf")} xlsxHref={planDownloadHref(year, "xlsx")} />
          <RowTable
            label={`Danh mục hồ sơ năm ${year}`}
            headers={["Số và ký hiệu hồ sơ", "Tên đề mục và tiêu đề hồ sơ", "Thời hạn bảo quản", "Người lập hồ sơ", "Ghi chú", "Hồ sơ"]}
            columns={["whitespace-nowrap"]}
            rows={planRows}
            actions={{ open: openFromItemAction, delete: deletePlanItemAction }}
          />
          <Pagination page={page} hasNext={page < pages} href={(p) => pageHref(p)} />
          {editing && editItem ? (
            <section id="sua-muc" aria-label={`Sửa mục ${editItem.code}`}>
              <Card title={`Sửa mục ${editItem.code}`} actions={<Link href={here()} className="text-sm text-brand-700 hover:underline">Đóng</Link>}>
                <ItemForm planId={plan.plan.id} headings={headings} retentions={retentions} units={units} people={people} item={editItem} />
              </Card>
            </section>
          ) : null}
          {editing ? (
            <>
              <section id="them-muc" aria-label="Thêm hồ sơ vào danh mục">
                <Card
                  title="Thêm hồ sơ vào danh mục"
                  actions={adding ? <Link href={here()} className="text-sm text-brand-700 hover:underline">Đóng</Link> : undefined}
                >
                  {!headings.length ? (
                    <p className="text-sm text-slate-600">Thêm đề mục trước khi thêm hồ sơ.</p>
                  ) : adding ? (
                    <ItemForm planId={plan.plan.id} headings={headings} retentions={retentions} units={units} people={people} />
                  ) : (
                    <a href={here("&add=1#them-muc")} className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2">
                      Thêm hồ sơ
                    </a>
                  )}
                </Card>
              </section>
              <Card title="Đề mục">
                <div className="space-y-4">
                  {headings.map((h) => (
                    <Disclosure key={h.id} className="rounded-md border border-slate-200 p-3" summary={`Đổi tên đề mục ${h.numeral}. ${h.title}`}>
                      <div className="mt-3"><HeadingForm planId={plan.plan.id} heading={h} /></div>
                    </Disclosure>
                  ))}
                  <Disclosure summary="Mở biểu mẫu thêm đề mục" link>
                    <div className="mt-3"><HeadingForm planId={plan.plan.id} /></div>
                  </Disclosure>
                </div>
              </Card>
            </>
          ) : null}
          {plan.mayOpenAdHoc && headings.length ? (
            <Card title="Mở hồ sơ ngoài danh mục">
              <p className="mb-3 text-sm text-slate-600">Hồ sơ phát sinh ngoài Danh mục hồ sơ được thêm vào danh mục với số tiếp theo.</p>
              <Disclosure summary="Mở biểu mẫu mở hồ sơ ngoài danh mục" link>
                <div className="mt-3"><AdHocForm planId={plan.plan.id} headings={headings} retentions={retentions} /></div>
              </Disclosure>
            </Card>
          ) : null}
        </div>
      )}
    </>
  );
}
