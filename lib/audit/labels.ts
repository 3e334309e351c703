// Vietnamese names of the actions (the `name` of each defineAction) for the security log and the
// audit views: an administrator reads "Vào sổ văn bản đến", not "incoming.register".
export const ACTION_LABELS: Record<string, string> = {
  "account.session.end": "Kết thúc phiên đăng nhập",
  "account.session.endOthers": "Kết thúc các phiên đăng nhập khác",
  "account.signature.image": "Cập nhật ảnh chữ ký",
  "account.signature.image.remove": "Xóa ảnh chữ ký",
  "account.certificate": "Cập nhật chứng thư số",
  "account.certificate.remove": "Xóa chứng thư số",
  "account.csc.user": "Cập nhật tài khoản dịch vụ ký số từ xa",
  "agencies.create": "Thêm cơ quan",
  "agencies.createAdmin": "Thêm quản trị viên của cơ quan",
  "agencies.disable": "Ngừng hoạt động cơ quan",
  "agencies.enable": "Cho cơ quan hoạt động lại",
  "auth.logout": "Đăng xuất",
  "exchange.axis.update": "Cập nhật kết nối trục liên thông",
  "exchange.certificate.load": "Nạp chứng thư số liên thông",
  "exchange.directory.create": "Thêm cơ quan vào danh bạ liên thông",
  "calendar.day.add": "Thêm ngày vào lịch làm việc",
  "calendar.day.update": "Sửa ngày trong lịch làm việc",
  "calendar.day.delete": "Xóa thay đổi của lịch làm việc",
  "exchange.directory.import": "Nhập danh bạ liên thông từ tệp",
  "exchange.directory.ping": "Thử kết nối với cơ quan liên thông",
  "exchange.directory.setActive": "Ngừng hoặc dùng lại cơ quan liên thông",
  "exchange.directory.update": "Sửa cơ quan trong danh bạ liên thông",
  "exchange.identity.update": "Cập nhật thông tin liên hệ liên thông",
  "exchange.key.generate": "Tạo khóa và yêu cầu chứng thư liên thông",
  "exchange.key.importPkcs12": "Nhập khóa và chứng thư liên thông (PKCS#12)",
  "exchange.resend": "Gửi lại thông điệp liên thông",
  "files.add": "Thêm vào hồ sơ",
  "files.addUpload": "Thêm tài liệu tải lên vào hồ sơ",
  "files.close": "Đóng hồ sơ",
  "files.move": "Chuyển văn bản sang hồ sơ khác",
  "files.open": "Mở hồ sơ",
  "files.openAdHoc": "Mở hồ sơ ngoài danh mục",
  "files.reconcile": "Đối chiếu với hồ sơ giấy",
  "files.remove": "Loại khỏi hồ sơ",
  "files.reopen": "Mở lại hồ sơ",
  "files.sort": "Sắp xếp theo thời gian",
  "files.handover": "Nộp lưu",
  "files.accept": "Tiếp nhận hồ sơ",
  "files.returnBatch": "Trả lại hồ sơ nộp lưu",
  "files.plan.create": "Lập danh mục hồ sơ",
  "files.plan.heading": "Sửa đề mục danh mục hồ sơ",
  "files.plan.item": "Sửa hồ sơ trong danh mục",
  "files.plan.itemDelete": "Xóa hồ sơ khỏi danh mục",
  "incoming.assign": "Chuyển xử lý văn bản đến",
  "incoming.cascade": "Chuyển xử lý tiếp trong đơn vị",
  "incoming.complete": "Hoàn thành xử lý văn bản đến",
  "incoming.changeSecrecy": "Đổi độ mật văn bản đến",
  "incoming.handOverPaper": "Giao văn bản giấy",
  "incoming.linkPaperCopy": "Gắn bản giấy vào văn bản điện tử",
  "incoming.pass": "Chuyển lãnh đạo khác",
  "incoming.register": "Vào sổ văn bản đến",
  "incoming.registerPaper": "Tiếp nhận văn bản giấy",
  "incoming.return": "Trả lại văn bản đến",
  "incoming.sendBack": "Trả lại văn bản đến cho người giao",
  "incoming.submit": "Trình lãnh đạo",
  "incoming.correct": "Sửa thông tin vào sổ",
  "incoming.void": "Hủy vào sổ",
  "org.position.create": "Thêm chức vụ",
  "org.position.delete": "Xóa chức vụ",
  "org.unit.create": "Thêm đơn vị",
  "org.unit.update": "Sửa đơn vị",
  "org.user.create": "Thêm cán bộ",
  "org.user.grantPosition": "Giao chức vụ",
  "org.user.linkSso": "Liên kết tài khoản SSO",
  "org.user.resetPassword": "Đặt lại mật khẩu",
  "org.user.revokePosition": "Thôi giao chức vụ",
  "org.user.setActive": "Kích hoạt hoặc vô hiệu hóa tài khoản",
  "org.user.unlinkSso": "Bỏ liên kết tài khoản SSO",
  "org.user.update": "Sửa thông tin cán bộ",
  "org.agency.update": "Cập nhật thông tin cơ quan",
  "outgoing.answer": "Gửi ý kiến về dự thảo",
  "outgoing.approve": "Duyệt dự thảo",
  "outgoing.changeSecrecy": "Đổi độ mật văn bản đi",
  "outgoing.check": "Kiểm tra thể thức",
  "outgoing.consult": "Lấy ý kiến",
  "outgoing.create": "Tạo dự thảo",
  "outgoing.issue": "Phát hành",
  "outgoing.return": "Trả lại dự thảo",
  "outgoing.revise": "Sửa dự thảo",
  "outgoing.sign": "Ký duyệt",
  "outgoing.sign.prepare": "Chuẩn bị bản ký số",
  "outgoing.sign.complete": "Ký số",
  "outgoing.submit": "Trình duyệt",
  "outgoing.withdraw": "Thu hồi văn bản đi",
};

