// A symbol unique in this process: a random one alone (1 in 1,000,000) met another among the 200 concurrent
// registrations of a test about 2 % of the runs, and the second was then held back as a likely duplicate.
let symbols = 0;
/** The metadata of a paper document as the clerk's form sends it (Phụ lục VI fields). */
export const paper = (over: Record<string, unknown> = {}) => ({
  symbol: `${Math.floor(Math.random() * 1e6)}-${++symbols}/UBND-VX`,
  issuedDate: "2026-11-20",
  issuerName: "UBND tỉnh Bình Định",
  docType: "Công văn",
  subject: "V/v báo cáo tình hình thực hiện công tác cải cách hành chính năm 2026",
  urgency: "normal",
  secrecy: "normal",
  pageCount: 2,
  ...over,
});
