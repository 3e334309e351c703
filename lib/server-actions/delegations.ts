"use server";

import { runAction } from "@/lib/actions/run";
import { createDelegation, revokeDelegation } from "@/lib/delegations/actions";

export const createDelegationAction = async (input: unknown) => runAction(createDelegation, input);
export const revokeDelegationAction = async (input: unknown) => runAction(revokeDelegation, input);
