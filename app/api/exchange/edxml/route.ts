import { handleEdxmlPost } from "@/lib/exchange/http";

// Liên thông, direct transport: another installation posts a signed edXML message here
// (authenticated by the signature and the directory, lib/exchange/receive.ts; no session).
export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleEdxmlPost(request);
