import { verify, X509Certificate } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { agencySigning } from "@/db/schema";
import { executeAction, type ActionDefinition } from "@/lib/actions/define";
import { setAgencyKeyPkcs11, setAgencyKeyPkcs12, setAgencySeal, testAgencyKey } from "@/lib/signatures/agency-settings";
import { demoSealPng } from "@/lib/signatures/seal-image";
import { storeGeneratedFile } from "@/lib/signatures/stored-pdf";
import { seal } from "@/lib/secret-box";
import { AgencyKeyError, agencyKeyStatus, closeAgencyKeys, getAgencySigner, type AgencySigner } from "@/lib/signatures/agency-key";
import { buildWorld, callerOf, keyed, type World } from "../factories/org";
import { createTestDb, DB_KINDS, type TestDb } from "../helpers/db";
import { hasSoftHsm, makeAgencyKey, makeSoftHsmToken, type SoftHsmToken } from "../signatures/agency-fixtures";

// Issue 14 (sigagency): the agency key behind one interface, from a PKCS#12 file named by the
// configuration, from a PKCS#12 the administrator stored (sealed), and from a PKCS#11 token (SoftHSM2).

process.env.EXCHANGE_SECRET ||= "agency-key-test-secret";
process.env.FILES_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "agency-key-files-"));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = ActionDefinition<any, any, any>;
const fx = makeAgencyKey();
const tbs = new TextEncoder().encode("các thuộc tính được ký (DER)");
const ENV_KEYS = ["AGENCY_SIGNING_P12", "AGENCY_SIGNING_P12_PASSWORD", "AGENCY_PKCS11_MODULE", "AGENCY_PKCS11_TOKEN", "AGENCY_PKCS11_KEY_LABEL", "AGENCY_PKCS11_PIN"];
const clearEnv = () => ENV_KEYS.forEach((k) => delete process.env[k]);

async function expectVerifies(signer: AgencySigner) {
  const chain = await signer.chain();
  expect(chain.length).toBe(2);
  const leaf = new X509Certificate(chain[0]);
  expect(leaf.subject).toContain("Sở Nội vụ tỉnh Bình Định");
  expect(leaf.verify(new X509Certificate(chain[1]).publicKey)).toBe(true);
  expect(signer.algorithm).toBe("RSASSA-PKCS1-v1_5");
  const signature = await signer.sign(tbs);
  expect(verify("sha256", tbs, leaf.publicKey, signature)).toBe(true);
  expect(verify("sha256", new TextEncoder().encode("khác"), leaf.publicKey, signature)).toBe(false);
}

let token: SoftHsmToken | null = null;
beforeAll(() => {
  if (hasSoftHsm()) token = makeSoftHsmToken(fx);
});
afterAll(() => {
  closeAgencyKeys();
  token?.cleanup();
  clearEnv();
});

