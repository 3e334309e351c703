import type { ParsedEdxml } from "./parse";

/** What `npm run edxml -- check` prints per file (issue 13, "Parts"), without the signature. */
export interface EdxmlSummary {
  kind: "document" | "status";
  businessDocType: number | null;
  statusCode: string | null;
  from: string;
  to: string[];
  documentId: string;
  subject: string | null;
  attachments: { name: string; bytes: number }[];
}

export function summarizeEdxml(p: ParsedEdxml): EdxmlSummary {
  const m = p.message;
  if (m.kind === "document") {
    return {
      kind: "document",
      businessDocType: m.business.businessDocType,
      statusCode: null,
      from: m.header.from.organId,
      to: m.header.to.map((t) => t.organId),
      documentId: m.header.documentId,
      subject: m.header.subject,
      attachments: m.attachments.map((a) => ({ name: a.name, bytes: a.data.length })),
    };
  }
  return {
    kind: "status",
    businessDocType: null,
    statusCode: m.statusCode,
    from: m.from.organId,
    // A status goes to the agency named in ResponseFor (the sender of the document, or for 13 its receiver).
    to: [m.responseFor.organId],
    documentId: m.responseFor.documentId,
    subject: null,
    attachments: [],
  };
}
