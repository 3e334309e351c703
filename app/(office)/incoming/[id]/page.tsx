import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrivalPanel, CascadePanel, HandOverPanel, LeaderPanel, SubmitPanel, WorkPanel } from "@/components/incoming/panels";
import { FlowDiagram } from "@/components/incoming/flow-diagram";
import { PartsTable } from "@/components/incoming/parts-table";
import { SeenButton, SeenOnOpen } from "@/components/incoming/seen";
import { incomingFlow } from "@/lib/incoming/flow-layout";
import { RegistrationCorrections } from "@/components/incoming/corrections";
import { RepliesCard } from "@/components/incoming/replies-card";
import { DocumentLayout } from "@/components/documents/document-layout";
import { DocumentViewer, isViewable } from "@/components/documents/document-viewer";
import { PdfWarning } from "@/components/storage/pdf-warning";
import { StatusBadge } from "@/components/incoming/status-badge";
import { AddToFilePanel } from "@/components/work-files/add-to-file";
import { Card, FormMessageStatic, MetaList, PageHeader, ScrollBox } from "@/components/ui/page";
import { requireSession } from "@/lib/auth/current";
import { VerificationPanel } from "@/components/signatures/verification-panel";
import { verifyStoredFiles } from "@/lib/signatures/stored";
import { formatDate, formatDateTime } from "@/lib/format";
import { arrivalLabel, EVENT_LABELS, ROLE_LABELS, SECRECY_LABELS, URGENCY_LABELS } from "@/lib/incoming/labels";
import { incomingMachine, PAPER_HANDOVER_STATES } from "@/lib/incoming/machine";
import { assignOptions, leaderOptions } from "@/lib/incoming/options";
import { getIncoming } from "@/lib/incoming/queries";
import { repliesTo } from "@/lib/outgoing/queries";
import { fileUrl } from "@/lib/storage/client";
import { findSoffice } from "@/lib/storage/preview";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { availableTransitions } from "@/lib/workflow/machine";
import { todayInVietnam } from "@/lib/dates";
import { incomingPageSearchSchema } from "@/lib/incoming/schemas";
import { idParamsSchema, parseParams, parseSearchParams, type RawParams } from "@/lib/search-params";
import { filesForDocument, logArchivedDocumentView } from "@/lib/work-files/queries";
import { Timeline } from "@/components/ui/timeline";
import { BackLink } from "@/components/ui/back-link";
import { backLinkFor } from "@/lib/nav";
import { SecrecyPanel } from "@/components/documents/secrecy-panel";
import { RemindPanel } from "@/components/incoming/remind-panel";
import { remindableParts } from "@/lib/monitoring/remind";
import { keepsNoFile, mayChangeSecrecy } from "@/lib/secrecy/rules";
import { Checksum } from "@/components/ui/checksum";
import { IncomingExchangeCard, RecallRequestCard } from "@/components/exchange/incoming-exchange";
import { exchangeViewFor } from "@/lib/exchange/incoming-view";

