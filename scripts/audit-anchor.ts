import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { configuredDbOptions, openDb } from "../db/client";
import { configuredAnchorKey, createAnchor } from "../lib/audit/anchor";

// npm run audit:anchor -- --out /mnt/worm/anchor-2026-12-01T10.json   and/or   --url https://siem.example/anchors
// Exports every audit chain's head (signed with AUDIT_ANCHOR_KEY when set) to an outside record.
const { values } = parseArgs({ options: { out: { type: "string" }, url: { type: "string" } } });
if (!values.out && !values.url) {
  console.error("Cách dùng: npm run audit:anchor -- --out <tệp.json> | --url <https://…>");
  process.exit(2);
}
if (values.url && !/^https?:\/\//.test(values.url)) {
  console.error("--url phải là địa chỉ http(s)://…");
  process.exit(2);
}
const key = configuredAnchorKey();
const handle = await openDb({ ...configuredDbOptions(), migrate: false });
let anchor;
try {
  anchor = await createAnchor(handle.db, key);
} finally {
  await handle.close();
}
const body = `${JSON.stringify(anchor, null, 2)}\n`;
const summary = `${anchor.heads.length} chuỗi${key ? `, ký ${key.alg}` : ", không ký (chưa đặt AUDIT_ANCHOR_KEY)"}`;
if (values.out) {
  const target = path.resolve(values.out);
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, body, { mode: 0o644 });
  fs.renameSync(temp, target);
  console.log(`Đã ghi mốc neo nhật ký vào ${target} (${summary}).`);
}
if (values.url) {
  const res = await fetch(values.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    signal: AbortSignal.timeout(30_000),
  }).catch((e: unknown) => {
    console.error(`Không gửi được mốc neo tới ${values.url}: ${(e as Error).message}`);
    process.exit(1);
  });
  if (!res.ok) {
    console.error(`Máy nhận ${values.url} trả lời ${res.status}: mốc neo chưa được lưu.`);
    process.exit(1);
  }
  console.log(`Đã gửi mốc neo nhật ký tới ${values.url} (${summary}).`);
}
