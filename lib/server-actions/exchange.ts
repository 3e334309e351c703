"use server";

import { runAction } from "@/lib/actions/run";
import * as exchange from "@/lib/exchange/admin";

// Liên thông: "Gửi lại" a message whose sending failed. A thin entry point: runAction → executeAction (the one
// action wrapper) re-loads the user, parses with zod, checks the verb exchange.monitor and authorizes the message's
// row (same agency, lib/exchange/admin.ts resendMessage) before the step runs in one transaction with its audit entry.
export const resendMessageAction = async (input: unknown) => runAction(exchange.resendMessage, input);
