import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ExchangePanel } from "@/components/exchange/exchange-panel";
import { documentIdOf, partsOfDocumentId, splitSymbol } from "@/lib/exchange/message-builder";
import { sendingText, type RecipientExchange } from "@/lib/exchange/outgoing-status";
import { requestRecallSchema } from "@/lib/exchange/schemas";
import { DEFAULT_SEND_RETRY_MS, sendRetryDelayMs } from "@/lib/exchange/send";
import { timeOf } from "@/lib/exchange/sender-status";

// The pure parts of the sending side of liên thông (issue 13): DocumentId and Code from the số, ký
// hiệu and date; the clerk's sending line; the recall form's schema; the panel as the page renders it.

describe("DocumentId and Code", () => {
  it("splits the số, ký hiệu at the first slash and writes the DocumentId of standards.md §4.2", () => {
    expect(splitSymbol("05/SNV-VP")).toEqual({ codeNumber: "05", codeNotation: "SNV-VP" });
    expect(splitSymbol("12/QĐ-UBND/TCCB")).toEqual({ codeNumber: "12", codeNotation: "QĐ-UBND/TCCB" });
    expect(documentIdOf("000.00.12.H08", { symbol: "05/SNV-VP", issuedDate: "2026-12-02" })).toBe("000.00.12.H08,2026/12/02,05/SNV-VP");
    expect(() => documentIdOf("000.00.12.H08", { symbol: null, issuedDate: null })).toThrow(/chưa phát hành/);
  });

  it("reads the issuer, date and code back from a DocumentId; a UUID id says nothing", () => {
    expect(partsOfDocumentId("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")).toEqual({ organId: "000.00.00.G22", promulgationDate: "2015/09/30", code: "7816/VPCP-TTĐT" });
    expect(partsOfDocumentId("3f1c2a4e-8b7d-4c1e-9a2b-1234567890ab")).toEqual({});
    expect(partsOfDocumentId("garbage")).toEqual({});
  });

  it("shows an edXML timestamp as dd/mm/yyyy HH:mm", () => {
    expect(timeOf("2026/12/02 08:05:09")).toBe("02/12/2026 08:05");
    expect(timeOf("không rõ")).toBe("không rõ");
  });
});

describe("the wait before a send's first retry (EXCHANGE_RETRY_MS)", () => {
  it("takes a whole number of ms from 100 up; anything else is the 10 s default", () => {
    expect(DEFAULT_SEND_RETRY_MS).toBe(10_000);
    expect(sendRetryDelayMs({})).toBe(10_000);
    expect(sendRetryDelayMs({ EXCHANGE_RETRY_MS: "2500.7" })).toBe(2500);
    expect(sendRetryDelayMs({ EXCHANGE_RETRY_MS: "100" })).toBe(100);
    for (const bad of ["99", "0", "-5", "abc", "", "Infinity"]) expect(sendRetryDelayMs({ EXCHANGE_RETRY_MS: bad })).toBe(10_000);
  });
});

describe("the clerk's sending line", () => {
  const base = { state: "queued" as const, attempts: 0, error: null, sentAt: null };
  it("says Chờ gửi, the error and the attempt, Đã gửi lúc, or Gửi không thành công", () => {
    expect(sendingText(base)).toBe("Chờ gửi");
    expect(sendingText({ ...base, attempts: 2, error: "Hết thời gian chờ." })).toBe("Gửi lỗi (lần 2): Hết thời gian chờ. — sẽ thử lại");
    expect(sendingText({ ...base, state: "sent", sentAt: new Date("2026-12-02T01:30:00Z") })).toBe("Đã gửi lúc 02/12/2026 08:30");
    expect(sendingText({ ...base, state: "failed", error: "Cơ quan nhận từ chối." })).toBe("Gửi không thành công: Cơ quan nhận từ chối.");
    expect(sendingText(null)).toBe("Chờ gửi");
  });
});

describe("the recall form", () => {
  const id = "3f1c2a4e-8b7d-4c1e-9a2b-1234567890ab";
  it("needs a purpose and a reason; an empty replacement is none", () => {
    expect(requestRecallSchema.safeParse({ id, purpose: "recall", reason: "Sai sót", replacementId: "" }).data).toEqual({ id, purpose: "recall", reason: "Sai sót", replacementId: null });
    expect(requestRecallSchema.safeParse({ id, purpose: "delete", reason: "x" }).success).toBe(false);
    expect(requestRecallSchema.safeParse({ id, purpose: "recall", reason: "  " }).success).toBe(false);
    expect(requestRecallSchema.safeParse({ id, purpose: "replace", reason: "x", replacementId: "1 or 1=1" }).success).toBe(false);
  });
});

describe("the liên thông panel", () => {
  it("renders each recipient's sending, its statuses in order with time and reason, and the requests", () => {
    const r: RecipientExchange = {
      recipientId: "r1", name: "Sở Tài chính tỉnh Bình Định", organId: "000.00.31.H09", sending: "Đã gửi lúc 02/12/2026 08:30", sendingState: "sent",
      statuses: [
        { id: "s1", code: "01", label: "Đã đến", description: "", at: new Date("2026-12-02T01:31:00Z") },
        { id: "s2", code: "16", label: "Từ chối cập nhật, lấy lại", description: "Đã xử lý xong", at: new Date("2026-12-02T03:00:00Z") },
      ],
      requests: [{ id: "q1", purpose: "recall", purposeLabel: "Thu hồi", reason: "Sai nơi nhận", sending: "Đã gửi lúc 02/12/2026 09:00", answered: true, at: new Date("2026-12-02T02:00:00Z") }],
      followUps: [],
    };
    const html = renderToStaticMarkup(createElement(ExchangePanel, { recipients: [r] }));
    expect(html).toContain("Sở Tài chính tỉnh Bình Định");
    expect(html).toContain("Đã gửi lúc 02/12/2026 08:30");
    expect(html.indexOf("Đã đến")).toBeLessThan(html.indexOf("Từ chối cập nhật, lấy lại"));
    expect(html).toContain("lúc 02/12/2026 08:31");
    expect(html).toContain("Lý do: Đã xử lý xong");
    expect(html).toContain("Yêu cầu thu hồi (02/12/2026 09:00): Sai nơi nhận");
  });
});
