import { createDelegation, revokeDelegation } from "@/lib/delegations/actions";
import type { DemoContext } from "./demo-context";

// Ủy quyền ký of the demo agency, recorded by the director through the real actions before the
// stories run: the two deputies sign KT. (the drafts the stories give them pass the Chánh Văn
// phòng's check), the Chánh Văn phòng signs TL. giấy mời and thông báo, and one TUQ. was revoked.
export async function seedDemoDelegations(ctx: Pick<DemoContext, "act" | "user">, today: string) {
  const year = Number(today.slice(0, 4));
  const period = { validFrom: `${year}-01-01`, validTo: `${year + 1}-12-31` };
  const director = ctx.user("giamdoc");
  for (const deputy of ["phogiamdoc1", "phogiamdoc2"]) {
    await ctx.act(createDelegation, "giamdoc", {
      delegatorId: director, delegateId: ctx.user(deputy), form: "kt", allTypes: true, docTypes: [], ...period,
      note: "Phân công nhiệm vụ trong Ban Giám đốc",
    });
  }
  await ctx.act(createDelegation, "giamdoc", {
    delegatorId: director, delegateId: ctx.user("chanhvp"), form: "tl", allTypes: false, docTypes: ["Giấy mời", "Thông báo"], ...period,
    note: "Giấy mời họp, thông báo nội bộ",
  });
  const revoked = await ctx.act(createDelegation, "giamdoc", {
    delegatorId: director, delegateId: ctx.user("tp.tcbc"), form: "tuq", allTypes: false, docTypes: ["Giấy giới thiệu"], ...period, note: "",
  });
  await ctx.act(revokeDelegation, "giamdoc", { id: revoked.id, reason: "Đã có Quyết định phân công mới." });
}
