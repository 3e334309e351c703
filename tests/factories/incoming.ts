/** The metadata of a paper document as the clerk's form sends it (Phụ lục VI fields). */
export const paper = (over: Record<string, unknown> = {}) => ({
  symbol: `${Math.floor(Math.random() * 1e6)}/UBND-VX`,
  issuedDate: "2026-11-20",
  issuerName: "UBND tỉnh Bình Định",
  docType: "Công văn",
  subject: "V/v báo cáo tình hình thực hiện công tác cải cách hành chính năm 2026",
  urgency: "normal",
  secrecy: "normal",
  pageCount: 2,
  ...over,
});
