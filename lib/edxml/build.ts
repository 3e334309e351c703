import { XMLBuilder } from "fast-xml-parser";
import { EdxmlError } from "./errors";
import {
  EDXML_NAMESPACE,
  type EdxmlAttachment,
  type EdxmlBusiness,
  type EdxmlDocumentHeader,
  type EdxmlDocumentMessage,
  type EdxmlMessage,
  type EdxmlOrganization,
  type EdxmlResponseFor,
  type EdxmlStaffInfo,
  type EdxmlStatusMessage,
} from "./types";
import { validateEdxml } from "./validate";

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  indentBy: "  ",
  // Escapes & < > " ' in text and attributes (fast-xml-parser ≥ 5.7.0 also for names: CVE-2026-41650).
  processEntities: true,
  suppressEmptyNode: false,
});

type X = Record<string, unknown>;
const P = "edXML:";

/** Drops undefined values and empty lists so absent fields produce no element. */
function el(entries: [string, unknown][]): X {
  const o: X = {};
  for (const [k, v] of entries) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    o[P + k] = typeof v === "number" || typeof v === "boolean" ? String(v) : v;
  }
  return o;
}

function organization(o: EdxmlOrganization): X {
  return el([
    ["OrganId", o.organId],
    ["OrganizationInCharge", o.organizationInCharge],
    ["OrganName", o.organName],
    ["OrganAdd", o.organAdd],
    ["Email", o.email],
    ["Telephone", o.telephone],
    ["Fax", o.fax],
    ["Website", o.website],
  ]);
}

function responseFor(r: EdxmlResponseFor): X {
  return el([
    ["OrganId", r.organId],
    ["Code", r.code],
    ["PromulgationDate", r.promulgationDate],
    ["DocumentId", r.documentId],
  ]);
}

function staff(s: EdxmlStaffInfo | undefined): X | undefined {
  if (!s) return undefined;
  return el([
    ["Department", s.department],
    ["Staff", s.staff],
    ["Email", s.email],
    ["Mobile", s.mobile],
  ]);
}

function documentHeader(h: EdxmlDocumentHeader): X {
  return el([
    ["From", organization(h.from)],
    ["To", h.to.map(organization)],
    ["DocumentId", h.documentId],
    ["Code", el([["CodeNumber", h.code.codeNumber], ["CodeNotation", h.code.codeNotation]])],
    ["PromulgationInfo", el([["Place", h.promulgationInfo.place], ["PromulgationDate", h.promulgationInfo.promulgationDate]])],
    [
      "DocumentType",
      h.documentType &&
        el([["Type", h.documentType.type], ["TypeDetail", h.documentType.typeDetail], ["TypeName", h.documentType.typeName]]),
    ],
    ["Subject", h.subject],
    ["Content", h.content],
    [
      "SignerInfo",
      h.signerInfo &&
        el([["Competence", h.signerInfo.competence], ["Position", h.signerInfo.position], ["FullName", h.signerInfo.fullName]]),
    ],
    ["DueDate", h.dueDate],
    [
      "OtherInfo",
      h.otherInfo &&
        el([
          ["Priority", h.otherInfo.priority],
          ["SphereOfPromulgation", h.otherInfo.sphereOfPromulgation],
          ["TyperNotation", h.otherInfo.typerNotation],
          ["PromulgationAmount", h.otherInfo.promulgationAmount],
          ["PageAmount", h.otherInfo.pageAmount],
          ["Direction", h.otherInfo.direction],
          ["Appendixes", h.otherInfo.appendixes.length ? el([["Appendix", h.otherInfo.appendixes]]) : undefined],
        ]),
    ],
    ["ResponseFor", h.responseFor.map(responseFor)],
    ["SteeringType", h.steeringType],
    ["ToPlaces", h.toPlaces.length ? el([["Place", h.toPlaces]]) : undefined],
  ]);
}

