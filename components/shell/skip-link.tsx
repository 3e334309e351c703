/** WCAG 2.4.1: the first thing a keyboard reaches, visible when focused, skips the header and menu. */
export function SkipLink({ target = "noi-dung" }: { target?: string }) {
  return (
    <a
      href={`#${target}`}
      className="sr-only z-50 rounded-md bg-white px-4 py-2 font-medium text-brand-800 underline shadow focus:not-sr-only focus:fixed focus:left-4 focus:top-4"
    >
      Bỏ qua đến nội dung
    </a>
  );
}
