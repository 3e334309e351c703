// npm run bench:signatures [-- --docs 100 --pages 10]
//
// Issue 14: sign and issue N ten-page documents with the agency key, through SoftHSM2 (PKCS#11) and
// through a PKCS#12 file: for each document the issue core of Phát hành (lib/outgoing/agency-seal.ts
// stampAndSeal: find "Số:" and the date line, stamp them as an incremental update, prepare the agency
// signature with the seal, sign with the key, embed), timed per phase; then the verification of a
// document with two signatures (the signer's and the agency's) with verifyPdf, the screens' code.
// The signer's signature of each document is made beforehand (not timed). Prints a table and one
// JSON line.

import { performance } from "node:perf_hooks";
import { closeAgencyKeys, signerOf, type AgencyKeyConfig } from "@/lib/signatures/agency-key";
import { stampAndSeal } from "@/lib/outgoing/agency-seal";
import { demoSealPng } from "@/lib/signatures/seal-image";
import { verifyPdf } from "@/lib/signatures/verify";
import { hasSoftHsm, makeTestCa, makeSoftHsmToken, SOFTHSM_MODULE } from "../signatures/agency-fixtures";
import { draftPdf, signAsPerson } from "../signatures/draft-pdf";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const DOCS = arg("docs", 100);
const PAGES = arg("pages", 10);

const ca = makeTestCa();
const leader = ca.issue("Nguyễn Văn Hùng");
const agency = ca.issue("Sở Nội vụ tỉnh Bình Định");
const seal = demoSealPng();

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function main() {
  console.log(`Signing ${DOCS} documents of ${PAGES} pages (Node ${process.version}, ${process.platform})`);
  const t0 = performance.now();
  // Every document is its own file (its own number), signed by the leader first.
  const signed: Uint8Array[] = [];
  const template = await draftPdf({ pages: PAGES });
  for (let i = 0; i < DOCS; i++) signed.push(await signAsPerson(template, leader));
  console.log(`  ${DOCS} signer signatures made beforehand in ${((performance.now() - t0) / 1000).toFixed(1)} s (${template.pdf.length} bytes each before signing)`);

  const backends: [string, AgencyKeyConfig][] = [["PKCS#12", { backend: "pkcs12", p12: agency.p12, password: agency.password }]];
  let token: ReturnType<typeof makeSoftHsmToken> | null = null;
  if (hasSoftHsm()) {
    token = makeSoftHsmToken(agency);
    backends.unshift(["SoftHSM2 (PKCS#11)", { backend: "pkcs11", module: SOFTHSM_MODULE, token: token.token, keyLabel: token.keyLabel, pin: token.pin }]);
  } else console.log("  SoftHSM2 not installed: PKCS#11 skipped (apt-get install softhsm2 opensc)");

  // Warm-up (pdf.js and the fonts load once per process), not timed.
  await stampAndSeal(signerOf(backends[backends.length - 1][1]), signed[0], {
    stamp: { number: 0, symbol: "0/QĐ-SNV", issuedDate: "2026-12-02" }, seal, sealWidthMm: 36, agencyName: "Sở Nội vụ tỉnh Bình Định", now: new Date(),
  });
  const results: Record<string, unknown>[] = [];
  let lastIssued: Uint8Array | null = null;
  for (const [label, config] of backends) {
    const signer = signerOf(config);
    await signer.chain();
    const rows: { stamp: number; prepare: number; sign: number; embed: number; total: number }[] = [];
    const started = performance.now();
    for (let i = 0; i < DOCS; i++) {
      const a = performance.now();
      const { pdf, timings } = await stampAndSeal(signer, signed[i], {
        stamp: { number: i + 1, symbol: `${i + 1}/QĐ-SNV`, issuedDate: "2026-12-02" }, seal, sealWidthMm: 36, agencyName: "Sở Nội vụ tỉnh Bình Định", now: new Date(),
      });
      rows.push({ stamp: timings.stampMs, prepare: timings.prepareMs, sign: timings.signMs, embed: timings.embedMs, total: performance.now() - a });
      lastIssued = pdf;
    }
    const wall = (performance.now() - started) / 1000;
    const col = (k: keyof (typeof rows)[number]) => mean(rows.map((r) => r[k])) / 1000;
    const r = {
      backend: label, docs: DOCS, pages: PAGES, wallSeconds: +wall.toFixed(2), secondsPerDoc: +(wall / DOCS).toFixed(4),
      stamp: +col("stamp").toFixed(4), prepare: +col("prepare").toFixed(4), sign: +col("sign").toFixed(4), embed: +col("embed").toFixed(4),
      p95: +(pct(rows.map((x) => x.total), 95) / 1000).toFixed(4),
    };
    results.push(r);
    console.log(`  ${label.padEnd(20)} ${r.secondsPerDoc.toFixed(3)} s/doc (stamp ${r.stamp.toFixed(3)}, prepare ${r.prepare.toFixed(3)}, sign ${r.sign.toFixed(3)}, embed ${r.embed.toFixed(3)}; p95 ${r.p95.toFixed(3)}); ${r.wallSeconds} s in all`);
  }

  // Verification of one issued document (two signatures), repeated.
  const runs = 20;
  const times: number[] = [];
  let verdict = "";
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    const v = await verifyPdf(lastIssued!, { trustAnchors: [ca.caDer] });
    times.push(performance.now() - a);
    verdict = `${v.verdict}, ${v.signatures.length} signatures`;
  }
  const verify = { runs, meanSeconds: +(mean(times) / 1000).toFixed(4), p95Seconds: +(pct(times, 95) / 1000).toFixed(4), bytes: lastIssued!.length, verdict };
  console.log(`  verification of a ${PAGES}-page document with two signatures: ${verify.meanSeconds.toFixed(3)} s mean, ${verify.p95Seconds.toFixed(3)} s p95 (${verdict}, ${verify.bytes} bytes)`);
  console.log(JSON.stringify({ bench: "signatures", results, verify }));
  closeAgencyKeys();
  token?.cleanup();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
