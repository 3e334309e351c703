import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { agencyDirectory, exchangeIdentities, exchangeMessages } from "@/db/schema";
import {
  createPartner, generateKey, importDirectory, importPkcs12, loadCertificate, pingPartner, resendMessage, setPartnerActive, updateAxis, updateIdentity,
  updatePartner,
} from "@/lib/exchange/admin";
import { fb, na, nf, type AreaMatrix, type Matrix, type Side } from "./world";

// Liên thông (issue 13): the administrator's set-up (identity, key, certificate, axis, directory)
// and the "Gửi lại" of the /exchange monitor.

process.env.EXCHANGE_SECRET ||= "matrix-exchange-secret";

const OWN_IDENTITY = "names no row: it changes the caller's own agency's exchange identity, which the foreign-row case checks stays apart from another agency's";
const NO_IDS = "takes no id besides the directory entry or message it acts on";
let seq = randomBytes(2).readUInt16BE(0) % 5000;
const pad = (n: number) => String(n % 100).padStart(2, "0");
/** A mã định danh not used before in this run. */
const organ = () => (seq++, `000.00.${pad(seq)}.M${pad(Math.floor(seq / 100))}`);
const admin = (m: Matrix) => m.w.people.admin.id;
const clerk = (m: Matrix) => m.w.people.clerk.id;
const staff = (m: Matrix) => m.w.people.staff.id;
const partner = (over: Record<string, unknown> = {}) => ({
  name: "Sở Tài chính tỉnh Bình Định", organId: organ(), transport: "axis", endpoint: "", address: "", certPem: "", caPem: "", sortOrder: 0, ...over,
});

async function entry(m: Matrix, s: Side) {
  const [r] = await m.db.insert(agencyDirectory).values({ agencyId: s.w.agencyId, name: "Sở Xây dựng", organId: organ(), transport: "axis" }).returning({ id: agencyDirectory.id });
  return r.id;
}
async function failedMessage(m: Matrix, s: Side) {
  const [r] = await m.db
    .insert(exchangeMessages)
    .values({ agencyId: s.w.agencyId, direction: "out", kind: "document", senderOrganId: "000.00.12.H08", receiverOrganId: "000.00.12.H09", documentId: "000.00.12.H08,2026/12/01,1/SNV", state: "failed", error: "Lỗi", errorCode: "http_500", attempts: 5 })
    .returning({ id: exchangeMessages.id });
  return r.id;
}
/** Another agency's identity row is left as it was by a step of ours. */
async function theirsUnchanged(m: Matrix, step: () => Promise<void>) {
  await m.db.insert(exchangeIdentities).values({ agencyId: m.them.w.agencyId, address: "Địa chỉ của họ" }).onConflictDoNothing();
  const theirs = async () => (await m.db.select().from(exchangeIdentities).where(eq(exchangeIdentities.agencyId, m.them.w.agencyId)))[0];
  const before = await theirs();
  await step();
  expect(await theirs()).toEqual(before);
}
const csv = (rows: string[]) => Buffer.from(["Tên cơ quan,Mã định danh,Cách kết nối,Địa chỉ máy chủ,Địa chỉ", ...rows].join("\r\n")).toString("base64");

const identity = { address: "01 Trần Phú, Quy Nhơn", email: "snv@binhdinh.gov.vn", telephone: "0256 3822 000", website: "https://snv.binhdinh.gov.vn" };

