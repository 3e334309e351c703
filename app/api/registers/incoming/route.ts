/** The downloads' first address (incoming books only): kept so that saved links still work. */
export function GET(request: Request): Response {
  return new Response(null, { status: 308, headers: { Location: `/api/registers${new URL(request.url).search}` } });
}
