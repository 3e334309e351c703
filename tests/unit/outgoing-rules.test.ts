import { describe, expect, it } from "vitest";
import { systemChecks, type CheckInput } from "@/lib/outgoing/checks";
import { outgoingMachine } from "@/lib/outgoing/machine";
import { keptCopyOf, notationOf, symbolOf } from "@/lib/outgoing/symbol";
import { DOC_TYPES } from "@/lib/incoming/labels";
import { TYPE_ABBREVIATIONS } from "@/lib/outgoing/labels";
import { availableTransitions } from "@/lib/workflow/machine";

describe("số, ký hiệu (NĐ 30/2020 Phụ lục I §3)", () => {
  it("a type with an abbreviation: <type>-<agency>; a công văn: <agency>-<unit>", () => {
    expect(symbolOf(376, notationOf("Quyết định", "SNV", "VP")!)).toBe("376/QĐ-SNV");
    expect(symbolOf(377, notationOf("Công văn", "SNV", "VP")!)).toBe("377/SNV-VP");
    expect(symbolOf(12, notationOf("Quy định", "SNV", "TCBC")!)).toBe("12/QyĐ-SNV");
    expect(symbolOf(3, notationOf("Kế hoạch", "SNV", "TCBC")!)).toBe("03/KH-SNV");
    expect(notationOf("Thư công", "SNV", "VP")).toBe("SNV-VP");
  });
  it("no spaces, and nothing when a code is missing or the type is unknown", () => {
    expect(notationOf("Công văn", " S NV ", "V P")).toBe("SNV-VP");
    expect(notationOf("Công văn", "SNV", "")).toBeNull();
    expect(notationOf("Quyết định", "", "VP")).toBeNull();
    expect(notationOf("Văn bản lạ", "SNV", "VP")).toBeNull();
  });
  it("every type of Điều 7 has its abbreviation entry, and the kept copy names the Văn thư", () => {
    for (const t of DOC_TYPES) expect(t in TYPE_ABBREVIATIONS, t).toBe(true);
    expect(keptCopyOf("TCBC")).toBe("Lưu: VT, TCBC.");
  });
});

describe("the checker's system checks", () => {
  const base: CheckInput = {
    docType: "Công văn", subject: "V/v cử cán bộ", secrecy: "normal", fileCount: 1, recipientCount: 2, authority: "direct",
    signer: { fullName: "Nguyễn Văn Hùng", isLeader: true, titles: ["Giám đốc"] }, agencyCode: "SNV", unitCode: "TCBC",
  };
  const failed = (over: Partial<CheckInput>) => systemChecks({ ...base, ...over }).filter((c) => !c.ok).map((c) => c.key);
  it("passes a complete draft signed directly by the head", () => expect(failed({})).toEqual([]));
  it("KT. is for a deputy; direct signing is not", () => {
    expect(failed({ authority: "kt" })).toEqual(["authority"]);
    const deputy = { fullName: "Lê Thị Mai", isLeader: true, titles: ["Phó Giám đốc"] };
    // KT. needs the head's delegation in force for the deputy (lib/delegations); the detail names what is missing.
    const kt = { form: "kt" as const, delegatorName: "Nguyễn Văn Hùng", delegatorTitle: "Giám đốc", validTo: "2026-12-31" };
    expect(failed({ authority: "kt", signer: deputy, delegation: kt })).toEqual([]);
    const missing = systemChecks({ ...base, authority: "kt", signer: deputy, delegation: null, day: "2026-12-02" }).find((c) => c.key === "authority")!;
    expect(missing.ok).toBe(false);
    expect(missing.detail).toBe('Chưa có ủy quyền Ký thay (KT.) của người đứng đầu cho Lê Thị Mai đối với loại "Công văn" ngày 02/12/2026: ghi nhận tại "Ủy quyền ký" hoặc chọn người ký, thẩm quyền ký khác.');
    expect(failed({ authority: "kt", signer: deputy, delegation: { ...kt, form: "tl" } })).toEqual(["authority"]);
    expect(failed({ authority: "direct", signer: deputy })).toEqual(["authority"]);
    expect(failed({ authority: "tl" })).toEqual(["authority"]);
    // TL. / TUQ.: a unit head (not a leader) signs under the head's delegation of that form.
    const chief = { fullName: "Đặng Thị Thu Hà", isLeader: false, titles: [], title: "Chánh Văn phòng" };
    expect(failed({ authority: "tl", signer: chief })).toEqual(["authority"]);
    expect(failed({ authority: "tl", signer: chief, delegation: { ...kt, form: "tl" } })).toEqual([]);
    expect(failed({ authority: "tuq", signer: chief, delegation: { ...kt, form: "tl" } })).toEqual(["authority"]);
    expect(failed({ authority: "q", signer: deputy })).toEqual([]);
  });
  it("flags a missing file, no recipients, a signer who is not a leader, a type without ký hiệu", () => {
    expect(failed({ fileCount: 0 })).toEqual(["required"]);
    expect(failed({ fileCount: 0, secrecy: "secret" })).toEqual([]); // secret drafts carry no file
    expect(failed({ recipientCount: 0 })).toEqual(["recipients"]);
    expect(failed({ signer: { fullName: "A", isLeader: false, titles: [] } })).toEqual(["authority"]);
    expect(failed({ unitCode: "" })).toEqual(["notation", "kept"]);
  });
});

describe("the outgoing state machine", () => {
  it("offers each position only its step", () => {
    const all = () => true;
    expect(availableTransitions(outgoingMachine, "draft", all)).toEqual(["submit"]);
    expect(availableTransitions(outgoingMachine, "awaiting_review", (v) => v === "outgoing.approve")).toEqual(["approve", "returnReview"]);
    expect(availableTransitions(outgoingMachine, "awaiting_signature", (v) => v === "outgoing.sign")).toEqual(["sign", "returnSign"]);
    expect(availableTransitions(outgoingMachine, "awaiting_issue", (v) => v === "outgoing.sign")).toEqual([]);
    expect(availableTransitions(outgoingMachine, "issued", (v) => v === "outgoing.withdraw")).toEqual(["withdraw"]);
    expect(availableTransitions(outgoingMachine, "withdrawn", all)).toEqual([]);
  });
});
