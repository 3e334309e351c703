"use client";

import { useState } from "react";
import { updateEmailPreferencesAction } from "@/lib/server-actions/office";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";

/** Tài khoản của tôi → Nhận thông báo qua thư điện tử. */
export function EmailPreferencesForm({ kinds, email, enabled }: { kinds: string[]; email: string; enabled: boolean }) {
  const [chosen, setChosen] = useState(new Set(kinds));
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" }>();
  const toggle = (k: NotificationKind) =>
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });
  return (
    <form
      aria-label="Nhận thông báo qua thư điện tử"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const r = await updateEmailPreferencesAction({ kinds: [...chosen] });
        setPending(false);
        setMessage(r.ok ? { text: "Đã lưu lựa chọn nhận thư điện tử.", tone: "success" } : { text: r.formError, tone: "error" });
      }}
      className="space-y-3"
    >
      <p className="text-sm text-slate-700">
        {email ? <>Thư được gửi tới <strong>{email}</strong>. </> : <>Bạn chưa có địa chỉ thư điện tử; đề nghị quản trị viên cập nhật. </>}
        {enabled ? null : "Hệ thống hiện chưa cấu hình máy chủ gửi thư, lựa chọn sẽ có hiệu lực khi được cấu hình."}
      </p>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">Loại thông báo gửi kèm qua thư điện tử</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {NOTIFICATION_KINDS.map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={chosen.has(k)} onChange={() => toggle(k)} className="h-4 w-4" />
              {NOTIFICATION_KIND_LABELS[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <FormMessage message={message?.tone === "error" ? message.text : undefined} />
      <FormMessage message={message?.tone === "success" ? message.text : undefined} tone="success" />
      <Button type="submit" pending={pending}>Lưu lựa chọn</Button>
    </form>
  );
}
