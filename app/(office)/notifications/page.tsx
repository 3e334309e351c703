import Link from "next/link";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/server-actions/office";
import { NoticeLinks } from "@/components/shell/notice-links";
import { ActionButton } from "@/components/ui/action-button";
import { EmptyState, ListTable, ListTabs, PageHeader, Pagination, tdClass } from "@/components/ui/page";
import { IgnoredParamsNotice } from "@/components/ui/search-notice";
import { requireSession } from "@/lib/auth/current";
import { formatDateTime } from "@/lib/format";
import { requestNavCounts } from "@/lib/monitoring/nav-counts";
import { notificationsPage } from "@/lib/notifications";
import { NOTIFICATION_KIND_LABELS, isNotificationKind } from "@/lib/notifications/kinds";
import { notificationsSearchSchema } from "@/lib/notifications/schemas";
import { parseSearchParams, type RawParams } from "@/lib/search-params";

export const metadata = { title: "Thông báo" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const { actor } = await requireSession();
  const { data: sp, ignored } = parseSearchParams(await searchParams, notificationsSearchSchema);
  const page = sp.page ?? 1;
  const onlyUnread = sp.unread;
  // The unread count is the shell's (the bell's), read once for the request.
  const [{ rows, hasNext }, { unread }] = await Promise.all([notificationsPage(actor, page, undefined, { unread: onlyUnread }), requestNavCounts(actor)]);
  const base = onlyUnread ? "/notifications?unread=1" : "/notifications";
  const empty = page > 1 ? "Không còn thông báo ở trang này." : onlyUnread ? "Bạn không có thông báo chưa đọc." : "Bạn chưa có thông báo nào.";
  return (
    <>
      <PageHeader
        title="Thông báo"
        description="Việc được giao, dự thảo bị trả lại hoặc được duyệt, xin ý kiến, đôn đốc, nhắc hạn và quá hạn, thu hồi, bàn giao."
        actions={unread ? <ActionButton action={markAllNotificationsReadAction} input={{}} label="Đánh dấu tất cả đã đọc" /> : null}
      />
      <IgnoredParamsNotice ignored={ignored} />
      <ListTabs base="/notifications" label="Lọc thông báo" tabs={[{ label: "Tất cả", query: "" }, { label: "Chưa đọc", query: "unread=1", count: unread }]} current={onlyUnread ? "unread=1" : ""} />
      {rows.length === 0 ? (
        <EmptyState title={empty}>
          {page > 1 ? <Link href={base} className="text-brand-700 underline">Về trang đầu</Link> : onlyUnread ? <Link href="/notifications" className="text-brand-700 underline">Xem tất cả thông báo</Link> : null}
        </EmptyState>
      ) : (
        <NoticeLinks>
          <ListTable headers={["Thời gian", "Loại", "Nội dung", ""]}>
            {rows.map((n) => (
              <tr key={n.id} className={n.readAt ? "" : "bg-amber-50"}>
                <td className={`${tdClass} whitespace-nowrap`}>{formatDateTime(n.createdAt)}</td>
                <td className={`${tdClass} whitespace-nowrap`}>
                  {isNotificationKind(n.kind) ? NOTIFICATION_KIND_LABELS[n.kind] : NOTIFICATION_KIND_LABELS.other}
                  {n.readAt ? null : <span className="ml-1 text-xs font-medium text-amber-800">(chưa đọc)</span>}
                </td>
                <td className={tdClass}>{n.href ? <a href={n.href} className="row-link" data-notice={n.readAt ? undefined : n.id}>{n.text}</a> : n.text}</td>
                <td className={`${tdClass} whitespace-nowrap`}>{n.readAt ? null : <ActionButton action={markNotificationReadAction} input={{ id: n.id }} label="Đã đọc" />}</td>
              </tr>
            ))}
          </ListTable>
        </NoticeLinks>
      )}
      <Pagination page={page} hasNext={hasNext} href={(p) => `/notifications?${onlyUnread ? "unread=1&" : ""}page=${p}`} />
    </>
  );
}
