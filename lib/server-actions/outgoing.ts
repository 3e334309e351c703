"use server";

import { runAction, runAsCaller } from "@/lib/actions/run";
import * as exchange from "@/lib/exchange/recall";
import * as amendments from "@/lib/outgoing/amendments";
import * as copies from "@/lib/outgoing/copies";
import * as drafts from "@/lib/outgoing/actions";
import * as digital from "@/lib/outgoing/digital-sign";
import * as issuing from "@/lib/outgoing/issue";
import { signRemotely } from "@/lib/outgoing/remote-sign";
import * as secrecy from "@/lib/outgoing/secrecy";

// Thin entry points; each goes through runAction → executeAction (the one action wrapper), which
// re-loads the user, parses with zod and authorizes the row before the step runs.
export const createDraftAction = async (input: unknown) => runAction(drafts.createDraft, input);
export const reviseDraftAction = async (input: unknown) => runAction(drafts.reviseDraft, input);
export const submitDraftAction = async (input: unknown) => runAction(drafts.submitDraft, input);
export const approveDraftAction = async (input: unknown) => runAction(drafts.approveDraft, input);
export const checkDraftAction = async (input: unknown) => runAction(drafts.checkDraft, input);
export const signDraftAction = async (input: unknown) => runAction(drafts.signDraft, input);
// Ký số (issue 14): prepare and complete (browser PKCS#12, local agent); remote signing (CSC) runs both.
export const prepareSignatureAction = async (input: unknown) => runAction(digital.prepareDigitalSignature, input);
export const completeSignatureAction = async (input: unknown) => runAction(digital.completeDigitalSignature, input);
export const signRemoteAction = async (input: unknown) => runAsCaller((caller) => signRemotely(caller, input), ["/outgoing", "/my-work"]);
export const returnDraftAction = async (input: unknown) => runAction(drafts.returnDraft, input);
export const consultUnitsAction = async (input: unknown) => runAction(drafts.consultUnits, input);
export const answerConsultationAction = async (input: unknown) => runAction(drafts.answerConsultation, input);
export const issueDocumentAction = async (input: unknown) => runAction(issuing.issueDocument, input);
export const withdrawDocumentAction = async (input: unknown) => runAction(issuing.withdrawDocument, input);
export const changeOutgoingSecrecyAction = async (input: unknown) => runAction(secrecy.changeOutgoingSecrecy, input);
export const amendIssuedAction = async (input: unknown) => runAction(amendments.amendIssued, input);
export const requestRecallAction = async (input: unknown) => runAction(exchange.requestRecall, input);
export const makeCopyAction = async (input: unknown) => runAction(copies.makeCopy, input);
