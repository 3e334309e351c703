import Link from "next/link";
import type { BackLink as Target } from "@/lib/nav";

/** "← …": where the person came from or can go (lib/nav.ts backLink). */
export function BackLink({ href, label }: Target) {
  return (
    <Link href={href} className="text-sm text-brand-700 hover:underline" data-testid="back-link">
      ← {label}
    </Link>
  );
}
