// Transports behind one interface (issue 13): "direct" (another installation of this system over
// HTTP(S), lib/exchange/transports/direct.ts) and "axis" (the national axis SDK's operations against a
// configured endpoint, lib/exchange/transports/axis.ts). A message is sent by the outbox worker
// (lib/exchange/outbox.ts) through the transport its partner's directory entry names.

/** A partner agency as the directory holds it (agency_directory). */
export interface Partner {
  id: string;
  agencyId: string;
  organId: string;
  name: string;
  transport: "direct" | "axis" | null;
  /** The partner installation's base URL (direct), e.g. https://vpdt.stc.binhdinh.gov.vn */
  endpoint: string;
  certPem: string | null;
  caPem: string | null;
}

/** The axis connection of the sending agency (exchange_identities; AXIS_* environment as fallback). */
export interface AxisConfig {
  url: string;
  username: string;
  secret: string;
}

export interface OutboundPackage {
  /** The signed edXML message. */
  xml: string;
  fromOrganId: string;
  toOrganId: string;
  /** Our message id (exchange_messages.id): an idempotency key the receiver may use. */
  messageId: string;
}

export interface SendResult {
  /** The axis's package id, or the receiving installation's message id. */
  packageId?: string;
  /** The receiver already had this message (redelivery): counts as sent. */
  duplicate?: boolean;
}

export interface PingResult {
  /** Vietnamese one-liner for the administrator ("Kết nối được: Sở Tài chính …, 000.00.12.H09"). */
  detail: string;
}

export interface Transport {
  readonly name: "direct" | "axis";
  send(partner: Partner, pkg: OutboundPackage): Promise<SendResult>;
  ping(partner: Partner): Promise<PingResult>;
}

/**
 * A sending error. `permanent`: the receiver refused the message itself (bad signature, unknown
 * sender…): retrying sends the same refusal, so the message fails at once, visibly. Otherwise
 * (connection refused, timeout, 5xx) the job runner retries with backoff.
 */
export class TransportError extends Error {
  constructor(
    public code: string,
    message: string,
    public permanent = false,
  ) {
    super(message);
    this.name = "TransportError";
  }
}
