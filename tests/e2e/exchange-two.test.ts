import fs from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { exchangeMessages, incomingDocuments, storedFiles } from "@/db/schema";
import { assignDocument, registerArrival, returnToSender, submitToLeader } from "@/lib/incoming/actions";
import { completeAssignment, noteProgress } from "@/lib/incoming/process";
import { acceptRecall, refuseRecall } from "@/lib/exchange/inbound-recall";
import { startAxisServer, type AxisServer } from "../exchange/axis-server";
import { actorsOn, type Actors } from "../exchange/act";
import { AXIS_SECRETS, NAME_A, NAME_B, ORGAN_A, ORGAN_B, postgresAnswers, startInstallations, type TwoInstallations } from "../exchange/installations";
import { pdf } from "../unit/storage-fixtures";
import { submitForm, upload } from "./flows";
import { DEMO, launchBrowser, login, newPage, waitForHydration } from "./harness";

// Issue 13, Tests: two installations of this system on loopback, A (Sở Nội vụ, PGlite) and B (Sở Tài
// chính, PostgreSQL), each with its own key, certificate and directory (tests/exchange/installations.ts,
// set up with `npm run exchange`). A's documents are prepared through the real outgoing chain
// (tests/exchange/prepare-drafts.ts) before A starts; A's clerk issues in the browser, and A's pages are
// read in the browser. B's people act through the real actions on B's database while B's server runs
// (its job runner sends the statuses back). Once directly (each posts to the other's /api/exchange/edxml),
// once through the reference axis (tests/exchange/axis-server.ts: each sends to the axis and polls it).

const withPg = await postgresAnswers();
const engines = withPg ? "A on PGlite, B on PostgreSQL" : "A and B both on PGlite (PostgreSQL did not answer)";

