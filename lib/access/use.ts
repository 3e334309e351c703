import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { statementCache } from "@/db/named";
import {
  agencyDirectory, filePlanHeadings, filePlanItems, incomingDocuments, outgoingDocuments, positions, registers, ssoIdentities, storedFiles, units, users,
  workFiles,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { fileReadableBy } from "./files";
import { incomingReadableBy } from "./incoming";
import {
  directoryReadableBy, planHeadingReadableBy, planItemReadableBy, positionReadableBy, registerReadableBy, ssoIdentityReadableBy, unitReadableBy,
  userReadableBy,
} from "./org";
import { outgoingReadableBy } from "./outgoing";
import { workFileReadableBy } from "./work-files";

// Every id that arrives in input besides the row an action changes (a file to attach, a document
// to answer or to put in a file, a recipient, a register…) is attacker-controlled (style.md rule 3).
// Each may be used only if the caller may read that row by the same rule the screens use: a file
// only by the person who uploaded it or someone who may already read it, so attaching it somewhere
// never lets anyone read what they could not. A missing row and a row the caller may not read get
// the same answer, so ids cannot be probed; the refusal is audited like any other (ASVS 16.3.2).
// A new kind of row adds its rule here and nowhere else.

interface Rule {
  table: PgTable;
  id: PgColumn;
  readableBy: (actor: Actor) => SQL;
  message: string;
}

const RULES = {
  file: { table: storedFiles, id: storedFiles.id, readableBy: fileReadableBy, message: "Tệp không tồn tại hoặc bạn không có quyền dùng tệp này." },
  incoming: { table: incomingDocuments, id: incomingDocuments.id, readableBy: incomingReadableBy, message: "Văn bản đến không tồn tại hoặc bạn không có quyền xem văn bản này." },
  outgoing: { table: outgoingDocuments, id: outgoingDocuments.id, readableBy: (a) => outgoingReadableBy(a), message: "Văn bản đi không tồn tại hoặc bạn không có quyền xem văn bản này." },
  workFile: { table: workFiles, id: workFiles.id, readableBy: workFileReadableBy, message: "Hồ sơ không tồn tại hoặc bạn không có quyền xem hồ sơ này." },
  unit: { table: units, id: units.id, readableBy: unitReadableBy, message: "Đơn vị không tồn tại." },
  user: { table: users, id: users.id, readableBy: userReadableBy, message: "Người dùng không tồn tại." },
  position: { table: positions, id: positions.id, readableBy: positionReadableBy, message: "Chức vụ không tồn tại." },
  directory: { table: agencyDirectory, id: agencyDirectory.id, readableBy: directoryReadableBy, message: "Cơ quan nhận không tồn tại." },
  register: { table: registers, id: registers.id, readableBy: registerReadableBy, message: "Sổ đăng ký không tồn tại." },
  planHeading: { table: filePlanHeadings, id: filePlanHeadings.id, readableBy: planHeadingReadableBy, message: "Đề mục không tồn tại." },
  planItem: { table: filePlanItems, id: filePlanItems.id, readableBy: planItemReadableBy, message: "Mục hồ sơ không tồn tại." },
  ssoIdentity: { table: ssoIdentities, id: ssoIdentities.id, readableBy: ssoIdentityReadableBy, message: "Định danh SSO không tồn tại." },
} satisfies Record<string, Rule>;

export type UseKind = keyof typeof RULES;
export const USE_KINDS = Object.keys(RULES) as UseKind[];

type Ids = string | readonly string[] | null | undefined;
/** Form field → the kind of row its id(s) name (and the field's own message). Empty values are skipped (optional fields). */
export type UseSpec = Record<string, readonly [UseKind, Ids] | readonly [UseKind, Ids, string]>;

const list = (ids: Ids): string[] => (ids == null ? [] : typeof ids === "string" ? [ids] : [...ids]).filter((x) => x !== "");

// Kept per handle, kind and reader (db/named.ts): the reader's rule is in the text, the ids are one placeholder.
const usableStatements = statementCache("usable_of", 2000);

/** Of these ids, those naming a row of this kind the actor may use. */
export async function usableOf(db: Db | Tx, actor: Actor, kind: UseKind, ids: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (!wanted.length) return new Set();
  const r: Rule = RULES[kind];
  const rows = await usableStatements(db, JSON.stringify([kind, actor]), () =>
    db.select({ id: r.id }).from(r.table).where(and(sql`${r.id} = any(${sql.placeholder("ids")}::uuid[])`, r.readableBy(actor))),
  ).execute({ ids: wanted });
  return new Set(rows.map((x) => x.id as string));
}

export const REFUSED_IDS = "Có mục bạn chọn không tồn tại hoặc bạn không có quyền sử dụng. Vui lòng kiểm tra lại.";

/**
 * The one check for ids from input: every id of every field must name a row the caller may use,
 * else the step is refused (forbidden, so the wrapper audits it) with a message on each offending
 * field, and nothing is written. Call it before anything that depends on the target row's
 * existence, or after the row is authorized, so that it cannot tell a foreign row from a missing one.
 */
export async function assertUsable(db: Db | Tx, actor: Actor, spec: UseSpec): Promise<void> {
  const fields = Object.entries(spec).map(([field, [kind, ids, message]]) => ({ field, kind, wanted: list(ids), message }));
  // One query per kind of row, not per field (a draft may name a hundred recipients), one at a
  // time: a transaction is one connection.
  const usable = new Map<UseKind, Set<string>>();
  for (const kind of new Set(fields.filter((f) => f.wanted.length).map((f) => f.kind))) {
    usable.set(kind, await usableOf(db, actor, kind, fields.filter((f) => f.kind === kind).flatMap((f) => f.wanted)));
  }
  const errors: Record<string, string[]> = {};
  for (const { field, kind, wanted, message } of fields) {
    if (wanted.some((id) => !usable.get(kind)?.has(id))) errors[field] = [message ?? RULES[kind].message];
  }
  if (Object.keys(errors).length) throw new AppError("forbidden", REFUSED_IDS, errors);
}

/** The recipients of a form, one field each (`recipients.0` …): units, people, directory agencies; free text names no row. */
export function recipientsSpec(recipients: readonly { kind: string; targetId?: string | null }[]): UseSpec {
  const spec: UseSpec = {};
  recipients.forEach((r, i) => {
    const kind = r.kind === "unit" ? "unit" : r.kind === "user" ? "user" : r.kind === "agency" ? "directory" : null;
    if (kind) spec[`recipients.${i}`] = [kind, r.targetId, kind === "unit" ? "Đơn vị nhận không hợp lệ." : kind === "user" ? "Người nhận không hợp lệ." : "Nơi nhận không hợp lệ."];
  });
  return spec;
}
