import "server-only";
import { and, asc, eq, inArray, ne, or } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  agencies, agencyDirectory, incomingAssignments, outgoingDocuments, outgoingEvents, outgoingFiles, outgoingRecipients, positions,
  storedFiles, units, userPositions, users, type OutgoingDocument,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { unitsWhere } from "@/lib/auth/permissions";
import { draftDelegation, signatureBlockOf } from "@/lib/delegations/coverage";
import { titleOf } from "@/lib/delegations/rules";
import { invalid } from "@/lib/errors";
import { todayInVietnam } from "@/lib/dates";
import { systemChecks, type CheckInput } from "./checks";
import { PDF_MIME } from "@/lib/storage/client";
import { ATTACHMENT_NOT_PDF, DRAFT_FILE_MIMES, DRAFT_FILE_REFUSED } from "./draft-files";
import type { outgoingRecipientSchema } from "./schemas";
import type { z } from "zod";

// The writes and reads the outgoing steps share: recipients, versions, the trail, the checks' inputs.

export const DRAFT_MIMES = [...DRAFT_FILE_MIMES];

export async function addOutgoingEvent(
  tx: Tx,
  actor: Actor,
  documentId: string,
  e: { kind: string; toText?: string; text?: string; version?: number | null; payload?: Record<string, unknown> },
) {
  await tx.insert(outgoingEvents).values({ documentId, actorId: actor.userId, actorName: actor.fullName, ...e });
}

/** The files exist, belong to the agency and are of an allowed type; returns them in order. */
export async function checkFiles(tx: Tx, agencyId: string, fileIds: string[], mimes: string[], field = "fileIds") {
  if (!fileIds.length) return [];
  const rows = await tx.select({ id: storedFiles.id, agencyId: storedFiles.agencyId, mime: storedFiles.mime }).from(storedFiles).where(inArray(storedFiles.id, fileIds));
  if (rows.length !== new Set(fileIds).size || rows.some((r) => r.agencyId !== agencyId)) throw invalid({ [field]: ["Tệp không tồn tại."] });
  if (rows.some((r) => !mimes.includes(r.mime))) {
    throw invalid({ [field]: [mimes.length === 1 ? "Văn bản phát hành phải là tệp PDF." : DRAFT_FILE_REFUSED] });
  }
  return fileIds;
}

type RecipientInput = z.output<typeof outgoingRecipientSchema>;

/**
 * Names each recipient from the database and decides how it is delivered: units and people of the
 * agency internally, directory agencies electronically when they have a mã định danh, the rest on
 * paper. A secret document travels only on paper (Luật 29/2018 Điều 5; security.md rule 5).
 */
export async function resolveOutgoingRecipients(tx: Tx, agencyId: string, input: RecipientInput[], secret: boolean) {
  const idsOf = (k: RecipientInput["kind"]) => input.filter((r) => r.kind === k && r.targetId).map((r) => r.targetId!);
  // One query at a time: a transaction is one connection.
  const unitRows = idsOf("unit").length
    ? await tx.select({ id: units.id, name: units.name }).from(units).where(and(inArray(units.id, idsOf("unit")), eq(units.agencyId, agencyId), eq(units.active, true)))
    : [];
  const userRows = idsOf("user").length
    ? await tx.select({ id: users.id, name: users.fullName }).from(users).where(and(inArray(users.id, idsOf("user")), eq(users.agencyId, agencyId), eq(users.active, true)))
    : [];
  const dirRows = idsOf("agency").length
    ? await tx
        .select({ id: agencyDirectory.id, name: agencyDirectory.name, organId: agencyDirectory.organId })
        .from(agencyDirectory)
        .where(and(inArray(agencyDirectory.id, idsOf("agency")), eq(agencyDirectory.agencyId, agencyId), eq(agencyDirectory.active, true)))
    : [];
  return input.map((r, i) => {
    const bad = () => invalid({ [`recipients.${i}`]: ["Nơi nhận không hợp lệ."] });
    const base = { kind: r.kind, unitId: null as string | null, userId: null as string | null, directoryId: null as string | null, organId: null as string | null, sortOrder: i };
    if (r.kind === "text") return { ...base, name: r.name, delivery: "paper" as const };
    if (r.kind === "unit") {
      const u = unitRows.find((x) => x.id === r.targetId);
      if (!u) throw bad();
      return { ...base, unitId: u.id, name: u.name, delivery: secret ? ("paper" as const) : ("internal" as const) };
    }
    if (r.kind === "user") {
      const u = userRows.find((x) => x.id === r.targetId);
      if (!u) throw bad();
      return { ...base, userId: u.id, name: u.name, delivery: secret ? ("paper" as const) : ("internal" as const) };
    }
    const a = dirRows.find((x) => x.id === r.targetId);
    if (!a) throw bad();
    return { ...base, directoryId: a.id, organId: a.organId, name: a.name, delivery: a.organId && !secret ? ("electronic" as const) : ("paper" as const) };
  });
}

export async function replaceRecipients(tx: Tx, documentId: string, rows: Awaited<ReturnType<typeof resolveOutgoingRecipients>>) {
  await tx.delete(outgoingRecipients).where(eq(outgoingRecipients.documentId, documentId));
  if (rows.length) await tx.insert(outgoingRecipients).values(rows.map((r) => ({ ...r, documentId })));
}

