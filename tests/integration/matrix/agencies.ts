import { randomBytes } from "node:crypto";
import { createAgency, createAgencyAdmin, disableAgency, enableAgency } from "@/lib/agencies/actions";
import { addPerson, buildProvince } from "../../factories/org";
import { fb, na, nf, type AreaMatrix, type Matrix } from "./world";

// Quản trị cấp tỉnh (lib/agencies): only a province_admin of the province's own administration row
// creates agencies and their administrators; an agency's administrator may not.

const sfx = () => randomBytes(3).toString("hex").toUpperCase();
const n = () => Math.floor(Math.random() * 90 + 10);
const admin = () => ({ adminUsername: `qt.${sfx().toLowerCase()}`, adminFullName: "Quản trị mới", adminPassword: "Qu4nTri-Moi-2026" });
const agencyInput = () => ({
  name: `Sở Thử ${sfx()}`, code: `T${sfx()}`, organId: `000.00.${n()}.H${n()}`, parentName: "UBND tỉnh", placeName: "Bình Định", ...admin(),
});

export const agenciesMatrix: AreaMatrix = [
  {
    def: createAgency,
    // The agency's own administrator holds org.manage, not agencies.manage.
    wrongPosition: (m) => m.refused(createAgency, m.w.people.admin.id, agencyInput(), fb),
    // A province_admin position inside an ordinary agency (never creatable through the forms) manages nothing.
    foreignRow: async (m: Matrix) => {
      const stray = await addPerson(m.db, m.w, "province_admin");
      await m.refused(createAgency, stray.id, agencyInput(), nf);
    },
    foreignIds: na("takes no id: the agency and its administrator are new rows, the caller's own row is the foreign-row case"),
  },
  {
    def: createAgencyAdmin,
    wrongPosition: (m) => m.refused(createAgencyAdmin, m.w.people.admin.id, { agencyId: m.them.w.agencyId, ...admin() }, fb),
    // The province's own administration row is not an agency it manages; nor does a stray position in an agency manage another.
    foreignRow: async (m: Matrix) => {
      const province = await buildProvince(m.db);
      await m.refused(createAgencyAdmin, province.admin.id, { agencyId: province.agencyId, ...admin() }, nf);
      const stray = await addPerson(m.db, m.w, "province_admin");
      await m.refused(createAgencyAdmin, stray.id, { agencyId: m.them.w.agencyId, ...admin() }, nf);
    },
    foreignIds: na("takes no id besides the agency it adds an administrator to, which the foreign-row case covers"),
  },
  ...([disableAgency, enableAgency] as const).map((def) => ({
    def,
    // An agency's administrator cannot stop (or start) its own agency or another.
    wrongPosition: async (m: Matrix) => {
      await m.refused(def, m.w.people.admin.id, { agencyId: m.w.agencyId, reason: "Thử" }, fb);
      await m.refused(def, m.w.people.admin.id, { agencyId: m.them.w.agencyId, reason: "Thử" }, fb);
    },
    // Nor does the province administrator stop its own administration row, nor a stray position in an agency any agency.
    foreignRow: async (m: Matrix) => {
      const province = await buildProvince(m.db);
      await m.refused(def, province.admin.id, { agencyId: province.agencyId, reason: "Thử" }, nf);
      const stray = await addPerson(m.db, m.w, "province_admin");
      await m.refused(def, stray.id, { agencyId: m.them.w.agencyId, reason: "Thử" }, nf);
    },
    foreignIds: na("takes no id besides the agency it changes, which the foreign-row case covers"),
  })),
];
