import { formatSize } from "@/lib/format";

// Refusals of an upload: each carries the HTTP status the route answers with and a Vietnamese
// message that is safe to show to the clerk.
export type UploadRefusal = "empty" | "too_large" | "type" | "corrupt" | "active_content" | "disk_full";

const STATUS: Record<UploadRefusal, number> = {
  empty: 400,
  too_large: 413,
  type: 415,
  corrupt: 415,
  active_content: 415,
  disk_full: 507,
};

export const UPLOAD_MESSAGES = {
  empty: "Tệp rỗng, vui lòng chọn lại tệp.",
  type: "Chỉ nhận tệp PDF, DOCX, XLSX, PNG hoặc JPEG.",
  emblemType: "Biểu tượng phải là ảnh PNG hoặc JPEG.",
  corrupt: "Tệp bị hỏng hoặc không đúng định dạng.",
  activeContent: "Tệp DOCX chứa macro hoặc liên kết ra ngoài, không được chấp nhận.",
  activeContentXlsx: "Tệp XLSX chứa macro hoặc liên kết ra ngoài, không được chấp nhận.",
  zipLimits: "Tệp nén bên trong quá lớn hoặc có quá nhiều thành phần, không được chấp nhận.",
  diskFull: "Ổ lưu trữ đã đầy, vui lòng báo quản trị viên.",
  tooLarge: (max: number) => `Tệp vượt quá dung lượng cho phép (tối đa ${formatSize(max)}).`,
  extensionMismatch: (ext: string) => `Nội dung tệp không khớp với phần mở rộng .${ext} của tên tệp.`,
} as const;

export class UploadError extends Error {
  readonly status: number;
  constructor(
    readonly reason: UploadRefusal,
    message: string,
  ) {
    super(message);
    this.name = "UploadError";
    this.status = STATUS[reason];
  }
}

export const isUploadError = (e: unknown): e is UploadError => e instanceof UploadError;
