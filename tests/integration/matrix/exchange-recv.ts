import { exchangeMessages } from "@/db/schema";
import { acceptRecall, refuseRecall } from "@/lib/exchange/inbound-recall";
import { fb, na, nf, type AreaMatrix, type Matrix, type Side } from "./world";

// Liên thông, receiving side: the clerk's answer to a sender's recall request (13) on a document we
// received. The request is written as the receive pipeline leaves it (pending, linked to the document).

const TARGET_ONLY = "takes no id besides the recall request it answers";

async function pendingRequest(m: Matrix, s: Side = m.us) {
  const incomingId = await m.registered(s);
  const [row] = await m.db
    .insert(exchangeMessages)
    .values({
      agencyId: s.w.agencyId, direction: "in", kind: "status", statusCode: "13", senderOrganId: "000.00.31.H07", receiverOrganId: "000.00.12.H08",
      documentId: `000.00.31.H07,2026/11/30,${Math.floor(Math.random() * 1e6)}/STC-VP`, state: "pending", incomingId, description: "Ban hành nhầm",
      details: { senderName: "Sở Tài chính" },
    })
    .returning({ id: exchangeMessages.id });
  return row.id;
}

export const exchangeRecvMatrix: AreaMatrix = [
  {
    def: acceptRecall,
    wrongPosition: async (m) => m.refused(acceptRecall, m.w.people.staff.id, { id: await pendingRequest(m) }, fb),
    foreignRow: async (m) => m.refused(acceptRecall, m.w.people.clerk.id, { id: await pendingRequest(m, m.them) }, nf),
    foreignIds: na(TARGET_ONLY),
  },
  {
    def: refuseRecall,
    wrongPosition: async (m) => m.refused(refuseRecall, m.w.people.leader.id, { id: await pendingRequest(m), reason: "Đã xử lý" }, fb),
    foreignRow: async (m) => m.refused(refuseRecall, m.w.people.clerk.id, { id: await pendingRequest(m, m.them), reason: "Đã xử lý" }, nf),
    foreignIds: na(TARGET_ONLY),
  },
];
