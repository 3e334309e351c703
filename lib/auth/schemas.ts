import { z } from "zod";
import { param } from "@/lib/search-params";

export const loginSchema = z.object({
  username: z.string().trim().min(1, "Vui lòng nhập tên đăng nhập.").max(100),
  password: z.string().min(1, "Vui lòng nhập mật khẩu.").max(200),
  /** Where to go after signing in; only a path of this site is honoured (lib/http/local-path.ts). */
  callbackUrl: z.string().max(1000).optional(),
});
export type LoginInput = z.input<typeof loginSchema>;

export const endSessionSchema = z.object({ id: z.string().min(10).max(100) });

/** /login: the code of an SSO failure the callback sent back, and where to go after signing in (lib/search-params.ts). */
export const loginSearchSchema = z.object({ error: param.text(50), callbackUrl: param.text(1000) });
