"use server";

import { runAction } from "@/lib/actions/run";
import * as trust from "@/lib/signatures/trust";

// Quản trị → Chứng thư tin cậy: thin entry points through runAction → executeAction (defineAction).
export const importAnchorsAction = async (input: unknown) => runAction(trust.importAnchors, input);
export const removeAnchorAction = async (input: unknown) => runAction(trust.removeAnchor, input);