describe.each(DB_KINDS)("agency key on %s", (kind) => {
  let db: TestDb;
  let w: World;
  beforeAll(async () => {
    db = await createTestDb(kind);
    w = await buildWorld(db.db);
  });
  afterAll(() => db.drop());

  it("refuses clearly when no key is configured", async () => {
    clearEnv();
    await expect(getAgencySigner(db.db, w.agencyId)).rejects.toThrow(AgencyKeyError);
    await expect(getAgencySigner(db.db, w.agencyId)).rejects.toThrow(/Chưa cấu hình khóa ký số của cơ quan/);
    expect((await agencyKeyStatus(db.db, w.agencyId)).configured).toBe(false);
  });

  it("signs with the PKCS#12 file named by the configuration", async () => {
    clearEnv();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "p12-")), "agency.p12");
    fs.writeFileSync(file, fx.p12);
    process.env.AGENCY_SIGNING_P12 = file;
    process.env.AGENCY_SIGNING_P12_PASSWORD = fx.password;
    const signer = await getAgencySigner(db.db, w.agencyId);
    expect(signer.backend).toBe("pkcs12");
    await expectVerifies(signer);
    process.env.AGENCY_SIGNING_P12_PASSWORD = "sai";
    await expect(getAgencySigner(db.db, w.agencyId)).rejects.toThrow(/Mật khẩu của tệp khóa cơ quan/);
    clearEnv();
  });

  it("signs with the PKCS#12 the administrator stored, sealed; the status shows the certificate, never the secret", async () => {
    clearEnv();
    await db.db.insert(agencySigning).values({ agencyId: w.agencyId, backend: "pkcs12", p12Enc: seal(fx.p12), p12PasswordEnc: seal(fx.password) })
      .onConflictDoUpdate({ target: agencySigning.agencyId, set: { backend: "pkcs12", p12Enc: seal(fx.p12), p12PasswordEnc: seal(fx.password) } });
    const signer = await getAgencySigner(db.db, w.agencyId);
    await expectVerifies(signer);
    const status = await agencyKeyStatus(db.db, w.agencyId);
    expect(status).toMatchObject({ configured: true, backend: "pkcs12", source: "settings" });
    expect(status.subject).toContain("Sở Nội vụ tỉnh Bình Định");
    const text = JSON.stringify(status);
    for (const secret of [fx.password, fx.p12.toString("base64").slice(0, 40), "BEGIN", "p12Enc", "Enc"]) expect(text).not.toContain(secret);
  });

  it.skipIf(!hasSoftHsm())("signs with the key in a PKCS#11 token (SoftHSM2), which never gives it out", async () => {
    clearEnv();
    const t = token!;
    await db.db.insert(agencySigning).values({ agencyId: w.agencyId, backend: "pkcs11", pkcs11Module: "/usr/lib/softhsm/libsofthsm2.so", pkcs11Token: t.token, pkcs11KeyLabel: t.keyLabel, pkcs11PinEnc: seal(t.pin) })
      .onConflictDoUpdate({ target: agencySigning.agencyId, set: { backend: "pkcs11", pkcs11Module: "/usr/lib/softhsm/libsofthsm2.so", pkcs11Token: t.token, pkcs11KeyLabel: t.keyLabel, pkcs11PinEnc: seal(t.pin) } });
    const signer = await getAgencySigner(db.db, w.agencyId);
    expect(signer.backend).toBe("pkcs11");
    await expectVerifies(signer);
    // PKCS#1 v1.5 is deterministic: the token and the file give the same signature for the same key.
    const viaFile = await (await import("@/lib/signatures/agency-key")).signerOf({ backend: "pkcs12", p12: fx.p12, password: fx.password }).sign(tbs);
    expect(Buffer.from(await signer.sign(tbs)).equals(Buffer.from(viaFile))).toBe(true);
    const status = await agencyKeyStatus(db.db, w.agencyId);
    expect(status).toMatchObject({ configured: true, backend: "pkcs11", source: "settings", token: t.token });
    expect(JSON.stringify(status)).not.toContain(t.pin);
    // A wrong key label is refused with its name.
    await db.db.update(agencySigning).set({ pkcs11KeyLabel: "khong-co" });
    await expect(getAgencySigner(db.db, w.agencyId)).rejects.toThrow(/không có khóa "khong-co"/);
    await db.db.delete(agencySigning);
  });

  it("the administrator stores the key and the seal through the screen's actions; each is tried first; only the administrator may", async () => {
    clearEnv();
    const run = (def: AnyDef, userId: string, input: unknown) => executeAction(def, callerOf(userId), keyed(input), db.db);
    const admin = w.people.admin.id;
    const row = async () => (await db.db.select().from(agencySigning).where(eq(agencySigning.agencyId, w.agencyId)))[0];
    expect(await run(testAgencyKey, admin, {})).toMatchObject({ ok: false, code: "conflict" });
    expect(await run(setAgencyKeyPkcs12, admin, { file: fx.p12.toString("base64"), password: "sai" })).toMatchObject({ ok: false, code: "validation" });
    expect(await run(setAgencyKeyPkcs12, w.people.clerk.id, { file: fx.p12.toString("base64"), password: fx.password })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await run(setAgencyKeyPkcs12, admin, { file: fx.p12.toString("base64"), password: fx.password })).toMatchObject({ ok: true });
    expect(await row()).toMatchObject({ backend: "pkcs12" });
    expect((await row()).p12Enc).not.toContain(fx.p12.toString("base64").slice(0, 20));
    const tried = await run(testAgencyKey, admin, {});
    expect(tried).toMatchObject({ ok: true });
    expect(JSON.stringify(tried)).toContain("Sở Nội vụ tỉnh Bình Định");
    // A PKCS#11 library the server does not allow is refused before it is loaded.
    expect(await run(setAgencyKeyPkcs11, admin, { module: "/tmp/thu-vien-la.so", token: "x", keyLabel: "y", pin: "1" })).toMatchObject({ ok: false, code: "validation" });
    if (token) {
      expect(await run(setAgencyKeyPkcs11, admin, { module: "/usr/lib/softhsm/libsofthsm2.so", token: token.token, keyLabel: token.keyLabel, pin: token.pin })).toMatchObject({ ok: true });
      expect(await row()).toMatchObject({ backend: "pkcs11", pkcs11Token: token.token, p12Enc: null });
      expect(await run(testAgencyKey, admin, {})).toMatchObject({ ok: true });
    }
    // The seal: a transparent PNG of the agency, uploaded by the administrator.
    const png = await db.db.transaction((tx) => storeGeneratedFile(tx, w.agencyId, admin, demoSealPng(), "con-dau.png", "image/png"));
    expect(await run(setAgencySeal, w.people.clerk.id, { fileId: png, widthMm: 36 })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await run(setAgencySeal, admin, { fileId: png, widthMm: 10 })).toMatchObject({ ok: false, code: "validation" });
    expect(await run(setAgencySeal, admin, { fileId: png, widthMm: 38 })).toMatchObject({ ok: true });
    expect(await row()).toMatchObject({ sealFileId: png, sealWidthMm: "38" });
    await db.db.delete(agencySigning);
  });
});
