import { createDelegation, revokeDelegation } from "@/lib/delegations/actions";
import { todayInVietnam } from "@/lib/dates";
import { addPerson } from "../../factories/org";
import { fb, field, na, nf, type AreaMatrix, type Matrix, type Side } from "./world";

// Ủy quyền ký: a position without the right, another head's authority or another agency's
// delegation, and a foreign person in each id field.

const inAMonth = () => new Date(Date.parse(`${todayInVietnam()}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);

/** The head's TL. delegation to the division head of a side. */
const tl = (s: Side, over: Record<string, unknown> = {}) => ({
  delegatorId: s.w.people.leader.id, delegateId: s.w.people.unit_head.id, form: "tl", allTypes: true, docTypes: [],
  validFrom: todayInVietnam(), validTo: inAMonth(), note: "", ...over,
});

async function delegation(m: Matrix, s: Side) {
  return (await m.ok<{ id: string }>(createDelegation, s.w.people.leader.id, tl(s))).id;
}

export const delegationsMatrix: AreaMatrix = [
  {
    def: createDelegation,
    wrongPosition: async (m) => m.refused(createDelegation, m.w.people.unit_head.id, tl(m.us, { delegatorId: m.w.people.unit_head.id, delegateId: m.us.xdcq.head.id }), fb),
    // A leader records only their own authority: another head's is not theirs to give.
    foreignRow: async (m) => {
      const otherHead = await addPerson(m.db, m.w, "leader");
      await m.refused(createDelegation, m.w.people.leader.id, tl(m.us, { delegatorId: otherHead.id }), nf);
    },
    foreignIds: async (m) => {
      await m.refused(createDelegation, m.w.people.leader.id, tl(m.us, { delegateId: m.other.people.unit_head.id }), field("delegateId"));
      await m.refused(createDelegation, m.w.people.admin.id, tl(m.us, { delegatorId: m.other.people.leader.id }), field("delegatorId"));
    },
  },
  {
    def: revokeDelegation,
    wrongPosition: async (m) => m.refused(revokeDelegation, m.w.people.staff.id, { id: await delegation(m, m.us), reason: "Thôi" }, fb),
    foreignRow: async (m) => m.refused(revokeDelegation, m.w.people.leader.id, { id: await delegation(m, m.them), reason: "Thôi" }, nf),
    foreignIds: na("takes no id besides the delegation it revokes"),
  },
];
