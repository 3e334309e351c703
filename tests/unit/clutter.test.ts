import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareVietnameseNames, sortByVietnameseName } from "@/lib/names";
import { formatSize } from "@/lib/format";
import { UPLOAD_MESSAGES } from "@/lib/storage/errors";
import { actionLabel } from "@/lib/audit/labels";
import { buildIsCurrent, sourceHash, writeStamp } from "@/scripts/build-stamp";

describe("Vietnamese name order", () => {
  it("orders by tên (the last word), then họ and tên đệm", () => {
    const names = ["Phan Văn Đức", "Nguyễn Văn Hùng", "Huỳnh Thị Ngọc Ánh", "Trần Minh Quân", "Đỗ Minh Khoa", "Lê Thị Kim Oanh", "Nguyễn Thị Hồng Nhung"];
    expect(sortByVietnameseName(names, (n) => n)).toEqual([
      "Huỳnh Thị Ngọc Ánh", "Phan Văn Đức", "Nguyễn Văn Hùng", "Đỗ Minh Khoa", "Nguyễn Thị Hồng Nhung", "Lê Thị Kim Oanh", "Trần Minh Quân",
    ]);
  });
  it("uses the Vietnamese alphabet: a < ă < â, d < đ, o < ô < ơ; the same tên is ordered by họ", () => {
    expect(sortByVietnameseName(["Lê Ân", "Lê Ăn", "Lê An"], (n) => n)).toEqual(["Lê An", "Lê Ăn", "Lê Ân"]);
    expect(compareVietnameseNames("Trần Văn Đức", "Trần Văn Dũng")).toBeGreaterThan(0);
    expect(compareVietnameseNames("Trần Văn Ơn", "Trần Văn Ôn")).toBeGreaterThan(0);
    expect(compareVietnameseNames("Bùi Thị Lan", "Âu Thị Lan")).toBeGreaterThan(0);
  });
});

describe("sizes", () => {
  it("reads as people say them, with a decimal comma and no .0", () => {
    expect(formatSize(50 * 1024 * 1024)).toBe("50 MB");
    expect(formatSize(3.4 * 1024 * 1024)).toBe("3,4 MB");
    expect(formatSize(820 * 1024)).toBe("820 KB");
    expect(formatSize(512)).toBe("512 byte");
    expect(UPLOAD_MESSAGES.tooLarge(50 * 1024 * 1024)).toBe("Tệp vượt quá dung lượng cho phép (tối đa 50 MB).");
  });
});

describe("security log labels", () => {
  it("names actions in Vietnamese, also an action added later", () => {
    expect(actionLabel("org.user.create")).toBe("Thêm cán bộ");
    expect(actionLabel("incoming.somethingNew")).toBe("Một thao tác về văn bản đến");
    expect(actionLabel("weird")).toBe("Một thao tác khác");
  });
});

describe("build stamp", () => {
  it("is current only for the sources it was made from", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "vpdt-stamp-"));
    try {
      fs.mkdirSync(path.join(root, "app"));
      fs.writeFileSync(path.join(root, "app", "page.tsx"), "a");
      const dist = path.join(root, ".next");
      fs.mkdirSync(dist);
      const h1 = sourceHash(root);
      expect(buildIsCurrent(dist, h1)).toBe(false); // no BUILD_ID yet
      fs.writeFileSync(path.join(dist, "BUILD_ID"), "x");
      writeStamp(dist, h1);
      expect(buildIsCurrent(dist, sourceHash(root))).toBe(true);
      fs.writeFileSync(path.join(root, "app", "page.tsx"), "b");
      expect(buildIsCurrent(dist, sourceHash(root))).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
