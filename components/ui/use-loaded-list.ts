"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A list a form asks for when it opens (`GET url` answering `{ [key]: T[] }`) instead of the page carrying it:
 * the agency's people in the Nơi nhận and Chuyển xử lý forms. `load()` gives the list once it is there (again
 * after a failure), or null when it could not be had; `error` says so in Vietnamese. No url: nothing is asked.
 */
export function useLoadedList<T>(url: string | undefined, key: string, failure: string) {
  const [list, setList] = useState<T[] | null>(null);
  const [error, setError] = useState<string>();
  const loading = useRef<Promise<T[] | null> | null>(null);
  const load = (): Promise<T[] | null> => {
    if (!url) return Promise.resolve(null);
    return (loading.current ??= fetch(url, { cache: "no-store" })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        return ((await res.json()) as Record<string, T[]>)[key] ?? [];
      })
      .then(
        (loaded) => {
          setList(loaded);
          setError(undefined);
          return loaded;
        },
        () => {
          // Asked again by the next load (a paste, a reload).
          loading.current = null;
          setError(failure);
          return null;
        },
      ));
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);
  return { list, error, load };
}
