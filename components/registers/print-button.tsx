"use client";

import { Button } from "@/components/ui/button";

/** In sổ: the browser's print dialog; the print stylesheet lays the book out on A4 landscape. */
export function PrintButton() {
  return (
    <Button type="button" onClick={() => window.print()}>
      In sổ
    </Button>
  );
}
