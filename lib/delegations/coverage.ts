import "server-only";
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { oncePerHandle } from "@/db/named";
import { positions, signingDelegations, userPositions, users, type OutgoingDocument, type SigningAuthority } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { isoToDisplay } from "@/lib/dates";
import { compareVietnameseNames } from "@/lib/names";
import { todayInVietnam } from "@/lib/dates";
import { DELEGATION_FORM_LABELS, DELEGATION_FORM_PREFIX, type DelegationForm } from "./labels";
import { covers, isHead, titleOf, type PersonProfile } from "./rules";

// What the outgoing steps and the signing step (issue 14, sigsigner) ask of the delegations: which
// ones cover a person, a document type and a day; who may sign a document; the signature block.

type Database = Db | Tx;

const isDelegationForm = (a: SigningAuthority): a is DelegationForm => a === "kt" || a === "tuq" || a === "tl";

/** A person's name, state and positions; null when missing or of another agency. */
export async function personProfile(db: Database, agencyId: string, userId: string): Promise<(PersonProfile & { id: string }) | null> {
  return (await personProfiles(db, agencyId, [userId])).get(userId) ?? null;
}

// The reads of the signer list (the draft form's, and every check of a draft's signer), each made once per handle
// (db/named.ts): the agency, the day and the people are placeholders.
const coverageStatements = oncePerHandle((db: Database) => ({
  profiles: db
    .select({ id: users.id, fullName: users.fullName, active: users.active, kind: positions.kind, title: positions.title })
    .from(users)
    .leftJoin(userPositions, eq(userPositions.userId, users.id))
    .leftJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(sql`${users.id} = any(${sql.placeholder("ids")}::uuid[])`, eq(users.agencyId, sql.placeholder("agencyId"))))
    .orderBy(asc(positions.title))
    .prepare("person_profiles"),
  leaders: db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userPositions, eq(userPositions.userId, users.id))
    .innerJoin(positions, eq(positions.id, userPositions.positionId))
    .where(and(eq(users.agencyId, sql.placeholder("agencyId")), eq(users.active, true), eq(positions.kind, "leader")))
    .prepare("signer_leaders"),
  openDelegations: db
    .select({ delegateId: signingDelegations.delegateId, delegatorId: signingDelegations.delegatorId, form: signingDelegations.form, validTo: signingDelegations.validTo })
    .from(signingDelegations)
    .where(and(eq(signingDelegations.agencyId, sql.placeholder("agencyId")), isNull(signingDelegations.revokedAt), gte(signingDelegations.validTo, sql.placeholder("today"))))
    .orderBy(asc(signingDelegations.validTo))
    .prepare("signer_open_delegations"),
}));

/** The profiles of several people of the agency at once, by id (positions by title); missing ones and other agencies' are absent. */
export async function personProfiles(db: Database, agencyId: string, ids: readonly string[]): Promise<Map<string, PersonProfile & { id: string }>> {
  const out = new Map<string, PersonProfile & { id: string }>();
  const wanted = [...new Set(ids)];
  if (!wanted.length) return out;
  const rows = await coverageStatements(db).profiles.execute({ ids: wanted, agencyId });
  for (const r of rows) {
    const held = r.kind && r.title != null ? [{ kind: r.kind, title: r.title }] : [];
    const p = out.get(r.id);
    out.set(r.id, p ? { ...p, positions: [...p.positions, ...held] } : { id: r.id, fullName: r.fullName, active: r.active, positions: held });
  }
  return out;
}

export interface CoveringDelegation {
  id: string;
  form: DelegationForm;
  delegatorId: string;
  delegatorName: string;
  delegatorTitle: string;
  delegateId: string;
  validFrom: string;
  validTo: string;
}

/**
 * The delegations that let `delegateId` sign a document of `documentType` on `on` (its calendar day
 * in Vietnam; a revocation counts from its instant), optionally only those of `delegatorId` or of one
 * form. Newest first.
 */