function business(b: EdxmlBusiness): X {
  const info = b.businessDocumentInfo;
  return el([
    ["DocumentId", b.documentId],
    ["BussinessDocType", b.businessDocType],
    ["BussinessDocReason", b.businessDocReason],
    ["Paper", b.paper],
    [
      "BussinessDocumentInfo",
      info &&
        el([
          ["DocumentInfo", info.documentInfo],
          ["DocumentReceiver", info.documentReceiver],
          [
            "ReceiverList",
            info.receivers.length
              ? el([["Receiver", info.receivers.map((r) => el([["OrganId", r.organId], ["ReceiverType", r.receiverType]]))]])
              : undefined,
          ],
        ]),
    ],
    [
      "ReplacementInfoList",
      b.replacementInfoList.length
        ? el([
            [
              "ReplacementInfo",
              b.replacementInfoList.map((r) => el([["DocumentId", r.documentId], ["OrganIdList", el([["OrganId", r.organIds]])]])),
            ],
          ])
        : undefined,
    ],
    ["StaffInfo", staff(b.staffInfo)],
  ]);
}

function manifestAndAttachments(list: EdxmlAttachment[]): { body: X; encoded?: X } {
  const body = {
    [P + "edXMLManifest"]: {
      "@_version": "1.0",
      ...el([
        [
          "Reference",
          list.map((a) =>
            el([["ContentId", a.contentId], ["ContentType", a.contentType], ["Description", a.description], ["AttachmentName", a.name]]),
          ),
        ],
      ]),
    },
  };
  if (list.length === 0) return { body };
  return {
    body,
    encoded: {
      Attachment: list.map((a) => {
        const o: X = { ContentId: a.contentId, AttachmentName: a.name };
        if (a.description !== undefined) o.Description = a.description;
        o.ContentType = a.contentType;
        o[P + "ContentTransferEncoded"] = { "@_xmlns:edXML": EDXML_NAMESPACE, "#text": a.data.toString("base64") };
        return o;
      }),
    },
  };
}

function envelope(headerContent: X, body?: X, encoded?: X): string {
  const root: X = {
    "@_xmlns": EDXML_NAMESPACE,
    [P + "edXMLEnvelope"]: {
      "@_xmlns:edXML": EDXML_NAMESPACE,
      [P + "edXMLHeader"]: headerContent,
      ...(body ? { [P + "edXMLBody"]: body } : {}),
    },
    ...(encoded ? { AttachmentEncoded: encoded } : {}),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ edXML: root }) as string}`;
}

export function buildDocumentXml(m: EdxmlDocumentMessage): string {
  const { body, encoded } = manifestAndAttachments(m.attachments);
  const header = {
    [P + "MessageHeader"]: documentHeader(m.header),
    [P + "TraceHeaderList"]: el([
      ["Bussiness", business(m.business)],
      ["TraceHeader", m.traces.map((t) => el([["OrganId", t.organId], ["Timestamp", t.timestamp]]))],
    ]),
  };
  return envelope(header, body, encoded);
}

export function buildStatusXml(m: EdxmlStatusMessage): string {
  return envelope({
    [P + "MessageHeader"]: el([
      ["From", organization(m.from)],
      ["ResponseFor", responseFor(m.responseFor)],
      ["StaffInfo", staff(m.staffInfo)],
      ["StatusCode", m.statusCode],
      ["Description", m.description],
      ["Timestamp", m.timestamp],
    ]),
  });
}

export interface BuildOptions {
  now?: Date;
}

/**
 * Writes a typed message as edXML of the same shape as the SDK samples (default namespace on `edXML`,
 * `edXML:` prefix from the envelope down, attachments base64 in AttachmentEncoded). Refuses data that
 * breaks standards.md §4.2–4.3 with the same `EdxmlError` the parser gives. The result is unsigned:
 * the signature goes into edXMLHeader afterwards (lib/edxml/signature.ts).
 */
export function buildEdxml(m: EdxmlMessage, opts: BuildOptions = {}): string {
  const issues = validateEdxml(m, { now: opts.now });
  if (issues.length > 0) {
    throw new EdxmlError("invalid", `Không thể lập thông điệp edXML: ${issues.map((i) => i.message).join(" ")}`, issues);
  }
  const xml = m.kind === "document" ? buildDocumentXml(m) : buildStatusXml(m);
  const bad = ILLEGAL_XML_CHAR.exec(xml);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    throw new EdxmlError("invalid", `Không thể lập thông điệp edXML: có ký tự điều khiển U+${code} không được phép trong XML.`, [
      { code: "format", path: "", message: `Ký tự U+${code} không được phép trong XML.` },
    ]);
  }
  return xml;
}

/** Characters XML 1.0 does not allow (lone surrogates included). */
const ILLEGAL_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
