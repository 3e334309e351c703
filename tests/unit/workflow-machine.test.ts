import { describe, expect, it } from "vitest";
import { kindCan } from "@/lib/auth/permissions";
import { assertTransition, availableTransitions, canTransition, defineMachine } from "@/lib/workflow/machine";
import { AppError } from "@/lib/errors";

// A small outgoing-document flow, enough to exercise the helper (style.md rule 5).
const outgoing = defineMachine({
  name: "văn bản đi",
  stateLabels: { draft: "Dự thảo", checking: "Đang kiểm tra", signing: "Chờ ký", issued: "Đã ban hành" },
  transitions: {
    submit: { from: ["draft"], to: "checking", verb: "outgoing.draft", label: "Trình kiểm tra" },
    check: { from: ["checking"], to: "signing", verb: "outgoing.check", label: "Kiểm tra xong" },
    sendBack: { from: ["checking", "signing"], to: "draft", verb: "outgoing.approve", label: "Trả lại" },
    sign: { from: ["signing"], to: "issued", verb: "outgoing.sign", label: "Ký ban hành" },
  },
});

describe("workflow machine helper", () => {
  it("returns the target state of an allowed transition", () => {
    expect(assertTransition(outgoing, "draft", "submit")).toBe("checking");
    expect(assertTransition(outgoing, "signing", "sendBack")).toBe("draft");
    expect(assertTransition(outgoing, "signing", "sign")).toBe("issued");
  });

  it("refuses a transition from a wrong state with a conflict naming the step and the state", () => {
    let err: unknown;
    try {
      assertTransition(outgoing, "issued", "sign");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "conflict", message: 'Không thể "Ký ban hành" khi văn bản đi đang ở trạng thái "Đã ban hành".' });
  });

  it("a repeated submit finds the state already moved and is refused", () => {
    const next = assertTransition(outgoing, "draft", "submit");
    expect(() => assertTransition(outgoing, next, "submit")).toThrow(AppError);
  });

  it("canTransition agrees with assertTransition for every state and transition", () => {
    for (const state of Object.keys(outgoing.stateLabels) as (keyof typeof outgoing.stateLabels)[]) {
      for (const t of Object.keys(outgoing.transitions) as (keyof typeof outgoing.transitions)[]) {
        const ok = canTransition(outgoing, state, t);
        if (ok) expect(assertTransition(outgoing, state, t)).toBe(outgoing.transitions[t].to);
        else expect(() => assertTransition(outgoing, state, t)).toThrow(/Không thể/);
      }
    }
  });

  it("offers only the transitions of the current state that the person's verbs allow", () => {
    expect(availableTransitions(outgoing, "checking", () => true).sort()).toEqual(["check", "sendBack"]);
    expect(availableTransitions(outgoing, "checking", (v) => kindCan("checker", v))).toEqual(["check"]);
    expect(availableTransitions(outgoing, "signing", (v) => kindCan("leader", v)).sort()).toEqual(["sendBack", "sign"]);
    expect(availableTransitions(outgoing, "signing", (v) => kindCan("staff", v))).toEqual([]);
    expect(availableTransitions(outgoing, "issued", () => true)).toEqual([]);
  });
});
