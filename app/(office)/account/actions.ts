"use server";

import { endOtherSessions, endOwnSession } from "@/lib/account/actions";
import { runAction } from "@/lib/actions/run";

export const endSessionAction = async (input: unknown) => runAction(endOwnSession, input);
export const endOtherSessionsAction = async () => runAction(endOtherSessions, {});
