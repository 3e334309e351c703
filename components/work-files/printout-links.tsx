import Link from "next/link";

const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50";

/** "In …", Tải PDF, Tải Excel of one printout (the print view opens in the page; downloads are attachments). */
export function PrintoutLinks({ label, printHref, pdfHref, xlsxHref }: { label: string; printHref: string; pdfHref: string; xlsxHref: string }) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2">
      <Link href={printHref} className={linkClass}>{label}</Link>
      <a href={pdfHref} className={linkClass} download aria-label={`${label}: tải PDF`}>Tải PDF</a>
      <a href={xlsxHref} className={linkClass} download aria-label={`${label}: tải Excel`}>Tải Excel</a>
    </div>
  );
}

/** Xuất hồ sơ: the whole file as one PDF, its metadata as XML. */
export function ExportLinks({ pdfHref, xmlHref }: { pdfHref: string; xmlHref: string }) {
  return (
    <div role="group" aria-label="Xuất hồ sơ" className="flex flex-wrap items-center gap-2">
      <a href={pdfHref} className={linkClass} download>Xuất hồ sơ (PDF)</a>
      <a href={xmlHref} className={linkClass} download>Xuất dữ liệu đặc tả (XML)</a>
    </div>
  );
}
