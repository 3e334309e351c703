import type { NextRequest } from "next/server";
import { limitedIfRefused } from "@/lib/auth/limited";
import { handlers } from "@/lib/auth/next-auth";

export const GET = handlers.GET;
// A sign-in refused by the per-address limit answers 429 (lib/auth/limited.ts).
export const POST = async (request: NextRequest) => limitedIfRefused(request, await handlers.POST(request));
