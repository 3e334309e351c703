import { handleLimitedPage } from "@/lib/auth/limited";

export const GET = (request: Request) => handleLimitedPage(request);
