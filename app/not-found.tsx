import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Không tìm thấy trang</h1>
      <p className="mt-3 text-slate-600">Trang bạn yêu cầu không tồn tại hoặc bạn không có quyền xem.</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
        Về trang chủ
      </Link>
    </main>
  );
}
