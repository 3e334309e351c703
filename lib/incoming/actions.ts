import "server-only";
import { notifyAssigned, withPartIds } from "@/lib/incoming/notices";
import { and, eq, inArray, ne, notInArray, or, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { incomingAssignments, incomingDocuments, incomingFiles, storedFiles } from "@/db/schema";
import { assertUsable, recipientsSpec } from "@/lib/access/use";
import { defineAction, sameAgency } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { isoToDisplay, todayInVietnam } from "@/lib/dates";
import { conflict, invalid } from "@/lib/errors";
import { ensureRegister, lateIncomingNumber, registerIdSql, vietnamYear } from "@/lib/registers/numbering";
import { keepsNoFile, noFileMessage } from "@/lib/secrecy/rules";
import { queueIncomingStatus } from "@/lib/exchange/receiver-status";
import { incomingNoticeLabel } from "@/lib/incoming/notice-label";
import { notify } from "@/lib/notifications";
import { gatherDocument } from "@/lib/work-files/gather";
import { assertTransition } from "@/lib/workflow/machine";
import { addEvent, isSecret, loadLeader, lockDocument, resolveRecipients } from "./access";
import { ROLE_LABELS } from "./labels";
import { PAPER_HANDOVER_STATES, incomingMachine } from "./machine";
import {
  assignSchema, handOverSchema, idSchema, linkPaperSchema, passSchema, registerPaperSchema, returnSchema, submitSchema, type DuplicateInfo,
} from "./schemas";

const PATHS = ["/incoming", "/my-work"];

/**
 * Phụ lục VI III.1.h: warn when số/ký hiệu and issuing agency match, or the same file content is
 * already registered (one document arriving both electronically and on paper).
 */
async function findDuplicates(tx: Tx, agencyId: string, symbol: string, issuerName: string, fileIds: string[], exceptId?: string) {
  const hashes = fileIds.length
    ? (await tx.select({ sha: storedFiles.sha256 }).from(storedFiles).where(inArray(storedFiles.id, fileIds))).map((r) => r.sha)
    : [];
  const sameFile = hashes.length
    ? sql`exists (select 1 from ${incomingFiles} f join ${storedFiles} s on s.id = f.file_id
        where f.document_id = ${incomingDocuments.id} and s.sha256 in (${sql.join(hashes.map((h) => sql`${h}`), sql`, `)}))`
    : sql`false`;
  return tx
    .select({
      id: incomingDocuments.id, arrivalNo: incomingDocuments.arrivalNo, year: incomingDocuments.year, symbol: incomingDocuments.symbol,
      issuerName: incomingDocuments.issuerName, status: incomingDocuments.status,
    })
    .from(incomingDocuments)
    .where(
      and(
        eq(incomingDocuments.agencyId, agencyId),
        notInArray(incomingDocuments.status, ["returned", "voided"]),
        exceptId ? ne(incomingDocuments.id, exceptId) : undefined,
        or(
          and(sql`lower(${incomingDocuments.symbol}) = lower(${symbol})`, sql`lower(${incomingDocuments.issuerName}) = lower(${issuerName})`),
          sameFile,
        ),
      ),
    )
    .limit(5);
}

/** Tiếp nhận văn bản giấy → Vào sổ: metadata, scans, and the next số đến, in one transaction. */
export const registerPaper = defineAction({
  name: "incoming.registerPaper",
  idempotent: true,
  schema: registerPaperSchema,
  verb: "incoming.register",
  load: async ({ actor, input, tx }) => {
    await assertUsable(tx, actor, { fileIds: ["file", input.fileIds] });
    return { agencyId: actor.agencyId };
  },
  authorize: sameAgency,
  run: async ({ actor, input, tx }) => {
    if (!input.confirmDuplicate) {
      const dups = await findDuplicates(tx, actor.agencyId, input.symbol, input.issuerName, input.fileIds);
      if (dups.length) {
        const list = dups.map((d) => (d.arrivalNo ? `số đến ${d.arrivalNo}/${d.year}` : `"${d.symbol}" chờ tiếp nhận`)).join(", ");
        // The ids go back to the form, which offers "Gắn vào văn bản này" (linkPaperCopy) for each.
        const duplicates: DuplicateInfo[] = dups;
        throw conflict(`Có thể trùng với văn bản đã có (${list}). Kiểm tra lại: gắn bản giấy vào văn bản đã có, hoặc xác nhận vẫn vào sổ.`, { duplicates });
      }
    }
    const now = new Date();
    const year = vietnamYear(now);
    const { fileIds, confirmDuplicate: _c, ...meta } = input;
    // The register is looked up by the insert itself (and made, on its first use, right after); the số đến is
    // taken last, in the wrapper's final statement (lateIncomingNumber): the register's lock is held only from there to the commit.
    const [doc] = await tx
      .insert(incomingDocuments)
      .values({
        ...meta, agencyId: actor.agencyId, status: "registered", source: "paper", registerId: registerIdSql(actor.agencyId, "incoming", year, isSecret(input)),
        year, arrivalDate: now, mainFileId: fileIds[0] ?? null, createdBy: actor.userId,
      })
      .returning({ id: incomingDocuments.id, registerId: incomingDocuments.registerId });
    let registerId = doc.registerId;
    if (!registerId) {
      registerId = await ensureRegister(tx, actor.agencyId, "incoming", year, isSecret(input));
      await tx.update(incomingDocuments).set({ registerId }).where(eq(incomingDocuments.id, doc.id));
    }
    if (fileIds.length) await tx.insert(incomingFiles).values(fileIds.map((fileId, i) => ({ documentId: doc.id, fileId, sortOrder: i })));
    await gatherDocument(tx, actor, { kind: "incoming", id: doc.id, agencyId: actor.agencyId, fileCode: input.fileCode, year });
    const { no: arrivalNo, number } = lateIncomingNumber(registerId, doc.id, { actorId: actor.userId, actorName: actor.fullName, text: "Vào sổ, số đến ", year });
    return {
      data: { id: doc.id, arrivalNo, year },
      audit: { objectType: "incoming", objectId: doc.id, payload: { arrivalNo, year, registerId, symbol: input.symbol } },
      number,
    };
  },
  revalidate: PATHS,
});

/**
 * "Gắn vào văn bản này": the paper copy of a document already registered (NĐ 30/2020 Điều 15: one
 * số đến for the paper and the electronic copy). Its scans join the existing document, the trail
 * records the paper arrival (dashed), and no number is taken.
 */
export const linkPaperCopy = defineAction({
  name: "incoming.linkPaperCopy",
  schema: linkPaperSchema,
  verb: "incoming.register",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target: doc }) => {
    await assertUsable(tx, actor, { fileIds: ["file", input.fileIds] });
    const files = input.fileIds.length
      ? await tx.select({ id: storedFiles.id, name: storedFiles.name, sha256: storedFiles.sha256 }).from(storedFiles).where(inArray(storedFiles.id, input.fileIds))
      : [];
    if (doc.status === "returned") throw conflict("Văn bản này đã bị trả lại, không gắn bản giấy vào được.");
    // Luật 29/2018 Điều 5: a document that is or was secret keeps no files on a networked system.
    if (keepsNoFile(doc) && files.length) {
      throw invalid({ fileIds: [noFileMessage(doc, "Văn bản mật chỉ được vào sổ phần thông tin, không tải tệp lên hệ thống.")] }, noFileMessage(doc, "Văn bản mật không gắn tệp lên hệ thống."));
    }
    const present = await tx
      .select({ sha256: storedFiles.sha256, sortOrder: incomingFiles.sortOrder })
      .from(incomingFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, incomingFiles.fileId))
      .where(eq(incomingFiles.documentId, doc.id));
    // The same content already on the document (the electronic copy) is not attached twice.
    const seen = new Set(present.map((p) => p.sha256));
    const ordered = input.fileIds.map((id) => files.find((f) => f.id === id)!);
    const added = ordered.filter((f) => !seen.has(f.sha256) && seen.add(f.sha256));
    const next = present.reduce((m, p) => Math.max(m, p.sortOrder + 1), 0);
    if (added.length) {
      await tx.insert(incomingFiles).values(added.map((f, i) => ({ documentId: doc.id, fileId: f.id, sortOrder: next + i })));
    }
    await tx
      .update(incomingDocuments)
      .set({ mainFileId: doc.mainFileId ?? added[0]?.id ?? null, updatedAt: new Date() })
      .where(eq(incomingDocuments.id, doc.id));
    await addEvent(tx, actor, doc.id, {
      kind: "paper_copy_linked",
      electronic: false,
      text: added.length ? `Gắn ${added.length} tệp: ${added.map((f) => f.name).join(", ")}` : "",
      payload: { fileIds: added.map((f) => f.id), skipped: files.length - added.length },
    });
    return {
      data: { id: doc.id },
      audit: { objectType: "incoming", objectId: doc.id, payload: { fileIds: added.map((f) => f.id), skipped: files.length - added.length } },
    };
  },
  revalidate: PATHS,
});

