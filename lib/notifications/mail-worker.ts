import "server-only";
import { eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { jobEffects, notifications, users } from "@/db/schema";
import { claimEffect, registerWorker, type JobHandler } from "@/lib/jobs";
import { NOTIFICATION_KIND_LABELS, isNotificationKind } from "./kinds";
import { baseUrl, MAIL_QUEUE, mailEnabled, mailFrom } from "@/lib/mail/config";

// One job per e-mail (enqueued by notify() in the step's transaction). An SMTP send cannot be part of
// a database transaction, so "sent once" is: skip when the effect row `mail:<notification id>` exists;
// send; record the effect right after the server's 250 answer. A crash in between (after 250, before
// the record commits) sends it again on the retry: that edge is at-least-once, and the repeat carries
// the same Message-ID (<notification id@host>), so mail clients and servers that dedupe by Message-ID
// show it once. A failed send (no 250) is retried with backoff and never recorded.

let cached: { url: string; transport: Transporter } | null = null;

function transport(): Transporter {
  const url = process.env.SMTP_URL!.trim();
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

export const mailEffectKey = (notificationId: string) => `mail:${notificationId}`;

export const sendNotificationMail: JobHandler<{ notificationId: string }> = async (job, ctx) => {
  const { notificationId } = job.payload;
  const key = mailEffectKey(notificationId);
  const [sent] = await ctx.db.select({ key: jobEffects.key }).from(jobEffects).where(eq(jobEffects.key, key));
  if (sent || !mailEnabled()) return;
  const [n] = await ctx.db
    .select({ text: notifications.text, href: notifications.href, kind: notifications.kind, email: users.email, name: users.fullName, active: users.active })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.id, notificationId));
  if (!n || !n.email || !n.active) return;
  const label = isNotificationKind(n.kind) ? NOTIFICATION_KIND_LABELS[n.kind] : NOTIFICATION_KIND_LABELS.other;
  const link = n.href ? `${baseUrl()}${n.href}` : baseUrl();
  const host = new URL(baseUrl()).hostname || "localhost";
  await transport().sendMail({
    from: mailFrom(),
    to: { name: n.name, address: n.email },
    subject: `[Văn phòng điện tử] ${label}: ${n.text.length > 150 ? `${n.text.slice(0, 149)}…` : n.text}`,
    text: `Kính gửi ${n.name},\n\n${n.text}\n\nXem chi tiết: ${link}\n\n--\nThư gửi tự động từ Văn phòng điện tử. Chọn loại thông báo nhận qua thư điện tử tại Tài khoản của tôi.`,
    messageId: `<${notificationId}@${host}>`,
  });
  await claimEffect(ctx.db, key, job.id);
};

/** The e-mail worker (lib/workers.ts): 8 retries, from 30 s doubling to at most an hour. */
export function registerMailWorker() {
  registerWorker(MAIL_QUEUE, sendNotificationMail, { retries: 8, backoff: { delayMs: 30_000, factor: 2, maxMs: 60 * 60_000 } });
}
