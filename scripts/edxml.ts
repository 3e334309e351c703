/**
 * Operator command: `npm run edxml -- check [--trust CERT.pem ...] FILE...`
 * Prints one JSON line per file (kind, businessDocType, statusCode, from, to, documentId, subject,
 * attachments [{name, bytes}], signature {status: valid|invalid|absent, reason}); exits 1 when any file is
 * unreadable or refused (malformed, DOCTYPE, over the limits, a field rule broken), 0 otherwise.
 */
import { readFile } from "node:fs/promises";
import { checkEdxml, type CheckLine } from "../lib/edxml/check";

const USAGE = "Cách dùng: npm run edxml -- check [--trust CHỨNG_THƯ.pem …] TỆP.edxml [TỆP…]";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // --trust FILE (repeatable): a PEM certificate of a partner, or of a CA that issues partners' certificates.
  const trusted: Buffer[] = [];
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--trust" && rest[i + 1]) trusted.push(await readFile(rest[++i]));
    else files.push(rest[i]);
  }
  if (command !== "check" || files.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const trust = { certificates: trusted, cas: trusted };
  let failed = false;
  for (const file of files) {
    let line: CheckLine;
    try {
      line = await checkEdxml(file, await readFile(file), trust);
    } catch (e) {
      line = { file, ok: false, error: "unreadable", reason: `Không đọc được tệp: ${(e as Error).message}` };
    }
    if (!line.ok) failed = true;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
