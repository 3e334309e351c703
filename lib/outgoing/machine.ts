import type { OutgoingStatus } from "@/db/schema/outgoing";
import { defineMachine } from "@/lib/workflow/machine";
import { OUTGOING_STATUS_LABELS } from "./labels";

// Quy chế 376 Điều 4.2, product.md §3: draft → unit head approves the content → Chánh Văn phòng
// checks legality and format → a leader signs → the clerk issues. Any reviewer may return it; the
// drafter revises and submits again.
type OutgoingTransition =
  | "submit" | "approve" | "check" | "sign" | "returnReview" | "returnCheck" | "returnSign" | "issue" | "withdraw";

export const outgoingMachine = defineMachine<OutgoingStatus, OutgoingTransition>({
  name: "văn bản đi",
  stateLabels: OUTGOING_STATUS_LABELS,
  transitions: {
    submit: { from: ["draft", "returned"], to: "awaiting_review", verb: "outgoing.draft", label: "Trình duyệt" },
    approve: { from: ["awaiting_review"], to: "awaiting_check", verb: "outgoing.approve", label: "Duyệt" },
    check: { from: ["awaiting_check"], to: "awaiting_signature", verb: "outgoing.check", label: "Duyệt" },
    sign: { from: ["awaiting_signature"], to: "awaiting_issue", verb: "outgoing.sign", label: "Ký duyệt" },
    returnReview: { from: ["awaiting_review"], to: "returned", verb: "outgoing.approve", label: "Trả lại" },
    returnCheck: { from: ["awaiting_check"], to: "returned", verb: "outgoing.check", label: "Trả lại" },
    returnSign: { from: ["awaiting_signature"], to: "returned", verb: "outgoing.sign", label: "Trả lại" },
    issue: { from: ["awaiting_issue"], to: "issued", verb: "outgoing.issue", label: "Phát hành" },
    withdraw: { from: ["issued"], to: "withdrawn", verb: "outgoing.withdraw", label: "Thu hồi" },
  },
});

/** The drafter may change the draft and add a version only while it is with them. */
export const EDITABLE_STATES: readonly OutgoingStatus[] = ["draft", "returned"];

/** The stages at which a reviewer acts, and the return transition of each. */
export const REVIEW_STAGES = {
  awaiting_review: "returnReview",
  awaiting_check: "returnCheck",
  awaiting_signature: "returnSign",
} as const;
export type ReviewStage = keyof typeof REVIEW_STAGES;
export const isReviewStage = (s: OutgoingStatus): s is ReviewStage => s in REVIEW_STAGES;
