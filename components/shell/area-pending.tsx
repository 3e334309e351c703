import { EmptyState, PageHeader } from "@/components/ui/page";
import type { NavArea } from "@/lib/nav";

/** An area whose issue is not built yet: say so plainly instead of showing a fake screen. */
export function AreaPending({ area }: { area: NavArea }) {
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <EmptyState title="Chức năng này đang được xây dựng">
        Phân hệ &ldquo;{area.label}&rdquo; chưa được đưa vào sử dụng trong phiên bản này. Dữ liệu của bạn không bị ảnh hưởng.
      </EmptyState>
    </>
  );
}
