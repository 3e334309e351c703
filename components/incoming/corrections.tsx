import { Card } from "@/components/ui/page";
import { Disclosure } from "@/components/ui/disclosure";
import type { HasPositions } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { mayCorrect, mayVoid, PROCESSED_CORRECT_STATES } from "@/lib/incoming/correction-rules";
import type { IncomingStatus } from "@/lib/incoming/labels";
import { CorrectRegistrationForm, RequestCorrectionForm, VoidRegistrationForm } from "./correction-forms";

interface Doc {
  id: string;
  agencyId: string;
  status: IncomingStatus;
  arrivalNo: number | null;
  year: number | null;
  symbol: string;
  issuedDate: string | null;
  issuerName: string;
  docType: string;
  subject: string;
  signer: string;
  urgency: "normal" | "urgent" | "very_urgent" | "flash";
  pageCount: number | null;
  dueDate: string | null;
  note: string;
  fileCode: string;
  voidedAt: Date | null;
  voidReason: string;
}

/**
 * The registration's corrections on the document page: the "Đã hủy" notice, Sửa thông tin vào sổ
 * and Hủy vào sổ for whoever may use them now (the same rules as the actions,
 * lib/incoming/correction-rules.ts), or why the văn thư no longer may.
 */
export function RegistrationCorrections({ actor, doc }: { actor: HasPositions & { agencyId: string }; doc: Doc }) {
  const arrival = `Số đến ${doc.arrivalNo}/${doc.year}`;
  if (doc.status === "voided") {
    return (
      <p role="status" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
        <span className="font-semibold">Đã hủy vào sổ</span>
        {doc.voidedAt ? ` lúc ${formatDateTime(doc.voidedAt)}` : ""}. Lý do: {doc.voidReason}. {arrival} giữ trong sổ, không cấp lại.
      </p>
    );
  }
  const correct = mayCorrect(actor, doc);
  const voiding = mayVoid(actor, doc);
  // The văn thư sees why the forms are gone once the leader has assigned the document.
  const refused = !correct.ok && doc.agencyId === actor.agencyId && can(actor, "incoming.correct") && doc.arrivalNo != null ? correct.message : null;
  if (!correct.ok && !voiding.ok && !refused) return null;
  return (
    <>
      {correct.ok ? (
        <Card title="Sửa thông tin vào sổ">
          <Disclosure summary="Mở biểu mẫu sửa thông tin" link>
            <div className="mt-3">
              <CorrectRegistrationForm
                arrival={arrival}
                consent={correct.consent}
                values={{
                  id: doc.id, symbol: doc.symbol, issuedDate: doc.issuedDate ?? "", issuerName: doc.issuerName, docType: doc.docType,
                  subject: doc.subject, signer: doc.signer, urgency: doc.urgency, pageCount: doc.pageCount ?? "", dueDate: doc.dueDate ?? "",
                  note: doc.note, fileCode: doc.fileCode, reason: "",
                }}
              />
            </div>
          </Disclosure>
        </Card>
      ) : refused ? (
        <Card title="Sửa thông tin vào sổ">
          <p className="text-sm text-slate-600">{refused}</p>
          {PROCESSED_CORRECT_STATES.includes(doc.status) ? (
            <Disclosure className="mt-3" summary="Đề nghị lãnh đạo sửa" link>
              <div className="mt-3"><RequestCorrectionForm id={doc.id} /></div>
            </Disclosure>
          ) : null}
        </Card>
      ) : null}
      {voiding.ok ? (
        <Card title="Hủy vào sổ">
          <Disclosure summary="Mở biểu mẫu hủy vào sổ" link>
            <div className="mt-3"><VoidRegistrationForm id={doc.id} arrival={arrival} /></div>
          </Disclosure>
        </Card>
      ) : null}
    </>
  );
}
