import { z } from "zod";
import { uuid } from "@/lib/validation";

// Bản sao điện tử (NĐ 30/2020 Điều 25–27): the form and its rules, shared by the panel and the action.

export const COPY_KINDS = { sao_y: "SAO Y", sao_luc: "SAO LỤC", trich_sao: "TRÍCH SAO" } as const;
export const COPY_LABELS = { sao_y: "Sao y", sao_luc: "Sao lục", trich_sao: "Trích sao" } as const;
export type CopyKind = keyof typeof COPY_KINDS;

/** "1-2, 4" → [0, 1, 3] (0-based, in order, no repeats); null when malformed. */
export function parsePages(text: string, pageCount: number): number[] | null {
  const out: number[] = [];
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d{1,4})(?:\s*-\s*(\d{1,4}))?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (a < 1 || b < a || b > pageCount) return null;
    for (let i = a; i <= b; i++) if (!out.includes(i - 1)) out.push(i - 1);
  }
  return out.length ? out : null;
}

export const copySchema = z
  .object({
    id: uuid,
    kind: z.enum(["sao_y", "sao_luc", "trich_sao"], { message: "Vui lòng chọn hình thức sao." }),
    pages: z.string().trim().max(100, "Tối đa 100 ký tự.").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "trich_sao" && !v.pages) ctx.addIssue({ code: "custom", path: ["pages"], message: "Trích sao: vui lòng ghi các trang được trích (ví dụ 1-2, 4)." });
  });