const subjectsOf = (via: string) => ({
  main: `Về việc phối hợp thẩm định dự toán ngân sách năm sau (${via})`,
  reject: `Về việc đề nghị cấp kinh phí hội nghị, gửi nhầm (${via})`,
  browser: `Về việc báo cáo tình hình sử dụng biên chế (${via})`,
  down1: `Về việc gửi khi bên nhận tạm ngừng, văn bản thứ nhất (${via})`,
  down2: `Về việc gửi khi bên nhận tạm ngừng, văn bản thứ hai (${via})`,
  recall: `Về việc tổ chức hội nghị sơ kết, thu hồi (${via})`,
  refused: `Về việc lấy ý kiến quy chế chi tiêu nội bộ, không thu hồi được (${via})`,
  replaced: `Về việc hướng dẫn lập dự toán (${via})`,
  axis500: `Về việc gửi qua trục khi trục trả lỗi 500 (${via})`,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

for (const transport of ["direct", "axis"] as const)
describe.skipIf(!withPg)(`liên thông between two installations, ${transport === "direct" ? "directly" : "through the reference axis"} (${engines})`, () => {
  const SUBJECTS = subjectsOf(transport === "direct" ? "trực tiếp" : "qua trục");
  let axis: AxisServer | undefined;
  let two: TwoInstallations;
  let b: Actors;
  let browser: Browser;
  let drafts: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (transport === "axis") axis = await startAxisServer({ accounts: AXIS_SECRETS, names: { [ORGAN_A]: NAME_A, [ORGAN_B]: NAME_B } });
    two = await startInstallations({
      transport,
      axisUrl: axis?.url,
      // A send's first retry after 1 s instead of 10 (then 2, 4, 8 s…): the tests of a partner down or an axis
      // answering 500 wait for retries.
      env: { AXIS_POLL_MS: "1000", EXCHANGE_RETRY_MS: "1000" },
      beforeStart: (a) => {
        // "!": issued before A's server starts — the outbox sends it once the server runs (the sender
        // stopped between commit and send). "!R": issued, and a replacement of it issued too.
        const r = a.script("tests/exchange/prepare-drafts.ts", [
          ORGAN_A, ORGAN_B, `${SUBJECTS.main}!`, `${SUBJECTS.reject}!`, SUBJECTS.browser, SUBJECTS.down1, SUBJECTS.down2,
          `${SUBJECTS.recall}!`, `${SUBJECTS.refused}!`, `${SUBJECTS.replaced}!R`, SUBJECTS.axis500,
        ]);
        if (r.status !== 0) throw new Error(`prepare-drafts failed:\n${r.stdout}\n${r.stderr}`);
        const list = JSON.parse(r.stdout.trim().split("\n").pop()!) as { subject: string; id: string; replacementId?: string }[];
        drafts = Object.fromEntries(list.flatMap((d) => [[d.subject, d.id], ...(d.replacementId ? [[`${d.subject} (bản thay thế)`, d.replacementId]] : [])]));
      },
    });
    b = await actorsOn({ url: two.b.databaseUrl, organId: ORGAN_B });
    browser = await launchBrowser();
  }, 600_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail") {
      console.log(`[two] A's output:\n${two?.a.logs().slice(-3000)}`);
      console.log(`[two] B's output:\n${two?.b.logs().slice(-3000)}`);
    }
    for (const c of contexts.splice(0)) await c.close();
  });

  afterAll(async () => {
    await browser?.close();
    await b?.close();
    await two?.stop();
    await axis?.stop();
  });

  async function asA(username: string, fullName: string): Promise<Page> {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    await login(page, two.a.url, username, fullName);
    return page;
  }

  /** B's copy of A's document (by its subject), once it has arrived. */
  async function arrivedOnB(subject: string) {
    return until(`"${subject}" to arrive on B`, async () => {
      const [doc] = await b.db
        .select({ id: incomingDocuments.id, status: incomingDocuments.status, issuerName: incomingDocuments.issuerName })
        .from(incomingDocuments)
        .where(and(eq(incomingDocuments.agencyId, b.agencyId), eq(incomingDocuments.subject, subject)));
      return doc;
    });
  }

  /** The status messages B has sent back about an incoming document (code → state). */
  async function statusesSentByB(incomingId: string) {
    const rows = await b.db
      .select({ code: exchangeMessages.statusCode, state: exchangeMessages.state, error: exchangeMessages.error })
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.incomingId, incomingId), eq(exchangeMessages.direction, "out")))
      .orderBy(asc(exchangeMessages.createdAt));
    return rows;
  }

  /** Waits until A's document page shows `text`, reloading. */
  async function aShows(page: Page, outgoingId: string, text: string | RegExp) {
    const deadline = Date.now() + 90_000;
    for (;;) {
      await page.goto(`${two.a.url}/outgoing/${outgoingId}`);
      const main = await page.locator("main").innerText();
      if (typeof text === "string" ? main.includes(text) : text.test(main)) return;
      if (Date.now() > deadline) throw new Error(`A's page of ${outgoingId} never showed ${String(text)}:\n${(await page.locator("main").innerText()).slice(0, 3000)}`);
      await sleep(1000);
    }
  }

  it("A issues → B receives (01) → registers (03) → assigns (04) → processes (05) → finishes (06); A's page shows each", async () => {
    const outgoingId = drafts[SUBJECTS.main];
    const doc = await arrivedOnB(SUBJECTS.main);
    expect(doc.status).toBe("awaiting_reception");
    expect(doc.issuerName).toBe(NAME_A);
    await until("01 sent by B", async () => (await statusesSentByB(doc.id)).find((s) => s.code === "01" && s.state === "sent"));

    const clerkA = await asA(DEMO.clerk.username, DEMO.clerk.fullName);
    // The liên thông panel lists each status with its code and time; the trail (Luồng xử lý) has it too.
    await aShows(clerkA, outgoingId, /\(01\) lúc/);
    await aShows(clerkA, outgoingId, /Đã đến/);

    await b.act(registerArrival, "vanthu", { id: doc.id });
    await aShows(clerkA, outgoingId, /\(03\) lúc/);
    await aShows(clerkA, outgoingId, /Đã tiếp nhận/);

    await b.act(submitToLeader, "vanthu", { id: doc.id, leaderId: await b.user("giamdoc") });
    await b.act(assignDocument, "giamdoc", {
      id: doc.id, instruction: "Phòng Ngân sách chủ trì tham mưu.", waitForOpinions: false,
      recipients: [{ kind: "user", targetId: await b.user("cv.ns1"), role: "lead", deadline: "", workingDays: null }],
    });
    await aShows(clerkA, outgoingId, /\(04\) lúc/);
    await aShows(clerkA, outgoingId, /Đã phân công/);

    const part = await b.part(doc.id, "cv.ns1");
    await b.act(noteProgress, "cv.ns1", { assignmentId: part, text: "Đang tổng hợp số liệu." });
    await aShows(clerkA, outgoingId, /\(05\) lúc/);
    await aShows(clerkA, outgoingId, /Đang xử lý/);

    await b.act(completeAssignment, "cv.ns1", { assignmentId: part, result: "Đã có văn bản trả lời." });
    await aShows(clerkA, outgoingId, /\(06\) lúc/);
    await aShows(clerkA, outgoingId, /Hoàn thành/);

    // Each status once, in the order of the steps, all sent.
    const sent = await statusesSentByB(doc.id);
    expect(sent.map((s) => s.code)).toEqual(["01", "03", "04", "05", "06"]);
    expect(sent.every((s) => s.state === "sent")).toBe(true);
  }, 300_000);

  it("B returns a document (02 with the reason); A's page shows the refusal and its reason", async () => {
    const doc = await arrivedOnB(SUBJECTS.reject);
    const reason = "Văn bản gửi nhầm cơ quan, đề nghị gửi Sở Kế hoạch và Đầu tư.";
    await b.act(returnToSender, "vanthu", { id: doc.id, reason });
    const clerkA = await asA(DEMO.clerk.username, DEMO.clerk.fullName);
    await aShows(clerkA, drafts[SUBJECTS.reject], /\(02\) lúc/);
    await aShows(clerkA, drafts[SUBJECTS.reject], /Từ chối tiếp nhận/);
    await aShows(clerkA, drafts[SUBJECTS.reject], `Lý do: ${reason}`);
  }, 240_000);

  it("the same package delivered twice gives one document on B (the second delivery is a no-op)", async () => {
    const doc = await arrivedOnB(SUBJECTS.main);
    const [msg] = await b.db
      .select({ sha256: storedFiles.sha256 })
      .from(exchangeMessages)
      .innerJoin(storedFiles, eq(storedFiles.id, exchangeMessages.rawFileId))
      .where(and(eq(exchangeMessages.incomingId, doc.id), eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "document")));
    expect(msg).toBeTruthy();
    const raw = fs.readFileSync(path.join(two.b.dataDir, "files", msg.sha256.slice(0, 2), msg.sha256));
    if (transport === "direct") {
      const res = await fetch(`${two.b.url}/api/exchange/edxml`, { method: "POST", headers: { "Content-Type": "application/xml" }, body: raw });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ duplicate: true });
    } else {
      // The axis hands B the same package again (a redelivery): B takes it, changes nothing, acknowledges it.
      const again = axis!.inject({ from: ORGAN_A, to: ORGAN_B, xml: raw });
      await until("the redelivered package to be acknowledged by B", async () => axis!.packages.find((p) => p.id === again.id)?.acknowledged);
    }
    const copies = await b.db
      .select({ id: incomingDocuments.id })
      .from(incomingDocuments)
      .where(and(eq(incomingDocuments.agencyId, b.agencyId), eq(incomingDocuments.subject, SUBJECTS.main)));
    expect(copies).toHaveLength(1);
  }, 120_000);

  it("A's clerk issues in the browser; the document reaches B with A's valid signature", async () => {
    const clerkA = await asA(DEMO.clerk.username, DEMO.clerk.fullName);
    await issueOnA(clerkA, drafts[SUBJECTS.browser]);
    const doc = await arrivedOnB(SUBJECTS.browser);
    const [msg] = await b.db
      .select({ signer: exchangeMessages.signer, state: exchangeMessages.state, sender: exchangeMessages.senderOrganId })
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.incomingId, doc.id), eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "document")));
    expect(msg.state).toBe("received");
    expect(msg.sender).toBe(ORGAN_A);
    expect(JSON.stringify(msg.signer)).toContain(NAME_A);
    await aShows(clerkA, drafts[SUBJECTS.browser], /Đã đến/);
  }, 240_000);

  it.skipIf(transport !== "direct")("B down for a while: A's messages wait (the error shown, retried), then arrive once and in order", async () => {
    await two.b.stop();
    const clerkA = await asA(DEMO.clerk.username, DEMO.clerk.fullName);
    await issueOnA(clerkA, drafts[SUBJECTS.down1]);
    await issueOnA(clerkA, drafts[SUBJECTS.down2]);
    // A tried and failed (connection refused): the page says so, and the message waits for the next try.
    await aShows(clerkA, drafts[SUBJECTS.down1], /Gửi lỗi \(lần \d+\)/);
    await two.b.start();
    const first = await arrivedOnB(SUBJECTS.down1);
    const second = await arrivedOnB(SUBJECTS.down2);
    const rows = await b.db
      .select({ incomingId: exchangeMessages.incomingId, createdAt: exchangeMessages.createdAt })
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.agencyId, b.agencyId), eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "document"), eq(exchangeMessages.state, "received")))
      .orderBy(asc(exchangeMessages.createdAt));
    const order = rows.map((r) => r.incomingId);
    expect(order.filter((id) => id === first.id)).toHaveLength(1);
    expect(order.filter((id) => id === second.id)).toHaveLength(1);
    expect(order.indexOf(first.id)).toBeLessThan(order.indexOf(second.id));
    await aShows(clerkA, drafts[SUBJECTS.down2], /Đã đến/);
  }, 300_000);

  /** The 13 B received about its copy `incomingId`, once it is there. */
  async function recallRequestOnB(incomingId: string) {
    return until("the 13 to arrive on B", async () => {
      const [m] = await b.db
        .select({ id: exchangeMessages.id, state: exchangeMessages.state, description: exchangeMessages.description })
        .from(exchangeMessages)
        .where(and(eq(exchangeMessages.incomingId, incomingId), eq(exchangeMessages.direction, "in"), eq(exchangeMessages.statusCode, "13")));
      return m;
    });
  }

  /** A's clerk asks every receiver (13) on the document page's Thu hồi, cập nhật, thay thế form. */
  async function requestOnA(clerk: Page, outgoingId: string, purpose: "recall" | "replace", reason: string) {
    await clerk.goto(`${two.a.url}/outgoing/${outgoingId}`);
    // The replacement field appears on the select's change: React must have hydrated the form first.
    await waitForHydration(clerk, "#recall-purpose");
    await clerk.selectOption("#recall-purpose", purpose);
    if (purpose === "replace") await clerk.selectOption("#recall-replacement", { index: 1 });
    await clerk.fill("#recall-reason", reason);
    await submitForm(clerk, "Gửi yêu cầu");
    await expect.poll(() => clerk.getByText("Đã gửi yêu cầu tới các cơ quan nhận.").count()).toBeGreaterThan(0);
  }

  it("a recall (13 → 15) freezes B's copy, and A sees the agreement", async () => {
    const doc = await arrivedOnB(SUBJECTS.recall);
    const clerkA = await asA(DEMO.clerk.username, DEMO.clerk.fullName);
    await aShows(clerkA, drafts[SUBJECTS.recall], /\(01\) lúc/);
    const reason = "Văn bản có sai sót về số liệu, đề nghị thu hồi.";
    await requestOnA(clerkA, drafts[SUBJECTS.recall], "recall", reason);
    const request = await recallRequestOnB(doc.id);
    expect(request.state).toBe("pending");
    expect(request.description).toBe(reason);
    await b.act(acceptRecall, "vanthu", { id: request.id });
    const [frozen] = await b.db.select({ status: incomingDocuments.status }).from(incomingDocuments).where(eq(incomingDocuments.id, doc.id));
    expect(frozen.status).toBe("withdrawn");
    await aShows(clerkA, drafts[SUBJECTS.recall], /\(15\) lúc/);
    // Accepting twice changes nothing (the request is answered).
    await expect(b.act(acceptRecall, "vanthu", { id: request.id })).rejects.toThrow(/đã được trả lời/);
  }, 240_000);

  it("a refused recall (16 with the reason): B's copy stays, A sees the refusal", async () => {
    const doc = await arrivedOnB(SUBJECTS.refused);
    const clerkA = await asA(DEMO.clerk.username, DEMO.clerk.fullName);
    await aShows(clerkA, drafts[SUBJECTS.refused], /\(01\) lúc/);
    await requestOnA(clerkA, drafts[SUBJECTS.refused], "recall", "Yêu cầu lấy lại để bổ sung phụ lục.");
    const request = await recallRequestOnB(doc.id);
    const reason = "Văn bản đã được triển khai thực hiện, không thể thu hồi.";
    await b.act(refuseRecall, "vanthu", { id: request.id, reason });
    await aShows(clerkA, drafts[SUBJECTS.refused], /\(16\) lúc/);
    await aShows(clerkA, drafts[SUBJECTS.refused], reason);
    const [kept] = await b.db.select({ status: incomingDocuments.status }).from(incomingDocuments).where(eq(incomingDocuments.id, doc.id));
    expect(kept.status).not.toBe("withdrawn");
  }, 240_000);

  it("a replacement (13 → 15 → BussinessDocType 3) arrives on B linked to the original", async () => {
    const original = await arrivedOnB(SUBJECTS.replaced);
    const clerkA = await asA(DEMO.clerk.username, DEMO.clerk.fullName);
    await aShows(clerkA, drafts[SUBJECTS.replaced], /\(01\) lúc/);
    await requestOnA(clerkA, drafts[SUBJECTS.replaced], "replace", "Thay thế bằng văn bản đã sửa số liệu.");
    const request = await recallRequestOnB(original.id);
    await b.act(acceptRecall, "vanthu", { id: request.id });
    await aShows(clerkA, drafts[SUBJECTS.replaced], /\(15\) lúc/);
    const replacing = await until("the replacement linked to the original on B", async () => {
      const [r] = await b.db
        .select({ id: incomingDocuments.id, subject: incomingDocuments.subject })
        .from(incomingDocuments)
        .where(and(eq(incomingDocuments.agencyId, b.agencyId), eq(incomingDocuments.replacesIncomingId, original.id)));
      return r;
    });
    expect(replacing.subject).toBe(`${SUBJECTS.replaced} (bản thay thế)`);
    const [typed] = await b.db
      .select({ type: exchangeMessages.businessDocType })
      .from(exchangeMessages)
      .where(and(eq(exchangeMessages.incomingId, replacing.id), eq(exchangeMessages.direction, "in"), eq(exchangeMessages.kind, "document")));
    expect(typed.type).toBe(3);
  }, 240_000);

  it.skipIf(transport !== "axis")("an axis that answers 500: A retries, the error is visible to A's clerk, the document arrives once", async () => {
    // The axis answers 500 until the clerk has seen the message wait (the retries come 1, 2, 4 s apart here).
    axis!.failNext(1_000, { op: "sendEdoc" });
    const clerkA = await asA(DEMO.clerk.username, DEMO.clerk.fullName);
    await issueOnA(clerkA, drafts[SUBJECTS.axis500]);
    await aShows(clerkA, drafts[SUBJECTS.axis500], /Gửi lỗi \(lần \d+\)/);
    // The Liên thông area (/exchange, Chờ gửi) lists it while it waits, with the tries made so far.
    await clerkA.goto(`${two.a.url}/exchange?tab=queued`);
    const row = clerkA.locator("tbody tr").filter({ hasText: SUBJECTS.axis500 });
    await expect.poll(() => row.count()).toBe(1);
    expect(Number((await row.locator("td").last().innerText()).trim())).toBeGreaterThanOrEqual(1);
    const refused = () => axis!.log.filter((l) => l.op === "sendEdoc" && l.status === 500).length;
    await until("a retry refused by the axis", async () => refused() >= 2);
    axis!.clearFailures();
    const doc = await arrivedOnB(SUBJECTS.axis500);
    expect(refused()).toBeGreaterThanOrEqual(2);
    const copies = await b.db.select({ id: incomingDocuments.id }).from(incomingDocuments).where(and(eq(incomingDocuments.agencyId, b.agencyId), eq(incomingDocuments.subject, SUBJECTS.axis500)));
    expect(copies.map((c) => c.id)).toEqual([doc.id]);
    await aShows(clerkA, drafts[SUBJECTS.axis500], /\(01\) lúc/);
  }, 240_000);

  /** A's clerk opens a signed document (Chờ phát hành) and issues it with the signed PDF. */
  async function issueOnA(clerk: Page, outgoingId: string) {
    await clerk.goto(`${two.a.url}/outgoing/${outgoingId}`);
    await upload(clerk, "#final-file", "van-ban-da-ky.pdf", pdf("Van ban da ky"), "application/pdf");
    await clerk.fill("#issuedAmount", "1");
    await submitForm(clerk, "Phát hành");
    await expect.poll(() => clerk.getByRole("status").filter({ hasText: "Đã phát hành: số" }).count(), { timeout: 20_000 }).toBe(1);
  }

  void NAME_B;
});
