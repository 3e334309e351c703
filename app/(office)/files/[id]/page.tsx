import Link from "next/link";
import { notFound } from "next/navigation";
import { PdfWarning } from "@/components/storage/pdf-warning";
import { OverdueBadge, WorkFileStatusBadge } from "@/components/work-files/badges";
import { AddDocumentButton, CloseForm, ReconcileForm, ReopenForm, SortButton, UploadForm } from "@/components/work-files/file-panels";
import { Card, EmptyState, FormMessageStatic, MetaList, PageHeader, ScrollBox } from "@/components/ui/page";
import { Disclosure } from "@/components/ui/disclosure";
import { RowTable } from "@/components/ui/row-table";
import { button, buttons, group, link, slotsFor, type Row, type RowSpan } from "@/components/ui/rows";
import { pdfWarning } from "@/lib/pdf/risks";
import { requireSession } from "@/lib/auth/current";
import { formatDate, formatDateTime } from "@/lib/format";
import { listIncoming } from "@/lib/incoming/queries";
import { listOutgoing } from "@/lib/outgoing/queries";
import { fileUrl } from "@/lib/storage/client";
import { uploadMaxBytes } from "@/lib/storage/config";
import { idParamsSchema, parseParams, parseSearchParams, type RawParams } from "@/lib/search-params";
import { todayInVietnam } from "@/lib/dates";
import { ENTRY_KIND_LABELS, HANDOVER_STATUS_LABELS, mustHandOver, WORK_FILE_EVENT_LABELS } from "@/lib/work-files/labels";
import { getWorkFile, logArchiveView, retentionOptions } from "@/lib/work-files/queries";
import { workFilePageSearchSchema } from "@/lib/work-files/schemas";
import { ExportLinks, PrintoutLinks } from "@/components/work-files/printout-links";
import { fileExportHref, fileIndexDownloadHref, fileIndexPrintHref } from "@/lib/work-files/links";
import { Timeline } from "@/components/ui/timeline";
import { withFrom } from "@/lib/nav";
import { moveEntryAction, removeEntryAction } from "@/lib/server-actions/work-files";

export const metadata = { title: "Chi tiết hồ sơ" };

/** The latest events of a file's trail its page shows (all of them with ?trail=1). */
const TRAIL_SHOWN = 10;

/** A small grey line under a cell's text. */
const note = (text: string): RowSpan => ["c", "block text-xs text-slate-500", text];

