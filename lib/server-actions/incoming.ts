"use server";

import { runAction } from "@/lib/actions/run";
import * as inboundRecall from "@/lib/exchange/inbound-recall";
import * as incoming from "@/lib/incoming/actions";
import * as corrections from "@/lib/incoming/corrections";
import * as processing from "@/lib/incoming/process";
import * as monitoring from "@/lib/monitoring/remind";
import * as secrecy from "@/lib/incoming/secrecy";

// Thin entry points; each goes through runAction → executeAction (the one action wrapper), which
// re-loads the user, parses with zod and authorizes the row before the step runs.
export const registerPaperAction = async (input: unknown) => runAction(incoming.registerPaper, input);
export const linkPaperCopyAction = async (input: unknown) => runAction(incoming.linkPaperCopy, input);
export const registerArrivalAction = async (input: unknown) => runAction(incoming.registerArrival, input);
export const returnToSenderAction = async (input: unknown) => runAction(incoming.returnToSender, input);
export const submitToLeaderAction = async (input: unknown) => runAction(incoming.submitToLeader, input);
export const assignDocumentAction = async (input: unknown) => runAction(incoming.assignDocument, input);
export const passToLeaderAction = async (input: unknown) => runAction(incoming.passToLeader, input);
export const sendBackToClerkAction = async (input: unknown) => runAction(incoming.sendBackToClerk, input);
export const handOverPaperAction = async (input: unknown) => runAction(incoming.handOverPaper, input);
export const cascadeAssignmentAction = async (input: unknown) => runAction(processing.cascadeAssignment, input);
export const noteProgressAction = async (input: unknown) => runAction(processing.noteProgress, input);
export const sendOpinionAction = async (input: unknown) => runAction(processing.sendOpinion, input);
export const markSeenAction = async (input: unknown) => runAction(processing.markSeen, input);
export const completeAssignmentAction = async (input: unknown) => runAction(processing.completeAssignment, input);
export const changeIncomingSecrecyAction = async (input: unknown) => runAction(secrecy.changeIncomingSecrecy, input);
export const correctRegistrationAction = async (input: unknown) => runAction(corrections.correctRegistration, input);
export const voidRegistrationAction = async (input: unknown) => runAction(corrections.voidRegistration, input);
export const requestCorrectionAction = async (input: unknown) => runAction(corrections.requestCorrection, input);
export const acceptRecallAction = async (input: unknown) => runAction(inboundRecall.acceptRecall, input);
export const refuseRecallAction = async (input: unknown) => runAction(inboundRecall.refuseRecall, input);
export const remindAction = async (input: unknown) => runAction(monitoring.remind, input);
