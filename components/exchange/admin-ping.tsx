"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { pingPartnerAction } from "@/lib/server-actions/exchange-admin";
import { announce } from "@/components/ui/announcer";
import { Button } from "@/components/ui/button";

/** "Thử kết nối" of one partner: the outcome is shown here and recorded on the entry. */
export function AdminPingButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        type="button"
        variant="secondary"
        className="btn-xs"
        pending={pending}
        aria-label={`Thử kết nối: ${name}`}
        onClick={() =>
          start(async () => {
            setResult(undefined);
            const r = await pingPartnerAction({ id });
            const out = !r.ok ? { ok: false, text: r.formError } : r.data.ok ? { ok: true, text: r.data.detail || "Kết nối được." } : { ok: false, text: r.data.error };
            setResult(out);
            announce(out.text);
            router.refresh();
          })
        }
      >
        Thử kết nối
      </Button>
      {result ? (
        <span role="status" className={`text-xs ${result.ok ? "text-emerald-800" : "text-red-700"}`}>
          {result.text}
        </span>
      ) : null}
    </span>
  );
}
