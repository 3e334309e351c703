import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrivalPanel, CascadePanel, HandOverPanel, LeaderPanel, SubmitPanel, WorkPanel } from "@/components/incoming/panels";
import { FlowDiagram } from "@/components/incoming/flow-diagram";
import { incomingFlow } from "@/lib/incoming/flow-layout";
import { PdfViewer } from "@/components/incoming/pdf-viewer";
import { PdfWarning } from "@/components/storage/pdf-warning";
import { StatusBadge } from "@/components/incoming/status-badge";
import { AddToFilePanel } from "@/components/work-files/add-to-file";
import { Card, EmptyState, FormMessageStatic, MetaList, PageHeader, tableClass, tdClass, thClass } from "@/components/ui/page";
import { requireSession } from "@/lib/auth/current";
import { formatDate, formatDateTime } from "@/lib/format";
import { EVENT_LABELS, ROLE_LABELS, SECRECY_LABELS, URGENCY_LABELS } from "@/lib/incoming/labels";
import { incomingMachine, PAPER_HANDOVER_STATES } from "@/lib/incoming/machine";
import { agencyRecipientOptions, leaderOptions, unitRecipientOptions } from "@/lib/incoming/options";
import { getIncoming } from "@/lib/incoming/queries";
import { OUTGOING_STATUS_LABELS } from "@/lib/outgoing/labels";
import { repliesTo } from "@/lib/outgoing/queries";
import { fileUrl } from "@/lib/storage/client";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { availableTransitions } from "@/lib/workflow/machine";
import { todayInVietnam } from "@/lib/workdays";
import { incomingPageSearchSchema } from "@/lib/incoming/schemas";
import { idParamsSchema, parseParams, parseSearchParams, type RawParams } from "@/lib/search-params";
import { filesForDocument } from "@/lib/work-files/queries";
import { Timeline } from "@/components/ui/timeline";
import { SecrecyPanel } from "@/components/documents/secrecy-panel";
import { keepsNoFile, mayChangeSecrecy } from "@/lib/secrecy/rules";
import { Checksum } from "@/components/ui/checksum";

export const metadata = { title: "Chi tiết văn bản đến" };

const PART_STATUS = { pending: "Chưa xử lý", in_progress: "Đang xử lý", done: "Đã hoàn thành" } as const;

