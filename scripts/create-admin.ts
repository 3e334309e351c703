import { parseArgs } from "node:util";
import { migrateDb } from "./prepare-db";
import { ensureFirstAdmin } from "../lib/seed/bootstrap";
import { hashPassword } from "../lib/auth/password";
import { passwordSchema } from "../lib/auth/password-policy";

// npm run admin:create -- --username quantri --name "Nguyễn Văn A" --agency-code SNV --agency-name "Sở Nội vụ tỉnh X"
// The password is read from ADMIN_PASSWORD so it never appears in the shell history.
const { values } = parseArgs({
  options: {
    username: { type: "string" },
    name: { type: "string", default: "Quản trị hệ thống" },
    "agency-code": { type: "string", default: "SNV" },
    "agency-name": { type: "string", default: "Sở Nội vụ" },
    "agency-parent": { type: "string", default: "" },
    "organ-id": { type: "string", default: "000.00.00.H00" },
  },
});
const password = process.env.ADMIN_PASSWORD ?? "";
const checked = passwordSchema.safeParse(password);
if (!values.username || !checked.success) {
  console.error("Cách dùng: ADMIN_PASSWORD=… npm run admin:create -- --username <tên> [--name …] [--agency-code …]");
  if (!checked.success) console.error(checked.error.issues.map((i) => i.message).join("\n"));
  process.exit(1);
}
const handle = await migrateDb();
const { created } = await ensureFirstAdmin(handle.db, {
  agency: { code: values["agency-code"]!, name: values["agency-name"]!, parentName: values["agency-parent"]!, organId: values["organ-id"]! },
  username: values.username,
  fullName: values.name!,
  passwordHash: await hashPassword(password),
});
console.log(created ? `Đã tạo quản trị viên ${values.username}.` : `Tài khoản ${values.username} đã tồn tại, không thay đổi gì.`);
await handle.close();
