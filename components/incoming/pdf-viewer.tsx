"use client";

import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from "pdfjs-dist";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

export const PDF_VIEW_ERROR = "Không hiển thị được tệp PDF này. Bạn vẫn có thể tải tệp về để xem.";

/**
 * The PDF shown in the page: pdf.js draws each page on a canvas, nothing of the file runs as
 * script or HTML in our origin (no iframe, no annotation or form layer, document JavaScript is
 * never executed). The bytes come from the access-checked download route. pdf.js ≥ 5.7 never
 * compiles glyphs with eval, which closes CVE-2024-4367 (security.md §2) without an option (and
 * needs no 'unsafe-eval' in the CSP); the worker and data files are our own (public/pdfjs).
 */
export function PdfViewer({ url, name, failMessage = PDF_VIEW_ERROR, downloadUrl }: {
  url: string;
  name: string;
  /** Said when the file cannot be shown (a DOCX preview: DOCX_PREVIEW_UNAVAILABLE). */
  failMessage?: string;
  /** Offered beside the message above. */
  downloadUrl?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [pageNo, setPageNo] = useState(1);
  const [error, setError] = useState<string>();
  const [rendering, setRendering] = useState(true);
  const [preparing, setPreparing] = useState(false);

  useEffect(() => {
    let task: PDFDocumentLoadingTask | undefined;
    let cancelled = false;
    setDoc(null);
    setError(undefined);
    setPageNo(1);
    (async () => {
      const pdfjs = await import("pdfjs-dist");
      const base = `/pdfjs/${pdfjs.version}/`;
      pdfjs.GlobalWorkerOptions.workerSrc = `${base}pdf.worker.min.mjs`;
      // A DOCX preview answers 202 while LibreOffice converts it: ask again, for up to three minutes.
      let res = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      for (let tries = 0; res.status === 202 && tries < 90 && !cancelled; tries++) {
        setPreparing(true);
        const wait = Math.min(Math.max(Number(res.headers.get("Retry-After")) || 2, 1), 10);
        await new Promise((r) => setTimeout(r, wait * 1000));
        if (cancelled) return;
        res = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      }
      setPreparing(false);
      if (res.status !== 200) throw new Error(`download answered ${res.status}`);
      const data = new Uint8Array(await res.arrayBuffer());
      if (cancelled) return;
      task = pdfjs.getDocument({
        data,
        // No isEvalSupported: since 5.7 pdf.js never compiles font glyphs with eval (CVE-2024-4367's path is gone).
        enableXfa: false,
        wasmUrl: `${base}wasm/`,
        standardFontDataUrl: `${base}standard_fonts/`,
        stopAtErrors: false,
      });
      const loaded = await task.promise;
      if (!cancelled) setDoc(loaded);
    })().catch((e) => {
      if (cancelled) return;
      console.error("[pdf viewer]", e);
      setPreparing(false);
      setError(failMessage);
      setRendering(false);
    });
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [url, failMessage]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let render: RenderTask | undefined;
    let cancelled = false;
    setRendering(true);
    (async () => {
      const page = await doc.getPage(pageNo);
      const el = canvas.current;
      if (cancelled || !el) return;
      const width = Math.min(el.parentElement?.clientWidth || 800, 1000);
      const base = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (width / base.width) * ratio });
      el.width = Math.floor(viewport.width);
      el.height = Math.floor(viewport.height);
      el.style.width = `${Math.floor(viewport.width / ratio)}px`;
      el.style.height = `${Math.floor(viewport.height / ratio)}px`;
      render = page.render({ canvas: el, viewport });
      await render.promise;
      if (!cancelled) {
        el.dataset.renderedPage = String(pageNo);
        setRendering(false);
      }
    })().catch((e) => {
      if (cancelled || (e as { name?: string })?.name === "RenderingCancelledException") return;
      console.error("[pdf viewer]", e);
      setError(failMessage);
      setRendering(false);
    });
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [doc, pageNo, failMessage]);

  const pages = doc?.numPages ?? 0;
  const go = (n: number) => setPageNo((p) => Math.min(Math.max(1, p + n), pages || 1));
  return (
    <section
      aria-label={`Xem văn bản: ${name}`}
      className="space-y-3"
      onKeyDown={(e) => {
        // Page Up/Down and the arrow keys turn pages while focus is in the viewer.
        if (["PageDown", "ArrowRight"].includes(e.key)) go(1);
        else if (["PageUp", "ArrowLeft"].includes(e.key)) go(-1);
        else return;
        e.preventDefault();
      }}
    >
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
          {downloadUrl ? (
            <>
              {" "}
              <a href={downloadUrl} className="font-medium underline">Tải về {name}</a>
            </>
          ) : null}
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" variant="secondary" className="px-3 py-1 text-xs" onClick={() => go(-1)} disabled={!doc || pageNo <= 1}>
              Trang trước
            </Button>
            <span aria-live="polite" className="text-sm text-slate-700">
              {doc ? `Trang ${pageNo} / ${pages}` : preparing ? "Đang chuẩn bị bản xem trước…" : "Đang tải văn bản…"}
            </span>
            <Button type="button" variant="secondary" className="px-3 py-1 text-xs" onClick={() => go(1)} disabled={!doc || pageNo >= pages}>
              Trang sau
            </Button>
          </div>
          <div className="overflow-auto rounded-md border border-slate-200 bg-slate-100 p-2">
            <canvas
              ref={canvas}
              role="img"
              aria-label={`Trang ${pageNo} của ${name}`}
              aria-busy={rendering || undefined}
              tabIndex={0}
              className="mx-auto block bg-white shadow focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
            />
          </div>
        </>
      )}
    </section>
  );
}
