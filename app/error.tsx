"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Đã có lỗi xảy ra</h1>
      <p className="mt-3 text-slate-600">
        Vui lòng thử lại. Nếu vẫn lỗi, báo quản trị viên mã lỗi <code>{error.digest ?? "không rõ"}</code>.
      </p>
      <button onClick={reset} className="mt-6 rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
        Thử lại
      </button>
    </main>
  );
}
