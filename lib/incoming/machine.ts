import type { IncomingStatus } from "@/db/schema/incoming";
import { defineMachine } from "@/lib/workflow/machine";
import { STATUS_LABELS } from "./labels";

// Quy chế 376 Điều 4.1, product.md §2: receive → register → submit → assign → process → done.
// The document is done when its lead assignment is done (lib/incoming/process.ts).
type IncomingTransition = "register" | "returnToSender" | "submit" | "assign" | "pass" | "sendBack" | "void";

export const incomingMachine = defineMachine<IncomingStatus, IncomingTransition>({
  name: "văn bản đến",
  stateLabels: STATUS_LABELS,
  transitions: {
    register: { from: ["awaiting_reception"], to: "registered", verb: "incoming.register", label: "Vào sổ" },
    returnToSender: { from: ["awaiting_reception"], to: "returned", verb: "incoming.return", label: "Trả lại" },
    submit: { from: ["registered"], to: "awaiting_instruction", verb: "incoming.submit", label: "Trình lãnh đạo" },
    assign: { from: ["awaiting_instruction"], to: "in_progress", verb: "incoming.assign", label: "Chuyển xử lý" },
    pass: { from: ["awaiting_instruction"], to: "awaiting_instruction", verb: "incoming.assign", label: "Chuyển lãnh đạo khác" },
    sendBack: { from: ["awaiting_instruction"], to: "registered", verb: "incoming.assign", label: "Trả lại" },
    // Hủy vào sổ: the số đến stays in the register marked "Đã hủy"; who may, when, in lib/incoming/corrections.ts.
    void: { from: ["registered", "awaiting_instruction", "in_progress"], to: "voided", verb: "incoming.void", label: "Hủy vào sổ" },
  },
});

/** Paper originals can be handed over once the document is in the register. */
export const PAPER_HANDOVER_STATES = ["registered", "awaiting_instruction", "in_progress", "done"] as const;
