import Link from "next/link";
import { notFound } from "next/navigation";
import { DraftForm } from "@/components/outgoing/draft-form";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { signerOptions } from "@/lib/delegations/coverage";
import { EDITABLE_STATES } from "@/lib/outgoing/machine";
import { outgoingRecipientOptions } from "@/lib/outgoing/options";
import { getOutgoing } from "@/lib/outgoing/queries";
import { keepsNoFile } from "@/lib/secrecy/rules";
import { uploadMaxBytes } from "@/lib/storage/config";
import { idParamsSchema, parseParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Sửa dự thảo" };


/** Sửa dự thảo: only the drafter, only while the draft is with them (the action checks it again). */
export default async function EditDraftPage({ params }: { params: Promise<RawParams> }) {
  const { actor } = await requireVerb("outgoing.draft");
  const route = parseParams(await params, idParamsSchema);
  if (!route.success) notFound();
  const { id } = route.data;
  const page = await getOutgoing(actor, id);
  if (!page || page.doc.drafterId !== actor.userId || !EDITABLE_STATES.includes(page.doc.status)) notFound();
  const { doc } = page;
  // The chosen people only; the form asks for the others when it opens.
  const chosen = page.recipients.flatMap((r) => (r.kind === "user" && r.userId ? [r.userId] : []));
  const [signers, options] = await Promise.all([signerOptions(actor.agencyId), outgoingRecipientOptions(actor.agencyId, { people: chosen })]);
  return (
    <>
      <PageHeader
        title="Sửa dự thảo"
        description={`${doc.docType}: ${doc.subject} (phiên bản hiện tại: ${doc.version})`}
        actions={<Link href={`/outgoing/${doc.id}`} className="text-sm text-brand-700 hover:underline">← Dự thảo</Link>}
      />
      <Card>
        <DraftForm
          mode="revise"
          id={doc.id}
          noFiles={keepsNoFile(doc)}
          defaults={{
            docType: doc.docType as never, subject: doc.subject, urgency: doc.urgency, secrecy: doc.secrecy, signerId: doc.signerId, authority: doc.authority,
            replyDeadline: doc.replyDeadline ?? "", note: doc.note, fileCode: doc.fileCode,
            recipients: page.recipients.map((r) => ({ kind: r.kind, targetId: r.unitId ?? r.userId ?? r.directoryId ?? "", name: r.kind === "text" ? r.name : "" })),
          }}
          signers={signers}
          options={options}
          maxBytes={uploadMaxBytes()}
        />
      </Card>
    </>
  );
}
