"use server";

import { runAction } from "@/lib/actions/run";
import * as settings from "@/lib/signatures/agency-settings";

// Quản trị → Ký số của cơ quan: thin entry points, each through runAction → executeAction (defineAction).
export const setAgencyKeyPkcs12Action = async (input: unknown) => runAction(settings.setAgencyKeyPkcs12, input);
export const setAgencyKeyPkcs11Action = async (input: unknown) => runAction(settings.setAgencyKeyPkcs11, input);
export const setAgencySealAction = async (input: unknown) => runAction(settings.setAgencySeal, input);
export const testAgencyKeyAction = async (input: unknown) => runAction(settings.testAgencyKey, input);
