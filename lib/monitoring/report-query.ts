import { z } from "zod";
import { param } from "@/lib/search-params";
import { periodSearchSchema } from "./period";

/** The reports' page and downloads: which report, the period and the unit (a bad value is left out on the page). */
export const reportSearchSchema = periodSearchSchema.extend({ kind: param.enum(["incoming", "outgoing"] as const) });
export const reportDownloadSchema = reportSearchSchema.extend({ format: z.enum(["pdf", "xlsx"]) });
