import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EdxmlError } from "./errors";
import { parseEdxml, type ParsedEdxml } from "./parse";
import { summarizeEdxml, type EdxmlSummary } from "./summary";

export interface SignatureReport {
  status: "valid" | "invalid" | "absent";
  reason: string;
}

export type CheckLine =
  | ({ file: string; ok: true } & EdxmlSummary & { signature: SignatureReport })
  | { file: string; ok: false; error: string; reason: string; issues?: { code: string; path: string; message: string }[] };

/**
 * The one place the signature is checked for `npm run edxml -- check`. When lib/edxml/signature.ts exists it
 * must export `verifyEdxmlSignature(xml: string)` returning `{ valid: boolean; reason?: string }` (or a
 * promise of it); until then a present signature is reported as not checked, never as valid.
 */
export async function checkSignature(xml: string, parsed: ParsedEdxml): Promise<SignatureReport> {
  if (!parsed.signaturePresent) return { status: "absent", reason: "Thông điệp không có chữ ký (Signature)." };
  const modulePath = fileURLToPath(new URL("./signature.ts", import.meta.url));
  if (!existsSync(modulePath)) {
    return { status: "absent", reason: "not checked: chưa có bộ kiểm tra chữ ký (lib/edxml/signature.ts)." };
  }
  try {
    const mod = (await import(/* @vite-ignore */ modulePath)) as {
      verifyEdxmlSignature?: (xml: string) => unknown;
    };
    if (typeof mod.verifyEdxmlSignature !== "function") {
      return { status: "absent", reason: "not checked: signature.ts không có verifyEdxmlSignature." };
    }
    const r = (await mod.verifyEdxmlSignature(xml)) as { valid?: boolean; ok?: boolean; reason?: string } | boolean;
    const valid = typeof r === "boolean" ? r : Boolean(r?.valid ?? r?.ok);
    const reason = typeof r === "object" && r?.reason ? r.reason : valid ? "Chữ ký hợp lệ." : "Chữ ký không hợp lệ.";
    return { status: valid ? "valid" : "invalid", reason };
  } catch (e) {
    return { status: "invalid", reason: (e as Error).message };
  }
}

/** Reads and checks one message; never throws for a bad message (the line says why). */
export async function checkEdxml(file: string, bytes: Uint8Array): Promise<CheckLine> {
  let parsed: ParsedEdxml;
  try {
    parsed = parseEdxml(bytes);
  } catch (e) {
    if (e instanceof EdxmlError) {
      return { file, ok: false, error: e.code, reason: e.message, ...(e.issues.length ? { issues: e.issues } : {}) };
    }
    return { file, ok: false, error: "unreadable", reason: (e as Error).message };
  }
  const xml = Buffer.from(bytes).toString("utf8");
  return { file, ok: true, ...summarizeEdxml(parsed), signature: await checkSignature(xml, parsed) };
}
