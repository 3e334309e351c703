import { EdxmlError } from "./errors";
import { parseEdxml, type ParsedEdxml } from "./parse";
import { verifyEdxmlSignature, type EdxmlTrust } from "./signature";
import { summarizeEdxml, type EdxmlSummary } from "./summary";

export interface SignatureReport {
  status: "valid" | "invalid" | "absent";
  reason: string;
  /** The verifier's machine code (lib/edxml/signature.ts SignatureCode). */
  code?: string;
}

export type CheckLine =
  | ({ file: string; ok: true } & EdxmlSummary & { signature: SignatureReport })
  | { file: string; ok: false; error: string; reason: string; issues?: { code: string; path: string; message: string }[] };

/**
 * The one place the signature is checked for `npm run edxml -- check` (lib/edxml/signature.ts: the strict
 * policy, then the cryptographic check against the trusted certificates). Without any trusted certificate
 * a signature can only be reported as not trusted, never as valid.
 */
export function checkSignature(xml: string, parsed: ParsedEdxml, trust: EdxmlTrust = {}): SignatureReport {
  if (!parsed.signaturePresent) return { status: "absent", reason: "Thông điệp không có chữ ký (Signature)." };
  const r = verifyEdxmlSignature(xml, trust);
  return { status: r.status, reason: r.reason, code: r.code };
}

/** Reads and checks one message; never throws for a bad message (the line says why). */
export async function checkEdxml(file: string, bytes: Uint8Array, trust: EdxmlTrust = {}): Promise<CheckLine> {
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
  return { file, ok: true, ...summarizeEdxml(parsed), signature: checkSignature(xml, parsed, trust) };
}
