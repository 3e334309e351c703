"use client";

import { Button } from "@/components/ui/button";

/** In sổ: the browser's print dialog; the print stylesheet lays the book out on A4 landscape. */
export function PrintButton({ label = "In sổ" }: { label?: string }) {
  return (
    <Button type="button" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