/** Vào sổ a document waiting in "Chờ tiếp nhận" (electronic or internal). */
export const registerArrival = defineAction({
  name: "incoming.register",
  schema: idSchema,
  verb: "incoming.register",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, tx, target }) => {
    const status = assertTransition(incomingMachine, target.status, "register");
    const now = new Date();
    const year = vietnamYear(now);
    const registerId = await ensureRegister(tx, actor.agencyId, "incoming", year, isSecret(target));
    await tx.update(incomingDocuments).set({ status, registerId, year, arrivalDate: now, updatedAt: now }).where(eq(incomingDocuments.id, target.id));
    // Liên thông: the sender learns it is registered (03).
    await queueIncomingStatus(tx, target.id, "03", { staff: { staff: actor.fullName } });
    // Last, in the wrapper's final statement: the register's lock is held from there to the commit.
    const { no: arrivalNo, number } = lateIncomingNumber(registerId, target.id, { actorId: actor.userId, actorName: actor.fullName, text: "Vào sổ, số đến ", year });
    return { data: { id: target.id, arrivalNo, year }, audit: { objectType: "incoming", objectId: target.id, payload: { arrivalNo, year } }, number };
  },
  revalidate: PATHS,
});

export const returnToSender = defineAction({
  name: "incoming.return",
  schema: returnSchema,
  verb: "incoming.return",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    const status = assertTransition(incomingMachine, target.status, "returnToSender");
    await tx.update(incomingDocuments).set({ status, returnReason: input.reason, updatedAt: new Date() }).where(eq(incomingDocuments.id, target.id));
    await addEvent(tx, actor, target.id, { kind: "returned", toText: target.issuerName, text: input.reason });
    // Liên thông: the refusal goes back to the sender with its reason (02).
    await queueIncomingStatus(tx, target.id, "02", { description: input.reason, staff: { staff: actor.fullName } });
    return { data: undefined, audit: { objectType: "incoming", objectId: target.id, payload: { reason: input.reason } } };
  },
  revalidate: PATHS,
});

