export * from "./types";
export { EdxmlError, type EdxmlErrorCode } from "./errors";
export { parseEdxml, type ParseOptions, type ParsedEdxml } from "./parse";
export { buildEdxml, type BuildOptions } from "./build";
export {
  validateEdxml,
  makeDocumentId,
  formatEdxmlDate,
  formatEdxmlTimestamp,
  isDocumentId,
  isEdxmlDate,
  isEdxmlTimestamp,
  ORGAN_ID_RE,
  FIELD_LIMITS,
  DEFAULT_FIELD_MAX,
  type ValidateOptions,
} from "./validate";
export { summarizeEdxml, type EdxmlSummary } from "./summary";
export { createDocumentMessage, createStatusMessage, type DocumentMessageInput, type StatusMessageInput } from "./create";