export default async function IncomingDocumentPage({
  params,
  searchParams,
}: {
  params: Promise<RawParams>;
  searchParams: Promise<RawParams>;
}) {
  const { actor } = await requireSession();
  const route = parseParams(await params, idParamsSchema);
  if (!route.success) notFound();
  const { id } = route.data;
  const page = await getIncoming(actor, id);
  if (!page) notFound();
  const { doc, parts, trail } = page;
  // A document that is or was secret keeps no file: none is listed or shown (lib/secrecy/rules.ts).
  const withheld = keepsNoFile(doc) ? page.files.length : 0;
  const files = withheld ? [] : page.files;
  const { data: query } = parseSearchParams(await searchParams, incomingPageSearchSchema);
  const justRegistered = query.registered;
  const justLinked = query.linked;
  // The PDF shown in the page: the one chosen with "Xem", else the main file, else the first PDF.
  const pdfs = files.filter((f) => f.mime === "application/pdf");
  const shown = pdfs.find((f) => f.id === query.xem) ?? pdfs.find((f) => f.id === doc.mainFileId) ?? pdfs[0];
  // The screen asks the same state machine and permission table as the actions (style.md rule 5).
  const steps = availableTransitions(incomingMachine, doc.status, (v) => can(actor, v));
  const leading = steps.includes("assign") && doc.submittedToId === actor.userId;
  const needLeaders = steps.includes("submit") || leading;
  const leaders = needLeaders ? await leaderOptions(actor.agencyId) : [];
  const headed = unitsWhere(actor, "incoming.assignUnit");
  const unitParts = parts.filter((p) => p.unitId && !p.userId && p.status === "pending" && headed.includes(p.unitId));
  const myParts = parts.filter((p) => p.userId === actor.userId && p.status !== "done");
  const unitOptions = await Promise.all(unitParts.map((p) => unitRecipientOptions(p.unitId!)));
  // Xử lý chính / Phối hợp xử lý: the part's holder drafts the reply from here (Quy chế 376 Điều 4.2, Bước 1).
  const mayDraftReply =
    can(actor, "outgoing.draft") && doc.status === "in_progress" &&
    parts.some((p) => p.status !== "done" && p.role !== "info" && (p.userId === actor.userId || (!p.userId && !!p.unitId && headed.includes(p.unitId))));
  const [replies, workFiles] = await Promise.all([repliesTo(actor, doc.id), filesForDocument(actor, "incoming", doc.id)]);
  // Thêm vào hồ sơ: a registered document that is not secret (secret ones are filed on paper).
  const fileable = doc.arrivalNo != null && doc.secrecy === "normal" && can(actor, "files.keep");
  const handover = can(actor, "incoming.handover") && (PAPER_HANDOVER_STATES as readonly string[]).includes(doc.status);
  const meta: [string, string][] = [
    ["Số đến", doc.arrivalNo ? `${doc.arrivalNo}/${doc.year}${doc.secrecy !== "normal" ? " (sổ mật)" : ""}` : "Chưa vào sổ"],
    ["Ngày đến", formatDateTime(doc.arrivalDate)],
    ["Số, ký hiệu", doc.symbol],
    ["Ngày văn bản", formatDate(doc.issuedDate)],
    ["Cơ quan ban hành", doc.issuerName],
    ["Loại văn bản", doc.docType],
    ["Người ký", doc.signer],
    ["Độ khẩn", URGENCY_LABELS[doc.urgency]],
    ["Độ mật", SECRECY_LABELS[doc.secrecy]],
    ["Số trang", doc.pageCount ? String(doc.pageCount) : ""],
    ["Hạn giải quyết", formatDate(doc.dueDate)],
    ["Ý kiến chỉ đạo", doc.instruction],
    ["Giao bản giấy", doc.paperHandedAt ? `${formatDate(doc.paperHandedAt)} – ${doc.paperReceiver}` : ""],
    ["Ghi chú", doc.note],
  ];
  return (
    <>
      <PageHeader
        title={`${doc.docType}: ${doc.subject}`}
        description={doc.symbol}
        actions={<Link href="/incoming" className="text-sm text-brand-700 hover:underline">← Văn bản đến</Link>}
      />
      {justRegistered ? <FormMessageStatic focus>Đã vào sổ, số đến {doc.arrivalNo}.</FormMessageStatic> : null}
      {justLinked ? <FormMessageStatic focus>Đã gắn bản giấy vào văn bản này; không cấp số đến mới.</FormMessageStatic> : null}
      <div className="space-y-6">
        <Card title="Thông tin văn bản" actions={<StatusBadge status={doc.status} />}>
          <MetaList items={meta} />
          {withheld ? (
            <p className="mt-4 text-sm text-slate-600">Văn bản mật hoặc đã từng là văn bản mật: {withheld} tệp không được cung cấp trên hệ thống.</p>
          ) : null}
          {files.length ? (
            <ul className="mt-4 space-y-1 text-sm">
              {files.map((f) => (
                <li key={f.id} className="flex flex-wrap items-baseline gap-x-3">
                  <a href={fileUrl(f.id)} className="text-brand-700 hover:underline">{f.name}</a>
                  {f.mime === "application/pdf" ? (
                    <Link
                      href={`/incoming/${doc.id}?xem=${f.id}#xem-van-ban`}
                      aria-current={shown?.id === f.id ? "true" : undefined}
                      aria-label={`Xem ${f.name}`}
                      className="text-xs text-brand-700 hover:underline aria-[current=true]:font-semibold"
                    >
                      Xem
                    </Link>
                  ) : null}
                  <Checksum sha256={f.sha256} />
                  <PdfWarning risks={f.pdfRisks} className="w-full" />
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
        {shown ? (
          <div id="xem-van-ban">
            <Card title={`Xem văn bản: ${shown.name}`}>
              <PdfViewer key={shown.id} url={fileUrl(shown.id)} name={shown.name} />
            </Card>
          </div>
        ) : null}
        {steps.includes("register") ? <Card title="Tiếp nhận"><ArrivalPanel id={doc.id} /></Card> : null}
        {steps.includes("submit") ? <Card title="Trình lãnh đạo"><SubmitPanel id={doc.id} leaders={leaders} /></Card> : null}
        {leading ? (
          <Card title="Ý kiến chỉ đạo">
            <LeaderPanel id={doc.id} leaders={leaders.filter((l) => l.id !== actor.userId)} options={await agencyRecipientOptions(actor.agencyId)} />
          </Card>
        ) : null}
        {unitParts.map((p, i) => (
          <Card key={p.id} title={`Giao xử lý trong ${p.unitName}`}>
            <CascadePanel assignmentId={p.id} unitName={p.unitName ?? ""} options={unitOptions[i]} lead={p.role === "lead"} />
          </Card>
        ))}
        {myParts.map((p) => (
          <Card key={p.id} title={`Phần việc của tôi: ${ROLE_LABELS[p.role]}${p.deadline ? `, hạn ${formatDate(p.deadline)}` : ""}`}>
            <WorkPanel assignmentId={p.id} coordinate={p.role === "coordinate"} />
          </Card>
        ))}
        {doc.status === "withdrawn" ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">Văn bản đã bị cơ quan ban hành thu hồi; không xử lý tiếp.</p>
        ) : null}
        {mayDraftReply || replies.length ? (
          <Card
            title="Văn bản trả lời"
            actions={mayDraftReply ? <Link href={`/outgoing/new?replyTo=${doc.id}`} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">Tạo dự thảo</Link> : null}
          >
            {replies.length ? (
              <ul className="space-y-1 text-sm" aria-label="Văn bản trả lời">
                {replies.map((r) => (
                  <li key={r.id}>
                    <Link href={`/outgoing/${r.id}`} className="text-brand-700 hover:underline">{r.symbol ? `Số ${r.symbol}` : "Dự thảo"}: {r.docType} – {r.subject}</Link>{" "}
                    <span className="text-slate-500">({OUTGOING_STATUS_LABELS[r.status]})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">Chưa có dự thảo trả lời. Văn bản đến hoàn thành khi văn bản trả lời được phát hành.</p>
            )}
          </Card>
        ) : null}
        {fileable || workFiles.holding.length ? (
          <Card title="Hồ sơ công việc">
            <AddToFilePanel kind="incoming" documentId={doc.id} open={fileable ? workFiles.open : []} holding={workFiles.holding} />
          </Card>
        ) : null}
        {mayChangeSecrecy(actor, "incoming", doc) ? (
          <Card title="Thay đổi độ mật">
            <SecrecyPanel kind="incoming" id={doc.id} current={doc.secrecy} hasFiles={page.files.length > 0 && !keepsNoFile(doc)} />
          </Card>
        ) : null}
        {handover ? <Card title="Giao văn bản giấy"><HandOverPanel id={doc.id} today={todayInVietnam()} /></Card> : null}
        <Card title="Đơn vị, cá nhân xử lý">
          {parts.length === 0 ? (
            <EmptyState title="Chưa chuyển xử lý" />
          ) : (
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>Đơn vị / người nhận</th>
                  <th className={thClass}>Vai trò</th>
                  <th className={thClass}>Hạn xử lý</th>
                  <th className={thClass}>Tình trạng</th>
                  <th className={thClass}>Tiến độ / kết quả</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {parts.map((p) => (
                  <tr key={p.id}>
                    <td className={tdClass}>{p.parentId ? "└ " : ""}{p.userName ?? p.unitName}</td>
                    <td className={tdClass}>{ROLE_LABELS[p.role]}</td>
                    <td className={tdClass}>{formatDate(p.deadline)}</td>
                    <td className={tdClass}>{PART_STATUS[p.status]}</td>
                    <td className={tdClass}>{p.result || p.progress}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title="Sơ đồ luồng xử lý">
          <div className="overflow-x-auto">
            <FlowDiagram
              layout={await incomingFlow(doc.agencyId, trail.map((e) => ({ ...e, fromLabel: typeof e.payload?.unitName === "string" ? e.payload.unitName : undefined })))}
            />
          </div>
        </Card>
        <Card title="Luồng xử lý">
          <Timeline
            label="Luồng xử lý"
            entries={trail.map((e) => ({
              id: e.id, actorName: e.actorName, label: EVENT_LABELS[e.kind] ?? e.kind, toText: e.toText, text: e.text, at: e.at,
              paper: !e.electronic, after: e.deadline ? ` · hạn ${formatDate(e.deadline)}` : undefined,
            }))}
          />
        </Card>
      </div>
    </>
  );
}
