const TZ = "Asia/Ho_Chi_Minh";
const dateFmt = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, day: "2-digit", month: "2-digit", year: "numeric" });
const timeFmt = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit", hour12: false });

/** dd/mm/yyyy in Vietnam time (house rule 5). */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "";
  return dateFmt.format(typeof d === "string" ? new Date(d) : d);
}

/** dd/mm/yyyy HH:mm in Vietnam time. */
export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "";
  const date = typeof d === "string" ? new Date(d) : d;
  return `${dateFmt.format(date)} ${timeFmt.format(date)}`;
}

/** A file size as people read it: 820 KB, 3.4 MB. */
export function formatSize(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
