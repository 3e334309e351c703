"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { markSeenAction } from "@/lib/server-actions/incoming";
import { ActionButton } from "@/components/ui/action-button";

/** Opening the document counts as seen: the page's open for-information parts of this person are marked through the action. */
export function SeenOnOpen({ assignmentIds }: { assignmentIds: string[] }) {
  const router = useRouter();
  const sent = useRef(false);
  const key = assignmentIds.join(",");
  useEffect(() => {
    if (sent.current || !key) return;
    sent.current = true;
    void Promise.all(key.split(",").map((assignmentId) => markSeenAction({ assignmentId }))).then((rs) => {
      if (rs.some((r) => r.ok)) router.refresh();
    });
  }, [key, router]);
  return null;
}

/** Đã xem: one click closes a for-information part. */
export function SeenButton({ assignmentId }: { assignmentId: string }) {
  return <ActionButton action={markSeenAction} input={{ assignmentId }} label="Đã xem" variant="primary" />;
}
