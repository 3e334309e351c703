// A short prose document printed beside the books (Biên bản giao nhận, NĐ 30/2020 Phụ lục V):
// the agency header and the Quốc hiệu side by side, a title, numbered paragraphs and the
// signature blocks. The renderers (print view, PDF, XLSX) know nothing of hand-overs.

export interface RecordParagraph {
  text: string;
  bold?: boolean;
  /** Indented one step (the lines under a numbered point). */
  indent?: boolean;
}

export interface RecordSignature {
  /** ĐẠI DIỆN BÊN GIAO */
  title: string;
  /** (Ký, ghi rõ họ tên) */
  hint: string;
  name: string;
}

export interface RecordDoc {
  kind: "handover-record";
  info: { title: string; author: string };
  /** Left: the parent agency and the agency; right: the Quốc hiệu and Tiêu ngữ (NĐ 30/2020 Phụ lục I). */
  header: { left: string[]; right: string[] };
  /** "Bình Định, ngày 05 tháng 01 năm 2027" under the Quốc hiệu. */
  placeDate: string;
  title: string[];
  paragraphs: RecordParagraph[];
  signatures: RecordSignature[];
  fileBase: string;
  sheetName: string;
}

export const QUOC_HIEU = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"];
