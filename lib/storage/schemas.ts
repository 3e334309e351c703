import { z } from "zod";
import { param } from "@/lib/search-params";

/** GET /api/files/[id]: shown in the page's viewer instead of downloaded (lib/search-params.ts). */
export const downloadSearchSchema = z.object({ inline: param.flag() });
