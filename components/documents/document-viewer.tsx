import { PdfViewer } from "@/components/incoming/pdf-viewer";
import { Card } from "@/components/ui/page";
import { DOCX_PREVIEW_UNAVAILABLE, fileUrl, previewUrl } from "@/lib/storage/client";
import { FILE_TYPES } from "@/lib/storage/sniff";

export interface ViewedFile {
  id: string;
  name: string;
  mime: string;
}

/** Files the page can show: every PDF, and a DOCX (converted by LibreOffice, or a note to download it). */
export const isViewable = (f: { mime: string }) => f.mime === FILE_TYPES.pdf.mime || f.mime === FILE_TYPES.docx.mime;

/**
 * The document shown in the page. A PDF is drawn by the pdf.js viewer; a DOCX is shown as the PDF
 * LibreOffice makes of it (`docxPreview`: soffice is installed), else a clear note and the download.
 */
export function DocumentViewer({ file, docxPreview }: { file: ViewedFile; docxPreview: boolean }) {
  const docx = file.mime === FILE_TYPES.docx.mime;
  return (
    <div id="xem-van-ban">
      <Card title={`Xem văn bản: ${file.name}`}>
        {!docx ? (
          <PdfViewer key={file.id} url={fileUrl(file.id)} name={file.name} />
        ) : docxPreview ? (
          <PdfViewer key={file.id} url={previewUrl(file.id)} name={file.name} failMessage={DOCX_PREVIEW_UNAVAILABLE} downloadUrl={fileUrl(file.id)} />
        ) : (
          <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {DOCX_PREVIEW_UNAVAILABLE}{" "}
            <a href={fileUrl(file.id)} className="font-medium underline">Tải về {file.name}</a>
          </p>
        )}
      </Card>
    </div>
  );
}
