import { describe, expect, it } from "vitest";
import type { PositionKind } from "@/db/schema/org";
import { incomingStatus } from "@/db/schema/incoming";
import { describeChanges, diffRegistration, mayCorrect, mayVoid, type FieldValue } from "@/lib/incoming/correction-rules";

// Sửa thông tin vào sổ / Hủy vào sổ: who may, in which state (lib/incoming/correction-rules.ts).
const person = (kind: PositionKind) => ({ agencyId: "a1", positions: [{ kind, unitId: "u1" }] });
const doc = (status: (typeof incomingStatus.enumValues)[number], arrivalNo: number | null = 7) => ({ agencyId: "a1", status, arrivalNo });

describe("correction rules", () => {
  it("lets the clerk correct and void only before the leader's assignment", () => {
    const allowed = (f: typeof mayCorrect) => incomingStatus.enumValues.filter((s) => f(person("clerk"), doc(s)).ok);
    expect(allowed(mayCorrect)).toEqual(["registered", "awaiting_instruction"]);
    expect(allowed(mayVoid)).toEqual(["registered", "awaiting_instruction"]);
    const refused = mayCorrect(person("clerk"), doc("in_progress"));
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("cần lãnh đạo cơ quan đồng ý") });
  });

  it("lets a leader of the agency correct after it (done included) and void while it is being handled, as consent", () => {
    expect(incomingStatus.enumValues.filter((s) => mayCorrect(person("leader"), doc(s)).ok)).toEqual(["registered", "awaiting_instruction", "in_progress", "done"]);
    expect(incomingStatus.enumValues.filter((s) => mayVoid(person("leader"), doc(s)).ok)).toEqual(["registered", "awaiting_instruction", "in_progress"]);
    expect(mayCorrect(person("leader"), doc("in_progress"))).toEqual({ ok: true, consent: true });
    expect(mayCorrect(person("leader"), doc("registered"))).toEqual({ ok: true, consent: false });
  });

  it("refuses everyone else, another agency, and a document not in the register", () => {
    for (const kind of ["staff", "unit_head", "office_chief", "archivist", "admin", "checker"] as PositionKind[]) {
      expect(mayCorrect(person(kind), doc("registered")).ok, kind).toBe(false);
      expect(mayVoid(person(kind), doc("registered")).ok, kind).toBe(false);
    }
    expect(mayCorrect({ ...person("clerk"), agencyId: "a2" }, doc("registered")).ok).toBe(false);
    expect(mayVoid(person("clerk"), doc("registered", null)).ok).toBe(false);
  });

  it("lists each changed field old → new, dates as dd/mm/yyyy", () => {
    const base: Record<string, FieldValue> = {
      symbol: "15/UBND-VX", issuedDate: "2026-11-20", issuerName: "UBND tỉnh", docType: "Công văn", subject: "A", signer: "",
      urgency: "normal", pageCount: 2, dueDate: null, note: "", fileCode: "",
    };
    const changes = diffRegistration(base as never, { ...base, issuedDate: "2026-11-21", urgency: "urgent", dueDate: "2026-12-10" } as never);
    expect(changes.map((c) => c.field)).toEqual(["issuedDate", "urgency", "dueDate"]);
    expect(describeChanges(changes)).toBe("Ngày văn bản: 20/11/2026 → 21/11/2026; Độ khẩn: Thường → Khẩn; Hạn giải quyết: (trống) → 10/12/2026");
    expect(diffRegistration(base as never, { ...base } as never)).toEqual([]);
  });
});
