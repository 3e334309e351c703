import { IGNORED_NOTICE } from "@/lib/search-params";

/** Shown above a list when some of its search parameters were invalid and left out (lib/search-params.ts). */
export function IgnoredParamsNotice({ ignored }: { ignored: readonly string[] }) {
  if (!ignored.length) return null;
  return (
    <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {IGNORED_NOTICE}
    </p>
  );
}
