import { EmptyState, tableClass, tdClass, thClass, ScrollBox } from "@/components/ui/page";
import { formatDate } from "@/lib/format";
import { partStatusLabel, ROLE_LABELS } from "@/lib/incoming/labels";
import { partTree } from "@/lib/incoming/part-tree";

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
 * one indentation step per level; a for-information part shows no deadline.
 */
export function PartsTable({ parts }: { parts: PartRow[] }) {
  if (parts.length === 0) return <EmptyState title="Chưa chuyển xử lý" />;
  return (
    <ScrollBox label="Đơn vị, cá nhân xử lý">
      <table className={tableClass} aria-label="Đơn vị, cá nhân xử lý">
        <thead>
          <tr>
            <th className={thClass}>Đơn vị / người nhận</th>
            <th className={thClass}>Vai trò</th>
            <th className={thClass}>Hạn xử lý</th>
            <th className={thClass}>Tình trạng</th>
            <th className={thClass}>Tiến độ / kết quả</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {partTree(parts).map((p) => (
            <tr key={p.id} data-depth={p.depth} data-testid="part-row">
              <td className={tdClass}>
                <span style={{ paddingLeft: `${p.depth * 1.5}rem` }} className="inline-block">
                  {p.depth ? "└ " : ""}
                  {p.userName ?? p.unitName}
                </span>
              </td>
              <td className={tdClass}>{ROLE_LABELS[p.role]}</td>
              <td className={tdClass}>{p.role === "info" ? "" : formatDate(p.deadline)}</td>
              <td className={tdClass}>{partStatusLabel(p)}</td>
              <td className={tdClass}>{p.result || p.progress}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
