import "./record-print.css";
import type { RecordDoc } from "@/lib/registers/record";
import { PrintActions } from "./book-print";

// A prose record (Biên bản giao nhận) on portrait A4 (NĐ 30/2020 Phụ lục I: văn bản theo chiều dài khổ A4).

/** The print view of a record; every value is text (React escapes it). */
export function RecordPrint({ rec, pdfHref, xlsxHref, backHref, backLabel }: { rec: RecordDoc; pdfHref: string; xlsxHref: string; backHref: string; backLabel: string }) {
  return (
    <div>
      <PrintActions pdfHref={pdfHref} xlsxHref={xlsxHref} backHref={backHref} backLabel={backLabel} printLabel="In" />
      <article className="record rounded-lg border border-slate-200 px-6 py-8 print:border-0" aria-label={rec.info.title}>
        <div className="record-head">
          <div>
            {rec.header.left.map((l, i) => (
              <p key={i} className={i === rec.header.left.length - 1 ? "font-bold uppercase" : "uppercase"}>
                {l}
              </p>
            ))}
          </div>
          <div>
            {rec.header.right.map((l, i) => (
              <p key={i} className="font-bold">
                {l}
              </p>
            ))}
            <p className="italic">{rec.placeDate}</p>
          </div>
        </div>
        <div className="my-6 text-center">
          {rec.title.map((t, i) => (
            <p key={i} className={i === 0 ? "text-xl font-bold" : "font-bold"}>
              {t}
            </p>
          ))}
        </div>
        {rec.paragraphs.map((p, i) => (
          <p key={i} className={[p.bold ? "font-bold" : "", p.indent ? "indent" : ""].join(" ").trim() || undefined} style={{ textAlign: "justify" }}>
            {p.text}
          </p>
        ))}
        <div className="record-sign">
          {rec.signatures.map((s, i) => (
            <div key={i}>
              <p className="font-bold">{s.title}</p>
              <p className="italic">{s.hint}</p>
              <p className="mt-20 font-bold">{s.name}</p>
            </div>
          ))}
        </div>
      </article>
    </div>
  );
}
