import Link from "next/link";
import { notFound } from "next/navigation";
import { OutgoingStatusBadge, StatusBadge } from "@/components/incoming/status-badge";
import { AnswerPanel, CheckPanel, IssuePanel, ReviewPanel, SignPanel, SubmitPanel, WithdrawPanel } from "@/components/outgoing/panels";
import { Card, EmptyState, FormMessageStatic, MetaList, PageHeader, tableClass, tdClass, thClass, ScrollBox } from "@/components/ui/page";
import { DocumentLayout } from "@/components/documents/document-layout";
import { DocumentViewer, isViewable } from "@/components/documents/document-viewer";
import { PrintButton } from "@/components/registers/print-button";
import { ReturnedNotice } from "@/components/outgoing/returned-notice";
import { DigitalSignPanel } from "@/components/outgoing/digital-sign-panel";
import { signingOptions } from "@/lib/account/signing-profile";
import { completeSignatureAction, prepareSignatureAction, signRemoteAction } from "@/lib/server-actions/outgoing";
import { PdfWarning } from "@/components/storage/pdf-warning";
import { AddToFilePanel } from "@/components/work-files/add-to-file";
import { OutgoingAmendments } from "@/components/outgoing/amendments";
import { CopyPanel } from "@/components/outgoing/copy-panel";
import { copiesOf } from "@/lib/outgoing/copies";
import { COPY_LABELS } from "@/lib/outgoing/copy-schema";
import { requireSession } from "@/lib/auth/current";
import { VerificationPanel } from "@/components/signatures/verification-panel";
import { verifyStoredFile } from "@/lib/signatures/stored";
import { canSignDocument, signatureBlockFor } from "@/lib/delegations/coverage";
import { BackLink } from "@/components/ui/back-link";
import { backLinkFor, withFrom } from "@/lib/nav";
import { can, unitsWhere } from "@/lib/auth/permissions";
import { formatDate, formatDateTime, formatSize } from "@/lib/format";
import { SECRECY_LABELS, URGENCY_LABELS } from "@/lib/incoming/labels";
import { isReviewer, isStageReviewer } from "@/lib/outgoing/access";
import { AUTHORITY_LABELS, DELIVERY_LABELS, FILE_ROLE_LABELS } from "@/lib/outgoing/labels";
import { outgoingMachine } from "@/lib/outgoing/machine";
import { consultUnitOptions, issueRegisterOptions } from "@/lib/outgoing/options";
import { draftChecks, getOutgoing } from "@/lib/outgoing/queries";
import { fileUrl } from "@/lib/storage/client";
import { findSoffice } from "@/lib/storage/preview";
import { uploadMaxBytes } from "@/lib/storage/config";
import { availableTransitions } from "@/lib/workflow/machine";
import { outgoingPageSearchSchema } from "@/lib/outgoing/schemas";
import { idParamsSchema, parseParams, parseSearchParams, type RawParams } from "@/lib/search-params";
import { filesForDocument, logArchivedDocumentView } from "@/lib/work-files/queries";
import { Timeline } from "@/components/ui/timeline";
import { SecrecyPanel } from "@/components/documents/secrecy-panel";
import { keepsNoFile, mayChangeSecrecy } from "@/lib/secrecy/rules";
import { Checksum } from "@/components/ui/checksum";
import { ExchangePanel } from "@/components/exchange/exchange-panel";
import { RecallForm } from "@/components/exchange/recall-form";
import { exchangePanelsOf } from "@/lib/exchange/outgoing-status";

export const metadata = { title: "Chi tiết văn bản đi" };


const EVENT_LABELS: Record<string, string> = {
  created: "Tạo dự thảo",
  revised: "Sửa dự thảo",
  submitted: "Trình duyệt",
  approved: "Duyệt nội dung",
  checked: "Duyệt thể thức",
  signed: "Ký duyệt",
  returned: "Trả lại",
  consulted: "Lấy ý kiến",
  answered: "Góp ý",
  issued: "Phát hành",
  withdrawn: "Thu hồi",
  secrecy_changed: "Thay đổi độ mật",
  amended: "Đính chính, thay thế",
  exchange_status: "Liên thông",
  recall_requested: "Yêu cầu thu hồi, cập nhật, thay thế (liên thông)",
  copied: "Bản sao điện tử",
};

