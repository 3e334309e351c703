const TYPES = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/**
 * Headers of a book download: always an attachment (never rendered in the app's origin), with an
 * RFC 6266 / RFC 5987 `filename*` and an ASCII fallback, and no MIME sniffing (security.md §5 rows 8, 10).
 */
export function bookDownloadHeaders(fileBase: string, format: keyof typeof TYPES, length: number): Headers {
  const name = `${fileBase}.${format}`;
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Headers({
    "Content-Type": TYPES[format],
    "Content-Length": String(length),
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
  });
}
