import "server-only";
import type { Db, Tx } from "@/db/client";
import type { OutgoingDocument } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { formatDate } from "@/lib/format";
import { notify } from "@/lib/notifications";
import { retireWaiting } from "@/lib/notifications/seen";
import { agencyPeople, type AgencyPerson } from "@/lib/org/heads";
import { actsNow, answersFor } from "./access";

// The bell for the outgoing workflow (issue 12), written in the step's transaction: who is told is
// asked of the rules that decide who acts (access.ts actsNow, answersFor), never restated here, so
// every notice goes to someone who finds the draft in "Chờ tôi xử lý" and may open its link. The one
// whose step it was is never told of it.

type Doc = Pick<OutgoingDocument, "id" | "agencyId" | "status" | "draftingUnitId" | "drafterId" | "signerId" | "subject">;

export const outgoingHref = (id: string) => `/outgoing/${id}`;
/** How a notice names a draft: its subject (it has no số yet). */
export const draftLabel = (doc: { subject: string }) => `"${doc.subject.slice(0, 100)}"`;
/** A long request or answer is cut in the notice; the whole text is on the draft's page. */
const brief = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** What the people of the new state are asked to do. */
const WAITS: Partial<Record<OutgoingDocument["status"], (s: string, by: string) => string>> = {
  awaiting_review: (s, by) => `Dự thảo ${s} chờ bạn duyệt (${by} trình).`,
  awaiting_check: (s, by) => `Dự thảo ${s} chờ bạn kiểm tra thể thức (${by} đã duyệt nội dung).`,
  awaiting_signature: (s, by) => `Dự thảo ${s} chờ bạn ký duyệt (${by} đã kiểm tra thể thức).`,
  awaiting_issue: (s, by) => `Văn bản ${s} đã được ${by} ký, chờ phát hành.`,
};

/** What the drafter hears when a reviewer passes the draft on. */
const APPROVED: Partial<Record<OutgoingDocument["status"], (s: string, by: string) => string>> = {
  awaiting_check: (s, by) => `Dự thảo ${s} đã được ${by} duyệt nội dung, chuyển kiểm tra thể thức.`,
  awaiting_signature: (s, by) => `Dự thảo ${s} đã được ${by} duyệt thể thức, chuyển ký duyệt.`,
  awaiting_issue: (s, by) => `Dự thảo ${s} đã được ${by} ký duyệt, chờ phát hành.`,
};

const others = (people: AgencyPerson[], actor: Actor, rule: (p: AgencyPerson) => boolean) =>
  people.filter((p) => p.userId !== actor.userId && rule(p)).map((p) => p.userId);

/**
 * After Trình duyệt, Duyệt, Ký duyệt or Ký số: `doc` as it is now. The former stage's "waits for you"
 * notices are read (lib/notifications/seen.ts). The drafter hears it was approved
 * ("approved"); the people who act on it now hear it waits for them ("assigned").
 */
export async function notifyMovedOn(tx: Tx, actor: Actor, doc: Doc) {
  const href = outgoingHref(doc.id);
  // The stage it left waits for nobody now.
  await retireWaiting(tx, href);
  const label = draftLabel(doc);
  const approved = APPROVED[doc.status];
  if (approved && doc.drafterId !== actor.userId) await notify(tx, [doc.drafterId], approved(label, actor.fullName), href, "approved");
  const waits = WAITS[doc.status];
  if (waits) await notify(tx, others(await agencyPeople(tx, doc.agencyId), actor, (p) => actsNow(p, doc)), waits(label, actor.fullName), href, "assigned");
}

/** The people who answer for each consulted unit (its heads), by unit. */
export async function consultedHeads(db: Tx | Db, agencyId: string, unitIds: readonly string[], people?: AgencyPerson[]) {
  const all = people ?? (await agencyPeople(db, agencyId));
  return new Map(unitIds.map((u) => [u, all.filter((p) => answersFor(p, { agencyId }, u)).map((p) => p.userId)]));
}

/** Lấy ý kiến: the heads of each consulted unit are asked, with the request and its deadline ("opinion"). */
export async function notifyConsulted(tx: Tx, actor: Actor, doc: Doc, unitIds: readonly string[], request: string, deadline: string | null) {
  const heads = [...(await consultedHeads(tx, doc.agencyId, unitIds)).values()].flat().filter((id) => id !== actor.userId);
  const due = deadline ? ` (hạn ${formatDate(deadline)})` : "";
  await notify(tx, heads, `${actor.fullName} xin ý kiến góp ý dự thảo ${draftLabel(doc)}${due}: ${brief(request)}`, outgoingHref(doc.id), "opinion");
}

/** A consulted unit answered: the one who asked and the drafter hear it ("opinion"). */
export async function notifyAnswered(tx: Tx, actor: Actor, doc: Doc, requestedBy: string, unitName: string, answer: string) {
  const text = `${unitName} (${actor.fullName}) đã góp ý dự thảo ${draftLabel(doc)}: ${brief(answer)}`;
  await notify(tx, [requestedBy, doc.drafterId].filter((id) => id !== actor.userId), text, outgoingHref(doc.id), "opinion");
}