export const submitToLeader = defineAction({
  name: "incoming.submit",
  schema: submitSchema,
  verb: "incoming.submit",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, { leaderId: ["user", input.leaderId, "Vui lòng chọn một lãnh đạo của cơ quan."] });
    const status = assertTransition(incomingMachine, target.status, "submit");
    const leader = await loadLeader(tx, target.agencyId, input.leaderId);
    await tx.update(incomingDocuments).set({ status, submittedToId: leader.id, updatedAt: new Date() }).where(eq(incomingDocuments.id, target.id));
    await addEvent(tx, actor, target.id, { kind: "submitted", toText: leader.fullName });
    // The bell: the leader has a document waiting for their instruction.
    if (leader.id !== actor.userId) {
      await notify(tx, [leader.id], `${actor.fullName} trình văn bản ${incomingNoticeLabel(target)} xin ý kiến chỉ đạo.`, `/incoming/${target.id}`, "assigned");
    }
    return { data: undefined, audit: { objectType: "incoming", objectId: target.id, payload: { leaderId: leader.id } } };
  },
  revalidate: PATHS,
});

/** Only the leader the document was submitted to gives the instruction (Quy chế 376 Điều 4.1). */
const submittedToMe = ({ actor, target }: { actor: Actor; target: { agencyId: string; submittedToId: string | null } }) =>
  target.agencyId === actor.agencyId && target.submittedToId === actor.userId;

export const assignDocument = defineAction({
  name: "incoming.assign",
  schema: assignSchema,
  verb: "incoming.assign",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: submittedToMe,
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, recipientsSpec(input.recipients));
    const status = assertTransition(incomingMachine, target.status, "assign");
    // Secret documents stay with the leadership: no unit or staff member receives them.
    const recipients = await resolveRecipients(tx, input.recipients, { agencyId: target.agencyId, actorId: actor.userId, leadersOnly: isSecret(target) });
    const parts = await tx.insert(incomingAssignments).values(
      recipients.map((r) => ({
        documentId: target.id, role: r.role, unitId: r.unitId, userId: r.userId, assignedBy: actor.userId,
        deadline: r.deadline, instruction: input.instruction,
      })),
    ).returning({ id: incomingAssignments.id, unitId: incomingAssignments.unitId, userId: incomingAssignments.userId });
    await notifyAssigned(tx, actor, target, withPartIds(recipients, parts));
    await tx
      .update(incomingDocuments)
      .set({ status, instruction: input.instruction, waitForOpinions: input.waitForOpinions, updatedAt: new Date() })
      .where(eq(incomingDocuments.id, target.id));
    // Those who now read it may keep the file its code names.
    if (target.year) await gatherDocument(tx, actor, { kind: "incoming", id: target.id, agencyId: target.agencyId, fileCode: target.fileCode, year: target.year });
    const lead = recipients.find((r) => r.role === "lead")!;
    // Liên thông: the sender learns it is assigned (04).
    await queueIncomingStatus(tx, target.id, "04", { staff: { staff: actor.fullName } });
    await addEvent(tx, actor, target.id, {
      kind: "assigned",
      toText: recipients.map((r) => `${r.name} (${ROLE_LABELS[r.role]})`).join("; "),
      text: input.instruction,
      deadline: lead.deadline,
      payload: { recipients: recipients.map((r) => ({ role: r.role, unitId: r.unitId, userId: r.userId, deadline: r.deadline })), waitForOpinions: input.waitForOpinions },
    });
    return { data: undefined, audit: { objectType: "incoming", objectId: target.id, payload: { recipients: recipients.length } } };
  },
  revalidate: PATHS,
});