/** The files of a new version: the first is the văn bản chính, the marked ones phụ lục, the rest supporting papers. */
export async function addVersionFiles(tx: Tx, documentId: string, version: number, fileIds: string[], attachmentIds: string[] = []) {
  const roleOf = (fileId: string, i: number) => (i === 0 ? ("main" as const) : attachmentIds.includes(fileId) ? ("attachment" as const) : ("supporting" as const));
  if (fileIds.length) await tx.insert(outgoingFiles).values(fileIds.map((fileId, i) => ({ documentId, fileId, version, sortOrder: i, role: roleOf(fileId, i) })));
}

/** Phụ lục are signed by the agency at Phát hành, which signs PDFs only (NĐ 30/2020 Phụ lục I §8). */
export async function checkAttachments(tx: Tx, attachmentIds: string[]) {
  if (!attachmentIds.length) return;
  const rows = await tx.select({ mime: storedFiles.mime }).from(storedFiles).where(inArray(storedFiles.id, attachmentIds));
  if (rows.some((r) => r.mime !== PDF_MIME)) throw invalid({ attachmentIds: [ATTACHMENT_NOT_PDF] }, ATTACHMENT_NOT_PDF);
}

/**
 * May the actor draft the reply to this incoming document: they hold an open lead or coordinating
 * part of it, by name or as a head of the unit holding it (Quy chế 376 Điều 4.2, Bước 1).
 */
export async function holdsReplyPart(tx: Tx, actor: Actor, incomingId: string): Promise<boolean> {
  const heads = unitsWhere(actor, "incoming.assignUnit");
  const [row] = await tx
    .select({ id: incomingAssignments.id })
    .from(incomingAssignments)
    .where(
      and(
        eq(incomingAssignments.documentId, incomingId),
        ne(incomingAssignments.status, "done"),
        inArray(incomingAssignments.role, ["lead", "coordinate"]),
        or(eq(incomingAssignments.userId, actor.userId), heads.length ? inArray(incomingAssignments.unitId, heads) : undefined),
      ),
    )
    .limit(1);
  return !!row;
}

/** The signer's name, whether they lead the agency, their leader titles and the title under the signature. */
export async function signerProfile(tx: Db | Tx, userId: string) {
  const rows = await tx
    .select({ fullName: users.fullName, kind: positions.kind, title: positions.title, active: users.active })
    .from(users)
    .leftJoin(userPositions, eq(userPositions.userId, users.id))
    .leftJoin(positions, eq(positions.id, userPositions.positionId))
    .where(eq(users.id, userId))
    .orderBy(asc(positions.title));
  if (!rows.length) return null;
  const leading = rows.filter((r) => r.kind === "leader");
  const held = rows.filter((r) => r.kind && r.title != null).map((r) => ({ kind: r.kind!, title: r.title! }));
  return {
    fullName: rows[0].fullName,
    isLeader: rows[0].active && leading.length > 0,
    titles: leading.map((r) => r.title!).filter(Boolean),
    /** The title under the signature: a leader's, else a unit head's (a TL./TUQ. signer). */
    title: titleOf({ fullName: rows[0].fullName, active: rows[0].active, positions: held }),
  };
}

/**
 * "KT. Giám đốc, Phó Giám đốc Lê Thị Mai": thẩm quyền, chức vụ, họ tên as the signature block shows
 * them (Phụ lục I §7), with the delegator's title from the delegation in force (lib/delegations).
 */
export async function signerLineOf(tx: Db | Tx, doc: Pick<OutgoingDocument, "agencyId" | "signerId" | "authority" | "docType">, on = new Date()) {
  return (await signatureBlockOf(tx, doc, on)).signerLine;
}

/** The inputs of the system checks for a draft, read from the database. */
export async function checkInputOf(tx: Db | Tx, doc: OutgoingDocument): Promise<CheckInput> {
  // Sequential: called inside transactions, which are one connection.
  const [agency] = await tx.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, doc.agencyId));
  const [unit] = await tx.select({ code: units.code }).from(units).where(eq(units.id, doc.draftingUnitId));
  const files = await tx.select({ id: outgoingFiles.fileId }).from(outgoingFiles).where(and(eq(outgoingFiles.documentId, doc.id), eq(outgoingFiles.version, doc.version)));
  const recipients = await tx.select({ id: outgoingRecipients.id }).from(outgoingRecipients).where(eq(outgoingRecipients.documentId, doc.id));
  const signer = await signerProfile(tx, doc.signerId);
  const on = new Date();
  const d = await draftDelegation(tx, doc, on);
  return {
    docType: doc.docType, subject: doc.subject, secrecy: doc.secrecy, wasSecret: doc.wasSecret, fileCount: files.length, recipientCount: recipients.length,
    authority: doc.authority, signer, agencyCode: agency?.code ?? "", unitCode: unit?.code ?? "",
    delegation: d ? { form: d.form, delegatorName: d.delegatorName, delegatorTitle: d.delegatorTitle, validTo: d.validTo } : null,
    day: todayInVietnam(on),
  };
}

export async function checksOf(tx: Db | Tx, doc: OutgoingDocument) {
  return systemChecks(await checkInputOf(tx, doc));
}

export async function touch(tx: Tx, id: string, set: Partial<typeof outgoingDocuments.$inferInsert>) {
  await tx.update(outgoingDocuments).set({ ...set, updatedAt: new Date() }).where(eq(outgoingDocuments.id, id));
}
