import "server-only";
import { and, eq, isNull, or } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { agencies, agencySigning, trustAnchors } from "@/db/schema";
import { conflict } from "@/lib/errors";
import { AgencyKeyError, getAgencySigner, type AgencySigner } from "@/lib/signatures/agency-key";
import { isoVietnam, pageSize, sealRect, signatureWidgets, signWithAgencyKey, topRightRect, type SignTimings } from "@/lib/signatures/agency-sign";
import { findText } from "@/lib/signatures/pdf/locate";
import { measureText } from "@/lib/signatures/pdf/measure";
import { appendIncrementalUpdate } from "@/lib/signatures/pdf/prepare";
import { readStoredFile, storeGeneratedPdf } from "@/lib/signatures/stored-pdf";
import { verifyPdf } from "@/lib/signatures/verify";

// Phát hành of a document signed digitally by the competent person (issue 14, NĐ 30/2020 Điều 16 and
// Phụ lục I §7–8): the system writes the số, ký hiệu and ngày in their reserved places ("Số:" and
// "…, ngày … tháng … năm …" on page 1) as an incremental update that leaves the signer's signature
// intact, then the Văn thư's step applies the agency signature with the red seal at real size over
// the left third of the signer's image. Only a PDF whose signatures all verify is sealed.

export const NOT_SIGNED =
  "Văn bản chưa có chữ ký số hợp lệ của người có thẩm quyền: không ký số của cơ quan được. Người ký cần ký số văn bản trước khi phát hành.";

/** The trust anchors of the agency and of the installation (not removed), DER. */
export async function trustAnchorsOf(tx: Tx, agencyId: string): Promise<Uint8Array[]> {
  const rows = await tx.select({ der: trustAnchors.der }).from(trustAnchors)
    .where(and(or(eq(trustAnchors.agencyId, agencyId), isNull(trustAnchors.agencyId)), isNull(trustAnchors.revokedAt)));
  return rows.map((r) => r.der);
}

/** Refuses a PDF that does not carry a valid signature of a person (intact, covering the file, trusted, in validity). */
export async function assertSignedByPerson(tx: Tx, agencyId: string, pdf: Uint8Array, now: Date) {
  const result = await verifyPdf(pdf, { trustAnchors: await trustAnchorsOf(tx, agencyId), now });
  if (result.verdict !== "valid" || result.signatures.length === 0) throw conflict(NOT_SIGNED, { verdict: result.verdict });
  return result;
}

export interface IssueStamp {
  symbol: string;
  number: number;
  /** yyyy-mm-dd (Vietnam). */
  issuedDate: string;
}

const right = (h: { x: number; width: number }) => h.x + h.width;
/** The first hit on the same line as `ref` (within half a line), left to right. */
const onLine = <H extends { y: number; x: number; height: number }>(hits: H[], ref: { y: number; height: number }, after = -Infinity) =>
  hits.filter((h) => Math.abs(h.y - ref.y) < Math.max(2, ref.height / 2) && h.x > after).sort((a, b) => a.x - b.x)[0];

/**
 * The drawings of số, ký hiệu and ngày in their places on page 1 (NĐ 30/2020 Phụ lục I: "Số:   /QĐ-SNV"
 * and "…, ngày   tháng   năm …" left blank by the drafter): each value centred in its blank, between
 * the words found with pdf.js. Refuses a PDF without those places.
 */
export async function stampDrawings(pdf: Uint8Array, stamp: IssueStamp) {
  const size = 13;
  const drawings: { text: string; x: number; y: number; font: "serif"; size: number }[] = [];
  const centred = (text: string, from: number, to: number, y: number) => {
    const w = measureText(text, "serif", size);
    drawings.push({ text, x: to - from > w + 4 ? (from + to) / 2 - w / 2 : from + 3, y, font: "serif", size });
  };
  // One pass of pdf.js over page 1 for every word needed.
  const hits = await findText(pdf, /Số\s*:|\/|ngày|tháng|năm|\d{4}/, { page: 0 });
  const of = (re: RegExp) => hits.filter((h) => re.test(h.str));
  const [so] = of(/^Số\s*:$/);
  if (!so) throw conflict('Không tìm thấy chỗ ghi số ("Số:") ở trang đầu của văn bản đã ký.');
  // "Số:     /QĐ-SNV": the ký hiệu is printed, the number goes in the blank; "Số:" alone takes the whole số, ký hiệu.
  const slash = onLine(of(/^\/$/), so, right(so) - 1);
  const number = String(stamp.number).padStart(2, "0");
  if (slash && slash.x - right(so) < 120) centred(number, right(so), slash.x, so.y);
  else drawings.push({ text: stamp.symbol, x: right(so) + 4, y: so.y, font: "serif", size });

  // "ngày … tháng … năm" on one line, in this order.
  const ngay = of(/^ngày$/).find((n) => {
    const t = onLine(of(/^tháng$/), n, n.x);
    return t && onLine(of(/^năm$/), n, t.x);
  });
  if (!ngay) throw conflict('Không tìm thấy chỗ ghi ngày ("ngày … tháng … năm …") ở trang đầu của văn bản đã ký.');
  const thang = onLine(of(/^tháng$/), ngay, ngay.x)!;
  const nam = onLine(of(/^năm$/), ngay, thang.x)!;
  const [yyyy, mm, dd] = stamp.issuedDate.split("-");
  centred(dd, right(ngay), thang.x, ngay.y);
  centred(mm, right(thang), nam.x, ngay.y);
  // A year already printed ("năm 2026") stays as it is.
  const printedYear = onLine(of(/^\d{4}$/), ngay, right(nam) - 1);
  if (!printedYear || printedYear.x - right(nam) > 40) drawings.push({ text: yyyy, x: right(nam) + 4, y: ngay.y, font: "serif", size });
  return { page: 0, drawings };
}

