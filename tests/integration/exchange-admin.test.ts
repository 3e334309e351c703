import { createPrivateKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import { and, eq } from "drizzle-orm";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencies, agencyDirectory, auditEvents, exchangeIdentities, exchangeMessages, jobs } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { loadActor } from "@/lib/auth/actor";
import {
  createPartner, directoryView, PING, generateKey, identityView, importDirectory, importPkcs12, loadCertificate, pendingCsr, pingPartner, resendMessage,
  setPartnerActive, updateAxis, updateIdentity, updatePartner,
} from "@/lib/exchange/admin";
import { axisConfigOf, signingKeyOf } from "@/lib/exchange/identity";
import { listMessages, tabCounts } from "@/lib/exchange/monitor";
import { queueMessage, SEND_QUEUE } from "@/lib/exchange/outbox";
import { registerTransport } from "@/lib/exchange/transports";
import type { Partner, Transport } from "@/lib/exchange/transport";
import { registerPaper } from "@/lib/incoming/actions";
import { outgoingRecipientOptions } from "@/lib/outgoing/options";
import { paper } from "../factories/incoming";
import { buildWorld, callerOf, keyed, type World } from "../factories/org";
import { auditRows, createTestDb, DB_KINDS, type TestDb } from "../helpers/db";

// Issue 13, administration: this agency's exchange identity, key and certificate (PKCS#12, or a
// generated key with its request and the CA's certificate), the axis, the directory of partner
// agencies with its import and "Thử kết nối"; and "Gửi lại" of the /exchange monitor.

process.env.EXCHANGE_SECRET ||= "exchange-admin-test-secret";

// ── certificates made here with node-forge ──────────────────────────────────────────────────
const toForgeKey = (pem: string) => forge.pki.privateKeyFromPem(createPrivateKey(pem).export({ type: "pkcs1", format: "pem" }) as string) as forge.pki.rsa.PrivateKey;
function rsa() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: "pkcs8", format: "pem" }) as string;
}
const CA_KEY = rsa();
const caName = [{ name: "commonName", value: "CA thử nghiệm Ban Cơ yếu", valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }];
/** A certificate by the test CA for a public key, valid from `from` for `days` days. */
function issue(publicKey: forge.pki.PublicKey, subject: forge.pki.CertificateField[], days = 365, from = new Date(Date.now() - 86_400_000)): string {
  const c = forge.pki.createCertificate();
  c.publicKey = publicKey;
  c.serialNumber = "0" + Math.floor(Math.random() * 1e12).toString(16);
  c.validity.notBefore = from;
  c.validity.notAfter = new Date(from.getTime() + days * 86_400_000);
  c.setSubject(subject);
  c.setIssuer(caName);
  c.sign(toForgeKey(CA_KEY), forge.md.sha256.create());
  return forge.pki.certificateToPem(c);
}
function keyAndCert(days = 365) {
  const key = rsa();
  const fk = toForgeKey(key);
  return { key, cert: issue(forge.pki.setRsaPublicKey(fk.n, fk.e), [{ name: "commonName", value: "So Tai chinh" }], days) };
}
function p12(key: string, cert: string, password: string): string {
  const asn1 = forge.pkcs12.toPkcs12Asn1(toForgeKey(key), [forge.pki.certificateFromPem(cert)], password, { algorithm: "3des" });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary").toString("base64");
}
const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

