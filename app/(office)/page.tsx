import Link from "next/link";
import { PageHeader } from "@/components/ui/page";
import { requireSession } from "@/lib/auth/current";
import { POSITION_KIND_LABELS } from "@/lib/auth/permissions";
import { visibleAreas } from "@/lib/nav";

export default async function HomePage() {
  const { actor } = await requireSession();
  const areas = visibleAreas(actor).filter((a) => a.href !== "/");
  return (
    <>
      <PageHeader title={`Xin chào, ${actor.fullName}`} description="Các phân hệ bạn được sử dụng theo chức vụ đang giữ." />
      <section aria-label="Chức vụ" className="mb-6 flex flex-wrap gap-2">
        {actor.positions.length === 0 ? (
          <p className="text-sm text-slate-600">Bạn chưa được giao chức vụ nào. Vui lòng liên hệ quản trị viên.</p>
        ) : (
          actor.positions.map((p) => (
            <span key={p.id} className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-800">
              {p.title} · {p.unitName} <span className="text-brand-700/70">({POSITION_KIND_LABELS[p.kind]})</span>
            </span>
          ))
        )}
      </section>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {areas.map((a) => (
          <li key={a.href}>
            <Link href={a.href} className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-600">
              <h2 className="font-semibold text-slate-900">{a.label}</h2>
              <p className="mt-1 text-sm text-slate-600">{a.description}</p>
              {!a.ready ? <p className="mt-3 text-xs font-medium text-amber-700">Đang xây dựng</p> : null}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