export const exchangeMatrix: AreaMatrix = [
  {
    def: updateIdentity,
    wrongPosition: (m) => m.refused(updateIdentity, clerk(m), identity, fb),
    foreignRow: (m) => theirsUnchanged(m, async () => void (await m.ok(updateIdentity, admin(m), identity))),
    foreignIds: na(OWN_IDENTITY),
  },
  {
    def: updateAxis,
    wrongPosition: (m) => m.refused(updateAxis, staff(m), { axisUrl: "https://truc.example.vn", axisUsername: "snv", axisSecret: "x" }, fb),
    foreignRow: (m) => theirsUnchanged(m, async () => void (await m.ok(updateAxis, admin(m), { axisUrl: "https://truc.example.vn", axisUsername: "snv", axisSecret: "x" }))),
    foreignIds: na(OWN_IDENTITY),
  },
  {
    def: generateKey,
    wrongPosition: (m) => m.refused(generateKey, clerk(m), { confirm: true }, fb),
    foreignRow: (m) => theirsUnchanged(m, async () => void (await m.ok(generateKey, admin(m), { confirm: true }))),
    foreignIds: na(OWN_IDENTITY),
  },
  {
    def: importPkcs12,
    wrongPosition: (m) => m.refused(importPkcs12, clerk(m), { file: "AAAA", password: "" }, fb),
    // A file that is not PKCS#12 is refused for our own row; theirs is never touched.
    foreignRow: (m) => theirsUnchanged(m, async () => expect(await m.run(importPkcs12, admin(m), { file: "AAAA", password: "" })).toMatchObject({ ok: false, code: "validation" })),
    foreignIds: na(OWN_IDENTITY),
  },
  {
    def: loadCertificate,
    wrongPosition: (m) => m.refused(loadCertificate, staff(m), { file: "AAAA" }, fb),
    foreignRow: (m) => theirsUnchanged(m, async () => expect(await m.run(loadCertificate, admin(m), { file: "AAAA" })).toMatchObject({ ok: false, code: "validation" })),
    foreignIds: na(OWN_IDENTITY),
  },
  {
    def: createPartner,
    wrongPosition: (m) => m.refused(createPartner, clerk(m), partner(), fb),
    // The same mã định danh as another agency's entry is a new entry of ours; theirs stays as it was.
    foreignRow: async (m) => {
      const theirId = await entry(m, m.them);
      const theirs = async () => (await m.db.select().from(agencyDirectory).where(eq(agencyDirectory.id, theirId)))[0];
      const before = await theirs();
      const created = await m.ok<{ id: string }>(createPartner, admin(m), partner({ organId: before.organId }));
      expect(created.id).not.toBe(theirId);
      expect(await theirs()).toEqual(before);
    },
    foreignIds: na("creates an entry of the caller's agency and names no other row"),
  },
  {
    def: updatePartner,
    wrongPosition: async (m) => m.refused(updatePartner, clerk(m), partner({ id: await entry(m, m.us) }), fb),
    foreignRow: async (m) => m.refused(updatePartner, admin(m), partner({ id: await entry(m, m.them) }), nf),
    foreignIds: na(NO_IDS),
  },
  {
    def: setPartnerActive,
    wrongPosition: async (m) => m.refused(setPartnerActive, staff(m), { id: await entry(m, m.us), active: false }, fb),
    foreignRow: async (m) => m.refused(setPartnerActive, admin(m), { id: await entry(m, m.them), active: false }, nf),
    foreignIds: na(NO_IDS),
  },
  {
    def: pingPartner,
    wrongPosition: async (m) => m.refused(pingPartner, clerk(m), { id: await entry(m, m.us) }, fb),
    foreignRow: async (m) => m.refused(pingPartner, admin(m), { id: await entry(m, m.them) }, nf),
    foreignIds: na(NO_IDS),
  },
  {
    def: importDirectory,
    wrongPosition: (m) => m.refused(importDirectory, clerk(m), { fileName: "danh-ba.csv", file: csv([`Sở Y tế,${organ()},Qua trục,,`]) }, fb),
    // A row with another agency's mã định danh is inserted into ours; their entry stays as it was.
    foreignRow: async (m) => {
      const theirId = await entry(m, m.them);
      const theirs = async () => (await m.db.select().from(agencyDirectory).where(eq(agencyDirectory.id, theirId)))[0];
      const before = await theirs();
      expect(await m.ok(importDirectory, admin(m), { fileName: "danh-ba.csv", file: csv([`Sở Y tế,${before.organId},Qua trục,,`]) })).toMatchObject({ inserted: 1 });
      expect(await theirs()).toEqual(before);
    },
    foreignIds: na("imports rows of a file into the caller's own directory: no id in its input"),
  },
  {
    def: resendMessage,
    wrongPosition: async (m) => m.refused(resendMessage, staff(m), { id: await failedMessage(m, m.us) }, fb),
    foreignRow: async (m) => m.refused(resendMessage, clerk(m), { id: await failedMessage(m, m.them) }, nf),
    foreignIds: na(NO_IDS),
  },
];
