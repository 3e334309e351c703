import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { IncomingExchangeCard, RecallRequestCard } from "@/components/exchange/incoming-exchange";
import type { IncomingExchangeView } from "@/lib/exchange/incoming-view";

// The liên thông panel of the incoming page, rendered as the server renders it: the verdict line naming
// the sender, the certificate, the statuses sent back with their sending state, the replacement links,
// and the recall request with the clerk's two answers (only for one who may answer).

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {}, push() {} }) }));
vi.mock("@/lib/server-actions/incoming", () => ({ acceptRecallAction: async () => ({ ok: true }), refuseRecallAction: async () => ({ ok: true }) }));

const view: IncomingExchangeView = {
  senderName: "Sở Tài chính tỉnh Bình Định",
  senderOrganId: "000.00.31.H07",
  transport: "direct",
  receivedAt: new Date("2026-12-02T01:30:00Z"),
  verdict: "Chữ ký hợp lệ — Sở Tài chính tỉnh Bình Định",
  certificate: {
    name: "Sở Tài chính tỉnh Bình Định", subject: "CN=Sở Tài chính tỉnh Bình Định, OU=000.00.31.H07", issuer: "CN=CA Ban Cơ yếu",
    notBefore: "2026-01-01T00:00:00.000Z", notAfter: "2027-12-31T00:00:00.000Z", trustedBy: "ca",
  },
  statuses: [
    { id: "1", code: "01", label: "Đã đến", state: "sent", description: "", createdAt: new Date("2026-12-02T01:30:00Z"), sentAt: new Date("2026-12-02T01:31:00Z"), error: null, attempts: 1 },
    { id: "2", code: "03", label: "Đã tiếp nhận", state: "queued", description: "", createdAt: new Date("2026-12-02T02:00:00Z"), sentAt: null, error: "Không kết nối được", attempts: 2 },
  ],
  pendingRecall: { id: "5d0c7c2e-2f7e-4a55-8d7b-7f2f4b8c1a01", description: "Ban hành nhầm", createdAt: new Date("2026-12-02T03:00:00Z") },
  answeredRecalls: [],
  replaces: { id: "a", label: "12/STC-VP" },
  replacedBy: [],
};

describe("the incoming page's liên thông panel", () => {
  it("shows the verdict, the certificate, the statuses with their sending state, and the replaced document", () => {
    const html = renderToStaticMarkup(createElement(IncomingExchangeCard, { view }));
    expect(html).toContain("Chữ ký hợp lệ — Sở Tài chính tỉnh Bình Định");
    expect(html).toContain("CN=Sở Tài chính tỉnh Bình Định, OU=000.00.31.H07");
    expect(html).toContain("01/01/2026 – 31/12/2027");
    expect(html).toContain("Trực tiếp giữa hai hệ thống");
    expect(html).toContain("01 – Đã đến");
    expect(html).toContain("Đã gửi lúc 02/12/2026 08:31");
    expect(html).toContain("Gửi lỗi (lần 2): Không kết nối được — sẽ thử lại");
    expect(html).toContain('href="/incoming/a"');
  });

  it("shows a pending recall request with the two answers to the clerk, and without them to others", () => {
    const clerk = renderToStaticMarkup(createElement(RecallRequestCard, { view, mayAnswer: true }));
    expect(clerk).toContain("Sở Tài chính tỉnh Bình Định đề nghị lấy lại văn bản này");
    expect(clerk).toContain("Ban hành nhầm");
    expect(clerk).toContain("Đồng ý cho lấy lại");
    expect(clerk).toContain("Lý do từ chối");
    const other = renderToStaticMarkup(createElement(RecallRequestCard, { view, mayAnswer: false }));
    expect(other).not.toContain("Đồng ý cho lấy lại");
    expect(other).toContain("Văn thư sẽ trả lời yêu cầu này.");
    expect(renderToStaticMarkup(createElement(RecallRequestCard, { view: { ...view, pendingRecall: null }, mayAnswer: true }))).toBe("");
  });
});
