import Link from "next/link";
import { notFound } from "next/navigation";
import { BatchStatusBadge, WorkFileStatusBadge } from "@/components/work-files/badges";
import { AcceptBatchButton, ReturnBatchForm } from "@/components/work-files/handover-forms";
import { Card, ListTable, MetaList, PageHeader, tdClass } from "@/components/ui/page";
import { requireSession } from "@/lib/auth/current";
import { formatDate, formatDateTime } from "@/lib/format";
import { idParamsSchema, parseParams, type RawParams } from "@/lib/search-params";
import { getBatch } from "@/lib/work-files/queries";
import { PrintoutLinks } from "@/components/work-files/printout-links";
import { batchListDownloadHref, batchListPrintHref, batchRecordDownloadHref, batchRecordPrintHref } from "@/lib/work-files/links";

export const metadata = { title: "Đợt nộp lưu" };

export default async function BatchPage({ params }: { params: Promise<RawParams> }) {
  const { actor } = await requireSession();
  const route = parseParams(await params, idParamsSchema);
  if (!route.success) notFound();
  const { id } = route.data;
  const page = await getBatch(actor, id);
  if (!page) notFound();
  const { batch, files } = page;
  const meta: [string, string][] = [
    ["Đơn vị nộp lưu", page.unitName],
    ["Năm của hồ sơ", String(batch.year)],
    ["Người nộp", page.submittedBy],
    ["Ngày nộp", formatDateTime(batch.submittedAt)],
    ["Tình trạng tài liệu", batch.condition],
    ["Số hộp", batch.boxes != null ? String(batch.boxes) : ""],
    ["Số mét giá", batch.shelfMeters],
    ["Số hồ sơ", String(files.length)],
    [batch.status === "returned" ? "Người trả lại" : "Người tiếp nhận", page.decidedBy ?? ""],
    ["Ngày quyết định", formatDateTime(batch.decidedAt)],
    ["Lý do trả lại", batch.returnReason],
  ];
  return (
    <>
      <PageHeader
        title={`Nộp lưu: ${batch.title}`}
        description="Mục lục hồ sơ, tài liệu nộp lưu"
        actions={<Link href="/files/handover" className="text-sm text-brand-700 hover:underline">← Nộp lưu</Link>}
      />
      <div className="space-y-6">
        <Card title="Thông tin đợt nộp lưu" actions={<BatchStatusBadge status={batch.status} />}>
          <MetaList items={meta} />
        </Card>
        <Card
          title="Hồ sơ trong đợt nộp lưu"
          actions={
            <div className="flex flex-wrap gap-4">
              <PrintoutLinks label="In mục lục hồ sơ nộp lưu" printHref={batchListPrintHref(batch.id)} pdfHref={batchListDownloadHref(batch.id, "pdf")} xlsxHref={batchListDownloadHref(batch.id, "xlsx")} />
              <PrintoutLinks label="In biên bản giao nhận" printHref={batchRecordPrintHref(batch.id)} pdfHref={batchRecordDownloadHref(batch.id, "pdf")} xlsxHref={batchRecordDownloadHref(batch.id, "xlsx")} />
            </div>
          }
        >
          <ListTable headers={["STT", "Số và ký hiệu hồ sơ", "Tiêu đề", "Thời gian", "Thời hạn bảo quản", "Số tờ", "Số văn bản", "Người lập", "Ghi chú", "Trạng thái"]}>
            {files.map((f, i) => (
              <tr key={f.id}>
                <td className={tdClass}>{i + 1}</td>
                <td className={`${tdClass} whitespace-nowrap`}>{f.code}</td>
                <td className={tdClass}><Link href={`/files/${f.id}`} className="text-brand-700 hover:underline">{f.title}</Link></td>
                <td className={`${tdClass} whitespace-nowrap`}>{formatDate(f.startDate)} – {formatDate(f.endDate)}</td>
                <td className={tdClass}>{f.retention}</td>
                <td className={tdClass}>{f.sheets}</td>
                <td className={tdClass}>{f.documents}</td>
                <td className={tdClass}>{f.ownerName}</td>
                <td className={tdClass}>{f.reconcileNote}</td>
                <td className={tdClass}><WorkFileStatusBadge status={f.status} /></td>
              </tr>
            ))}
          </ListTable>
        </Card>
        {page.mayDecide ? (
          <Card title="Tiếp nhận hồ sơ">
            <div className="grid gap-6 sm:grid-cols-2">
              <div className="space-y-2">
                <p className="text-sm text-slate-600">Đã kiểm tra hồ sơ giấy theo mục lục: tiếp nhận toàn bộ đợt nộp lưu; hồ sơ chuyển sang Đã nộp lưu và chỉ được xem.</p>
                <AcceptBatchButton id={batch.id} />
              </div>
              <ReturnBatchForm id={batch.id} />
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
