import type {
  BusinessDocType,
  EdxmlAttachment,
  EdxmlDocumentHeader,
  EdxmlDocumentMessage,
  EdxmlOrganization,
  EdxmlReplacementInfo,
  EdxmlResponseFor,
  EdxmlStaffInfo,
  EdxmlStatusMessage,
  StatusCode,
} from "./types";
import { formatEdxmlDate, formatEdxmlTimestamp, makeDocumentId } from "./validate";

export interface DocumentMessageInput extends Omit<EdxmlDocumentHeader, "documentId" | "promulgationInfo" | "responseFor" | "toPlaces"> {
  /** Ngày ban hành (its Vietnamese calendar day is used). */
  promulgationDate: Date;
  place?: string;
  responseFor?: EdxmlResponseFor[];
  toPlaces?: string[];
  businessDocType?: BusinessDocType;
  businessDocReason?: string;
  paper?: 0 | 1;
  staffInfo?: EdxmlStaffInfo;
  /** Required for a replacement (3): which earlier documents, at which agencies. */
  replacementInfoList?: EdxmlReplacementInfo[];
  attachments?: EdxmlAttachment[];
  /** Time of sending, for the TraceHeader; default now. */
  sentAt?: Date;
}

/** A document message from the app's data: DocumentId, dates and the sender's trace are derived. */
export function createDocumentMessage(input: DocumentMessageInput): EdxmlDocumentMessage {
  const {
    promulgationDate,
    place,
    responseFor,
    toPlaces,
    businessDocType,
    businessDocReason,
    paper,
    staffInfo,
    replacementInfoList,
    attachments,
    sentAt,
    ...header
  } = input;
  const date = formatEdxmlDate(promulgationDate);
  const documentId = makeDocumentId(header.from.organId, date, header.code.codeNumber, header.code.codeNotation);
  const business: EdxmlDocumentMessage["business"] = {
    businessDocType: businessDocType ?? 0,
    documentId,
    replacementInfoList: replacementInfoList ?? [],
  };
  if (businessDocReason !== undefined) business.businessDocReason = businessDocReason;
  if (paper !== undefined) business.paper = paper;
  if (staffInfo !== undefined) business.staffInfo = staffInfo;
  const promulgationInfo: EdxmlDocumentHeader["promulgationInfo"] = { promulgationDate: date };
  if (place !== undefined) promulgationInfo.place = place;
  return {
    kind: "document",
    header: { ...header, documentId, promulgationInfo, responseFor: responseFor ?? [], toPlaces: toPlaces ?? [] },
    business,
    traces: [{ organId: header.from.organId, timestamp: formatEdxmlTimestamp(sentAt ?? new Date()) }],
    attachments: attachments ?? [],
  };
}

export interface StatusMessageInput {
  from: EdxmlOrganization;
  /** The document the status is about (for 13: OrganId is the receiver). */
  responseFor: EdxmlResponseFor;
  statusCode: StatusCode;
  description?: string;
  staffInfo?: EdxmlStaffInfo;
  at?: Date;
}

export function createStatusMessage(input: StatusMessageInput): EdxmlStatusMessage {
  const m: EdxmlStatusMessage = {
    kind: "status",
    from: input.from,
    responseFor: input.responseFor,
    statusCode: input.statusCode,
    timestamp: formatEdxmlTimestamp(input.at ?? new Date()),
  };
  if (input.staffInfo) m.staffInfo = input.staffInfo;
  if (input.description !== undefined) m.description = input.description;
  return m;
}
