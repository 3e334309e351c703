import fs from "node:fs";
import { parseArgs } from "node:util";
import { readCertificates } from "../lib/signatures/certificates";
import { verifyPdf } from "../lib/signatures/verify";

const HELP = `Dùng: npm run pdf:verify -- [--trust CA.pem ...] [--db] TỆP.pdf ...

Kiểm tra chữ ký số trong từng tệp PDF bằng đúng mã mà màn hình dùng (lib/signatures/verify.ts) và in
một dòng JSON cho mỗi tệp: {file, signatures: [{signer, issuer, signedAt, coversWholeFile, modifiedAfter,
certificateValid, trusted, integrity, problem?}], verdict: valid|modified|invalid|unsigned}.

  --trust FILE   chứng thư gốc tin cậy (PEM, DER .cer/.crt, .p7b); dùng được nhiều lần
  --db           thêm các chứng thư gốc tin cậy mà quản trị viên đã nhập (cơ sở dữ liệu đã cấu hình)

Mã thoát: 0 khi mọi tệp "valid"; 1 khi có tệp không "valid" (modified, invalid, unsigned hoặc không đọc
được) — để dùng trong kịch bản kiểm tra; 2 khi dùng sai lệnh.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { trust: { type: "string", multiple: true }, db: { type: "boolean" }, help: { type: "boolean", short: "h" } },
});
if (values.help || !positionals.length) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const anchors: Uint8Array[] = [];
for (const file of values.trust ?? []) {
  const certs = readCertificates(new Uint8Array(fs.readFileSync(file)));
  if (!certs.length) {
    console.error(`Không đọc được chứng thư trong ${file}`);
    process.exit(2);
  }
  anchors.push(...certs);
}
if (values.db) {
  const { configuredDbOptions, openDb } = await import("../db/client");
  const { allLiveAnchors } = await import("../lib/signatures/trust");
  const handle = await openDb({ ...configuredDbOptions(), migrate: false });
  try {
    anchors.push(...(await allLiveAnchors(handle.db)));
  } finally {
    await handle.close();
  }
}
let allValid = true;
for (const file of positionals) {
  let line: object;
  try {
    const r = await verifyPdf(new Uint8Array(fs.readFileSync(file)), { trustAnchors: anchors });
    line = {
      file,
      signatures: r.signatures.map((s) => ({
        signer: s.signer, issuer: s.issuer, signedAt: s.signedAt, coversWholeFile: s.coversWholeFile, modifiedAfter: s.modifiedAfter,
        certificateValid: s.certificateValid, trusted: s.trusted, integrity: s.integrity, ...(s.problem ? { problem: s.problem } : {}),
      })),
      verdict: r.verdict,
      ...(r.error ? { error: r.error } : {}),
    };
    allValid &&= r.verdict === "valid";
  } catch (e) {
    line = { file, signatures: [], verdict: "invalid", error: (e as Error).message };
    allValid = false;
  }
  console.log(JSON.stringify(line));
}
process.exit(allValid ? 0 : 1);
