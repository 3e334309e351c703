import type { EdxmlIssue } from "./types";

export type EdxmlErrorCode =
  | "not_utf8"
  | "doctype"
  | "too_large"
  | "malformed"
  | "not_edxml"
  | "structure"
  | "too_many_attachments"
  | "attachment_too_large"
  | "bad_base64"
  | "invalid";

/** A refused message: `code` for machines and the audit, `message` in Vietnamese for the clerk. */
export class EdxmlError extends Error {
  readonly code: EdxmlErrorCode;
  readonly issues: EdxmlIssue[];
  constructor(code: EdxmlErrorCode, message: string, issues: EdxmlIssue[] = []) {
    super(message);
    this.name = "EdxmlError";
    this.code = code;
    this.issues = issues;
  }
}
