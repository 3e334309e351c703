"use server";

import { runAction } from "@/lib/actions/run";
import * as files from "@/lib/work-files/actions";
import * as handover from "@/lib/work-files/handover";
import * as plan from "@/lib/work-files/plan";

// Thin entry points; each goes through runAction → executeAction (the one action wrapper), which
// re-loads the user, parses with zod and authorizes the row before the step runs.
export const createPlanAction = async (input: unknown) => runAction(plan.createPlan, input);
export const saveHeadingAction = async (input: unknown) => runAction(plan.saveHeading, input);
export const savePlanItemAction = async (input: unknown) => runAction(plan.saveItem, input);
export const deletePlanItemAction = async (input: unknown) => runAction(plan.deleteItem, input);
export const openFromItemAction = async (input: unknown) => runAction(files.openFromItem, input);
export const openAdHocAction = async (input: unknown) => runAction(files.openAdHoc, input);
export const addDocumentAction = async (input: unknown) => runAction(files.addDocument, input);
export const addUploadAction = async (input: unknown) => runAction(files.addUpload, input);
export const removeEntryAction = async (input: unknown) => runAction(files.removeEntry, input);
export const moveEntryAction = async (input: unknown) => runAction(files.moveEntry, input);
export const sortEntriesAction = async (input: unknown) => runAction(files.sortEntries, input);
export const closeFileAction = async (input: unknown) => runAction(files.closeFile, input);
export const reopenFileAction = async (input: unknown) => runAction(files.reopenFile, input);
export const reconcileFileAction = async (input: unknown) => runAction(files.reconcileFile, input);
export const handOverAction = async (input: unknown) => runAction(handover.handOver, input);
export const acceptBatchAction = async (input: unknown) => runAction(handover.acceptBatch, input);
export const returnBatchAction = async (input: unknown) => runAction(handover.returnBatch, input);
