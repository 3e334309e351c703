"use server";

import { runAction } from "@/lib/actions/run";
import * as exchange from "@/lib/exchange/admin";

// Liên thông: "Gửi lại" a message whose sending failed.
export const resendMessageAction = async (input: unknown) => runAction(exchange.resendMessage, input);
