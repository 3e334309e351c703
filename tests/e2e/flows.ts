import type { Page } from "playwright-core";
import { expect } from "vitest";
import { DEMO } from "./harness";

// Steps that several browser tests walk through on the way to what they test.

export const TCBC = "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ";

/**
 * Presses the button that shares its form's name ("Trình lãnh đạo" in the form "Trình lãnh đạo").
 * A step that asks first (Ký duyệt, Phát hành: aria-haspopup="dialog") is confirmed in its dialog,
 * when the form's own checks let the dialog open.
 */
export async function submitForm(page: Page, name: string) {
  const button = page.getByRole("form", { name }).getByRole("button", { name, exact: true });
  const asks = (await button.getAttribute("aria-haspopup")) === "dialog";
  await button.click();
  if (!asks) return;
  const dialog = page.getByRole("dialog");
  const opened = await dialog.waitFor({ state: "visible", timeout: 5_000 }).then(() => true, () => false);
  if (opened) await dialog.getByRole("button", { name, exact: true }).click();
}

/**
 * The clerk registers a paper document (Vào sổ) and submits it to the director; the director
 * assigns it to cv.tcbc1 as lead (issue 3's screens). Returns the document's URL.
 */
export async function incomingForStaff(
  clerk: Page,
  director: Page,
  base: string,
  doc: { symbol: string; subject: string; instruction: string; issuedDate?: string; pageCount?: number },
): Promise<string> {
  await clerk.goto(`${base}/incoming/new`);
  await clerk.fill("#symbol", doc.symbol);
  await clerk.fill("#issuerName", "UBND tỉnh Bình Định");
  await clerk.selectOption("#docType", "Công văn");
  await clerk.fill("#subject", doc.subject);
  if (doc.issuedDate) await clerk.fill("#issuedDate", doc.issuedDate);
  if (doc.pageCount) await clerk.fill("#pageCount", String(doc.pageCount));
  await clerk.getByRole("button", { name: "Vào sổ" }).click();
  await clerk.waitForURL(/registered=1$/);
  const incomingUrl = clerk.url().replace(/\?.*$/, "");
  await clerk.selectOption("#submit-leader", { label: `${DEMO.leader.fullName} – Giám đốc` });
  await submitForm(clerk, "Trình lãnh đạo");
  await expect.poll(() => clerk.getByText("Chờ ý kiến chỉ đạo").count()).toBeGreaterThan(0);
  await director.goto(incomingUrl);
  await director.fill("#instruction", doc.instruction);
  await director.getByLabel("Người hoặc đơn vị nhận 1").selectOption({ label: `${DEMO.staff.fullName} – Chuyên viên, ${TCBC}` });
  await submitForm(director, "Chuyển xử lý");
  await expect.poll(() => director.getByText("Đang xử lý").count()).toBeGreaterThan(0);
  return incomingUrl;
}

/** Sets a file on an upload input and waits until the form lists it. */
export async function upload(page: Page, selector: string, name: string, buffer: Buffer, mimeType: string) {
  await page.setInputFiles(selector, { name, mimeType, buffer });
  await expect.poll(() => page.getByText(name).count()).toBeGreaterThan(0);
}

/** Opens a draft from the person's "Chờ tôi xử lý" list. */
export async function openFromInbox(page: Page, base: string, subject: string) {
  await page.goto(`${base}/outgoing?inbox=1`);
  await page.getByRole("link", { name: new RegExp(subject) }).click();
  await page.waitForURL(/\/outgoing\/[0-9a-f-]{36}/);
}