describe.each(DB_KINDS)("exchange administration on %s", (kind) => {
  let t: TestDb;
  let w: World;
  let other: World;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const as = (userId: string) => (def: ActionDefinition<any, any, any>, input: unknown) => executeAction(def, callerOf(userId), keyed(input), t.db);
  const admin = () => as(w.people.admin.id);
  const identity = async (agencyId = w.agencyId) => (await t.db.select().from(exchangeIdentities).where(eq(exchangeIdentities.agencyId, agencyId)))[0];
  const auditText = async () => JSON.stringify(await t.db.select({ p: auditEvents.payload }).from(auditEvents).where(eq(auditEvents.actorId, w.people.admin.id)));

  beforeAll(async () => {
    t = await createTestDb(kind);
    w = await buildWorld(t.db);
    other = await buildWorld(t.db);
    await t.db.update(agencies).set({ name: "Sở Nội vụ tỉnh Bình Định", organId: `000.00.${Math.floor(Math.random() * 90 + 10)}.H08`, parentName: "UBND tỉnh Bình Định" }).where(eq(agencies.id, w.agencyId));
  });
  afterAll(async () => t?.drop());

  it("saves the identity's address and contact, and refuses a bad e-mail with a Vietnamese message", async () => {
    const input = { address: "01 Trần Phú, TP Quy Nhơn, tỉnh Bình Định", email: "snv@binhdinh.gov.vn", telephone: "0256 3822 000", website: "https://snv.binhdinh.gov.vn" };
    expect(await admin()(updateIdentity, input)).toMatchObject({ ok: true });
    expect(await identity()).toMatchObject(input);
    const bad = await admin()(updateIdentity, { ...input, email: "không-phải-email" });
    expect(bad).toMatchObject({ ok: false, code: "validation" });
    expect(!bad.ok && bad.fieldErrors?.email?.[0]).toMatch(/Thư điện tử chưa đúng/);
    expect((await identity()).email).toBe(input.email);
    // The clerk may not.
    expect(await as(w.people.clerk.id)(updateIdentity, input)).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("imports a PKCS#12: the key sealed, the certificate shown, nothing of the key in the audit", async () => {
    const { key, cert } = keyAndCert();
    const wrong = await admin()(importPkcs12, { file: p12(key, cert, "mật-khẩu"), password: "sai" });
    expect(wrong).toMatchObject({ ok: false, code: "validation" });
    expect(!wrong.ok && wrong.fieldErrors?.file?.[0]).toBe("Mật khẩu của tệp PKCS#12 không đúng.");
    expect(await admin()(importPkcs12, { file: b64("không phải PKCS#12"), password: "" })).toMatchObject({ ok: false, code: "validation" });

    expect(await admin()(importPkcs12, { file: p12(key, cert, "mật-khẩu"), password: "mật-khẩu" })).toMatchObject({ ok: true });
    const row = await identity();
    expect(row.keyEnc).toMatch(/^v1\./);
    expect(row.keyEnc).not.toContain("PRIVATE KEY");
    expect(new X509Certificate(row.certPem!).fingerprint256).toBe(new X509Certificate(cert).fingerprint256);
    const signing = await signingKeyOf(t.db, w.agencyId);
    expect(signing?.key).toContain("BEGIN PRIVATE KEY");
    const view = await identityView(w.agencyId, { db: t.db });
    expect(view).toMatchObject({ hasKey: true, hasCsr: false, certificate: { issuer: "CN=CA thử nghiệm Ban Cơ yếu", state: "ok" } });
    expect(JSON.stringify(view)).not.toContain("PRIVATE KEY");
    const audit = await auditText();
    expect(audit).toContain(new X509Certificate(cert).fingerprint256);
    expect(audit).not.toContain("PRIVATE");
    expect(audit).not.toContain("mật-khẩu");
  });

  it("warns within 30 days of expiry and when expired", async () => {
    const soon = keyAndCert(20);
    expect(await admin()(importPkcs12, { file: p12(soon.key, soon.cert, "x"), password: "x" })).toMatchObject({ ok: true });
    expect((await identityView(w.agencyId, { db: t.db })).certificate).toMatchObject({ state: "expiring" });
    expect((await identityView(w.agencyId, { db: t.db, now: new Date(Date.now() + 40 * 86_400_000) })).certificate).toMatchObject({ state: "expired" });
  });

  it("generates a key and a certificate request naming the agency, then loads only the matching certificate", async () => {
    expect(await admin()(generateKey, { confirm: true })).toMatchObject({ ok: true });
    const row = await identity();
    expect(row.certPem).toBeNull();
    expect(row.csrPem).toContain("BEGIN CERTIFICATE REQUEST");
    const csr = forge.pki.certificationRequestFromPem((await pendingCsr(w.agencyId, t.db))!);
    expect(csr.verify()).toBe(true);
    const attr = (n: string) => csr.subject.attributes.find((a) => a.name === n || a.type === n)?.value as string;
    expect(forge.util.decodeUtf8(attr("commonName"))).toBe("Sở Nội vụ tỉnh Bình Định");
    expect(forge.util.decodeUtf8(attr("organizationName"))).toBe("UBND tỉnh Bình Định");
    const [a] = await t.db.select().from(agencies).where(eq(agencies.id, w.agencyId));
    expect(attr("0.9.2342.19200300.100.1.1")).toBe(a.organId);
    expect((csr.publicKey as forge.pki.rsa.PublicKey).n.bitLength()).toBe(2048);

    // A certificate for another key is refused; the CA's certificate for the request is taken, as PEM or DER.
    const stranger = keyAndCert();
    const mismatch = await admin()(loadCertificate, { file: b64(stranger.cert) });
    expect(mismatch).toMatchObject({ ok: false, code: "validation" });
    expect(!mismatch.ok && mismatch.fieldErrors?.file?.[0]).toMatch(/không khớp với khóa/);
    expect(await admin()(loadCertificate, { file: b64("rác") })).toMatchObject({ ok: false, code: "validation" });
    // Parsed values are UTF-8 bytes; forge encodes a UTF8String value again, so decode them first.
    const subject = csr.subject.attributes.map((a) => (a.valueTagClass === (forge.asn1.Type.UTF8 as unknown) ? { ...a, value: forge.util.decodeUtf8(a.value as string) } : a));
    const issued = issue(csr.publicKey!, subject);
    const der = new X509Certificate(issued).raw;
    expect(await admin()(loadCertificate, { file: der.toString("base64") })).toMatchObject({ ok: true });
    const after = await identity();
    expect(after.csrPem).toBeNull();
    expect(new X509Certificate(after.certPem!).fingerprint256).toBe(new X509Certificate(issued).fingerprint256);
    const view = await identityView(w.agencyId, { db: t.db });
    expect(view.certificate?.subject).toContain("CN=Sở Nội vụ tỉnh Bình Định");
    expect(view.certificate?.validTo.getTime()).toBeGreaterThan(Date.now());
    expect((await signingKeyOf(t.db, w.agencyId))?.cert).toBe(after.certPem);
    expect(await auditText()).not.toContain("PRIVATE");
  });

  it("saves the axis; the password is sealed, kept when left empty, never in the audit", async () => {
    expect(await admin()(updateAxis, { axisUrl: "https://truc.binhdinh.gov.vn/api", axisUsername: "snv", axisSecret: "Bí-mật-trục" })).toMatchObject({ ok: true });
    expect((await identity()).axisSecretEnc).toMatch(/^v1\./);
    expect(await admin()(updateAxis, { axisUrl: "https://truc.binhdinh.gov.vn/api/v2", axisUsername: "snv", axisSecret: "" })).toMatchObject({ ok: true });
    expect(await axisConfigOf(t.db, w.agencyId, {} as NodeJS.ProcessEnv)).toEqual({ url: "https://truc.binhdinh.gov.vn/api/v2", username: "snv", secret: "Bí-mật-trục" });
    expect((await identityView(w.agencyId, { db: t.db })).hasAxisSecret).toBe(true);
    expect(await auditText()).not.toContain("Bí-mật-trục");
    expect(await admin()(updateAxis, { axisUrl: "ftp://x", axisUsername: "", axisSecret: "" })).toMatchObject({ ok: false, code: "validation" });
  });

  it("adds, edits and deactivates partners; the mã định danh has its format and is unique per agency", async () => {
    const base = { name: "Sở Tài chính tỉnh Bình Định", organId: "000.00.12.H09", transport: "direct", endpoint: "https://vpdt.stc.binhdinh.gov.vn", address: "Quy Nhơn", certPem: "", caPem: "", sortOrder: 1 };
    const created = await admin()(createPartner, base);
    expect(created).toMatchObject({ ok: true });
    const id = (created as { data: { id: string } }).data.id;
    const dup = await admin()(createPartner, { ...base, name: "Trùng" });
    expect(dup).toMatchObject({ ok: false, code: "validation" });
    expect(!dup.ok && dup.fieldErrors?.organId?.[0]).toBe("Mã định danh này đã có trong danh bạ của cơ quan.");
    const badFormat = await admin()(createPartner, { ...base, organId: "12.H09" });
    expect(!badFormat.ok && badFormat.fieldErrors?.organId?.[0]).toMatch(/000\.00\.00\.X00/);
    const noEndpoint = await admin()(createPartner, { ...base, organId: "000.00.12.H10", endpoint: "" });
    expect(!noEndpoint.ok && noEndpoint.fieldErrors?.endpoint?.[0]).toMatch(/địa chỉ máy chủ/);
    // Another agency may have the same mã định danh in its own directory.
    expect(await as(other.people.admin.id)(createPartner, base)).toMatchObject({ ok: true });
    // A paper-only agency: no mã định danh, no transport.
    expect(await admin()(createPartner, { ...base, name: "Báo Bình Định", organId: "", transport: "", endpoint: "" })).toMatchObject({ ok: true });

    expect(await admin()(updatePartner, { ...base, id, transport: "axis", endpoint: "" })).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.id, id));
    expect(row).toMatchObject({ transport: "axis", organId: "000.00.12.H09", name: base.name });
    expect((await outgoingRecipientOptions(w.agencyId)).filter((o) => o.kind === "agency").map((o) => [o.label, o.electronic])).toEqual(
      expect.arrayContaining([[base.name, true], ["Báo Bình Định", false]]),
    );
    expect(await admin()(setPartnerActive, { id, active: false })).toMatchObject({ ok: true });
    expect((await outgoingRecipientOptions(w.agencyId)).some((o) => o.id === id)).toBe(false);
    expect(await admin()(setPartnerActive, { id, active: true })).toMatchObject({ ok: true });
  });

  it("imports the directory from CSV and XLSX: valid rows in (update by mã định danh), bad rows reported, nothing on a bad file", async () => {
    const csv = [
      "\uFEFFTên cơ quan;Mã định danh;Cách kết nối;Địa chỉ máy chủ;Địa chỉ",
      "Sở Tài chính tỉnh Bình Định (mới);000.00.12.H09;Qua trục;;\"số 1; Quy Nhơn\"",
      "Sở Y tế tỉnh Bình Định;000.00.13.H08;Trực tiếp;https://vpdt.syt.binhdinh.gov.vn;",
      "\"Sở Giáo dục và Đào tạo, tỉnh Bình Định\";000.00.14.H08;Qua trục;;\"Dòng 1\r\nDòng 2\"",
      "Sai mã;12345;Qua trục;;",
      "Trùng mã;000.00.13.H08;Qua trục;;",
      "Thiếu máy chủ;000.00.15.H08;Trực tiếp;;",
      "Cách lạ;000.00.16.H08;Bồ câu;;",
    ].join("\r\n");
    const before = await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.agencyId, w.agencyId));
    const r = await admin()(importDirectory, { fileName: "danh-ba.csv", file: b64(csv) });
    expect(r).toMatchObject({ ok: true, data: { inserted: 2, updated: 1, skipped: 4 } });
    const rows = await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.agencyId, w.agencyId));
    expect(rows.length).toBe(before.length + 2);
    expect(rows.find((x) => x.organId === "000.00.12.H09")).toMatchObject({ name: "Sở Tài chính tỉnh Bình Định (mới)", transport: "axis", address: "số 1; Quy Nhơn" });
    expect(rows.find((x) => x.organId === "000.00.14.H08")).toMatchObject({ name: "Sở Giáo dục và Đào tạo, tỉnh Bình Định", address: "Dòng 1\r\nDòng 2".replace(/[\r\n]/g, " ") });
    expect(rows.find((x) => x.organId === "000.00.13.H08")).toMatchObject({ transport: "direct", endpoint: "https://vpdt.syt.binhdinh.gov.vn" });
    expect(rows.some((x) => x.organId === "000.00.15.H08" || x.organId === "000.00.16.H08")).toBe(false);
    // The other agency's directory is not touched.
    expect((await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.agencyId, other.agencyId))).length).toBe(1);

    // XLSX, with the columns in another order.
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh bạ");
    ws.addRow(["Mã định danh", "Tên cơ quan", "Địa chỉ", "Cách kết nối"]);
    ws.addRow(["000.00.17.H08", "Sở Tư pháp tỉnh Bình Định", "Quy Nhơn", "Qua trục"]);
    ws.addRow(["000.00.13.H08", "Sở Y tế (cập nhật)", "", "Qua trục"]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await admin()(importDirectory, { fileName: "danh-ba.xlsx", file: xlsx.toString("base64") })).toMatchObject({ ok: true, data: { inserted: 1, updated: 1, skipped: 0 } });
    const [yte] = await t.db.select().from(agencyDirectory).where(and(eq(agencyDirectory.agencyId, w.agencyId), eq(agencyDirectory.organId, "000.00.13.H08")));
    expect(yte).toMatchObject({ name: "Sở Y tế (cập nhật)", transport: "axis" });

    // A file with no valid row, or no header, changes nothing.
    const count = (await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.agencyId, w.agencyId))).length;
    const none = await admin()(importDirectory, { fileName: "x.csv", file: b64("Tên cơ quan,Mã định danh,Cách kết nối\nA,1,Qua trục") });
    expect(none).toMatchObject({ ok: false, code: "validation", formError: "Không có dòng hợp lệ nào để nhập." });
    const noHeader = await admin()(importDirectory, { fileName: "x.csv", file: b64("a,b,c\n1,2,3") });
    expect(!noHeader.ok && noHeader.formError).toMatch(/thiếu cột: Tên cơ quan, Mã định danh, Cách kết nối/);
    expect(await admin()(importDirectory, { fileName: "x.xlsx", file: b64("not a zip") })).toMatchObject({ ok: false, code: "validation" });
    expect((await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.agencyId, w.agencyId))).length).toBe(count);
  });

  it("Thử kết nối: pings through the partner's transport with a timeout and records the outcome", async () => {
    const calls: Partner[] = [];
    let answer: () => Promise<{ detail: string }> = async () => ({ detail: "Kết nối được: Sở Y tế" });
    const fake: Transport = { name: "direct", send: async () => ({}), ping: async (p) => (calls.push(p), answer()) };
    registerTransport(fake);
    const [p] = await t.db.insert(agencyDirectory).values({ agencyId: w.agencyId, name: "Sở Xây dựng", organId: "000.00.20.H08", transport: "direct", endpoint: "https://vpdt.sxd.example.vn" }).returning();
    const ok = await admin()(pingPartner, { id: p.id });
    expect(ok).toMatchObject({ ok: true, data: { ok: true, detail: "Kết nối được: Sở Y tế" } });
    expect(calls[0]).toMatchObject({ id: p.id, organId: "000.00.20.H08", endpoint: "https://vpdt.sxd.example.vn" });
    let [row] = await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.id, p.id));
    expect(row.lastSuccessAt).toBeInstanceOf(Date);
    expect(row.lastError).toBeNull();

    answer = async () => {
      throw new Error("Không kết nối được: ECONNREFUSED");
    };
    expect(await admin()(pingPartner, { id: p.id })).toMatchObject({ ok: true, data: { ok: false, error: "Không kết nối được: ECONNREFUSED" } });
    [row] = await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.id, p.id));
    expect(row).toMatchObject({ lastError: "Không kết nối được: ECONNREFUSED" });
    expect(row.lastErrorAt).toBeInstanceOf(Date);
    const view = (await directoryView(w.agencyId, { db: t.db })).find((x) => x.id === p.id);
    expect(view).toMatchObject({ lastError: "Không kết nối được: ECONNREFUSED", queued: 0 });
    expect((await auditRows(t.db, { action: "exchange.directory.ping", objectId: p.id })).length).toBe(2);

    // A partner that never answers: the step ends at the timeout with the error recorded.
    answer = () => new Promise(() => {});
    const saved = PING.timeoutMs;
    PING.timeoutMs = 300;
    try {
      expect(await admin()(pingPartner, { id: p.id })).toMatchObject({ ok: true, data: { ok: false, error: "Quá thời gian chờ (1 giây), cơ quan không trả lời." } });
    } finally {
      PING.timeoutMs = saved;
    }
    [row] = await t.db.select().from(agencyDirectory).where(eq(agencyDirectory.id, p.id));
    expect(row.lastError).toMatch(/Quá thời gian chờ/);

    // A paper-only entry has nothing to try.
    const [paper] = await t.db.insert(agencyDirectory).values({ agencyId: w.agencyId, name: "Báo giấy" }).returning();
    expect(await admin()(pingPartner, { id: paper.id })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("the directory shows each partner's queue length", async () => {
    const actor = (await loadActor(t.db, w.people.clerk.id))!;
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 2; i++) {
        await queueMessage(tx, { agencyId: actor.agencyId, kind: "document", senderOrganId: "000.00.12.H08", receiverOrganId: "000.00.20.H08", documentId: `000.00.12.H08,2026/12/0${i + 1},${i + 1}/SNV` });
      }
    });
    expect((await directoryView(w.agencyId, { db: t.db })).find((x) => x.organId === "000.00.20.H08")?.queued).toBe(2);
  });

  it("Gửi lại: only a failed outbound message of this agency, back to queued with a new job; a second click changes nothing", async () => {
    const [m] = await t.db
      .insert(exchangeMessages)
      .values({ agencyId: w.agencyId, direction: "out", kind: "document", senderOrganId: "000.00.12.H08", receiverOrganId: "000.00.20.H08", documentId: "000.00.12.H08,2026/12/01,9/SNV", state: "failed", error: "Máy chủ trả lỗi 500", errorCode: "http_500", attempts: 6 })
      .returning();
    const jobsOf = async () => (await t.db.select().from(jobs).where(eq(jobs.queue, SEND_QUEUE))).filter((j) => (j.payload as { messageId?: string }).messageId === m.id);
    expect(await as(w.people.staff.id)(resendMessage, { id: m.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await as(other.people.clerk.id)(resendMessage, { id: m.id })).toMatchObject({ ok: false, code: "not_found" });

    expect(await as(w.people.clerk.id)(resendMessage, { id: m.id })).toMatchObject({ ok: true });
    const [after] = await t.db.select().from(exchangeMessages).where(eq(exchangeMessages.id, m.id));
    expect(after).toMatchObject({ state: "queued", error: null, errorCode: null, attempts: 0 });
    expect(await jobsOf()).toHaveLength(1);
    const again = await as(w.people.clerk.id)(resendMessage, { id: m.id });
    expect(again).toMatchObject({ ok: false, code: "conflict", formError: "Thông điệp này đang chờ gửi." });
    expect(await jobsOf()).toHaveLength(1);

    // Two clicks at once: one is taken, the other finds it queued.
    await t.db.update(exchangeMessages).set({ state: "failed" }).where(eq(exchangeMessages.id, m.id));
    const both = await Promise.all([as(w.people.clerk.id)(resendMessage, { id: m.id }), as(w.people.clerk.id)(resendMessage, { id: m.id })]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(await jobsOf()).toHaveLength(2);

    // Failing again, it can be sent again: a fresh job key each time.
    await t.db.update(exchangeMessages).set({ state: "failed" }).where(eq(exchangeMessages.id, m.id));
    expect(await admin()(resendMessage, { id: m.id })).toMatchObject({ ok: true });
    expect(await jobsOf()).toHaveLength(3);

    // Inbound or sent messages are not resent.
    const [sent] = await t.db.insert(exchangeMessages).values({ ...m, id: undefined, state: "sent", documentId: "000.00.12.H08,2026/12/01,10/SNV" }).returning();
    expect(await admin()(resendMessage, { id: sent.id })).toMatchObject({ ok: false, code: "conflict" });
    const [inbound] = await t.db.insert(exchangeMessages).values({ ...m, id: undefined, direction: "in", state: "received", documentId: "000.00.12.H08,2026/12/01,11/SNV" }).returning();
    expect(await admin()(resendMessage, { id: inbound.id })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("the monitor counts each tab and lists its rows; a document is linked only for a person who may read it", async () => {
    const base = { agencyId: w.agencyId, senderOrganId: "000.00.12.H08", receiverOrganId: "000.00.20.H08", documentId: "000.00.12.H08,2026/12/02,20/SNV" };
    await t.db.insert(exchangeMessages).values([
      { ...base, direction: "in", kind: "document", state: "rejected", senderOrganId: "000.00.99.H99", documentId: "000.00.99.H99,2026/12/02,1/X", errorCode: "signature_invalid", error: "Chữ ký số không hợp lệ." },
      { ...base, direction: "in", kind: "status", statusCode: "13", state: "pending", senderOrganId: "000.00.20.H08", description: "Văn bản ban hành sai thể thức" },
      { ...base, direction: "out", kind: "status", statusCode: "03", state: "sent", sentAt: new Date() },
    ]);
    const clerk = (await loadActor(t.db, w.people.clerk.id))!;
    const counts = await tabCounts(w.agencyId, t.db);
    // "received": the inbound message of the resend case.
    expect(counts).toMatchObject({ rejected: 1, recall: 1, received: 1 });
    expect(counts.sent).toBeGreaterThanOrEqual(1);
    expect(counts.queued).toBeGreaterThanOrEqual(2);
    const rejected = await listMessages(clerk, "rejected", 1, t.db);
    expect(rejected.rows).toHaveLength(1);
    expect(rejected.rows[0]).toMatchObject({ partnerOrganId: "000.00.99.H99", partnerName: null, errorCode: "signature_invalid", error: "Chữ ký số không hợp lệ.", link: null });
    const recall = await listMessages(clerk, "recall", 1, t.db);
    expect(recall.rows[0]).toMatchObject({ partnerOrganId: "000.00.20.H08", partnerName: "Sở Xây dựng", description: "Văn bản ban hành sai thể thức" });
    // Another agency sees none of it.
    expect((await tabCounts(other.agencyId, t.db)).rejected).toBe(0);
    // An arrival linked to its incoming document: the clerk (who reads the agency's documents) gets the
    // link and subject; the administrator, who reads no documents, sees the row without them.
    const reg = await as(w.people.clerk.id)(registerPaper, paper({ subject: "V/v liên thông thử" }));
    const incomingId = (reg as { data: { id: string } }).data.id;
    await t.db.insert(exchangeMessages).values({ ...base, direction: "in", kind: "document", state: "received", senderOrganId: "000.00.20.H08", documentId: "000.00.20.H08,2026/12/02,5/SXD", incomingId });
    const asClerk = (await listMessages(clerk, "received", 1, t.db)).rows.find((r) => r.documentId === "000.00.20.H08,2026/12/02,5/SXD");
    expect(asClerk?.link).toEqual({ href: `/incoming/${incomingId}`, subject: "V/v liên thông thử" });
    const adminActor = (await loadActor(t.db, w.people.admin.id))!;
    const asAdmin = (await listMessages(adminActor, "received", 1, t.db)).rows.find((r) => r.documentId === "000.00.20.H08,2026/12/02,5/SXD");
    expect(asAdmin).toMatchObject({ link: null, partnerName: "Sở Xây dựng" });
    const page2 = await listMessages(clerk, "queued", 2, t.db);
    expect(page2).toMatchObject({ rows: [], hasNext: false, page: 2 });
  });
});
