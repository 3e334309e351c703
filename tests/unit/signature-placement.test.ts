import { describe, expect, it } from "vitest";
import { readPng, signatureImageProblem } from "@/lib/account/signature-image";
import { pickNameHit, signatureRect, type TextRun } from "@/lib/outgoing/signature-place";
import { ringPng } from "../signatures/sign";

// NĐ 30/2020 Phụ lục I §7: the signature image is a transparent PNG placed between the title and the name.

describe("the signature image", () => {
  it("reads a PNG's size and transparency, and refuses what is not a transparent PNG of a sensible size", () => {
    expect(readPng(ringPng(160))).toEqual({ width: 160, height: 160, transparent: true });
    expect(signatureImageProblem(readPng(ringPng(160)))).toBeNull();
    expect(signatureImageProblem(readPng(new TextEncoder().encode("GIF89a…")))).toBe("Ảnh chữ ký phải là tệp PNG.");
    expect(signatureImageProblem({ width: 300, height: 120, transparent: false })).toMatch(/nền trong suốt/);
    expect(signatureImageProblem({ width: 60, height: 20, transparent: true })).toMatch(/quá nhỏ/);
    expect(signatureImageProblem({ width: 5000, height: 200, transparent: true })).toMatch(/quá lớn/);
    // A truncated file (no IEND) is not a PNG.
    expect(readPng(ringPng(160).slice(0, 60))).toBeNull();
  });
});

describe("where the image goes", () => {
  const run = (str: string, x: number, y: number, width: number, height = 13): TextRun => ({ page: 0, x, y, width, height, str });
  const lines = [
    run("Nơi nhận: KT. GIÁM ĐỐC", 85, 400, 400),
    run("- Như Điều 3; PHÓ GIÁM ĐỐC", 85, 383, 400),
    run("- Lưu: VT, VP.", 85, 369, 80, 11),
    run("Lê Thị Mai", 380, 290, 80),
  ];
  const name = run("Lê Thị Mai", 380, 290, 80);

  it("centres the image on the name, between the name and the nearest title line above it, keeping its ratio", () => {
    const [x1, y1, x2, y2] = signatureRect(lines, name, { width: 300, height: 100 });
    expect((x1 + x2) / 2).toBeCloseTo(420, 1);
    expect(y1).toBeGreaterThan(290 + 13);
    expect(y2).toBeLessThan(383);
    expect((x2 - x1) / (y2 - y1)).toBeCloseTo(3, 1);
    expect(x2 - x1).toBeLessThanOrEqual(180);
  });

  it("without a title above, keeps a default height above the name; takes the lowest occurrence of the name", () => {
    const [, y1, , y2] = signatureRect([name], name, { width: 200, height: 100 });
    expect(y1).toBeGreaterThan(290);
    expect(y2 - y1).toBeCloseTo(64, 0);
    expect(pickNameHit([run("Lê Thị Mai", 100, 700, 80), name])).toBe(name);
    expect(pickNameHit([])).toBeNull();
  });
});