export const metadata = { title: "Chi tiết văn bản đến" };

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
  // Opening a document of an archived file is written on that file's trail (NĐ 30/2020 Phụ lục VI).
  await logArchivedDocumentView(actor, "incoming", doc.id, `Xem văn bản đến ${doc.symbol}`);
  // A document that is or was secret keeps no file: none is listed or shown (lib/secrecy/rules.ts).
  const withheld = keepsNoFile(doc) ? page.files.length : 0;
  const files = withheld ? [] : page.files;
  const signatures = await verifyStoredFiles(actor, files.map((f) => f.id));
  const rawSearch = await searchParams;
  const { data: query } = parseSearchParams(rawSearch, incomingPageSearchSchema);
  // Staff have no /incoming: back to where they came from, or to a list they may open (lib/nav.ts).
  const back = backLinkFor(actor, ["/incoming", "/my-work", "/files"], rawSearch);
  const justRegistered = query.registered;
  const justLinked = query.linked;
  // The file shown in the page: the one chosen with "Xem", else the main file, else the first PDF or DOCX.
  const viewable = files.filter(isViewable);
  const shown = viewable.find((f) => f.id === query.xem) ?? viewable.find((f) => f.id === doc.mainFileId) ?? viewable[0];
  const docxPreview = !!shown && shown.mime !== "application/pdf" && !!(await findSoffice());
  // The screen asks the same state machine and permission table as the actions (style.md rule 5).
  const steps = availableTransitions(incomingMachine, doc.status, (v) => can(actor, v));
  const leading = steps.includes("assign") && doc.submittedToId === actor.userId;
  const needLeaders = steps.includes("submit") || leading;
  const leaders = needLeaders ? await leaderOptions(actor.agencyId) : [];
  const headed = unitsWhere(actor, "incoming.assignUnit");
  const unitParts = parts.filter((p) => p.unitId && !p.userId && p.status === "pending" && headed.includes(p.unitId));
  const myParts = parts.filter((p) => p.userId === actor.userId && p.status !== "done");
  // The assignment forms offer exactly what the actions accept (lib/incoming/options.ts assignOptions).
  const unitOptions = await Promise.all(unitParts.map((p) => assignOptions({ agencyId: actor.agencyId, actorId: actor.userId, withinUnitId: p.unitId! })));
  // Xử lý chính / Phối hợp xử lý: the part's holder drafts the reply from here (Quy chế 376 Điều 4.2, Bước 1).
  const mayDraftReply =
    can(actor, "outgoing.draft") && doc.status === "in_progress" &&
    parts.some((p) => p.status !== "done" && p.role !== "info" && (p.userId === actor.userId || (!p.userId && !!p.unitId && headed.includes(p.unitId))));
  const [replies, workFiles, exchange, remindable] = await Promise.all([
    repliesTo(actor, doc.id), filesForDocument(actor, "incoming", doc.id), exchangeViewFor(actor, doc), remindableParts(actor, doc, parts),
  ]);
  // Thêm vào hồ sơ: a registered document that is not secret (secret ones are filed on paper).
  const fileable = doc.arrivalNo != null && doc.secrecy === "normal" && can(actor, "files.keep");
  const handover = can(actor, "incoming.handover") && (PAPER_HANDOVER_STATES as readonly string[]).includes(doc.status);
  const meta: [string, string][] = [
    ["Số đến", `${arrivalLabel(doc)}${doc.arrivalNo && doc.secrecy !== "normal" ? " (sổ mật)" : ""}`],
    ["Ngày đến", formatDateTime(doc.arrivalDate)],
    ["Số, ký hiệu", doc.symbol],
    ["Ngày văn bản", formatDate(doc.issuedDate)],
    ["Cơ quan ban hành", doc.issuerName],
    ["Loại văn bản", doc.docType],
    ["Người ký", doc.signer],
    ["Độ khẩn", URGENCY_LABELS[doc.urgency]],
    ["Độ mật", SECRECY_LABELS[doc.secrecy]],
    ["Số trang", doc.pageCount ? String(doc.pageCount) : ""],
    // An internal document delivered for information has no deadline.
    ["Hạn giải quyết", doc.source === "internal" && !parts.some((p) => p.role === "lead") ? "" : formatDate(doc.dueDate)],
    ["Ý kiến chỉ đạo", doc.instruction],
    ["Chờ ý kiến phối hợp", doc.waitForOpinions ? "Có: văn bản hoàn thành khi các phần phối hợp hoàn thành" : ""],
    ["Giao bản giấy", doc.paperHandedAt ? `${formatDate(doc.paperHandedAt)} – ${doc.paperReceiver}` : ""],
    ["Ghi chú", doc.note],
  ];
  return (
    <>
          <PageHeader
            title={`${doc.docType}: ${doc.subject}`}
            description={doc.symbol}
            actions={<BackLink {...back} />}
          />
          {justRegistered ? <FormMessageStatic focus>Đã vào sổ, số đến {doc.arrivalNo}.</FormMessageStatic> : null}
          {justLinked ? <FormMessageStatic focus>Đã gắn bản giấy vào văn bản này; không cấp số đến mới.</FormMessageStatic> : null}
          <DocumentLayout
            actions={
          <>
            {doc.status === "withdrawn" ? (
              <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">Văn bản đã bị cơ quan ban hành thu hồi; không xử lý tiếp.</p>
            ) : null}
            {exchange ? <RecallRequestCard view={exchange} mayAnswer={can(actor, "incoming.register")} /> : null}
            {steps.includes("register") ? <Card title="Tiếp nhận"><ArrivalPanel id={doc.id} /></Card> : null}
            {steps.includes("submit") ? <Card title="Trình lãnh đạo"><SubmitPanel id={doc.id} leaders={leaders} /></Card> : null}
            {leading ? (
              <Card title="Ý kiến chỉ đạo">
                <LeaderPanel
                  id={doc.id}
                  leaders={leaders.filter((l) => l.id !== actor.userId)}
                  // The units' people are asked for by the form when it opens (a secret document goes to leaders only).
                  options={await assignOptions({ agencyId: actor.agencyId, actorId: actor.userId, leadersOnly: doc.secrecy !== "normal", part: "firstPart" })}
                  morePeople={doc.secrecy === "normal"}
                />
              </Card>
            ) : null}
            {unitParts.map((p, i) => (
              <Card key={p.id} title={`Giao xử lý trong ${p.unitName}`} actions={p.role === "info" ? <SeenButton assignmentId={p.id} /> : null}>
                <CascadePanel assignmentId={p.id} unitName={p.unitName ?? ""} options={unitOptions[i]} lead={p.role === "lead"} />
              </Card>
            ))}
            <SeenOnOpen assignmentIds={myParts.filter((p) => p.role === "info").map((p) => p.id)} />
            {myParts.map((p) => (
              <Card key={p.id} title={`Phần việc của tôi: ${ROLE_LABELS[p.role]}${p.deadline && p.role !== "info" ? `, hạn ${formatDate(p.deadline)}` : ""}`}>
                {p.role === "info" ? <SeenButton assignmentId={p.id} /> : <WorkPanel assignmentId={p.id} coordinate={p.role === "coordinate"} />}
              </Card>
            ))}
            {mayDraftReply ? <RepliesCard documentId={doc.id} replies={replies} mayDraft={mayDraftReply} /> : null}
            {remindable.length ? <Card title="Đôn đốc"><RemindPanel parts={remindable} /></Card> : null}
            {handover ? <Card title="Giao văn bản giấy"><HandOverPanel id={doc.id} today={todayInVietnam()} /></Card> : null}
            <RegistrationCorrections actor={actor} doc={doc} />
          </>
        }
        document={
          <>
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
                      {isViewable(f) ? (
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
                      <VerificationPanel result={signatures.get(f.id)} className="w-full" />
                    </li>
                  ))}
                </ul>
              ) : null}
            </Card>
            {exchange ? <IncomingExchangeCard view={exchange} /> : null}
            {shown ? <DocumentViewer file={shown} docxPreview={docxPreview} /> : null}
            <Card title="Sơ đồ luồng xử lý">
              <ScrollBox label="Sơ đồ luồng xử lý">
                <FlowDiagram
                  layout={await incomingFlow(doc.agencyId, trail.map((e) => ({ ...e, fromLabel: typeof e.payload?.unitName === "string" ? e.payload.unitName : undefined })))}
                />
              </ScrollBox>
            </Card>
          </>
        }
        processing={
          <>
            <Card title="Đơn vị, cá nhân xử lý"><PartsTable parts={parts} /></Card>
            {!mayDraftReply && replies.length ? <RepliesCard documentId={doc.id} replies={replies} mayDraft={mayDraftReply} /> : null}
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
            <Card title="Luồng xử lý">
              <Timeline
                label="Luồng xử lý"
                entries={trail.map((e) => ({
                  id: e.id, actorName: e.actorName, label: EVENT_LABELS[e.kind] ?? e.kind, toText: e.toText, text: e.text, at: e.at,
                  paper: !e.electronic, after: e.deadline ? ` · hạn ${formatDate(e.deadline)}` : undefined,
                }))}
              />
            </Card>
          </>
        }
      />
    </>
  );
}
