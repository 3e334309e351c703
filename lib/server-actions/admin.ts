"use server";

import { runAction } from "@/lib/actions/run";
import * as monitoring from "@/lib/monitoring/settings-actions";
import * as org from "@/lib/org/actions";

// Thin entry points: every one goes through runAction → executeAction (defineAction wrapper), which
// authorizes the administrator for the row of their own agency before the step runs.
export const createUnitAction = async (input: unknown) => runAction(org.createUnit, input);
export const updateUnitAction = async (input: unknown) => runAction(org.updateUnit, input);
export const createPositionAction = async (input: unknown) => runAction(org.createPosition, input);
export const deletePositionAction = async (input: unknown) => runAction(org.deletePosition, input);
export const createUserAction = async (input: unknown) => runAction(org.createUser, input);
export const updateUserAction = async (input: unknown) => runAction(org.updateUser, input);
export const setUserActiveAction = async (input: unknown) => runAction(org.setUserActive, input);
export const grantPositionAction = async (input: unknown) => runAction(org.grantPosition, input);
export const revokePositionAction = async (input: unknown) => runAction(org.revokePosition, input);
export const linkSsoAction = async (input: unknown) => runAction(org.linkSso, input);
export const unlinkSsoAction = async (input: unknown) => runAction(org.unlinkSso, input);
export const resetPasswordAction = async (input: unknown) => runAction(org.resetPassword, input);
export const updateAgencyAction = async (input: unknown) => runAction(org.updateAgency, input);
export const updateReminderSettingsAction = async (input: unknown) => runAction(monitoring.updateReminderSettings, input);