export async function delegationsCovering(
  q: { agencyId: string; delegatorId?: string; delegateId: string; documentType: string; on: Date; form?: DelegationForm },
  db?: Database,
): Promise<CoveringDelegation[]> {
  const database = db ?? (await getDb());
  const day = todayInVietnam(q.on);
  const rows = await database
    .select({
      id: signingDelegations.id, form: signingDelegations.form, delegatorId: signingDelegations.delegatorId, delegateId: signingDelegations.delegateId,
      allTypes: signingDelegations.allTypes, docTypes: signingDelegations.docTypes, validFrom: signingDelegations.validFrom,
      validTo: signingDelegations.validTo, revokedAt: signingDelegations.revokedAt, delegatorName: users.fullName, delegatorActive: users.active,
    })
    .from(signingDelegations)
    .innerJoin(users, eq(users.id, signingDelegations.delegatorId))
    .where(
      and(
        eq(signingDelegations.agencyId, q.agencyId),
        eq(signingDelegations.delegateId, q.delegateId),
        q.delegatorId ? eq(signingDelegations.delegatorId, q.delegatorId) : undefined,
        q.form ? eq(signingDelegations.form, q.form) : undefined,
        lte(signingDelegations.validFrom, day),
        gte(signingDelegations.validTo, day),
        or(isNull(signingDelegations.revokedAt), sql`${signingDelegations.revokedAt} > ${q.on.toISOString()}`),
      ),
    )
    .orderBy(sql`${signingDelegations.createdAt} desc`);
  const out: CoveringDelegation[] = [];
  for (const r of rows.filter((r) => covers(r, q.documentType, day, q.on))) {
    // A delegation lapses with its giver: a head who left no longer delegates anything.
    const giver = await personProfile(database, q.agencyId, r.delegatorId);
    if (!giver || !isHead(giver)) continue;
    out.push({
      id: r.id, form: r.form, delegatorId: r.delegatorId, delegatorName: r.delegatorName, delegatorTitle: titleOf(giver), delegateId: r.delegateId,
      validFrom: r.validFrom, validTo: r.validTo,
    });
  }
  return out;
}

type DraftRow = Pick<OutgoingDocument, "agencyId" | "signerId" | "authority" | "docType">;

/** The delegation the draft's authority form needs (KT., TUQ., TL.) for its signer on `on`; null when none covers it or none is needed. */
export async function draftDelegation(db: Database, doc: DraftRow, on: Date): Promise<CoveringDelegation | null> {
  if (!isDelegationForm(doc.authority)) return null;
  const [d] = await delegationsCovering({ agencyId: doc.agencyId, delegateId: doc.signerId, documentType: doc.docType, on, form: doc.authority }, db);
  return d ?? null;
}

/** Why a delegation is missing, naming the form, the person, the document type and the day. */
export function missingDelegationMessage(form: DelegationForm, signerName: string, docType: string, on: Date) {
  return `Chưa có ủy quyền ${DELEGATION_FORM_LABELS[form]} cho ${signerName} đối với loại "${docType}" ngày ${isoToDisplay(todayInVietnam(on))}: ghi nhận tại "Ủy quyền ký" hoặc chọn người ký, thẩm quyền ký khác.`;
}

export interface SignatureBlock {
  /** The lines above the signature, upper case (Phụ lục I §7): ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]. */
  lines: string[];
  /** The signer's name, below the signature. */
  name: string;
  /** One line for the register and the copies: "KT. Giám đốc, Phó Giám đốc Lê Thị Mai". */
  signerLine: string;
  /** The delegation the block rests on (KT., TUQ., TL.), or null. */
  delegation: CoveringDelegation | null;
  /** false: the form needs a delegation and none covers it on that day. */
  covered: boolean;
}

const upper = (s: string) => s.toLocaleUpperCase("vi");

/** "Quyền hạn, chức vụ của người ký" as the delegations make it on `on`. */
export async function signatureBlockOf(db: Database, doc: DraftRow, on: Date = new Date()): Promise<SignatureBlock> {
  const signer = await personProfile(db, doc.agencyId, doc.signerId);
  const name = signer?.fullName ?? "";
  const title = titleOf(signer);
  const prefix = { direct: "", kt: "KT.", tuq: "TUQ.", tl: "TL.", q: "Q.", tm: "TM." }[doc.authority];
  if (isDelegationForm(doc.authority)) {
    const d = await draftDelegation(db, doc, on);
    if (d) {
      const head = `${DELEGATION_FORM_PREFIX[d.form]} ${d.delegatorTitle}`;
      return { lines: [upper(head), upper(title)], name, signerLine: `${head}, ${title} ${name}`, delegation: d, covered: true };
    }
    return { lines: [upper(`${prefix} ${title}`)], name, signerLine: [prefix, title, name].filter(Boolean).join(" "), delegation: null, covered: false };
  }
  const head = [prefix, title].filter(Boolean).join(" ");
  return { lines: [upper(head)], name, signerLine: [head, name].filter(Boolean).join(" "), delegation: null, covered: true };
}

export type SignDecision =
  | { ok: true; authority: SigningAuthority; delegation: CoveringDelegation | null; /** a delegate signs in place of the proposed signer */ onBehalf: boolean }
  | { ok: false; reason: string };

