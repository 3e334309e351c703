import { randomUUID } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { EdxmlError } from "./errors";
import {
  DEFAULT_EDXML_LIMITS,
  EDXML_NAMESPACE,
  STATUS_CODES,
  type BusinessDocType,
  type EdxmlAttachment,
  type EdxmlBusiness,
  type EdxmlDocumentHeader,
  type EdxmlDocumentMessage,
  type EdxmlLimits,
  type EdxmlMessage,
  type EdxmlOrganization,
  type EdxmlResponseFor,
  type EdxmlStaffInfo,
  type EdxmlStatusMessage,
  type EdxmlTraceHeader,
  type Priority,
  type StatusCode,
} from "./types";
import { validateEdxml } from "./validate";

type Node = Record<string, unknown>;

export interface ParseOptions {
  limits?: Partial<EdxmlLimits>;
  /** "Now" for date checks (tests). */
  now?: Date;
}

export interface ParsedEdxml {
  message: EdxmlMessage;
  /** Whether a `Signature` element sits in edXMLHeader (checking it is signature.ts's job). */
  signaturePresent: boolean;
  /** Size of the message as received, bytes. */
  bytes: number;
}

const parser = new XMLParser({
  // Security (security.md §2, §5 row 13): no entity expansion at all; DOCTYPE is refused before this runs.
  processEntities: false,
  htmlEntities: false,
  // Keep text as text: Fax 048989898789 must keep its leading zero.
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  // Any namespace prefix (edXML:, ns2:, none) reads the same.
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

const ENTITY_RE = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));|&/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references, once (no recursion). */
function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY_RE, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name];
    if (dec === undefined && hex === undefined) {
      // A bare "&" or an entity that was never declared (there is no DTD): not well-formed XML.
      throw new EdxmlError("malformed", "XML không hợp lệ: tham chiếu thực thể không được khai báo hoặc ký tự & đứng riêng.");
    }
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw new EdxmlError("malformed", `Tham chiếu ký tự không hợp lệ: ${whole}.`);
    }
    return String.fromCodePoint(cp);
  });
}

function structure(path: string, what: string): never {
  throw new EdxmlError("structure", `Thông điệp edXML sai cấu trúc: ${path} ${what}.`);
}

/** The single child `name` of `node`; refuses a repeated element (an ambiguity an attacker could use). */
function one(node: Node | undefined, name: string, path: string): unknown {
  if (!node || typeof node !== "object") return undefined;
  const v = node[name];
  if (Array.isArray(v)) structure(`${path}/${name}`, "xuất hiện nhiều lần");
  return v;
}

