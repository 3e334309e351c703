// Expected failures carry a Vietnamese message that is safe to show; anything else is logged
// with an id and shown as a generic message (style.md rule 6).
export type ErrorCode = "unauthenticated" | "forbidden" | "not_found" | "conflict" | "validation" | "rate_limited";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
    /** What the form needs to offer a way out of the refusal (e.g. the likely duplicates of a conflict). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const unauthenticated = (message = "Bạn cần đăng nhập để tiếp tục.") => new AppError("unauthenticated", message);
export const forbidden = (message = "Bạn không có quyền thực hiện thao tác này.") => new AppError("forbidden", message);
// One message for every missing row: a row the user may not see answers the same way.
export const notFound = () => new AppError("not_found", "Không tìm thấy dữ liệu yêu cầu hoặc bạn không có quyền với dữ liệu này.");
export const conflict = (message: string, details?: Record<string, unknown>) => new AppError("conflict", message, undefined, details);
export const invalid = (fieldErrors: Record<string, string[]>, message = "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại.") =>
  new AppError("validation", message, fieldErrors);

export const GENERIC_ERROR = "Đã có lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị viên mã lỗi";

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
