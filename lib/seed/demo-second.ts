import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { agencies, incomingDocuments, units, users } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { withIdempotencyKey, newIdempotencyKey } from "@/lib/actions/idempotency-field";
import { assignDocument, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { SECOND_AGENCY_PREFIX, stcAgency } from "./demo-data";

// A few incoming documents of the second agency (Sở Tài chính, "stc.…" logins), made by the real
// actions through the one wrapper like the first agency's stories (lib/seed/demo-documents.ts), so
// its register numbers, trails and notices are its own. Small on purpose: the start stays quick.

const META = { ip: "127.0.0.1", userAgent: "demo-seed" };

export async function seedSecondAgencyDocuments(db: Db): Promise<{ created: boolean }> {
  const [agency] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, stcAgency.code));
  if (!agency) return { created: false };
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(incomingDocuments).where(eq(incomingDocuments.agencyId, agency.id));
  if (n > 0) return { created: false };
  const userId = async (name: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.username, `${SECOND_AGENCY_PREFIX}${name}`)))[0].id;
  const unitId = async (code: string) =>
    (await db.select({ id: units.id }).from(units).where(and(eq(units.agencyId, agency.id), eq(units.code, code))))[0].id;
  async function act<S extends z.ZodType, T, R>(def: ActionDefinition<S, T, R>, as: string, input: z.input<S>): Promise<R> {
    const r = await executeAction(def, { userId: await userId(as), meta: META }, withIdempotencyKey(input, newIdempotencyKey()), db);
    if (!r.ok) throw new Error(`Dữ liệu mẫu (${def.name}): ${r.formError ?? r.code}`);
    return r.data;
  }
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
  const paper = (symbol: string, issuerName: string, subject: string) => ({
    symbol, issuedDate: today, issuerName, docType: "Công văn", subject, signer: "", urgency: "normal" as const, secrecy: "normal" as const,
    pageCount: 2, dueDate: "", note: "",
  });
  // Registered only (awaiting the clerk's next step).
  await act(registerPaper, "vanthu", paper("215/KBNN-KSC", "Kho bạc Nhà nước Bình Định", "V/v đối chiếu số liệu chi ngân sách quý IV"));
  // Submitted to the director.
  const submitted = (await act(registerPaper, "vanthu", paper("1830/BTC-NSNN", "Bộ Tài chính", "V/v hướng dẫn lập dự toán ngân sách nhà nước năm sau"))) as { id: string };
  await act(submitToLeader, "vanthu", { id: submitted.id, leaderId: await userId("giamdoc") });
  // Assigned to Phòng Quản lý ngân sách.
  const assigned = (await act(registerPaper, "vanthu", paper("4512/UBND-KT", "UBND tỉnh Bình Định", "V/v bổ sung kinh phí thực hiện chính sách tinh giản biên chế"))) as { id: string };
  await act(submitToLeader, "vanthu", { id: assigned.id, leaderId: await userId("giamdoc") });
  await act(assignDocument, "giamdoc", {
    id: assigned.id, instruction: "Phòng Quản lý ngân sách chủ trì, tham mưu văn bản trả lời.",
    recipients: [{ kind: "unit", targetId: await unitId("NS"), role: "lead", deadline: "" }],
  });
  return { created: true };
}
