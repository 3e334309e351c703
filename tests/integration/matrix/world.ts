import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { incomingAssignments, positions, type PositionKind } from "@/db/schema";
import { executeAction, type ActionCaller, type ActionDefinition } from "@/lib/actions/define";
import type { ActionResult } from "@/lib/actions/result";
import { assignDocument, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { approveDraft, checkDraft, createDraft, signDraft, submitDraft } from "@/lib/outgoing/actions";
import { issueDocument } from "@/lib/outgoing/issue";
import { openAdHoc } from "@/lib/work-files/actions";
import { paper } from "../../factories/incoming";
import { addPerson, addUnit, buildWorld, callerOf, keyed, type Person, type World } from "../../factories/org";
import { draftInput, MIME, storedFile } from "../../factories/outgoing";
import { buildPlan, type PlanWorld } from "../../factories/work-files";

// The world every case of the action matrix runs in (security.md §5 row 1): our agency with a
// second division, another agency built the same way, and the steps that bring a row to the state
// an action expects, written through the actions themselves.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDef = ActionDefinition<any, any, any>;

export const YEAR = new Date().getFullYear();

export interface Side {
  w: World;
  plan: PlanWorld;
  /** A second division with its head and a staff member: same agency, none of the first division's rows. */
  xdcq: { id: string; head: Person; staff: Person };
}

/** Tables whose content a refusal never changes (the audit trail records the refusal itself). */
const WATCHED_EXCEPT = ["audit_events", "audit_chain_heads", "__drizzle_migrations"];

export class Matrix {
  constructor(
    readonly db: Db,
    readonly us: Side,
    readonly them: Side,
  ) {}

  get w() {
    return this.us.w;
  }
  get other() {
    return this.them.w;
  }

  run(def: AnyDef, userId: string | null | ActionCaller, input: unknown): Promise<ActionResult<unknown>> {
    const caller = userId == null ? null : typeof userId === "string" ? callerOf(userId) : userId;
    // As the forms send it: creating steps need their idempotency key (lib/actions/idempotency.ts).
    return executeAction(def, caller, keyed(input), this.db);
  }

  async ok<T = Record<string, unknown>>(def: AnyDef, userId: string, input: unknown): Promise<T> {
    const r = await this.run(def, userId, input);
    expect(r, def.name).toMatchObject({ ok: true });
    return (r as { data: T }).data;
  }

  /** Every row of every table but the audit trail, as one digest: a refusal leaves it as it was. */
  async fingerprint(): Promise<string> {
    const tables = (
      await this.db.execute<{ t: string }>(sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)
    ).rows
      .map((r) => r.t)
      .filter((t) => !WATCHED_EXCEPT.includes(t));
    const parts = tables.map((t) => sql`coalesce((select md5(string_agg(x::text, '|' order by x::text)) from ${sql.identifier(t)} x), '-')`);
    const [row] = (await this.db.execute<{ f: string }>(sql`select concat_ws(',', ${sql.join(parts, sql`, `)}) as f`)).rows;
    return row.f;
  }

  /**
   * The call is refused with `code` (and, for an id from input, a message on `field`), and no
   * table but the audit trail changed.
   */
  async refused(def: AnyDef, userId: string | ActionCaller | null, input: unknown, expected: { code: string; field?: string }) {
    const before = await this.fingerprint();
    const r = await this.run(def, userId, input);
    expect(r, `${def.name}: ${JSON.stringify(input).slice(0, 200)}`).toMatchObject({ ok: false, code: expected.code });
    if (expected.field) expect((r as { fieldErrors?: Record<string, string[]> }).fieldErrors?.[expected.field], `${def.name} ${expected.field}`).toBeDefined();
    expect(await this.fingerprint(), `${def.name} changed nothing`).toBe(before);
  }

  // ---- incoming ----------------------------------------------------------------------------

  async registered(s: Side = this.us, over: Record<string, unknown> = {}) {
    return (await this.ok<{ id: string }>(registerPaper, s.w.people.clerk.id, paper(over))).id;
  }
  async submitted(s: Side = this.us) {
    const id = await this.registered(s);
    await this.ok(submitToLeader, s.w.people.clerk.id, { id, leaderId: s.w.people.leader.id });
    return id;
  }
  /** Assigned by the leader: the division leads (its part pending), the staff member coordinates. */
  async assigned(s: Side = this.us) {
    const id = await this.submitted(s);
    await this.ok(assignDocument, s.w.people.leader.id, {
      id, instruction: "Phòng Tổ chức cán bộ chủ trì.",
      recipients: [{ kind: "unit", targetId: s.w.divisionId, role: "lead" }, { kind: "user", targetId: s.w.people.staff.id, role: "coordinate" }],
    });
    const parts = await this.db.select().from(incomingAssignments).where(sql`${incomingAssignments.documentId} = ${id}`);
    return { id, unitPart: parts.find((p) => p.unitId)!.id, staffPart: parts.find((p) => p.userId)!.id };
  }

  // ---- files ---------------------------------------------------------------------------------

  /** A file uploaded by `by` (the staff member by default). */
  file(s: Side = this.us, mime: string = MIME.docx, by = s.w.people.staff.id) {
    return storedFile(this.db, s.w.agencyId, by, mime);
  }
  /** A file of our agency the staff member may not read: the clerk's scan of a document not on their trail. */
  async unreadableFile(mime: string = MIME.docx) {
    const id = await this.file(this.us, mime, this.w.people.clerk.id);
    await this.registered(this.us, { fileIds: [id] });
    return id;
  }

  // ---- outgoing ------------------------------------------------------------------------------

  async draft(s: Side = this.us, over: Record<string, unknown> = {}) {
    const fileIds = [await this.file(s)];
    return (await this.ok<{ id: string }>(createDraft, s.w.people.staff.id, draftInput(s.w.people.leader.id, { fileIds, ...over }))).id;
  }
  /** A draft brought to a stage: awaiting_review, awaiting_check, awaiting_signature, awaiting_issue, issued. */
  async draftAt(stage: "awaiting_review" | "awaiting_check" | "awaiting_signature" | "awaiting_issue" | "issued", s: Side = this.us, over: Record<string, unknown> = {}) {
    const id = await this.draft(s, over);
    const p = s.w.people;
    await this.ok(submitDraft, p.staff.id, { id });
    if (stage === "awaiting_review") return id;
    await this.ok(approveDraft, p.unit_head.id, { id, comment: "" });
    if (stage === "awaiting_check") return id;
    await this.ok(checkDraft, p.checker.id, { id, legal: true, format: true });
    if (stage === "awaiting_signature") return id;
    await this.ok(signDraft, p.leader.id, { id });
    if (stage === "awaiting_issue") return id;
    await this.ok(issueDocument, p.clerk.id, { id, fileId: await this.file(s, MIME.pdf, p.clerk.id) });
    return id;
  }

  // ---- work files ----------------------------------------------------------------------------

  /** An open work file of the staff member (ad hoc, so each call has its own plan item). */
  async workFile(s: Side = this.us, title = "Hồ sơ thử") {
    return (await this.ok<{ id: string }>(openAdHoc, s.w.people.staff.id, { planId: s.plan.planId, headingId: s.plan.headings.tccb, title, retentionCode: "20" })).id;
  }
}

async function side(db: Db): Promise<Side> {
  const w = await buildWorld(db);
  const plan = await buildPlan(db, w, YEAR);
  const unit = await addUnit(db, w, { code: `X${Math.floor(Math.random() * 1e6)}` });
  const personIn = async (kind: PositionKind) => {
    const [p] = await db.insert(positions).values({ unitId: unit.id, kind, title: kind }).returning({ id: positions.id });
    return addPerson(db, w, kind, { positionId: p.id });
  };
  return { w, plan, xdcq: { id: unit.id, head: await personIn("unit_head"), staff: await personIn("staff") } };
}

export async function buildMatrix(db: Db): Promise<Matrix> {
  return new Matrix(db, await side(db), await side(db));
}

// ---- what a matrix lists for each action ------------------------------------------------------

export type Case = (m: Matrix) => Promise<void>;
export interface NotApplicable {
  notApplicable: string;
}
export const na = (reason: string): NotApplicable => ({ notApplicable: reason });
export const isNa = (c: Case | NotApplicable): c is NotApplicable => typeof c === "object" && "notApplicable" in c;

/**
 * The cases of one action besides the anonymous caller (which the manifest runs for every action):
 * a position without the right, another unit's or agency's row, and a foreign id in each id field
 * of the input. "Not applicable" needs its reason; the manifest says where it is allowed.
 */
export interface ActionCases {
  def: AnyDef;
  wrongPosition: Case | NotApplicable;
  foreignRow: Case | NotApplicable;
  foreignIds: Case | NotApplicable;
}

export type AreaMatrix = ActionCases[];

/** The expected refusals: another's row answers like a missing one; a missing right or a foreign id in a field is forbidden. */
export const nf = { code: "not_found" };
export const fb = { code: "forbidden" };
export const field = (f: string) => ({ code: "forbidden", field: f });
