import { assignDocument, passToLeader, registerPaper, sendBackToClerk, submitToLeader } from "@/lib/incoming/actions";
import { cascadeAssignment, completeAssignment, noteProgress, sendOpinion } from "@/lib/incoming/process";
import { answerConsultation, approveDraft, checkDraft, consultUnits, createDraft, returnDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { issueDocument } from "@/lib/outgoing/issue";
import type { DemoContext } from "./demo-context";
import { demoIncoming, demoOutgoing, demoWorkFiles, type DemoIn, type DemoOut, type Recipient } from "./demo-story-data";
import { workFileStory } from "./demo-work-files";

// Each demo document walks the real steps on the days its story gives (working days ago); the
// stages are spread so that every position has something waiting on first sign-in (README).

export function demoStories(c: DemoContext) {
  const ids = new Map<string, string>();
  for (const s of demoIncoming) incomingStory(c, s, ids);
  for (const s of demoOutgoing) outgoingStory(c, s, ids);
  for (const s of demoWorkFiles) workFileStory(c, s, ids);
}

const recipientsOf = (c: DemoContext, at: number, rs: Recipient[]) =>
  rs.map((r) => ({
    kind: r.user ? ("user" as const) : ("unit" as const),
    targetId: r.user ? c.user(r.user) : c.unit(r.unit!),
    role: r.role,
    deadline: c.date(at, r.days),
    workingDays: null,
  }));

function incomingStory(c: DemoContext, s: DemoIn, ids: Map<string, string>) {
  const id = () => ids.get(s.key)!;
  c.at(s.reg, async () => {
    const secret = s.secrecy && s.secrecy !== "normal";
    const fileIds = secret ? [] : [await c.pdf("vanthu", `${s.symbol.replace(/\W+/g, "-")}.pdf`, `${s.docType.toUpperCase()} ${s.symbol}`, [s.issuer, s.subject], s.pages)];
    const r = await c.act(registerPaper, "vanthu", {
      symbol: s.symbol, issuedDate: c.date(s.reg, -(s.dated ?? 2)), issuerName: s.issuer, docType: s.docType, subject: s.subject, signer: s.signer ?? "",
      urgency: s.urgency ?? "normal", secrecy: s.secrecy ?? "normal", pageCount: s.pages, dueDate: s.due ? c.date(s.reg, s.due) : "", note: "",
      fileCode: "", fileIds, confirmDuplicate: false,
    });
    ids.set(s.key, r.id);
  });
  if (s.submit) {
    const [at, leader] = s.submit;
    c.at(at, () => c.act(submitToLeader, "vanthu", { id: id(), leaderId: c.user(leader) }));
  }
  if (s.pass) {
    const [at, by, to, note] = s.pass;
    c.at(at, () => c.act(passToLeader, by, { id: id(), leaderId: c.user(to), note }));
  }
  if (s.sendBack) {
    const [at, by, reason] = s.sendBack;
    c.at(at, () => c.act(sendBackToClerk, by, { id: id(), reason }));
  }
  if (s.assign) {
    const a = s.assign;
    c.at(a.at, () => c.act(assignDocument, a.by, { id: id(), instruction: a.instruction, recipients: recipientsOf(c, a.at, a.to) }));
  }
  for (const k of s.cascade ?? []) {
    c.at(k.at, async () =>
      c.act(cascadeAssignment, k.by, { assignmentId: await c.part(id(), { unit: k.from }), instruction: k.instruction, recipients: recipientsOf(c, k.at, k.to) }),
    );
  }
  for (const p of s.progress ?? []) {
    c.at(p.at, async () => c.act(p.opinion ? sendOpinion : noteProgress, p.who, { assignmentId: await c.part(id(), { user: p.who }), text: p.text }));
  }
  if (s.complete) {
    const { at, who, result } = s.complete;
    c.at(at, async () => c.act(completeAssignment, who, { assignmentId: await c.part(id(), { user: who }), result }));
  }
}

function outgoingStory(c: DemoContext, s: DemoOut, ids: Map<string, string>) {
  const id = () => ids.get(s.key)!;
  c.at(s.created, async () => {
    const file = await c.pdf(s.drafter, "du-thao.pdf", `DỰ THẢO ${s.docType.toUpperCase()}`, [s.subject], 2);
    const r = await c.act(createDraft, s.drafter, {
      docType: s.docType, subject: s.subject, urgency: "normal", secrecy: "normal", signerId: c.user(s.signer), authority: s.authority ?? "direct",
      replyDeadline: "", note: "", fileCode: "", fileIds: [file], versionNote: "Dự thảo lần 1",
      recipients: s.recipients.map((r) => (r.unit ? { kind: "unit" as const, targetId: c.unit(r.unit), name: "" } : { kind: "text" as const, targetId: null, name: r.name! })),
      replyToId: s.replyTo ? ids.get(s.replyTo)! : null, unitId: null,
    });
    ids.set(s.key, r.id);
  });
  const steps = s.steps;
  if (steps.submit != null) c.at(steps.submit, () => c.act(submitDraft, s.drafter, { id: id() }));
  if (steps.consult) {
    const k = steps.consult;
    c.at(k.at, () => c.act(consultUnits, k.by, { id: id(), unitIds: [c.unit(k.unit)], request: k.request, deadline: c.date(k.at, k.days) }));
    if (k.answer) {
      const [at, who, answer] = k.answer;
      c.at(at, async () => c.act(answerConsultation, who, { consultationId: await c.consultation(id(), k.unit), answer }));
    }
  }
  if (steps.approve) {
    const [at, by] = steps.approve;
    c.at(at, () => c.act(approveDraft, by, { id: id(), comment: "" }));
  }
  if (steps.check != null) c.at(steps.check, () => c.act(checkDraft, "chanhvp", { id: id(), comment: "", legal: true, format: true }));
  if (steps.sign != null) c.at(steps.sign, () => c.act(signDraft, s.signer, { id: id(), comment: "" }));
  if (steps.returned) {
    const [at, by, comment] = steps.returned;
    c.at(at, () => c.act(returnDraft, by, { id: id(), comment }));
  }
  if (steps.issue != null) {
    c.at(steps.issue, async () => {
      const fileId = await c.pdf("vanthu", "van-ban-phat-hanh.pdf", s.docType.toUpperCase(), [s.subject, "Đã ký số."], 2);
      await c.act(issueDocument, "vanthu", { id: id(), registerId: null, fileId, pageCount: 2, issuedAmount: 3 });
    });
  }
}
