import { handlePing } from "@/lib/exchange/http";

// "Thử kết nối" of a partner installation: the agencies this installation serves.
export const dynamic = "force-dynamic";

export const GET = () => handlePing();