const AREAS: Record<string, string> = {
  account: "tài khoản",
  auth: "đăng nhập",
  exchange: "liên thông",
  calendar: "lịch làm việc",
  files: "hồ sơ",
  incoming: "văn bản đến",
  org: "tổ chức, cán bộ",
  outgoing: "văn bản đi",
  registers: "sổ văn bản",
};

/** The Vietnamese label of an action name; an action added later still reads as its area. */
export function actionLabel(name: string): string {
  const known = ACTION_LABELS[name];
  if (known) return known;
  const area = AREAS[name.split(".")[0]];
  return area ? `Một thao tác về ${area}` : "Một thao tác khác";
}

/** One audit entry in a sentence, for the security events and the province's log. */
export function describeAuditEvent(action: string, payload: Record<string, unknown>, outcome = "failure"): string {
  const str = (k: string) => String(payload[k] ?? "");
  if (action === "auth.login" && outcome === "success") return `Đăng nhập (${str("method") === "sso" ? "SSO" : "mật khẩu"})`;
  if (action === "auth.lockout") return `Tạm khóa tài khoản "${str("username")}" sau nhiều lần đăng nhập sai`;
  if (action === "auth.sso") return "Đăng nhập SSO bằng tài khoản chưa liên kết hoặc đã vô hiệu hóa";
  if (action === "auth.login") {
    const why = LOGIN_REFUSALS[str("reason")];
    return `Đăng nhập không thành công "${str("username")}"${why ? ` (${why})` : ""}`;
  }
  if (action === "action.refused") return `Thao tác bị từ chối: ${actionLabel(str("action"))}`;
  // Quản trị cấp tỉnh: which agency, and why it was stopped.
  if (action.startsWith("agencies.") && payload.name) {
    return `${actionLabel(action)}: ${str("name")}${payload.reason ? ` (lý do: ${str("reason")})` : ""}`;
  }
  if (action === "agencies.createAdmin" && payload.username) return `${actionLabel(action)}: ${str("fullName")} (${str("username")})`;
  return actionLabel(action);
}

const LOGIN_REFUSALS: Record<string, string> = {
  locked: "tài khoản đang bị khóa", ip_limited: "địa chỉ bị giới hạn", unknown_user: "tên đăng nhập không tồn tại", wrong_password: "sai mật khẩu",
  disabled: "tài khoản đã bị vô hiệu hóa", agency_disabled: "cơ quan đã ngừng hoạt động",
};