/**
 * May `actor` sign this document now: the proposed signer (a leader signing directly or as Q.; or,
 * for KT./TUQ./TL., covered by a delegation of that form for this type today), or a delegate whose
 * delegation from the proposed signer covers this document type today (they sign in the form of
 * that delegation). Used by Ký duyệt and by the signing step (issue 14).
 */
export async function canSignDocument(
  actor: Actor,
  doc: DraftRow,
  opts: { db?: Database; on?: Date } = {},
): Promise<SignDecision> {
  const db = opts.db ?? (await getDb());
  const on = opts.on ?? new Date();
  if (doc.agencyId !== actor.agencyId) return { ok: false, reason: "Văn bản không thuộc cơ quan của bạn." };
  if (doc.signerId === actor.userId) {
    if (doc.authority === "direct" || doc.authority === "q") {
      return can(actor, "outgoing.sign")
        ? { ok: true, authority: doc.authority, delegation: null, onBehalf: false }
        : { ok: false, reason: "Bạn không phải lãnh đạo cơ quan nên không ký trực tiếp văn bản này." };
    }
    if (doc.authority === "tm") return { ok: false, reason: '"TM." chỉ dùng cho tập thể; văn bản này không ký được theo thẩm quyền đó.' };
    const d = await draftDelegation(db, doc, on);
    return d
      ? { ok: true, authority: doc.authority, delegation: d, onBehalf: false }
      : { ok: false, reason: missingDelegationMessage(doc.authority, actor.fullName, doc.docType, on) };
  }
  if (doc.authority === "direct") {
    const [d] = await delegationsCovering({ agencyId: doc.agencyId, delegatorId: doc.signerId, delegateId: actor.userId, documentType: doc.docType, on }, db);
    if (d) return { ok: true, authority: d.form, delegation: d, onBehalf: true };
  }
  return { ok: false, reason: "Bạn không phải người ký của văn bản này và không được ủy quyền ký văn bản này hôm nay." };
}

export interface SignerOption {
  id: string;
  fullName: string;
  title: string;
  /** The delegations that make a non-leader a signer, e.g. "TL. Giám đốc đến 31/12/2026". */
  note: string;
}

/**
 * Người ký to choose from: the leaders of the agency, and whoever holds a delegation that is in force
 * or starts later (the Chánh Văn phòng's check and the signing step decide on the day).
 */
export async function signerOptions(agencyId: string, on: Date = new Date(), db?: Database): Promise<SignerOption[]> {
  const database = db ?? (await getDb());
  const today = todayInVietnam(on);
  const q = coverageStatements(database);
  const leaders = await q.leaders.execute({ agencyId });
  const open = await q.openDelegations.execute({ agencyId, today });
  const ids = [...new Set([...leaders.map((l) => l.id), ...open.map((o) => o.delegateId)])];
  if (!ids.length) return [];
  // Every person named (the signers and the delegations' givers) read at once, not one read per person.
  const profiles = await personProfiles(database, agencyId, [...ids, ...open.map((o) => o.delegatorId)]);
  const out: SignerOption[] = [];
  for (const id of ids) {
    const p = profiles.get(id);
    if (!p?.active) continue;
    const notes: string[] = [];
    for (const o of open.filter((x) => x.delegateId === id)) {
      const giver = profiles.get(o.delegatorId);
      if (giver && isHead(giver)) notes.push(`${DELEGATION_FORM_PREFIX[o.form]} ${titleOf(giver)} đến ${isoToDisplay(o.validTo)}`);
    }
    const leader = leaders.some((l) => l.id === id);
    if (!leader && !notes.length) continue;
    out.push({ id, fullName: p.fullName, title: titleOf(p), note: [...new Set(notes)].join("; ") });
  }
  const rank = (o: SignerOption) => (leaders.some((l) => l.id === o.id) ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, "vi") || compareVietnameseNames(a.fullName, b.fullName));
}

/** The signer named in a draft's form: a leader of the agency, or a person holding a delegation in force or to come. */
export async function isSignerCandidate(db: Database, agencyId: string, userId: string, on: Date = new Date()): Promise<boolean> {
  return (await signerOptions(agencyId, on, db)).some((o) => o.id === userId);
}

/** The signature block of a draft for its page (a signed draft keeps its own `signerLine`). */
export async function signatureBlockFor(doc: DraftRow, on: Date = new Date()): Promise<SignatureBlock> {
  return signatureBlockOf(await getDb(), doc, on);
}