export const passToLeader = defineAction({
  name: "incoming.pass",
  schema: passSchema,
  verb: "incoming.assign",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: submittedToMe,
  run: async ({ actor, input, tx, target }) => {
    await assertUsable(tx, actor, { leaderId: ["user", input.leaderId, "Vui lòng chọn một lãnh đạo của cơ quan."] });
    const status = assertTransition(incomingMachine, target.status, "pass");
    if (input.leaderId === actor.userId) throw invalid({ leaderId: ["Vui lòng chọn một lãnh đạo khác."] });
    const leader = await loadLeader(tx, target.agencyId, input.leaderId);
    await tx.update(incomingDocuments).set({ status, submittedToId: leader.id, updatedAt: new Date() }).where(eq(incomingDocuments.id, target.id));
    await addEvent(tx, actor, target.id, { kind: "passed", toText: leader.fullName, text: input.note });
    const note = input.note ? `: ${input.note.slice(0, 300)}` : ".";
    await notify(tx, [leader.id], `${actor.fullName} chuyển văn bản ${incomingNoticeLabel(target)} để đồng chí cho ý kiến chỉ đạo${note}`, `/incoming/${target.id}`, "assigned");
    return { data: undefined, audit: { objectType: "incoming", objectId: target.id, payload: { leaderId: leader.id } } };
  },
  revalidate: PATHS,
});

export const sendBackToClerk = defineAction({
  name: "incoming.sendBack",
  schema: returnSchema,
  verb: "incoming.assign",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: submittedToMe,
  run: async ({ actor, input, tx, target }) => {
    const status = assertTransition(incomingMachine, target.status, "sendBack");
    await tx.update(incomingDocuments).set({ status, submittedToId: null, updatedAt: new Date() }).where(eq(incomingDocuments.id, target.id));
    await addEvent(tx, actor, target.id, { kind: "sent_back", toText: "Văn thư", text: input.reason });
    return { data: undefined, audit: { objectType: "incoming", objectId: target.id, payload: { reason: input.reason } } };
  },
  revalidate: PATHS,
});

/** Giao văn bản giấy: the register's "Ngày chuyển" and "Ký nhận"; a dashed arrow on the trail. */
export const handOverPaper = defineAction({
  name: "incoming.handOverPaper",
  schema: handOverSchema,
  verb: "incoming.handover",
  load: ({ input, tx }) => lockDocument(tx, input.id),
  authorize: sameAgency,
  run: async ({ actor, input, tx, target }) => {
    if (!(PAPER_HANDOVER_STATES as readonly string[]).includes(target.status)) {
      throw conflict("Chỉ giao bản giấy của văn bản đã vào sổ.");
    }
    // The paper copy is handed over after it arrived (the schema already refused a day after today).
    const arrived = target.arrivalDate ? todayInVietnam(target.arrivalDate) : null;
    if (arrived && input.handedAt < arrived) {
      throw invalid({ handedAt: [`Ngày chuyển không được trước ngày đến (${isoToDisplay(arrived)}).`] });
    }
    await tx
      .update(incomingDocuments)
      .set({ paperHandedAt: input.handedAt, paperReceiver: input.receiver, updatedAt: new Date() })
      .where(eq(incomingDocuments.id, target.id));
    await addEvent(tx, actor, target.id, { kind: "paper_handover", toText: input.receiver, electronic: false, payload: { handedAt: input.handedAt } });
    return { data: undefined, audit: { objectType: "incoming", objectId: target.id, payload: { ...input } } };
  },
  revalidate: PATHS,
});
