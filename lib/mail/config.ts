// E-mail over SMTP (issue 12): on when SMTP_URL is set (e.g. smtp://user:pass@mail.example.gov.vn:587,
// smtps://… for implicit TLS), From is MAIL_FROM. No database or network here: notify() asks it inside a
// transaction.

export const MAIL_QUEUE = "mail.notification";

export function mailEnabled(): boolean {
  return !!process.env.SMTP_URL?.trim();
}

export function mailFrom(): string {
  return process.env.MAIL_FROM?.trim() || "Văn phòng điện tử <no-reply@localhost>";
}

/** The public base URL for links in e-mails (AUTH_URL, else APP_URL, else http://localhost:PORT). */
export function baseUrl(): string {
  const u = process.env.AUTH_URL?.trim() || process.env.APP_URL?.trim() || `http://localhost:${process.env.PORT || 3000}`;
  return u.replace(/\/+$/, "");
}
