import { NextResponse, type NextRequest } from "next/server";
import { repairPath } from "@/lib/search-params";

// Not a security boundary (style.md rule 13): every page and action authorizes itself. This only
// keeps a malformed escape in the path (`/incoming/%ZZ`) from reaching Next's decoder, which would
// answer a bare 500; the route then refuses the literal text like any other bad id (404 / 400).
export function proxy(request: NextRequest) {
  const repaired = repairPath(request.nextUrl.pathname);
  if (repaired === null) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = repaired;
  return NextResponse.rewrite(url);
}

// Only paths holding a "%": a proxy on every request would make Next read each request body for it
// (uploads are refused before their body is read, tests/e2e/files.test.ts) and slow every page.
export const config = { matcher: ["/(.*%.*)"] };