/** A file of the document with its download, "Xem" in the page, checksum and what is said about it. */
function FileLine({ label, file, docId, shownId, children }: {
  label: string; file: { id: string; name: string; sha256: string }; docId: string; shownId?: string; children: React.ReactNode;
}) {
  return (
    <div className="mt-4 flex flex-wrap items-baseline gap-x-3 text-sm">
      <span className="font-medium">{label}</span>
      <a href={fileUrl(file.id)} className="text-brand-700 hover:underline">{file.name}</a>
      <Link
        href={`/outgoing/${docId}?xem=${file.id}#xem-van-ban`}
        aria-current={shownId === file.id ? "true" : undefined}
        aria-label={`Xem ${file.name}`}
        className="text-xs text-brand-700 hover:underline aria-[current=true]:font-semibold"
      >
        Xem
      </Link>
      <Checksum sha256={file.sha256} />
      {children}
    </div>
  );
}

export default async function OutgoingDocumentPage({ params, searchParams }: { params: Promise<RawParams>; searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  const route = parseParams(await params, idParamsSchema);
  if (!route.success) notFound();
  const { id } = route.data;
  const page = await getOutgoing(actor, id);
  if (!page) notFound();
  const { doc, recipients, consultations, trail, replyTo } = page;
  // Opening a document of an archived file is written on that file's trail (NĐ 30/2020 Phụ lục VI).
  await logArchivedDocumentView(actor, "outgoing", doc.id, `Xem văn bản đi ${doc.symbol ?? doc.subject}`);
  // A document that is or was secret keeps no file: none is listed (lib/secrecy/rules.ts).
  const noFile = keepsNoFile(doc);
  const withheld = noFile ? page.versions.length + (page.finalFile ? 1 : 0) + page.issuedAttachments.length : 0;
  const versions = noFile ? [] : page.versions;
  const finalFile = noFile ? null : page.finalFile;
  const finalSignatures = finalFile ? await verifyStoredFile(actor, finalFile.id) : null;
  // Phụ lục signed by the agency at Phát hành, each shown verified like the issued PDF.
  const issuedAttachments = noFile ? [] : page.issuedAttachments;
  const attachmentSignatures = await Promise.all(issuedAttachments.map((f) => verifyStoredFile(actor, f.id)));
  const rawSearch = await searchParams;
  const { saved, xem } = parseSearchParams(rawSearch, outgoingPageSearchSchema).data;
  // Back to where the person came from, or to a list they may open (lib/nav.ts).
  const back = backLinkFor(actor, ["/outgoing", "/my-work", "/files"], rawSearch);
  // The file shown in the page: the one chosen with "Xem", else the issued PDF, else the current draft.
  const viewable = [...(finalFile ? [finalFile] : []), ...issuedAttachments, ...(page.signedFile && !noFile ? [page.signedFile] : []), ...versions].filter(isViewable);
  const shown = viewable.find((f) => f.id === xem) ?? viewable[0];
  const docxPreview = !!shown && shown.mime !== "application/pdf" && !!(await findSoffice());
  // The screen asks the same machine, permission table and row rules as the actions (style.md rule 5).
  const steps = availableTransitions(outgoingMachine, doc.status, (v) => can(actor, v));
  const drafter = doc.drafterId === actor.userId;
  const myStage = isStageReviewer(actor, doc);
  const secret = doc.secrecy !== "normal";
  const needUnits = myStage && isReviewer(actor, doc);
  const [units, registers, checked] = await Promise.all([
    needUnits ? consultUnitOptions(actor.agencyId, doc.draftingUnitId) : [],
    steps.includes("issue") ? issueRegisterOptions(actor.agencyId, secret) : [],
    (myStage && doc.status === "awaiting_check") || steps.includes("issue") ? draftChecks(doc) : null,
  ]);
  const workFiles = await filesForDocument(actor, "outgoing", doc.id);
  // The signature block follows the delegations in force until the draft is signed (lib/delegations).
  const block = doc.signedAt ? null : await signatureBlockFor(doc);
  const signDecision = doc.status === "awaiting_signature" ? await canSignDocument(actor, doc) : null;
  // Ký số (issue 14): offered to the signer of a draft that has a file on the system.
  const signing = (myStage || signDecision?.ok) && doc.status === "awaiting_signature" && !noFile && versions.some((v) => v.version === doc.version) ? await signingOptions(actor.userId) : null;
  const signedFile = noFile ? null : page.signedFile;
  // Before issue, the signer's signed PDF is shown verified with the same code (sigcore's panel).
  const signedSignatures = signedFile && !finalFile ? await verifyStoredFile(actor, signedFile.id) : null;
  // Liên thông: per electronic recipient, the sending and the statuses received (lib/exchange/outgoing-status.ts).
  const sentOut = doc.status === "issued" || doc.status === "withdrawn";
  const copies = doc.status === "issued" ? await copiesOf(actor, doc.id) : [];
  const { exchange, recall } = sentOut ? await exchangePanelsOf(actor, page) : { exchange: null, recall: null };
  // Thêm vào hồ sơ: issued documents and drafts alike, never a secret one (filed on paper).
  const fileable = !secret && can(actor, "files.keep");
  const heads = unitsWhere(actor, "outgoing.approve");
  const toAnswer = consultations.filter((c) => c.status === "pending" && heads.includes(c.unitId) && doc.status !== "issued" && doc.status !== "withdrawn");
  const byVersion = new Map<number, typeof versions>();
  for (const v of versions) byVersion.set(v.version, [...(byVersion.get(v.version) ?? []), v]);
  const meta: [string, string][] = [
    ["Số, ký hiệu", doc.symbol ?? "Chưa phát hành"],
    ["Ngày văn bản", formatDate(doc.issuedDate)],
    ["Loại văn bản", doc.docType],
    ["Đơn vị soạn thảo", page.unitName],
    ["Người soạn thảo", page.drafterName],
    ["Người ký", `${page.signerName} (${AUTHORITY_LABELS[doc.authority]})`],
    [
      "Thẩm quyền, chức vụ",
      doc.signerLine || (block ? `${block.lines.join(" / ")}${block.covered ? "" : " (chưa có ủy quyền ký phù hợp)"}` : ""),
    ],
    ["Độ khẩn", URGENCY_LABELS[doc.urgency]],
    ["Độ mật", SECRECY_LABELS[doc.secrecy]],
    ["Hạn trả lời", formatDate(doc.replyDeadline)],
    ["Số trang", doc.pageCount ? String(doc.pageCount) : ""],
    ["Số lượng bản", doc.issuedAmount ? String(doc.issuedAmount) : ""],
    ["Bản lưu", doc.keptCopy],
    ["Thu hồi", doc.withdrawnAt ? `${formatDateTime(doc.withdrawnAt)}: ${doc.withdrawReason}` : ""],
    ["Ghi chú", doc.note],
  ];
  const paper = recipients.filter((r) => r.delivery === "paper");
  return (
    <>
      <PageHeader
        title={`${doc.docType}: ${doc.subject}`}
        description={doc.symbol ?? `Dự thảo, phiên bản ${doc.version}`}
        actions={<BackLink {...back} />}
      />
      {page.participant ? <ReturnedNotice status={doc.status} trail={trail} /> : null}
      {saved ? <FormMessageStatic focus>Đã lưu dự thảo.</FormMessageStatic> : null}
      {doc.status === "issued" && doc.symbol ? <FormMessageStatic>Đã phát hành: số {doc.symbol} ngày {formatDate(doc.issuedDate)}.</FormMessageStatic> : null}
      <DocumentLayout
        actions={
          <>
            {drafter && steps.includes("submit") ? (
              <Card title={doc.status === "returned" ? "Dự thảo bị trả lại: sửa và trình lại" : "Trình duyệt"}><SubmitPanel id={doc.id} /></Card>
            ) : null}
            {myStage && doc.status === "awaiting_review" ? <Card title="Duyệt nội dung"><ReviewPanel id={doc.id} units={units} /></Card> : null}
            {myStage && doc.status === "awaiting_check" && checked ? (
              <Card title="Kiểm tra pháp chế, thể thức"><CheckPanel id={doc.id} units={units} checks={checked.checks} /></Card>
            ) : null}
            {doc.status === "awaiting_signature" && (myStage || signDecision?.ok) ? (
              <Card title="Ký duyệt">
                {signDecision && !signDecision.ok ? <p className="mb-3 text-sm text-red-700" role="note">{signDecision.reason}</p> : null}
                {signDecision?.ok && signDecision.onBehalf ? (
                  <p className="mb-3 text-sm text-slate-700">Bạn ký theo ủy quyền ({AUTHORITY_LABELS[signDecision.authority]}) của {page.signerName}.</p>
                ) : null}
                <SignPanel
                  id={doc.id}
                  units={myStage ? units : []}
                  digital={
                    signing ? (
                      <DigitalSignPanel
                        id={doc.id}
                        methods={signing.methods}
                        agentUrl={signing.agentUrl}
                        ready={signing.ready}
                        prepareAction={prepareSignatureAction}
                        completeAction={completeSignatureAction}
                        remoteAction={signRemoteAction}
                      />
                    ) : null
                  }
                />
              </Card>
            ) : null}
            {toAnswer.map((c) => (
              <Card key={c.id} title={`Góp ý của ${c.unitName}${c.deadline ? `, hạn ${formatDate(c.deadline)}` : ""}`}>
                <AnswerPanel consultationId={c.id} request={c.request} />
              </Card>
            ))}
            {steps.includes("issue") && checked ? (
              <Card title="Phát hành">
                <IssuePanel
                  id={doc.id}
                  secret={secret}
                  noFile={noFile}
                  signed={!!doc.signedFileId}
                  attachments={versions.filter((v) => v.version === doc.version && v.role === "attachment").length}
                  registers={registers} maxBytes={uploadMaxBytes()} notation={checked.notation} />
              </Card>
            ) : null}
            {steps.includes("withdraw") ? <Card title="Thu hồi văn bản"><WithdrawPanel id={doc.id} /></Card> : null}
            {recall ? (
              <Card title="Thu hồi, cập nhật, thay thế (liên thông)">
                {recall.allowed ? <RecallForm id={doc.id} replacements={recall.replacements} /> : <p className="text-sm text-slate-700">{recall.note}</p>}
              </Card>
            ) : null}
            <OutgoingAmendments actor={actor} doc={doc} />

          </>
        }
        document={
          <>
            <Card title="Thông tin văn bản" actions={<OutgoingStatusBadge status={doc.status} />}>
              <MetaList items={meta} />
              {replyTo ? (
                <p className="mt-4 text-sm">
                  Trả lời văn bản đến{" "}
                  {replyTo.mayOpen ? (
                    <Link href={withFrom(`/incoming/${replyTo.id}`, `/outgoing/${doc.id}`)} className="text-brand-700 hover:underline">
                      số {replyTo.symbol} của {replyTo.issuerName}{replyTo.arrivalNo ? ` (số đến ${replyTo.arrivalNo}/${replyTo.year})` : ""}
                    </Link>
                  ) : (
                    <>số {replyTo.symbol} của {replyTo.issuerName}{replyTo.arrivalNo ? ` (số đến ${replyTo.arrivalNo}/${replyTo.year})` : ""}</>
                  )}{" "}
                  <StatusBadge status={replyTo.status} />
                </p>
              ) : null}
              {signedFile && !finalFile ? (
                <FileLine label="Bản đã ký số:" file={signedFile} docId={doc.id} shownId={shown?.id}>
                  <VerificationPanel result={signedSignatures} className="w-full" />
                </FileLine>
              ) : null}
              {finalFile ? (
                <FileLine label="Văn bản phát hành:" file={finalFile} docId={doc.id} shownId={shown?.id}>
                  <PdfWarning risks={finalFile.pdfRisks} className="w-full" />
                  <VerificationPanel result={finalSignatures} className="w-full" />
                </FileLine>
              ) : null}
              {issuedAttachments.map((f, i) => (
                <FileLine key={f.id} label={`Phụ lục ${i + 1}:`} file={f} docId={doc.id} shownId={shown?.id}>
                  <VerificationPanel result={attachmentSignatures[i]} className="w-full" />
                </FileLine>
              ))}
            </Card>

            {shown ? <DocumentViewer file={shown} docxPreview={docxPreview} /> : null}
            {page.participant ? (
            <Card title="Các phiên bản dự thảo">
              {versions.length === 0 ? (
                <EmptyState title={noFile ? "Văn bản mật hoặc đã từng là văn bản mật: không lưu tệp trên hệ thống" : "Chưa có tệp dự thảo"}>
                  {withheld ? `${withheld} tệp đã có trước khi chuyển thành văn bản mật không còn được cung cấp.` : null}
                </EmptyState>
              ) : (
                <ol className="space-y-3 text-sm" aria-label="Các phiên bản dự thảo">
                  {[...byVersion.entries()].map(([v, files]) => (
                    <li key={v}>
                      <p className="font-medium">Phiên bản {v}{v === doc.version ? " (hiện tại)" : ""} · {formatDateTime(files[0].at)}</p>
                      <ul className="ml-4 list-disc">
                        {files.map((f) => (
                          <li key={f.id}>
                            <span className="text-slate-600">{FILE_ROLE_LABELS[f.role]}: </span>
                            <a href={fileUrl(f.id)} className="text-brand-700 hover:underline">{f.name}</a> <span className="text-slate-500">({formatSize(f.size)})</span>
                            {isViewable(f) ? (
                              <>
                                {" "}
                                <Link
                                  href={`/outgoing/${doc.id}?xem=${f.id}#xem-van-ban`}
                                  aria-current={shown?.id === f.id ? "true" : undefined}
                                  aria-label={`Xem ${f.name}`}
                                  className="text-xs text-brand-700 hover:underline aria-[current=true]:font-semibold"
                                >
                                  Xem
                                </Link>
                              </>
                            ) : null}
                            <PdfWarning risks={f.pdfRisks} />
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ol>
              )}
            </Card>
            ) : null}

          </>
        }
        processing={
          <>
            <Card title="Nơi nhận">
              {recipients.length === 0 ? (
                <EmptyState title="Chưa có nơi nhận" />
              ) : (
                <ScrollBox label="Nơi nhận">
                <table className={tableClass}>
                  <thead>
                    <tr>
                      <th className={thClass}>Nơi nhận</th>
                      <th className={thClass}>Hình thức gửi</th>
                      <th className={thClass}>Tình trạng</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {recipients.map((r) => (
                      <tr key={r.id}>
                        <td className={tdClass}>{r.name}</td>
                        <td className={tdClass}>{DELIVERY_LABELS[r.delivery]}</td>
                        <td className={tdClass}>{doc.status === "issued" || doc.status === "withdrawn" ? r.statusText : "Chưa phát hành"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                </ScrollBox>
              )}
              {doc.keptCopy ? <p className="mt-2 text-sm text-slate-600">{doc.keptCopy}</p> : null}
            </Card>

            {exchange?.length ? (
              <Card title="Liên thông">
                <ExchangePanel recipients={exchange} />
              </Card>
            ) : null}

            {doc.status === "issued" && doc.finalFileId && doc.signedFileId && !noFile && (copies.length || can(actor, "outgoing.issue")) ? (
              <Card title="Bản sao điện tử">
                {copies.length ? (
                  <ul className="mb-4 space-y-1 text-sm" aria-label="Bản sao điện tử">
                    {copies.map((c) => (
                      <li key={c.id}>
                        <a className="text-brand-700 underline" href={fileUrl(c.fileId)}>
                          {COPY_LABELS[c.kind as keyof typeof COPY_LABELS] ?? c.kind}{c.pages ? ` (trang ${c.pages})` : ""}
                        </a>{" "}
                        <span className="text-slate-500">– {c.createdBy}, {formatDateTime(c.createdAt)}</span>
                      </li>
                    ))}
                  </ul>
                ) : <p className="mb-4 text-sm text-slate-600">Chưa có bản sao điện tử.</p>}
                {can(actor, "outgoing.issue") ? <CopyPanel id={doc.id} /> : null}
              </Card>
            ) : null}

            {doc.status === "issued" && paper.length ? (
              <Card title="Danh sách gửi bản giấy" actions={<PrintButton />}>
                <ol className="list-decimal pl-6 text-sm" aria-label="Danh sách gửi bản giấy">
                  {paper.map((r) => <li key={r.id}>{r.name}</li>)}
                </ol>
              </Card>
            ) : null}

            {consultations.length ? (
              <Card title="Ý kiến góp ý">
                <ul className="space-y-3 text-sm" aria-label="Ý kiến góp ý">
                  {consultations.map((c) => (
                    <li key={c.id}>
                      <p className="font-medium">{c.unitName} <span className="font-normal text-slate-500">(phiên bản {c.version})</span></p>
                      <p className="text-slate-600">Đề nghị: {c.request}</p>
                      <p>{c.status === "answered" ? `${c.answeredBy}: ${c.answer}` : "Chưa góp ý."}</p>
                    </li>
                  ))}
                </ul>
              </Card>
            ) : null}

            {page.participant ? (
            <Card title="Luồng xử lý">
              <Timeline
                label="Luồng xử lý"
                entries={trail.map((e) => ({
                  id: e.id, actorName: e.actorName, label: EVENT_LABELS[e.kind] ?? e.kind, toText: e.toText, text: e.text, at: e.at,
                  note: e.version ? `(phiên bản ${e.version})` : undefined,
                }))}
              />
            </Card>
            ) : null}
            {fileable || workFiles.holding.length ? (
              <Card title="Hồ sơ công việc">
                <AddToFilePanel kind="outgoing" documentId={doc.id} open={fileable ? workFiles.open : []} holding={workFiles.holding} />
              </Card>
            ) : null}

            {mayChangeSecrecy(actor, "outgoing", doc) ? (
              <Card title="Thay đổi độ mật">
                <SecrecyPanel kind="outgoing" id={doc.id} current={doc.secrecy} hasFiles={page.versions.length > 0 && !noFile} />
              </Card>
            ) : null}
          </>
        }
      />
    </>
  );
}
