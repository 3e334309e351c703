"use client";

import { resendMessageAction } from "@/lib/server-actions/exchange";
import { ActionButton } from "@/components/ui/action-button";

/** "Gửi lại" a message whose sending failed. */
export function MonitorResendButton({ id }: { id: string }) {
  return <ActionButton action={resendMessageAction} input={{ id }} label="Gửi lại" success="Đã đưa thông điệp vào hàng chờ gửi lại." />;
}
