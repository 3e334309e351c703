import type { PositionKind } from "@/db/schema/org";

// Permissions as data (style.md rule 4): one place to review what each position kind may do.
// A kind missing here gets nothing (fail closed). Verbs of later areas are listed now so that
// navigation and actions of those areas share this table.
export const VERBS = [
  "org.manage",
  "security.view",
  "incoming.register",
  "incoming.submit",
  "incoming.return",
  "incoming.handover",
  "incoming.assign",
  "incoming.assignUnit",
  "incoming.process",
  "incoming.correct",
  "incoming.void",
  "incoming.amendProcessed",
  "outgoing.draft",
  "outgoing.approve",
  "outgoing.check",
  "outgoing.sign",
  "outgoing.issue",
  "outgoing.withdraw",
  "delegations.manage",
  "files.keep",
  "files.plan",
  "files.accept",
  "registers.print",
  "monitoring.agency",
  "monitoring.unit",
  "monitoring.remind",
  "documents.readAgency",
  "documents.classify",
  "exchange.configure",
  "exchange.monitor",
  "calendar.manage",
  "signatures.configure",
  "agencies.manage",
] as const;
export type Verb = (typeof VERBS)[number];

const UNIT_LEAD: Verb[] = ["incoming.assignUnit", "outgoing.approve", "monitoring.unit", "monitoring.remind", "incoming.process", "outgoing.draft", "files.keep"];

export const PERMISSIONS: Readonly<Record<PositionKind, readonly Verb[]>> = {
  // Ủy quyền ký: a leader records delegations of their own authority; the administrator records them for the head.
  admin: ["org.manage", "security.view", "exchange.configure", "exchange.monitor", "calendar.manage", "signatures.configure", "delegations.manage"],
  clerk: [
    "incoming.register", "incoming.submit", "incoming.return", "incoming.handover", "incoming.correct", "incoming.void",
    "outgoing.issue", "outgoing.withdraw", "registers.print", "documents.readAgency", "documents.classify", "exchange.monitor",
  ],
  leader: ["incoming.assign", "incoming.return", "incoming.correct", "incoming.void", "incoming.amendProcessed", "incoming.process", "outgoing.sign", "outgoing.approve", "monitoring.agency", "monitoring.remind", "documents.readAgency", "documents.classify", "delegations.manage"],
  office_chief: [...UNIT_LEAD, "outgoing.check"],
  checker: ["outgoing.check"],
  unit_head: UNIT_LEAD,
  unit_deputy: UNIT_LEAD,
  staff: ["incoming.process", "outgoing.draft", "files.keep"],
  archivist: ["files.plan", "files.accept", "registers.print", "files.keep"],
  // Quản trị cấp tỉnh: the agencies of the installation and their first administrators, nothing of any
  // agency's documents (lib/agencies; the read rules in lib/access also refuse it explicitly).
  province_admin: ["agencies.manage"],
};

export interface HasPositions {
  positions: ReadonlyArray<{ kind: PositionKind; unitId: string }>;
}

export function kindCan(kind: PositionKind, verb: Verb): boolean {
  // Own keys only: "toString" or "__proto__" would otherwise reach Object.prototype and throw.
  return Object.hasOwn(PERMISSIONS, kind) && PERMISSIONS[kind].includes(verb);
}

/** Whether any of the user's positions grants the verb. */
export function can(user: HasPositions, verb: Verb): boolean {
  return user.positions.some((p) => kindCan(p.kind, verb));
}

/** The units in which the user holds a position granting the verb. */
export function unitsWhere(user: HasPositions, verb: Verb): string[] {
  return [...new Set(user.positions.filter((p) => kindCan(p.kind, verb)).map((p) => p.unitId))];
}

export const POSITION_KIND_LABELS: Record<PositionKind, string> = {
  admin: "Quản trị hệ thống",
  clerk: "Văn thư",
  leader: "Lãnh đạo Sở",
  office_chief: "Chánh Văn phòng",
  checker: "Kiểm tra thể thức",
  unit_head: "Trưởng đơn vị",
  unit_deputy: "Phó trưởng đơn vị",
  staff: "Chuyên viên",
  archivist: "Lưu trữ",
  province_admin: "Quản trị cấp tỉnh",
};
