"use server";

import * as agencies from "@/lib/agencies/actions";
import { runAction } from "@/lib/actions/run";

// Quản trị cấp tỉnh: thin entry points through runAction → executeAction (the one action wrapper).
export const createAgencyAction = async (input: unknown) => runAction(agencies.createAgency, input);
export const createAgencyAdminAction = async (input: unknown) => runAction(agencies.createAgencyAdmin, input);
export const disableAgencyAction = async (input: unknown) => runAction(agencies.disableAgency, input);
export const enableAgencyAction = async (input: unknown) => runAction(agencies.enableAgency, input);
