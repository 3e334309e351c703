import { formatDateTime } from "@/lib/format";
import type { StoredVerification } from "@/lib/signatures/stored";
import type { SignatureReport, Verdict } from "@/lib/signatures/verify";

// The signatures of a PDF as everyone who opens it sees them (issue 14): who signed, when, the
// certificate's issuer and validity, "Toàn vẹn" or "Đã bị sửa sau khi ký", trusted or not. Results
// come from lib/signatures/stored.ts (the same verifier as `npm run pdf:verify`).

const VERDICT: Record<Verdict, { text: string; tone: string }> = {
  valid: { text: "Chữ ký số hợp lệ, văn bản toàn vẹn", tone: "bg-green-50 text-green-900" },
  modified: { text: "Đã bị sửa sau khi ký", tone: "bg-red-50 text-red-800" },
  invalid: { text: "Chữ ký số không hợp lệ", tone: "bg-red-50 text-red-800" },
  unsigned: { text: "Chưa ký", tone: "bg-slate-100 text-slate-700" },
};

function Badge({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs ${ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-800"}`}>{ok ? yes : no}</span>;
}

function SignatureRow({ s, last }: { s: SignatureReport; last: boolean }) {
  // Changes after an earlier signature are acceptable only when a later signature covers them.
  const intact = s.integrity === "intact" && (s.coversWholeFile || !last);
  return (
    <li className="space-y-1 py-2">
      <p className="font-medium">{s.signer || "Không đọc được người ký"}</p>
      <p className="text-slate-600">
        {s.signedAt ? <>Thời điểm ký: {formatDateTime(s.signedAt)}{s.timestamped ? " (có dấu thời gian)" : ""}</> : "Không rõ thời điểm ký"}
        {s.issuer ? <> · Chứng thư số do {s.issuer} cấp</> : null}
      </p>
      <p className="flex flex-wrap gap-1.5">
        <Badge ok={intact} yes="Toàn vẹn" no="Đã bị sửa sau khi ký" />
        {s.integrity === "intact" ? (
          <>
            <Badge ok={s.certificateValid} yes="Chứng thư số còn hiệu lực" no="Hết hạn" />
            <Badge ok={s.trusted} yes="Tin cậy" no="Không tin cậy" />
          </>
        ) : null}
      </p>
    </li>
  );
}

/** Compact panel beside a stored PDF; nothing when there is no result (not a PDF, not readable). */
export function VerificationPanel({ result, className = "" }: { result: StoredVerification | null | undefined; className?: string }) {
  if (!result) return null;
  const v = VERDICT[result.verdict];
  return (
    <section aria-label="Chữ ký số" data-signature-verdict={result.verdict} className={`text-sm ${className}`}>
      <p className={`inline-block rounded px-2 py-1 text-xs font-medium ${v.tone}`}>
        <span className="sr-only">Chữ ký số: </span>
        {v.text}
      </p>
      {result.signatures.length ? (
        <details className="mt-1" open={result.verdict !== "valid"}>
          <summary className="cursor-pointer text-xs text-slate-600 select-none">
            {result.signatures.length} chữ ký số — kiểm tra lúc {formatDateTime(result.verifiedAt)}
          </summary>
          <ul className="divide-y divide-slate-100">
            {result.signatures.map((s, i) => (
              <SignatureRow key={`${s.fieldName}-${i}`} s={s} last={i === result.signatures.length - 1} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
