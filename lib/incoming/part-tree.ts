// The processing table (Đơn vị, cá nhân xử lý) as a tree: each part under the part it was passed
// on from (its `parentId`), never under whatever row happens to precede it. Siblings are ordered
// by role (Xử lý chính, Phối hợp, Nhận để biết), then by the time they were given, then by id, so
// the order is the same after every step (a status change never moves a row).

export type PartRole = "lead" | "coordinate" | "info";

export interface TreePart {
  id: string;
  parentId: string | null;
  role: PartRole;
  createdAt: Date | string;
}

export const ROLE_ORDER: Record<PartRole, number> = { lead: 0, coordinate: 1, info: 2 };

const time = (d: Date | string) => (d instanceof Date ? d.getTime() : Date.parse(d));

function compare(a: TreePart, b: TreePart) {
  return ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || time(a.createdAt) - time(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The parts in display order, each with its depth (0 for the leader's recipients). A part whose
 * parent is not in the list (it cannot happen through the actions) is shown at the top level
 * rather than lost; a cycle (neither) cannot loop.
 */
export function partTree<T extends TreePart>(parts: readonly T[]): (T & { depth: number })[] {
  const ids = new Set(parts.map((p) => p.id));
  const children = new Map<string | null, T[]>();
  for (const p of parts) {
    const key = p.parentId && ids.has(p.parentId) && p.parentId !== p.id ? p.parentId : null;
    children.set(key, [...(children.get(key) ?? []), p]);
  }
  const out: (T & { depth: number })[] = [];
  const seen = new Set<string>();
  const walk = (key: string | null, depth: number) => {
    for (const p of [...(children.get(key) ?? [])].sort(compare)) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      out.push({ ...p, depth });
      walk(p.id, depth + 1);
    }
  };
  walk(null, 0);
  // Parts only reachable through a cycle: shown at the top level with what hangs under them.
  for (const p of [...parts].sort(compare)) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    out.push({ ...p, depth: 0 });
    walk(p.id, 1);
  }
  return out;
}