export default async function WorkFilePage({ params, searchParams }: { params: Promise<RawParams>; searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  const route = parseParams(await params, idParamsSchema);
  if (!route.success) notFound();
  const { id } = route.data;
  // Reading an archived file is logged on its trail before the page shows it (NĐ 30/2020 Phụ lục VI).
  const first = await getWorkFile(actor, id);
  if (!first) notFound();
  if (first.file.status === "archived") await logArchiveView(actor, id);
  const page = first.file.status === "archived" ? (await getWorkFile(actor, id)) ?? first : first;
  const { file, entries, events, batch, defaults, may } = page;
  const search = parseSearchParams(await searchParams, workFilePageSearchSchema).data;
  const q = search.q ?? "";
  // Lên, Xuống, Loại khỏi hồ sơ and Sắp xếp theo thời gian show in the arranging mode (?arrange=1): most visits
  // read the file, and three buttons a row were a third of its page (README Benchmarks).
  const arranging = may.edit && search.arrange && entries.length > 0;
  const pageHref = (extra: Record<string, string>, hash: string) => {
    const query = new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString();
    return `/files/${file.id}${query ? `?${query}` : ""}${hash}`;
  };
  const [retentions, found] = await Promise.all([
    may.close ? retentionOptions() : [],
    may.edit && q
      ? Promise.all([listIncoming(actor, { q }), listOutgoing(actor, { q })]).then(([inc, out]) => [
          ...inc.rows.filter((r) => r.secrecy === "normal" && r.arrivalNo != null).slice(0, 10).map((r) => ({
            kind: "incoming" as const, id: r.id, symbol: r.symbol, date: r.issuedDate, subject: `${r.docType}: ${r.subject}`, author: r.issuerName,
          })),
          ...out.rows.filter((r) => r.secrecy === "normal").slice(0, 10).map((r) => ({
            kind: "outgoing" as const, id: r.id, symbol: r.symbol ?? "Dự thảo", date: r.issuedDate ?? r.createdAt.toISOString().slice(0, 10),
            subject: `${r.docType}: ${r.subject}`, author: r.unitName,
          })),
        ])
      : [],
  ]);
  const inFile = new Set(entries.map((e) => `${e.kind}:${e.documentId}`));
  const overdue = file.status !== "archived" && mustHandOver(page.retentionYears) && todayInVietnam() > page.deadline;
  const meta: [string, string][] = [
    ["Số và ký hiệu hồ sơ", file.code],
    ["Năm", String(file.year)],
    ["Người lập hồ sơ", page.ownerName],
    ["Đơn vị", page.unitName],
    ["Thời hạn bảo quản", page.retention],
    ["Thời gian bắt đầu", formatDate(file.startDate)],
    ["Thời gian kết thúc", formatDate(file.endDate)],
    ["Số tờ", file.sheets ? String(file.sheets) : ""],
    ["Số trang", file.pages ? String(file.pages) : ""],
    ["Chế độ sử dụng", file.status !== "open" ? file.rights : ""],
    ["Ngôn ngữ", file.status !== "open" ? file.language : ""],
    ["Chú giải", file.description],
    ["Ngày đóng", formatDateTime(file.closedAt)],
    ["Đối chiếu", file.status !== "open" ? `${file.reconciled ? "Đã đối chiếu với hồ sơ giấy" : "Chưa đối chiếu"}${file.reconcileNote ? `: ${file.reconcileNote}` : ""}` : ""],
    ["Hạn nộp lưu", mustHandOver(page.retentionYears) && file.status !== "archived" ? formatDate(page.deadline) : ""],
    ["Ngày nộp lưu", formatDateTime(file.archivedAt)],
  ];
  // Rows as data (components/ui/rows.ts): a row's buttons are step parts of the table's actions; its notes, the server's nodes in slots.
  const { slots, slot } = slotsFor();
  const entryRows = entries.map((e, i): Row => {
    const doc = e.kind === "incoming" ? `/incoming/${e.documentId}` : e.kind === "outgoing" ? `/outgoing/${e.documentId}` : null;
    const href = doc && e.mayOpen ? withFrom(doc, `/files/${file.id}`) : null;
    const subject = `${e.docType ? `${e.docType}: ` : ""}${e.subject}`;
    const upload = e.kind === "upload" ? e.files[0] : undefined;
    return [
      e.id,
      e.no,
      group(ENTRY_KIND_LABELS[e.kind], e.draft ? note("Dự thảo") : null, e.gathered ? note("Tập hợp theo mã hồ sơ") : null),
      e.symbol,
      formatDate(e.date),
      group(
        href ? link(href, subject) : subject,
        upload ? link(fileUrl(upload.id), `Tải tệp ${upload.name}`, "ml-2 text-xs text-brand-700 hover:underline") : null,
        upload && pdfWarning(upload.pdfRisks) ? slot(`pdf:${e.id}`, <PdfWarning risks={upload.pdfRisks} className="mt-1" />) : null,
        e.note ? note(e.note) : null,
        e.duplicateOf.length
          ? slot(`dup:${e.id}`, <span role="note" className="mt-1 block text-xs font-medium text-amber-800">Có thể trùng với STT {e.duplicateOf.join(", ")}</span>)
          : null,
      ),
      e.author,
      e.pageCount ?? "",
      ...(arranging
        ? [buttons(
            `Thao tác với STT ${e.no}`,
            i > 0 ? button("move", "Lên", { entryId: e.id, direction: "up" }) : null,
            i < entries.length - 1 ? button("move", "Xuống", { entryId: e.id, direction: "down" }) : null,
            button("remove", "Loại khỏi hồ sơ", { entryId: e.id }, {
              variant: "danger", confirm: `Loại STT ${e.no} khỏi hồ sơ? Văn bản vẫn còn trong hệ thống.`,
            }),
          )]
        : []),
    ];
  });
  return (
    <>
      <PageHeader
        title={`Hồ sơ ${file.code}: ${file.title}`}
        description={`Hồ sơ công việc năm ${file.year}`}
        actions={<Link href="/files" className="text-sm text-brand-700 hover:underline">← Hồ sơ công việc</Link>}
      />
      {file.status === "archived" ? <FormMessageStatic>Hồ sơ đã nộp lưu vào Lưu trữ cơ quan, chỉ được xem.</FormMessageStatic> : null}
      {file.status === "closed" ? <FormMessageStatic>Hồ sơ đã đóng, chỉ được xem.</FormMessageStatic> : null}
      <div className="space-y-6">
        <Card
          title="Thông tin hồ sơ"
          actions={<span className="flex gap-1"><WorkFileStatusBadge status={file.status} />{overdue ? <OverdueBadge /> : null}</span>}
        >
          <MetaList items={meta} />
          {batch ? (
            <p className="mt-4 text-sm">
              Đợt nộp lưu:{" "}
              <Link href={`/files/handover/${batch.id}`} className="text-brand-700 hover:underline">{batch.title}</Link>{" "}
              <span className="text-slate-500">({HANDOVER_STATUS_LABELS[batch.status]})</span>
            </p>
          ) : null}
        </Card>

        <Card
          title="Văn bản trong hồ sơ"
          id="van-ban"
          actions={
            arranging ? (
              <span className="flex flex-wrap items-center gap-3">
                {entries.length > 1 ? <SortButton id={file.id} /> : null}
                <a href={pageHref({}, "#van-ban")} className="text-sm text-brand-700 hover:underline">Xong sắp xếp</a>
              </span>
            ) : may.edit && entries.length > 0 ? (
              <a href={pageHref({ arrange: "1" }, "#van-ban")} className="text-sm text-brand-700 hover:underline">Sắp xếp, loại văn bản</a>
            ) : null
          }
        >
          {arranging ? (
            <p className="mb-3 text-sm text-slate-600">
              Lên, Xuống đổi số thứ tự của văn bản trong hồ sơ; Loại khỏi hồ sơ bỏ văn bản khỏi hồ sơ, văn bản vẫn còn trong hệ thống.
            </p>
          ) : null}
          {entries.length === 0 ? (
            <EmptyState title="Hồ sơ chưa có văn bản nào">
              {may.edit ? "Thêm văn bản đến, văn bản đi từ trang của văn bản hoặc tìm ở dưới; tài liệu khác thì tải lên." : null}
            </EmptyState>
          ) : (
            <ScrollBox label="Văn bản trong hồ sơ">
              <RowTable
                bare
                label="Văn bản trong hồ sơ"
                headers={["STT", "Loại", "Số, ký hiệu", "Ngày", "Trích yếu", "Tác giả", "Số trang", ...(arranging ? ["Thao tác"] : [])]}
                columns={[undefined, undefined, undefined, "whitespace-nowrap"]}
                rows={entryRows}
                slots={slots}
                actions={{ move: moveEntryAction, remove: removeEntryAction }}
              />
            </ScrollBox>
          )}
          {entries.length > 0 ? (
            <div className="mt-4 flex flex-wrap gap-4 border-t border-slate-100 pt-4">
              <PrintoutLinks
                label="In mục lục văn bản"
                printHref={fileIndexPrintHref(file.id)}
                pdfHref={fileIndexDownloadHref(file.id, "pdf")}
                xlsxHref={fileIndexDownloadHref(file.id, "xlsx")}
              />
              <ExportLinks pdfHref={fileExportHref(file.id, "pdf")} xmlHref={fileExportHref(file.id, "xml")} />
            </div>
          ) : null}
        </Card>

        {may.edit ? (
          <>
            <Card title="Thêm văn bản">
              <form role="search" action={`/files/${file.id}`} className="flex flex-wrap gap-2">
                <label className="min-w-64 flex-1">
                  <span className="sr-only">Tìm văn bản đến, văn bản đi</span>
                  <input
                    name="q"
                    defaultValue={q}
                    placeholder="Tìm trích yếu, số ký hiệu văn bản đến, văn bản đi (không cần dấu)"
                    className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                  />
                </label>
                <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50">Tìm văn bản</button>
              </form>
              {q ? (
                found.length === 0 ? (
                  <p className="mt-3 text-sm text-slate-600">Không tìm thấy văn bản nào bạn được xem phù hợp với “{q}”.</p>
                ) : (
                  <ul className="mt-3 divide-y divide-slate-100 text-sm" aria-label="Kết quả tìm văn bản">
                    {found.map((d) => (
                      <li key={`${d.kind}:${d.id}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
                        <span>
                          <span className="text-slate-500">{ENTRY_KIND_LABELS[d.kind]} · </span>
                          <Link href={`/${d.kind}/${d.id}`} className="text-brand-700 hover:underline">{d.symbol ? `${d.symbol} – ` : ""}{d.subject}</Link>
                          <span className="text-slate-500"> · {d.author} · {formatDate(d.date)}</span>
                        </span>
                        {inFile.has(`${d.kind}:${d.id}`) ? (
                          <span className="text-xs text-slate-500">Đã có trong hồ sơ</span>
                        ) : (
                          <AddDocumentButton fileId={file.id} kind={d.kind} documentId={d.id} />
                        )}
                      </li>
                    ))}
                  </ul>
                )
              ) : null}
            </Card>
            {/* The two forms open on demand (components/ui/disclosure.tsx): most visits read the file. */}
            <Card title="Thêm tài liệu khác">
              <Disclosure summary="Mở biểu mẫu thêm tài liệu khác" link>
                <div className="mt-3"><UploadForm fileId={file.id} maxBytes={uploadMaxBytes()} /></div>
              </Disclosure>
            </Card>
          </>
        ) : null}

        {may.close ? (
          <Card title="Đóng hồ sơ">
            <p className="mb-3 text-sm text-slate-600">
              Kiểm tra, hoàn thiện thông tin trước khi đóng; thời gian và số trang lấy từ các văn bản trong hồ sơ ({defaults.docTotal} văn bản). Hồ sơ đã đóng chỉ được xem.
            </p>
            <Disclosure summary="Mở biểu mẫu đóng hồ sơ" link>
              <div className="mt-3">
                <CloseForm
                  key={defaults.version}
                  id={file.id}
                  retentions={retentions.map((r) => ({ code: r.code, label: r.label }))}
                  defaults={{
                    title: file.title, startDate: defaults.startDate ?? "", endDate: defaults.endDate ?? "", retentionCode: file.retentionCode,
                    pages: defaults.pages, description: file.description,
                  }}
                />
              </div>
            </Disclosure>
          </Card>
        ) : null}
        {may.reconcile ? (
          <Card title="Đối chiếu với hồ sơ giấy">
            <ReconcileForm id={file.id} reconciled={file.reconciled} note={file.reconcileNote} />
          </Card>
        ) : null}
        {may.reopen ? (
          <Card title="Mở lại hồ sơ"><ReopenForm id={file.id} /></Card>
        ) : null}

        <Card title="Quá trình lập hồ sơ" id="qua-trinh">
          {events.length === 0 ? (
            <EmptyState title="Chưa có sự kiện nào" />
          ) : (
            // A file's trail grows with every document added: its latest events, the whole trail on request.
            <Timeline
              label="Quá trình lập hồ sơ"
              latest={search.trail ? undefined : TRAIL_SHOWN}
              allHref={pageHref({ ...(arranging ? { arrange: "1" } : {}), trail: "1" }, "#qua-trinh")}
              entries={events.map((e) => ({ id: e.id, actorName: e.actorName, label: WORK_FILE_EVENT_LABELS[e.kind] ?? e.kind, toText: e.toText, text: e.text, at: e.at }))}
            />
          )}
        </Card>
      </div>
    </>
  );
}
