import { handleUpload } from "@/lib/storage/http";

// Uploads stream through here, not through a server action (whose body is capped at 1 MB and buffered).
export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleUpload(request);
