import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { incomingAssignments, incomingDocuments, positions, units, userPositions } from "@/db/schema";
import { inList } from "@/lib/access/sql";
import type { Progress } from "./progress";

// The conditions over `incoming_documents` shared by the dashboard's figures and the list it drills
// into (/incoming?…): a number on /monitoring and the rows behind its link are the same set.

const d = incomingDocuments;

/** The states of a document the agency has received and works on (not waiting, returned, withdrawn or voided). */
export const RECEIVED_STATUSES = ["registered", "awaiting_instruction", "in_progress", "done"] as const;

export { PROGRESS, type Progress } from "./progress";

/** The day a document was finished, in Vietnam. */
export const doneDay = sql`(${d.doneAt} at time zone 'Asia/Ho_Chi_Minh')::date`;
/** The day a document arrived (an internal copy with no Ngày đến: the day it was delivered), in Vietnam. */
export const arrivalDay = sql`(coalesce(${d.arrivalDate}, ${d.createdAt}) at time zone 'Asia/Ho_Chi_Minh')::date`;

/**
 * Quá hạn: not done and past the document's deadline or one of its open parts' (a for-information
 * part has nothing to hand in: it is never late). The parts' earliest open deadline is a column of the
 * document (open_deadline, kept by migration 0037's triggers), so the check reads the row itself;
 * least() skips a null.
 */
export function overdueCondition(today: string): SQL {
  return sql`(${d.status} not in ('done', 'voided') and least(${d.dueDate}, ${d.openDeadline}) < ${today})`;
}

const received = sql`${d.status} in (${inList(RECEIVED_STATUSES)})`;
const onTime = sql`(${d.status} = 'done' and (${d.dueDate} is null or ${doneDay} <= ${d.dueDate}))`;
const late = sql`(${d.status} = 'done' and ${d.dueDate} is not null and ${doneDay} > ${d.dueDate})`;

/** Đã tiếp nhận, Đã hoàn thành, Đúng hạn, Trễ hạn, Đang xử lý, Quá hạn (open and overdue). */
export function progressCondition(p: Progress, today: string): SQL {
  switch (p) {
    case "received": return received;
    case "done": return sql`${d.status} = 'done'`;
    case "ontime": return onTime;
    case "late": return late;
    case "open": return sql`(${received} and ${d.status} <> 'done')`;
    case "overdue": return sql`(${received} and ${overdueCondition(today)})`;
  }
}

/** A part (not for information) of one of these units. */
export const handledByUnits = (unitIds: readonly string[]): SQL =>
  unitIds.length
    ? sql`exists (select 1 from ${incomingAssignments} h where h.document_id = ${d.id} and h.role <> 'info' and h.unit_id in (${inList(unitIds)}))`
    : sql`false`;

/** A part (not for information) of this person. */
export const handledByPerson = (userId: string): SQL =>
  sql`exists (select 1 from ${incomingAssignments} h where h.document_id = ${d.id} and h.role <> 'info' and h.user_id = ${userId})`;

/** The unit and its sub-units, as a sub-select of ids. */
export const unitTree = (unitIds: readonly string[]): SQL => sql`(with recursive t(id) as (
    select ${units.id} from ${units} where ${units.id} in (${inList(unitIds)})
    union select u.id from ${units} u join t on u.parent_id = t.id
  ) select id from t)`;

/** The user column names a person holding a position in one of these units. */
export const peopleOf = (userCol: SQL | AnyColumn, unitIds: readonly string[]): SQL =>
  unitIds.length
    ? sql`${userCol} in (select up.user_id from ${userPositions} up join ${positions} p on p.id = up.position_id where p.unit_id in (${inList(unitIds)}))`
    : sql`false`;

/** A part (not for information) of the unit or a sub-unit, or of a person holding a position in one of them. */
export function handledWithinAny(unitIds: readonly string[]): SQL {
  if (!unitIds.length) return sql`false`;
  const tree = unitTree(unitIds);
  return sql`exists (select 1 from ${incomingAssignments} h where h.document_id = ${d.id} and h.role <> 'info' and (h.unit_id in ${tree}
    or h.user_id in (select up.user_id from ${userPositions} up join ${positions} p on p.id = up.position_id where p.unit_id in ${tree})))`;
}

export const handledWithin = (unitId: string): SQL => handledWithinAny([unitId]);
