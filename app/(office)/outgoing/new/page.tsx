import Link from "next/link";
import { notFound } from "next/navigation";
import { DraftForm } from "@/components/outgoing/draft-form";
import { Card, PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";
import { signerOptions } from "@/lib/delegations/coverage";
import { getIncoming } from "@/lib/incoming/queries";
import { outgoingRecipientOptions } from "@/lib/outgoing/options";
import { uploadMaxBytes } from "@/lib/storage/config";
import { newDraftSearchSchema } from "@/lib/outgoing/schemas";
import { parseSearchParams, type RawParams } from "@/lib/search-params";
import { searchKey } from "@/lib/validation";

export const metadata = { title: "Tạo dự thảo" };


/** Tạo dự thảo: a new document ("Văn bản dự thảo") or the reply to an incoming one (?replyTo=). */
export default async function NewDraftPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireVerb("outgoing.draft");
  const { data: { replyTo }, ignored } = parseSearchParams(await searchParams, newDraftSearchSchema);
  // A reply to a document that is not there (or not readable, or no id at all) is a missing page.
  const incoming = replyTo ? await getIncoming(actor, replyTo) : ignored.length ? null : undefined;
  if (incoming === null) notFound();
  const [signers, options] = await Promise.all([signerOptions(actor.agencyId), outgoingRecipientOptions(actor.agencyId, { people: [] })]);
  // A reply goes back to the issuing agency: the directory entry of that name, or its name as text.
  const issuer = incoming?.doc.issuerName;
  const known = issuer ? options.find((o) => o.kind === "agency" && searchKey(o.label) === searchKey(issuer)) : undefined;
  const recipients = issuer ? [known ? { kind: "agency" as const, targetId: known.id, name: "" } : { kind: "text" as const, targetId: "", name: issuer }] : [];
  return (
    <>
      <PageHeader
        title={incoming ? "Dự thảo văn bản trả lời" : "Tạo dự thảo"}
        description={incoming ? `Trả lời ${incoming.doc.docType.toLowerCase()} số ${incoming.doc.symbol} của ${incoming.doc.issuerName}: ${incoming.doc.subject}` : "Văn bản dự thảo mới của đơn vị."}
        actions={<Link href={incoming ? `/incoming/${incoming.doc.id}` : "/outgoing"} className="text-sm text-brand-700 hover:underline">← Quay lại</Link>}
      />
      <Card>
        <DraftForm mode="create" replyToId={incoming?.doc.id} defaults={{ recipients }} signers={signers} options={options} maxBytes={uploadMaxBytes()} />
      </Card>
    </>
  );
}
