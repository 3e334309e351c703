import { EmptyState } from "@/components/ui/page";
import { formatDate } from "@/lib/format";
import { partStatusLabel, ROLE_LABELS } from "@/lib/incoming/labels";
import { partTree } from "@/lib/incoming/part-tree";
import { PartsTableView, type PartLine } from "./parts-table-view";

export interface PartRow {
  id: string;
  parentId: string | null;
  role: "lead" | "coordinate" | "info";
  status: "pending" | "in_progress" | "done";
  closedWithDocument: boolean;
  createdAt: Date;
  deadline: string | null;
  unitName: string | null;
  userName: string | null;
  progress: string;
  result: string;
}

/**
 * Đơn vị, cá nhân xử lý: the parts as the tree of who passed them on (lib/incoming/part-tree.ts),
 * one indentation step per level; a for-information part shows no deadline. Laid out and worded here,
 * drawn by a client component from plain rows (components/incoming/parts-table-view.tsx).
 */
export function PartsTable({ parts }: { parts: PartRow[] }) {
  if (parts.length === 0) return <EmptyState title="Chưa chuyển xử lý" />;
  const rows: PartLine[] = partTree(parts).map((p) => [
    p.id,
    p.depth,
    `${p.depth ? "└ " : ""}${p.userName ?? p.unitName ?? ""}`,
    ROLE_LABELS[p.role],
    p.role === "info" ? "" : formatDate(p.deadline),
    partStatusLabel(p),
    p.result || p.progress,
  ]);
  return <PartsTableView rows={rows} />;
}
