import Link from "next/link";
import { PageHeader } from "@/components/ui/page";
import { requireVerb } from "@/lib/auth/current";

export const metadata = { title: "Quản trị" };

const SECTIONS = [
  { href: "/admin/agency", title: "Thông tin cơ quan", text: "Tên cơ quan, cơ quan chủ quản, địa danh và biểu tượng hiện ở đầu trang." },
  { href: "/admin/units", title: "Đơn vị và chức vụ", text: "Cây tổ chức của cơ quan: Ban Giám đốc, Văn phòng, các phòng, đơn vị trực thuộc và chức vụ trong từng đơn vị." },
  { href: "/admin/users", title: "Người dùng", text: "Tạo, sửa, vô hiệu hóa tài khoản; giao và gỡ chức vụ; liên kết SSO; đặt lại mật khẩu." },
  { href: "/admin/exchange", title: "Liên thông văn bản", text: "Khóa và chứng thư số của cơ quan, kết nối trục, danh bạ cơ quan liên thông và tình trạng kết nối." },
  { href: "/admin/signatures", title: "Chứng thư tin cậy", text: "Chứng thư gốc của tổ chức chứng thực dùng để kiểm tra chữ ký số trên văn bản PDF." },
  { href: "/admin/security", title: "Sự kiện an ninh", text: "Đăng nhập sai, khóa tài khoản, thao tác bị từ chối: ai, khi nào, từ đâu." },
];

export default async function AdminHome() {
  await requireVerb("org.manage");
  return (
    <>
      <PageHeader title="Quản trị" description="Quản trị viên quản lý tổ chức và tài khoản; không xem được nội dung văn bản." />
      <ul className="grid gap-4 sm:grid-cols-2">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-600">
              <h2 className="font-semibold">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
