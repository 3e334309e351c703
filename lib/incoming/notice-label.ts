/** How a notice names an incoming document: its số đến, else its số/ký hiệu, else its subject. */
export const incomingNoticeLabel = (d: { symbol: string; subject: string; arrivalNo?: number | null; year?: number | null }) =>
  d.arrivalNo ? `số đến ${d.arrivalNo}/${d.year}${d.symbol ? ` (${d.symbol})` : ""}` : d.symbol ? `số ${d.symbol}` : `"${d.subject.slice(0, 80)}"`;
