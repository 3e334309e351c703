import { formatDate } from "@/lib/format";

export interface HandoverNotice {
  id: string;
  code: string;
  title: string;
  deadline: string;
  overdue: boolean;
  pending: boolean;
}

/** The hand-over notices (NĐ 30/2020 Phụ lục VI: notify 30 days before the deadline). */
export function HandoverNotices({ notices }: { notices: HandoverNotice[] }) {
  if (!notices.length) return null;
  return (
    <section aria-label="Nhắc nộp lưu" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 p-4">
      <h2 className="mb-2 font-semibold text-amber-900">Nhắc nộp lưu hồ sơ</h2>
      <ul className="space-y-1 text-sm">
        {notices.map((n) => (
          <li key={n.id}>
            <a href={`/files/${n.id}`} className="text-brand-800 hover:underline">
              Hồ sơ {n.code} {n.title}
            </a>{" "}
            {n.pending ? (
              <span>đã nộp lưu, chờ Lưu trữ cơ quan tiếp nhận</span>
            ) : n.overdue ? (
              <span className="font-medium text-red-800">Quá hạn nộp lưu (hạn {formatDate(n.deadline)})</span>
            ) : (
              <span>cần nộp lưu trước {formatDate(n.deadline)}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
