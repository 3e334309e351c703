import { z } from "zod";
import { text, uuid } from "@/lib/validation";

// The clerk's answer to a sender's recall request (13): shared by the actions and the forms.
export const acceptRecallSchema = z.object({ id: uuid });
export const refuseRecallSchema = z.object({ id: uuid, reason: text("lý do từ chối", 500) });
