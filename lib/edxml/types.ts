/**
 * Typed edXML messages (QCVN 102:2016/BTTTT), as read by `parseEdxml` and written by `buildEdxml`.
 * Field names follow the standard's elements in camelCase; dates stay in the standard's text forms
 * (`yyyy/MM/dd`, timestamps `yyyy/MM/dd HH:mm:ss`, Asia/Ho_Chi_Minh) so a message round-trips exactly.
 */

export const EDXML_NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

/** 0 mới, 1 thu hồi, 2 cập nhật, 3 thay thế (standards.md §4.2, TraceHeaderList/Bussiness). */
export type BusinessDocType = 0 | 1 | 2 | 3;
export const BUSINESS_DOC_TYPES: readonly BusinessDocType[] = [0, 1, 2, 3];

/** Status codes of standards.md §4.3. */
export const STATUS_CODES = ["01", "02", "03", "04", "05", "06", "13", "15", "16"] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

export const STATUS_LABELS: Record<StatusCode, string> = {
  "01": "Đã đến",
  "02": "Từ chối tiếp nhận",
  "03": "Đã tiếp nhận",
  "04": "Đã phân công",
  "05": "Đang xử lý",
  "06": "Hoàn thành",
  "13": "Yêu cầu lấy lại",
  "15": "Đồng ý cập nhật, lấy lại",
  "16": "Từ chối cập nhật, lấy lại",
};

/** Độ khẩn: 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ. */
export type Priority = 0 | 1 | 2 | 3 | 4;

export interface EdxmlOrganization {
  organId: string;
  organizationInCharge?: string;
  organName?: string;
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

export interface EdxmlResponseFor {
  organId: string;
  /** Số/Ký hiệu of the answered document, e.g. `7816/VPCP-TTĐT`. */
  code?: string;
  promulgationDate?: string;
  documentId: string;
}

export interface EdxmlStaffInfo {
  department?: string;
  staff?: string;
  email?: string;
  mobile?: string;
}

export interface EdxmlDocumentHeader {
  from: EdxmlOrganization;
  to: EdxmlOrganization[];
  /** `OrganId,yyyy/MM/dd,Số/Ký hiệu` (see `makeDocumentId`). */
  documentId: string;
  code: { codeNumber: string; codeNotation: string };
  promulgationInfo: { place?: string; promulgationDate: string };
  documentType?: { type: 1 | 2; typeDetail?: string; typeName?: string };
  subject: string;
  content?: string;
  signerInfo?: { competence?: string; position?: string; fullName?: string };
  dueDate?: string;
  otherInfo?: {
    priority?: Priority;
    sphereOfPromulgation?: string;
    typerNotation?: string;
    promulgationAmount?: number;
    pageAmount?: number;
    direction?: boolean;
    appendixes: string[];
  };
  responseFor: EdxmlResponseFor[];
  steeringType?: 0 | 1 | 2;
  toPlaces: string[];
}

export interface EdxmlReplacementInfo {
  /** DocumentId of the document being replaced. */
  documentId: string;
  organIds: string[];
}

export interface EdxmlBusiness {
  businessDocType: BusinessDocType;
  documentId?: string;
  businessDocReason?: string;
  /** 1 when a paper copy is also sent. */
  paper?: 0 | 1;
  staffInfo?: EdxmlStaffInfo;
  /** Update messages (type 2). */
  businessDocumentInfo?: {
    documentInfo?: string;
    documentReceiver?: string;
    receivers: { organId: string; receiverType?: string }[];
  };
  /** Replacement messages (type 3). */
  replacementInfoList: EdxmlReplacementInfo[];
}

export interface EdxmlTraceHeader {
  organId: string;
  timestamp: string;
}

export interface EdxmlAttachment {
  /** `cid:…`, the same in the manifest and in AttachmentEncoded. */
  contentId: string;
  name: string;
  description?: string;
  contentType: string;
  /** Decoded bytes (base64 on the wire). */
  data: Buffer;
}

export interface EdxmlDocumentMessage {
  kind: "document";
  header: EdxmlDocumentHeader;
  business: EdxmlBusiness;
  traces: EdxmlTraceHeader[];
  attachments: EdxmlAttachment[];
}

export interface EdxmlStatusMessage {
  kind: "status";
  from: EdxmlOrganization;
  /** The document the status is about; for 13 (sent by the sender) OrganId is the receiver. */
  responseFor: EdxmlResponseFor;
  staffInfo?: EdxmlStaffInfo;
  statusCode: StatusCode;
  /** Reason for 02, 13, 16. */
  description?: string;
  /** `yyyy/MM/dd HH:mm:ss`. */
  timestamp: string;
}

export type EdxmlMessage = EdxmlDocumentMessage | EdxmlStatusMessage;

/** One reason a message is refused: a machine code, where, and a Vietnamese sentence for the clerk. */
export interface EdxmlIssue {
  code:
    | "required"
    | "too_long"
    | "format"
    | "value"
    | "future_date"
    | "duplicate"
    | "mismatch";
  path: string;
  message: string;
}

export interface EdxmlLimits {
  /** Whole message, bytes. */
  maxMessageBytes: number;
  /** Number of attachments. */
  maxAttachments: number;
  /** One attachment, decoded bytes. */
  maxAttachmentBytes: number;
}

export const DEFAULT_EDXML_LIMITS: EdxmlLimits = {
  maxMessageBytes: 40 * 1024 * 1024,
  maxAttachments: 20,
  maxAttachmentBytes: 25 * 1024 * 1024,
};
