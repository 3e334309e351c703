import "server-only";
import PDFKit from "pdfkit";
import { FONTS } from "./incremental";

// One measuring document for the process: incremental.ts textWidth loads the DejaVu font for each
// measure (40–70 ms a call on this machine), which was most of the time of stamping số and ngày.
let measurer: PDFKit.PDFDocument | null = null;

/** Width of a line of text in points (DejaVu, as the appearances draw it). */
export function measureText(text: string, font: "serif" | "sans", size: number): number {
  if (!measurer) {
    measurer = new PDFKit({ autoFirstPage: false });
    measurer.registerFont("serif", FONTS.serif);
    measurer.registerFont("sans", FONTS.sans);
  }
  return measurer.font(font).fontSize(size).widthOfString(text);
}
