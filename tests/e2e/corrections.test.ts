import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outgoingDocuments, outgoingRecipients, registers, units } from "@/db/schema";
import { executeAction } from "@/lib/actions/define";
import { assignDocument, registerPaper, submitToLeader } from "@/lib/incoming/actions";
import { callerOf, keyed } from "../factories/org";
import { paper } from "../factories/incoming";
import { demoDataDir } from "./demo-data";
import { DEMO, startApp } from "./harness";
import { submitForm } from "./flows";
import { useBrowserSuite } from "./suite";

// Issue 11 item 3 in the browser: the clerk corrects a registration (old → new on the trail) and
// voids it (the number stays, "Đã hủy" in the book); after the director's assignment only the
// director may, and the voided document leaves the staff's Việc của tôi; an issued document gets a
// công văn đính chính, linked both ways.
const YEAR = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));
const WRONG = "V/v báo cáo tình hình thực hiện (nhập sai)";
const RIGHT = "V/v báo cáo tình hình thực hiện cải cách hành chính";
const ASSIGNED = "V/v rà soát biên chế công chức năm 2027";
const ISSUED = "Quyết định về việc cử công chức tham gia lớp bồi dưỡng";

function preparedDataDir(): Promise<string> {
  return demoDataDir(async ({ db, agencyId, person }) => {
    const [clerk, leader, staff] = [await person(DEMO.clerk.username), await person(DEMO.leader.username), await person(DEMO.staff.username)];
    const ok = async (r: Promise<{ ok: boolean; data?: unknown }>) => {
      const x = await r;
      if (!x.ok) throw new Error(JSON.stringify(x));
      return x.data as { id: string };
    };
    const a = await ok(executeAction(registerPaper, callerOf(clerk), keyed(paper({ subject: WRONG })), db));
    await ok(executeAction(submitToLeader, callerOf(clerk), { id: a.id, leaderId: leader }, db));
    const b = await ok(executeAction(registerPaper, callerOf(clerk), keyed(paper({ subject: ASSIGNED })), db));
    await ok(executeAction(submitToLeader, callerOf(clerk), { id: b.id, leaderId: leader }, db));
    await ok(executeAction(assignDocument, callerOf(leader), {
      id: b.id, instruction: "Chuyên viên xử lý.", recipients: [{ kind: "user", targetId: staff, role: "lead" }],
    }, db));
    // An issued Quyết định of the staff member's division (issuing itself is tested elsewhere).
    const [tcbc] = await db.select({ id: units.id }).from(units).where(and(eq(units.agencyId, agencyId), eq(units.code, "TCBC")));
    const [di] = await db
      .insert(registers)
      .values({ agencyId, kind: "outgoing", year: YEAR, secret: false, code: "DI", name: "Sổ đăng ký văn bản đi", lastNo: 1 })
      .onConflictDoUpdate({ target: [registers.agencyId, registers.kind, registers.year, registers.code], set: { lastNo: 1 } })
      .returning({ id: registers.id });
    const [row] = await db
      .insert(outgoingDocuments)
      .values({
        agencyId, status: "issued", draftingUnitId: tcbc.id, drafterId: staff, docType: "Quyết định", subject: ISSUED, signerId: leader,
        registerId: di.id, year: YEAR, number: 1, symbol: "01/QĐ-SNV", issuedDate: `${YEAR}-01-05`, issuedAt: new Date(`${YEAR}-01-05T09:00:00+07:00`),
        issuedBy: clerk, issuedAmount: 2, keptCopy: "Lưu: VT, TCBC.",
      })
      .returning({ id: outgoingDocuments.id });
    await db.insert(outgoingRecipients).values({ documentId: row.id, kind: "text", name: "UBND các huyện, thị xã, thành phố", delivery: "paper", sortOrder: 0 });
  }, { documents: false });
}