export interface SealedIssue {
  fileId: string;
  timings: SignTimings & { stampMs: number; verifyMs: number };
}

/** Stamps and seals a signed PDF (bytes in, bytes out): the core of Phát hành, also used by the benchmark. */
export async function stampAndSeal(
  signer: AgencySigner,
  signed: Uint8Array,
  opts: { stamp: IssueStamp; seal: Uint8Array; sealWidthMm: number; agencyName: string; now: Date },
): Promise<{ pdf: Uint8Array; timings: SignTimings & { stampMs: number } }> {
  const t0 = performance.now();
  const widgets = await signatureWidgets(signed);
  const person = widgets.at(-1);
  if (!person) throw conflict("Không tìm thấy hình ảnh chữ ký của người có thẩm quyền trên văn bản: không đặt được dấu của cơ quan.");
  const { drawings, page } = await stampDrawings(signed, opts.stamp);
  const stamped = await appendIncrementalUpdate(signed, { page, drawings, subtype: "FreeText", contents: `Số ${opts.stamp.symbol}, ngày ${opts.stamp.issuedDate.split("-").reverse().join("/")}` });
  const stampMs = performance.now() - t0;
  const { pdf, timings } = await signWithAgencyKey(signer, stamped, {
    page: person.page, rect: sealRect(person.rect, opts.seal, opts.sealWidthMm), image: opts.seal,
    reason: "Chữ ký số của cơ quan", name: opts.agencyName, fieldName: "ChuKyCoQuan", signedAt: opts.now,
  });
  return { pdf, timings: { ...timings, stampMs } };
}

/** The agency's seal image and name; refuses when the administrator has not uploaded the seal. */
async function sealOf(tx: Tx, agencyId: string) {
  const [agency] = await tx.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId));
  const [row] = await tx.select({ sealFileId: agencySigning.sealFileId, sealWidthMm: agencySigning.sealWidthMm }).from(agencySigning).where(eq(agencySigning.agencyId, agencyId));
  if (!row?.sealFileId) throw conflict("Chưa có hình ảnh con dấu của cơ quan (PNG). Quản trị hệ thống cần tải lên trước khi phát hành văn bản ký số.");
  const seal = await readStoredFile(tx, agencyId, row.sealFileId);
  return { agencyName: agency.name, seal: seal.bytes, sealWidthMm: Number(row.sealWidthMm) || 36 };
}

/** The agency signer, or a conflict with the Vietnamese reason. */
export async function agencySignerFor(tx: Tx, agencyId: string): Promise<AgencySigner> {
  try {
    return await getAgencySigner(tx, agencyId);
  } catch (e) {
    if (e instanceof AgencyKeyError) throw conflict(e.message);
    throw e;
  }
}

/**
 * Phát hành, electronic: verifies the signer's PDF, stamps and seals it, verifies the result and
 * stores it as the final file (in the caller's transaction; a refusal rolls the number back).
 */
export async function sealIssued(
  tx: Tx,
  actor: { userId: string; agencyId: string },
  doc: { agencyId: string; signedFileId: string } & IssueStamp,
  now: Date,
): Promise<SealedIssue> {
  const signed = await readStoredFile(tx, doc.agencyId, doc.signedFileId);
  const t0 = performance.now();
  await assertSignedByPerson(tx, doc.agencyId, signed.bytes, now);
  const verifyIn = performance.now() - t0;
  const { agencyName, seal, sealWidthMm } = await sealOf(tx, doc.agencyId);
  const signer = await agencySignerFor(tx, doc.agencyId);
  const { pdf, timings } = await stampAndSeal(signer, signed.bytes, { stamp: doc, seal, sealWidthMm, agencyName, now });
  const t1 = performance.now();
  const check = await verifyPdf(pdf, { trustAnchors: await trustAnchorsOf(tx, doc.agencyId), now });
  if (check.verdict !== "valid") throw conflict("Ký số của cơ quan không thành công: văn bản sau khi ký không được xác thực. Vui lòng liên hệ quản trị hệ thống.");
  const verifyMs = verifyIn + performance.now() - t1;
  const name = `${doc.symbol.replace(/[\\/]/g, "-")}.pdf`;
  const fileId = await storeGeneratedPdf(tx, doc.agencyId, actor.userId, pdf, name);
  return { fileId, timings: { ...timings, verifyMs } };
}

/** Attachments in separate files (Phụ lục I §8): the agency signs each at the top right of page 1, no image. */
export async function signAttachment(signer: AgencySigner, pdf: Uint8Array, opts: { symbol: string; agencyName: string; now: Date; index: number }) {
  const lines = [opts.symbol, isoVietnam(opts.now)];
  const page = await pageSize(pdf, 0);
  return signWithAgencyKey(signer, pdf, {
    page: 0, rect: topRightRect(page, lines), lines, font: "serif", fontSize: 10,
    reason: "Chữ ký số của cơ quan (phụ lục)", name: opts.agencyName, fieldName: `ChuKyCoQuanPhuLuc${opts.index + 1}`, signedAt: opts.now,
  });
}
