import Link from "next/link";
import { amendIssuedAction } from "@/lib/server-actions/outgoing";
import { Card } from "@/components/ui/page";
import { ActionButton } from "@/components/ui/action-button";
import type { Actor } from "@/lib/auth/actor";
import { formatDate } from "@/lib/format";
import { amendmentLinks, mayAmend, type AmendLink } from "@/lib/outgoing/amendments";
import { OUTGOING_STATUS_LABELS } from "@/lib/outgoing/labels";

const OF = { correct: "Đính chính cho", replace: "Thay thế" } as const;
const BY = { correct: "Được đính chính bởi", replace: "Được thay thế bởi" } as const;

function name(l: AmendLink) {
  const what = l.symbol ? `${l.docType} số ${l.symbol}${l.issuedDate ? ` ngày ${formatDate(l.issuedDate)}` : ""}` : `Dự thảo ${l.docType.toLowerCase()}`;
  return `${what}: ${l.subject}`;
}

/**
 * Đính chính / Thay thế (NĐ 30/2020 Điều 18) on an outgoing document's page: the links both ways
 * ("Đính chính cho …", "Được đính chính bởi …", "Thay thế …", "Được thay thế bởi …") and, for the
 * drafter or a head of the drafting unit of an issued document, the two ways to start one.
 */
export async function OutgoingAmendments({ actor, doc }: { actor: Actor; doc: Parameters<typeof mayAmend>[1] & Parameters<typeof amendmentLinks>[1] }) {
  const links = await amendmentLinks(actor, doc);
  const may = mayAmend(actor, doc);
  if (!may && !links.of.length && !links.by.length) return null;
  return (
    <Card title="Đính chính, thay thế">
      <ul className="space-y-1 text-sm" aria-label="Văn bản đính chính, thay thế">
        {links.of.map((l) => (
          <li key={l.id}>
            {OF[l.kind]} <Link href={`/outgoing/${l.id}`} className="text-brand-700 underline">{name(l)}</Link>
          </li>
        ))}
        {links.by.map((l) => (
          <li key={l.id}>
            {BY[l.kind]} <Link href={`/outgoing/${l.id}`} className="text-brand-700 underline">{name(l)}</Link>{" "}
            <span className="text-slate-500">({OUTGOING_STATUS_LABELS[l.status]})</span>
          </li>
        ))}
      </ul>
      {may ? (
        <div className="mt-3 space-y-2">
          <p className="text-sm text-slate-600">
            Văn bản đã phát hành không được sửa. Sai sót về thể thức, kỹ thuật trình bày: ban hành công văn đính chính; sai sót về nội dung: ban hành
            văn bản thay thế (Nghị định 30/2020/NĐ-CP, Điều 18). Hệ thống tạo dự thảo mới liên kết với văn bản này.
          </p>
          <div className="flex flex-wrap gap-2">
            <ActionButton action={amendIssuedAction} input={{ id: doc.id, kind: "correct" }} label="Tạo văn bản đính chính" confirm="Tạo dự thảo công văn đính chính cho văn bản này?" />
            <ActionButton action={amendIssuedAction} input={{ id: doc.id, kind: "replace" }} label="Tạo văn bản thay thế" confirm="Tạo dự thảo văn bản thay thế văn bản này?" />
          </div>
        </div>
      ) : null}
    </Card>
  );
}