describe("corrections and voiding in the browser", () => {
  const suite = useBrowserSuite(async () => startApp({ dataDir: await preparedDataDir() }));

  it("the clerk corrects and voids a registration; after assignment only the director voids, and the document leaves Việc của tôi; the book shows Đã hủy", async () => {
    const clerk = await suite.as(DEMO.clerk.username, DEMO.clerk.fullName);
    await clerk.goto(`${suite.app.url}/incoming`);
    await clerk.getByRole("link", { name: new RegExp(WRONG.replace(/[()]/g, "\\$&")) }).first().click();
    await clerk.waitForURL(/\/incoming\/[0-9a-f-]{36}$/);
    const first = clerk.url();

    await clerk.getByText("Mở biểu mẫu sửa thông tin").click();
    await clerk.fill("#corr-subject", RIGHT);
    await clerk.fill("#corr-reason", "Nhập sai trích yếu khi vào sổ.");
    await submitForm(clerk, "Sửa thông tin vào sổ");
    await expect.poll(() => clerk.getByRole("status").filter({ hasText: "Đã sửa thông tin vào sổ." }).count()).toBe(1);
    const trail = clerk.getByRole("list", { name: "Luồng xử lý" });
    await expect.poll(() => trail.textContent()).toContain(`Trích yếu: “${WRONG}” → “${RIGHT}”`);
    expect(await trail.textContent()).toContain("Lý do: Nhập sai trích yếu khi vào sổ.");
    expect(await clerk.locator(`dt:text-is("Số đến") + dd`).textContent()).toBe(`1/${YEAR}`);

    await clerk.getByText("Mở biểu mẫu hủy vào sổ").click();
    await submitForm(clerk, "Hủy vào sổ");
    await expect.poll(() => clerk.locator("#void-reason-error").textContent()).toBe("Vui lòng nhập lý do hủy.");
    await clerk.fill("#void-reason", "Văn bản gửi nhầm cơ quan.");
    await submitForm(clerk, "Hủy vào sổ");
    await expect.poll(() => clerk.getByText("Đã hủy vào sổ", { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await clerk.reload();
    expect(await clerk.getByRole("status").filter({ hasText: "Lý do: Văn bản gửi nhầm cơ quan." }).count()).toBe(1);
    expect(await clerk.getByRole("form", { name: "Sửa thông tin vào sổ" }).count()).toBe(0);

    // The assigned one: the clerk is told why, the director voids it, the staff member's list drops it.
    const staff = await suite.as(DEMO.staff.username, DEMO.staff.fullName);
    await staff.goto(`${suite.app.url}/my-work`);
    await expect.poll(() => staff.getByText(ASSIGNED).count()).toBeGreaterThan(0);
    await clerk.goto(`${suite.app.url}/incoming`);
    await clerk.getByRole("link", { name: new RegExp(ASSIGNED) }).first().click();
    await clerk.waitForURL(/\/incoming\/[0-9a-f-]{36}$/);
    const second = clerk.url();
    expect(await clerk.getByText("cần lãnh đạo cơ quan đồng ý").count()).toBe(1);
    expect(await clerk.getByRole("form", { name: "Hủy vào sổ" }).count()).toBe(0);
    await clerk.locator("summary", { hasText: "Đề nghị lãnh đạo sửa" }).click();
    await clerk.fill("#request-text", "Văn bản trùng với văn bản đã giao, đề nghị hủy vào sổ.");
    await submitForm(clerk, "Đề nghị lãnh đạo sửa");
    await expect.poll(() => clerk.getByRole("status").filter({ hasText: "Đã gửi đề nghị đến lãnh đạo." }).count()).toBe(1);
    const director = await suite.as(DEMO.leader.username, DEMO.leader.fullName);
    // The director's home page carries the request, linking to the document.
    await director.goto(`${suite.app.url}/`);
    await expect.poll(() => director.getByText("Văn thư đề nghị sửa thông tin vào sổ", { exact: false }).count()).toBeGreaterThan(0);
    await director.goto(second);
    await director.getByText("Mở biểu mẫu hủy vào sổ").click();
    await director.fill("#void-reason", "Trùng với văn bản đã giao.");
    await submitForm(director, "Hủy vào sổ");
    await expect.poll(() => director.getByRole("status").filter({ hasText: "Lý do: Trùng với văn bản đã giao." }).count(), { timeout: 15_000 }).toBe(1);
    await staff.reload();
    expect(await staff.getByText(ASSIGNED).count()).toBe(0);

    // The book keeps both numbers, marked Đã hủy with the reasons.
    await clerk.goto(`${suite.app.url}/registers/print?book=incoming&year=${YEAR}`);
    const book = await clerk.locator("main").textContent();
    expect(book).toContain("Đã hủy: Văn bản gửi nhầm cơ quan.");
    expect(book).toContain("Đã hủy: Trùng với văn bản đã giao.");
    expect(first).not.toBe(second);
  });

  it("the drafter starts a công văn đính chính of an issued document; both pages link to each other", async () => {
    const staff = await suite.as(DEMO.staff.username, DEMO.staff.fullName);
    staff.on("dialog", (d) => void d.accept());
    await staff.goto(`${suite.app.url}/outgoing`);
    await staff.getByRole("link", { name: new RegExp(ISSUED) }).first().click();
    await staff.waitForURL(/\/outgoing\/[0-9a-f-]{36}$/);
    const original = staff.url();
    await staff.getByRole("button", { name: "Tạo văn bản đính chính" }).click();
    const links = staff.getByRole("list", { name: "Văn bản đính chính, thay thế" });
    await expect.poll(() => links.textContent(), { timeout: 15_000 }).toContain("Được đính chính bởi");
    await links.getByRole("link").first().click();
    await staff.waitForURL((u) => u.toString() !== original && /\/outgoing\/[0-9a-f-]{36}$/.test(u.toString()));
    const back = staff.getByRole("list", { name: "Văn bản đính chính, thay thế" });
    await expect.poll(() => back.textContent()).toContain("Đính chính cho");
    expect(await back.textContent()).toContain("Quyết định số 01/QĐ-SNV");
    expect(await staff.locator("h1").textContent()).toContain("V/v đính chính quyết định số 01/QĐ-SNV");
    await back.getByRole("link").first().click();
    await staff.waitForURL(original);
  });
});