function many(node: Node | undefined, name: string): unknown[] {
  if (!node || typeof node !== "object") return [];
  const v = node[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function elem(node: Node | undefined, name: string, path: string): Node | undefined {
  const v = one(node, name, path);
  if (v === undefined || v === "") return undefined;
  if (typeof v !== "object") structure(`${path}/${name}`, "phải chứa các phần tử con");
  return v as Node;
}

function textOf(v: unknown, path: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string") return decodeEntities(v);
  if (v && typeof v === "object" && "#text" in (v as Node) && Object.keys(v as Node).length === 1) {
    return decodeEntities(String((v as Node)["#text"]));
  }
  return structure(path, "phải là văn bản");
}

/** Text of a child; an empty element reads as absent. */
function text(node: Node | undefined, name: string, path: string): string | undefined {
  const t = textOf(one(node, name, path), `${path}/${name}`);
  return t === "" ? undefined : t;
}

function int(node: Node | undefined, name: string, path: string): number | undefined {
  const t = text(node, name, path);
  if (t === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(t)) {
    throw new EdxmlError("invalid", `${path}/${name} phải là số nguyên, nhận được "${t.slice(0, 40)}".`, [
      { code: "format", path: `${path}/${name}`, message: `${path}/${name} phải là số nguyên.` },
    ]);
  }
  return Number(t);
}

function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function organization(n: Node | undefined, path: string): EdxmlOrganization {
  if (!n) structure(path, "bị thiếu");
  return compact({
    organId: text(n, "OrganId", path) ?? "",
    organizationInCharge: text(n, "OrganizationInCharge", path),
    organName: text(n, "OrganName", path),
    organAdd: text(n, "OrganAdd", path),
    email: text(n, "Email", path),
    telephone: text(n, "Telephone", path),
    fax: text(n, "Fax", path),
    website: text(n, "Website", path),
  });
}

function responseFor(n: Node, path: string): EdxmlResponseFor {
  return compact({
    organId: text(n, "OrganId", path) ?? "",
    code: text(n, "Code", path),
    promulgationDate: text(n, "PromulgationDate", path),
    documentId: text(n, "DocumentId", path) ?? "",
  });
}

function staff(n: Node | undefined, path: string): EdxmlStaffInfo | undefined {
  if (!n) return undefined;
  return compact({
    department: text(n, "Department", path),
    staff: text(n, "Staff", path),
    email: text(n, "Email", path),
    mobile: text(n, "Mobile", path),
  });
}

function asNodes(list: unknown[], path: string): Node[] {
  return list.map((v) => {
    if (!v || typeof v !== "object") structure(path, "phải chứa các phần tử con");
    return v as Node;
  });
}

function texts(list: unknown[], path: string): string[] {
  return list.map((v) => textOf(v, path) ?? "");
}

function documentHeader(h: Node): EdxmlDocumentHeader {
  const H = "MessageHeader";
  const code = elem(h, "Code", H);
  const prom = elem(h, "PromulgationInfo", H);
  const dt = elem(h, "DocumentType", H);
  const signer = elem(h, "SignerInfo", H);
  const other = elem(h, "OtherInfo", H);
  const toPlaces = elem(h, "ToPlaces", H);
  const typeNum = int(dt, "Type", `${H}/DocumentType`);
  const priority = int(other, "Priority", `${H}/OtherInfo`);
  const direction = text(other, "Direction", `${H}/OtherInfo`);
  if (direction !== undefined && direction !== "true" && direction !== "false") {
    throw new EdxmlError("invalid", `${H}/OtherInfo/Direction phải là true hoặc false.`, [
      { code: "format", path: `${H}/OtherInfo/Direction`, message: "Direction phải là true hoặc false." },
    ]);
  }
  const appendixes = elem(other, "Appendixes", `${H}/OtherInfo`);
  return compact({
    from: organization(elem(h, "From", H), `${H}/From`),
    to: asNodes(many(h, "To"), `${H}/To`).map((n, i) => organization(n, `${H}/To[${i + 1}]`)),
    documentId: text(h, "DocumentId", H) ?? "",
    code: { codeNumber: text(code, "CodeNumber", `${H}/Code`) ?? "", codeNotation: text(code, "CodeNotation", `${H}/Code`) ?? "" },
    promulgationInfo: compact({
      place: text(prom, "Place", `${H}/PromulgationInfo`),
      promulgationDate: text(prom, "PromulgationDate", `${H}/PromulgationInfo`) ?? "",
    }),
    documentType: dt
      ? compact({
          type: (typeNum ?? 0) as 1 | 2,
          typeDetail: text(dt, "TypeDetail", `${H}/DocumentType`),
          typeName: text(dt, "TypeName", `${H}/DocumentType`),
        })
      : undefined,
    subject: text(h, "Subject", H) ?? "",
    content: text(h, "Content", H),
    signerInfo: signer
      ? compact({
          competence: text(signer, "Competence", `${H}/SignerInfo`),
          position: text(signer, "Position", `${H}/SignerInfo`),
          fullName: text(signer, "FullName", `${H}/SignerInfo`),
        })
      : undefined,
    dueDate: text(h, "DueDate", H),
    otherInfo: other
      ? compact({
          priority: priority as Priority | undefined,
          sphereOfPromulgation: text(other, "SphereOfPromulgation", `${H}/OtherInfo`),
          typerNotation: text(other, "TyperNotation", `${H}/OtherInfo`),
          promulgationAmount: int(other, "PromulgationAmount", `${H}/OtherInfo`),
          pageAmount: int(other, "PageAmount", `${H}/OtherInfo`),
          direction: direction === undefined ? undefined : direction === "true",
          appendixes: texts(many(appendixes, "Appendix"), `${H}/OtherInfo/Appendixes/Appendix`),
        })
      : undefined,
    responseFor: asNodes(many(h, "ResponseFor"), `${H}/ResponseFor`).map((n, i) => responseFor(n, `${H}/ResponseFor[${i + 1}]`)),
    steeringType: int(h, "SteeringType", H) as 0 | 1 | 2 | undefined,
    toPlaces: texts(many(toPlaces, "Place"), `${H}/ToPlaces/Place`),
  });
}

function business(list: Node | undefined): { business: EdxmlBusiness; traces: EdxmlTraceHeader[] } {
  const L = "TraceHeaderList";
  const traces = asNodes(many(list, "TraceHeader"), `${L}/TraceHeader`).map((t, i) => ({
    organId: text(t, "OrganId", `${L}/TraceHeader[${i + 1}]`) ?? "",
    timestamp: text(t, "Timestamp", `${L}/TraceHeader[${i + 1}]`) ?? "",
  }));
  const b = elem(list, "Bussiness", L);
  const B = `${L}/Bussiness`;
  // A message without Bussiness is a new document (type 0), as the SDK treats it.
  const type = int(b, "BussinessDocType", B) ?? 0;
  const paper = int(b, "Paper", B);
  const info = elem(b, "BussinessDocumentInfo", B);
  const receivers = elem(info, "ReceiverList", `${B}/BussinessDocumentInfo`);
  const repl = elem(b, "ReplacementInfoList", B);
  return {
    traces,
    business: compact({
      businessDocType: type as BusinessDocType,
      documentId: text(b, "DocumentId", B),
      businessDocReason: text(b, "BussinessDocReason", B),
      paper: paper as 0 | 1 | undefined,
      staffInfo: staff(elem(b, "StaffInfo", B), `${B}/StaffInfo`),
      businessDocumentInfo: info
        ? compact({
            documentInfo: text(info, "DocumentInfo", `${B}/BussinessDocumentInfo`),
            documentReceiver: text(info, "DocumentReceiver", `${B}/BussinessDocumentInfo`),
            receivers: asNodes(many(receivers, "Receiver"), `${B}/BussinessDocumentInfo/ReceiverList/Receiver`).map((r, i) =>
              compact({
                organId: text(r, "OrganId", `${B}/BussinessDocumentInfo/ReceiverList/Receiver[${i + 1}]`) ?? "",
                receiverType: text(r, "ReceiverType", `${B}/BussinessDocumentInfo/ReceiverList/Receiver[${i + 1}]`),
              }),
            ),
          })
        : undefined,
      replacementInfoList: asNodes(many(repl, "ReplacementInfo"), `${B}/ReplacementInfoList/ReplacementInfo`).map((r, i) => {
        const p = `${B}/ReplacementInfoList/ReplacementInfo[${i + 1}]`;
        return {
          documentId: text(r, "DocumentId", p) ?? "",
          organIds: texts(many(elem(r, "OrganIdList", p), "OrganId"), `${p}/OrganIdList/OrganId`),
        };
      }),
    }),
  };
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

const MAX_SKELETON_BYTES = 512 * 1024;
const PAYLOAD_OPEN_RE = /<([^\s<>/:!?]+:)?ContentTransferEncoded(?=[\s>/])[^>]*>/g;

function extractPayloads(xml: string): { skeleton: string; blobs: string[]; placeholder: string } {
  // Unguessable, so a message cannot name a payload itself.
  const placeholder = `#payload-${randomUUID()}-`;
  const blobs: string[] = [];
  const parts: string[] = [];
  let last = 0;
  PAYLOAD_OPEN_RE.lastIndex = 0;
  for (let m = PAYLOAD_OPEN_RE.exec(xml); m; m = PAYLOAD_OPEN_RE.exec(xml)) {
    if (m[0].endsWith("/>")) continue;
    const start = m.index + m[0].length;
    const close = `</${m[1] ?? ""}ContentTransferEncoded`;
    const end = xml.indexOf(close, start);
    if (end < 0) throw new EdxmlError("malformed", "XML không hợp lệ: thiếu thẻ đóng ContentTransferEncoded.");
    parts.push(xml.slice(last, start), `${placeholder}${blobs.length}`);
    blobs.push(xml.slice(start, end));
    last = end;
    PAYLOAD_OPEN_RE.lastIndex = end;
  }
  if (blobs.length === 0) return { skeleton: xml, blobs, placeholder };
  parts.push(xml.slice(last));
  return { skeleton: parts.join(""), blobs, placeholder };
}

function attachments(
  root: Node,
  manifest: Node | undefined,
  limits: EdxmlLimits,
  { blobs, placeholder }: { blobs: string[]; placeholder: string },
): EdxmlAttachment[] {
  const A = "AttachmentEncoded/Attachment";
  const list = asNodes(many(elem(root, "AttachmentEncoded", "edXML"), "Attachment"), A);
  const refs = asNodes(many(manifest, "Reference"), "edXMLBody/edXMLManifest/Reference");
  if (list.length > limits.maxAttachments) {
    throw new EdxmlError("too_many_attachments", `Thông điệp có ${list.length} tệp đính kèm, tối đa ${limits.maxAttachments}.`);
  }
  const used = new Set<number>();
  const out = list.map((n, i): EdxmlAttachment => {
    const p = `${A}[${i + 1}]`;
    const ref = text(n, "ContentTransferEncoded", p) ?? "";
    const idx = ref.startsWith(placeholder) ? Number(ref.slice(placeholder.length)) : NaN;
    if (!Number.isInteger(idx) || blobs[idx] === undefined || used.has(idx)) {
      throw new EdxmlError("bad_base64", `Tệp đính kèm thứ ${i + 1} không có nội dung base64 hợp lệ.`);
    }
    used.add(idx);
    const raw = blobs[idx];
    const b64 = raw.replace(/[\t\n\r ]+/g, "");
    if (b64.length % 4 !== 0 || !BASE64_RE.test(b64)) {
      throw new EdxmlError("bad_base64", `Tệp đính kèm thứ ${i + 1} không phải base64 hợp lệ.`);
    }
    const approx = (b64.length / 4) * 3;
    if (approx > limits.maxAttachmentBytes + 2) {
      throw new EdxmlError(
        "attachment_too_large",
        `Tệp đính kèm thứ ${i + 1} lớn hơn giới hạn ${Math.floor(limits.maxAttachmentBytes / 1024 / 1024)} MB.`,
      );
    }
    const data = Buffer.from(b64, "base64");
    if (data.length > limits.maxAttachmentBytes) {
      throw new EdxmlError("attachment_too_large", `Tệp đính kèm thứ ${i + 1} lớn hơn giới hạn ${Math.floor(limits.maxAttachmentBytes / 1024 / 1024)} MB.`);
    }
    return compact({
      contentId: text(n, "ContentId", p) ?? "",
      name: text(n, "AttachmentName", p) ?? "",
      description: text(n, "Description", p),
      contentType: text(n, "ContentType", p) ?? "",
      data,
    });
  });
  if (used.size !== blobs.length) structure("ContentTransferEncoded", "nằm ngoài AttachmentEncoded/Attachment");
  // The manifest and the encoded attachments must describe the same files.
  const ids = out.map((a) => a.contentId).sort();
  const refIds = refs.map((r, i) => text(r, "ContentId", `edXMLManifest/Reference[${i + 1}]`) ?? "").sort();
  if (ids.length !== refIds.length || ids.some((id, i) => id !== refIds[i])) {
    throw new EdxmlError("invalid", "Danh mục tệp (edXMLManifest) không khớp với các tệp đính kèm (AttachmentEncoded).", [
      { code: "mismatch", path: "edXMLBody/edXMLManifest", message: "Danh mục tệp không khớp với các tệp đính kèm." },
    ]);
  }
  return out;
}

function statusMessage(h: Node): EdxmlStatusMessage {
  const H = "MessageHeader";
  const rf = elem(h, "ResponseFor", H);
  if (!rf) structure(`${H}/ResponseFor`, "bị thiếu");
  const code = text(h, "StatusCode", H) ?? "";
  if (!(STATUS_CODES as readonly string[]).includes(code)) {
    throw new EdxmlError("invalid", `Mã trạng thái "${code.slice(0, 10)}" không thuộc 01–06, 13, 15, 16.`, [
      { code: "value", path: `${H}/StatusCode`, message: `Mã trạng thái "${code.slice(0, 10)}" không được hỗ trợ.` },
    ]);
  }
  return compact({
    kind: "status" as const,
    from: organization(elem(h, "From", H), `${H}/From`),
    responseFor: responseFor(rf, `${H}/ResponseFor`),
    staffInfo: staff(elem(h, "StaffInfo", H), `${H}/StaffInfo`),
    statusCode: code as StatusCode,
    description: text(h, "Description", H),
    timestamp: text(h, "Timestamp", H) ?? "",
  });
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads one edXML message (a document or a status) and checks it against standards.md §4.2–4.3.
 * Refuses, with an `EdxmlError` (machine `code` + Vietnamese message): anything that is not UTF-8, any
 * DOCTYPE (so no entity can ever be declared), a message, attachment count or attachment over the limits,
 * malformed XML, and any field rule broken (`code: "invalid"`, `issues` lists each).
 */
export function parseEdxml(input: string | Uint8Array, opts: ParseOptions = {}): ParsedEdxml {
  const limits: EdxmlLimits = { ...DEFAULT_EDXML_LIMITS, ...opts.limits };
  const bytes = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.byteLength;
  if (bytes > limits.maxMessageBytes) {
    throw new EdxmlError("too_large", `Thông điệp ${bytes} byte, vượt giới hạn ${limits.maxMessageBytes} byte.`);
  }
  let xml: string;
  if (typeof input === "string") xml = input;
  else {
    try {
      xml = UTF8.decode(input);
    } catch {
      throw new EdxmlError("not_utf8", "Thông điệp không phải văn bản UTF-8.");
    }
  }
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  // Refused before any parser sees it: no DOCTYPE, hence no entity declarations (billion laughs, XXE).
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new EdxmlError("doctype", "Thông điệp có khai báo DOCTYPE/ENTITY: bị từ chối vì lý do an toàn.");
  }
  if (!xml.includes(EDXML_NAMESPACE)) {
    throw new EdxmlError("not_edxml", `Không phải thông điệp edXML (thiếu không gian tên ${EDXML_NAMESPACE}).`);
  }
  const decl = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(xml);
  if (decl && decl[1].toLowerCase() !== "utf-8") {
    throw new EdxmlError("not_utf8", `Thông điệp khai báo bảng mã ${decl[1]}, chỉ nhận UTF-8.`);
  }
  // fast-xml-parser is slow on long text nodes (about 1 s for a 2 MB attachment), so the base64 payloads are
  // cut out first and the rest (the "skeleton") is validated and parsed; each payload must then be used
  // exactly once by an Attachment, so a payload hidden in a comment or elsewhere is refused.
  const payloads = extractPayloads(xml);
  const { blobs } = payloads;
  xml = payloads.skeleton;
  if (Buffer.byteLength(xml, "utf8") > MAX_SKELETON_BYTES) {
    throw new EdxmlError("too_large", `Phần tiêu đề của thông điệp vượt giới hạn ${MAX_SKELETON_BYTES / 1024} KB.`);
  }
  const longRun = /[^<]{20001}/.exec(xml);
  if (longRun) {
    throw new EdxmlError("too_large", "Thông điệp có một trường văn bản quá dài (hơn 20 000 ký tự).");
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new EdxmlError("malformed", `XML không hợp lệ (dòng ${valid.err.line}): ${valid.err.msg}`);
  }
  let tree: Node;
  try {
    tree = parser.parse(xml) as Node;
  } catch (e) {
    throw new EdxmlError("malformed", `XML không hợp lệ: ${(e as Error).message}`);
  }
  const rootNames = Object.keys(tree);
  if (rootNames.length !== 1 || rootNames[0] !== "edXML") {
    throw new EdxmlError("not_edxml", "Không phải thông điệp edXML (phần tử gốc phải là edXML).");
  }
  const root = (tree.edXML && typeof tree.edXML === "object" ? tree.edXML : {}) as Node;
  const envelope = elem(root, "edXMLEnvelope", "edXML");
  if (!envelope) structure("edXML/edXMLEnvelope", "bị thiếu");
  const header = elem(envelope, "edXMLHeader", "edXMLEnvelope");
  if (!header) structure("edXMLEnvelope/edXMLHeader", "bị thiếu");
  const mh = elem(header, "MessageHeader", "edXMLHeader");
  if (!mh) structure("edXMLHeader/MessageHeader", "bị thiếu");
  const signaturePresent = many(header, "Signature").length > 0;

  let message: EdxmlMessage;
  if (one(mh, "StatusCode", "MessageHeader") !== undefined) {
    message = statusMessage(mh);
    if (blobs.length > 0) structure("AttachmentEncoded", "không được có trong thông điệp trạng thái");
  } else {
    const body = elem(envelope, "edXMLBody", "edXMLEnvelope");
    const manifest = elem(body, "edXMLManifest", "edXMLBody");
    const { business: b, traces } = business(elem(header, "TraceHeaderList", "edXMLHeader"));
    const doc: EdxmlDocumentMessage = {
      kind: "document",
      header: documentHeader(mh),
      business: b,
      traces,
      attachments: attachments(root, manifest, limits, payloads),
    };
    message = doc;
  }
  const issues = validateEdxml(message, { now: opts.now });
  if (issues.length > 0) {
    throw new EdxmlError("invalid", `Thông điệp edXML không hợp lệ: ${issues.map((i) => i.message).join(" ")}`, issues);
  }
  return { message, signaturePresent, bytes };
}
