import { z } from "zod";
import { param } from "@/lib/search-params";

export const SECURITY_EVENT_KINDS = ["all", "failed", "lockout", "refused"] as const;

/** /admin/security: the kind of event and the id to page back from (lib/search-params.ts). */
export const securitySearchSchema = z.object({
  kind: param.enum(SECURITY_EVENT_KINDS),
  before: param.int(1, Number.MAX_SAFE_INTEGER),
});
