import "reflect-metadata";
import { X509Certificate, createPrivateKey, randomInt, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agencies, agencyDirectory } from "@/db/schema";
import {
  buildEdxml, createDocumentMessage, createStatusMessage, type DocumentMessageInput, type EdxmlAttachment, type EdxmlOrganization, type StatusCode,
} from "@/lib/edxml";
import { signEdxml, type SigningKey } from "@/lib/edxml/signature";
import { buildWorld, type World } from "../factories/org";
import { pdf } from "../unit/storage-fixtures";

// Liên thông receiving tests (issue 13): a receiving agency (a test world with a valid mã định danh), a
// partner agency of another installation in its directory with a certificate generated here, and
// messages built and signed with lib/edxml as the sender's installation would.

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const ALG = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const DAY = 86_400_000;

export type Party = SigningKey & { key: string; cert: string; x509: X509Certificate };

export async function makeParty(subject: string, validity: { from: number; to: number } = { from: -30 * DAY, to: 365 * DAY }): Promise<Party> {
  const k = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomInt(1, 2 ** 31).toString(16).padStart(8, "0"),
    name: subject,
    notBefore: new Date(Date.now() + validity.from),
    notAfter: new Date(Date.now() + validity.to),
    signingAlgorithm: ALG,
    keys: k,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true)],
  });
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", k.privateKey));
  const key = createPrivateKey({ key: der, format: "der", type: "pkcs8" }).export({ type: "pkcs8", format: "pem" }) as string;
  const certPem = cert.toString("pem");
  return { key, cert: certPem, x509: new X509Certificate(certPem) };
}

const organId = () => `000.00.${String(randomInt(10, 99))}.H${String(randomInt(10, 99))}`;

export interface Setup {
  w: World;
  /** Our (receiving) agency. */
  us: EdxmlOrganization;
  /** The partner that sends to us. */
  them: EdxmlOrganization;
  party: Party;
  directoryId: string;
}

/** A receiving agency with a valid OrganId and one partner (pinned self-signed certificate) in its directory. */
export async function setupReceiver(db: Db): Promise<Setup> {
  const w = await buildWorld(db);
  let ours = organId();
  for (;;) {
    try {
      await db.update(agencies).set({ organId: ours, name: `Sở Nội vụ ${ours}` }).where(eq(agencies.id, w.agencyId));
      break;
    } catch {
      ours = organId();
    }
  }
  let theirs = organId();
  while (theirs === ours) theirs = organId();
  const party = await makeParty(`CN=Sở Tài chính tỉnh Bình Định, OU=${theirs}, O=Sở Tài chính tỉnh Bình Định, C=VN`);
  const [d] = await db
    .insert(agencyDirectory)
    .values({ agencyId: w.agencyId, name: "Sở Tài chính tỉnh Bình Định", organId: theirs, transport: "direct", endpoint: "http://127.0.0.1:9", certPem: party.cert })
    .returning({ id: agencyDirectory.id });
  return {
    w,
    us: { organId: ours, organName: `Sở Nội vụ ${ours}` },
    them: { organId: theirs, organName: "Sở Tài chính tỉnh Bình Định", organizationInCharge: "UBND tỉnh Bình Định" },
    party,
    directoryId: d.id,
  };
}

export const pdfAttachment = (name = "cong-van.pdf", text = "Cong van so 12"): EdxmlAttachment => ({
  contentId: `cid:${name}`,
  name,
  contentType: "application/pdf",
  data: pdf(text),
});

let serial = 100;

/** An unsigned document message from them to us (overrides merged in). */
export function documentMessage(s: Setup, over: Partial<DocumentMessageInput> = {}) {
  return createDocumentMessage({
    from: s.them,
    to: [s.us],
    code: { codeNumber: String(serial++), codeNotation: "STC-VP" },
    promulgationDate: new Date(Date.now() - DAY),
    place: "Bình Định",
    documentType: { type: 1, typeName: "Công văn" },
    subject: "V/v phối hợp triển khai liên thông văn bản",
    signerInfo: { competence: "KT. GIÁM ĐỐC", position: "Phó Giám đốc", fullName: "Trần Thị Mỹ Hạnh" },
    otherInfo: { priority: 1, pageAmount: 2, appendixes: [] },
    toPlaces: ["Như trên"],
    attachments: [pdfAttachment()],
    ...over,
  });
}

export const signed = (xml: string, party: Party) => Buffer.from(signEdxml(xml, party), "utf8");

export function signedDocument(s: Setup, over: Partial<DocumentMessageInput> = {}, party: Party = s.party) {
  const m = documentMessage(s, over);
  return { message: m, raw: signed(buildEdxml(m), party) };
}

/** A status from them about `documentId` (13: a document they sent us; others: one we sent). ResponseFor OrganId is the status's receiver: us. */
export function signedStatus(s: Setup, documentId: string, statusCode: StatusCode, description?: string, party: Party = s.party, at?: Date) {
  const m = createStatusMessage({
    from: s.them,
    responseFor: { organId: s.us.organId, documentId },
    statusCode,
    ...(description ? { description } : {}),
    ...(at ? { at } : {}),
  });
  return signed(buildEdxml(m), party);
}
