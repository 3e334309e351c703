import { formatDateTime } from "@/lib/format";

interface TrailEvent {
  kind: string;
  actorName: string;
  text: string;
  at: Date;
}

/** Dự thảo bị trả lại: at the top of the draft, who returned it, when, and why (the latest return on the trail). */
export function ReturnedNotice({ status, trail }: { status: string; trail: TrailEvent[] }) {
  if (status !== "returned") return null;
  const last = [...trail].reverse().find((e) => e.kind === "returned");
  return (
    <section role="status" aria-label="Dự thảo bị trả lại" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
      <p className="font-semibold">Dự thảo bị trả lại</p>
      {last ? (
        <>
          <p className="mt-1">
            <span className="font-medium">Lý do:</span> <span data-testid="return-reason">{last.text || "(không ghi lý do)"}</span>
          </p>
          <p className="mt-1 text-amber-900/80">{last.actorName} · {formatDateTime(last.at)}. Sửa dự thảo theo ý kiến rồi trình lại.</p>
        </>
      ) : null}
    </section>
  );
}
