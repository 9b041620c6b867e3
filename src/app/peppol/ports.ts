import type { SecretSealer } from '../email/ports.js';
import type { Tx } from '../context.js';

/**
 * What the Peppol use cases need from the outside world. Faturador is not an AS4 access point: it hands a document
 * to one. `AccessPoint` has two adapters in src/integrations/peppol: a Peppol service provider's HTTP API (Billit's
 * access-point API shape) and a gateway that takes an SBDH-wrapped UBL over HTTP (an Oxalis or phase4 front).
 * Participant ids are ISO 6523 `scheme:value` (`0208:0123456789`, `9925:BE0123456789`), einvoice.md §4.2/§4.8.
 */

/** `0208:0123456789` split; `scheme` is the 4-digit EAS/ICD code. */
export interface ParticipantId {
  scheme: string;
  value: string;
}

/** A Peppol document type a participant takes (busdox-docid-qns) and the process it goes with. */
export interface PeppolDocumentType {
  documentTypeId: string;
  processId: string;
}

export interface ParticipantInfo {
  participant: ParticipantId;
  registered: boolean;
  documentTypes: PeppolDocumentType[];
  /** The business card's name, when the lookup gave one. */
  name?: string;
}

/**
 * What a transmission attempt came to. accepted: the access point took it (its id is kept; `delivered` when it
 * already reports delivery). refused: a definitive no (invalid document, receiver refuses this type); trying
 * again unchanged will not help. retryable: transport fault, 5xx, timeout; the outbox tries again.
 * not_registered: the receiver is not on Peppol (the e-mail fallback applies).
 */
export type TransmitResult =
  | { outcome: 'accepted'; transmissionId: string; delivered: boolean }
  | { outcome: 'refused'; reason: string; code?: string }
  | { outcome: 'retryable'; reason: string; httpStatus?: number }
  | { outcome: 'not_registered'; reason: string };

/**
 * What a registration or unregistration at the access point came to. done: the access point took it (it publishes
 * the participant in its SMP, or removes it). refused: a definitive no (not the provider's customer, an id it will not
 * register, a bad key). unavailable: transport fault, 5xx, timeout; asking again later may work.
 */
export type RegistrationResult =
  | { outcome: 'done' }
  | { outcome: 'refused'; reason: string; code?: string }
  | { outcome: 'unavailable'; reason: string };

/** An outbound document as it goes on the wire. */
export interface OutboundDocument {
  /** The UBL (Invoice or CreditNote) as validated. */
  xml: string;
  sender: ParticipantId;
  receiver: ParticipantId;
  documentType: PeppolDocumentType;
  /** A fresh UUID per document (SBDH InstanceIdentifier; also the service provider's idempotency key). */
  instanceId: string;
  /** When it was wrapped (SBDH CreationDateAndTime), from the caller's clock. */
  createdAt: Date;
}

/** The state of a transmission as the access point reports it later (poll or status webhook). */
export interface TransmissionStatus {
  transmissionId: string;
  status: 'sent' | 'delivered' | 'refused' | 'failed';
  reason?: string;
  at?: Date;
}

/** A document received over Peppol, as the access point hands it over. */
export interface InboundDocument {
  /** The access point's id for it (dedupes a second fetch or push). */
  transmissionId: string;
  sender: ParticipantId;
  receiver: ParticipantId;
  documentType?: PeppolDocumentType;
  /** The business document (UBL or CII), unwrapped from any SBDH. */
  xml: string;
  receivedAt: Date;
}

/** A Peppol Invoice Response (BIS 3.0 Invoice Response, UNCL 4343 codes) for a received document. */
export interface InvoiceResponse {
  /** The received document's transmission id, as the access point knows it. */
  transmissionId: string;
  /** AB acknowledged, IP in process, UQ under query, CA conditionally accepted, RE rejected, AP accepted, PD paid. */
  status: 'AB' | 'IP' | 'UQ' | 'CA' | 'RE' | 'AP' | 'PD';
  reason?: string;
  /** The response as UBL ApplicationResponse, for an access point that transmits documents only. */
  xml: string;
  sender: ParticipantId;
  receiver: ParticipantId;
}

export interface AccessPoint {
  readonly kind: AccessPointKind;
  /** The access point's own participant lookup, where it offers one (else the SMP is asked). */
  lookup?(participant: ParticipantId): Promise<ParticipantInfo>;
  /** Transmits one document; never throws for a transport fault (that is `retryable`). */
  send(doc: OutboundDocument): Promise<TransmitResult>;
  /** The current state of an earlier transmission, where the access point can be asked. */
  status?(transmissionId: string): Promise<TransmissionStatus | null>;
  /** Documents waiting in the access point's inbox (pull), where it has one. */
  fetchInbox?(): Promise<InboundDocument[]>;
  /** Tells the access point a fetched document is stored (it stops offering it). */
  acknowledge?(transmissionId: string): Promise<void>;
  /** Sends an Invoice Response back to the sender, where the access point supports it. */
  respond?(response: InvoiceResponse): Promise<TransmitResult>;
  /**
   * Registers one of the account's participant ids for these document types at the access point's SMP, where the
   * access point offers it (a gateway in front of an AS4 access point has no such API: its SMP is run apart).
   */
  register?(participant: ParticipantId, documentTypes: PeppolDocumentType[]): Promise<RegistrationResult>;
  /** Removes the participant's registration at the access point's SMP, where the access point offers it. */
  unregister?(participant: ParticipantId): Promise<RegistrationResult>;
}

/** The SMP named in the configuration (or the SML-derived one): participant and document-type lookup. */
export interface SmpClient {
  lookup(participant: ParticipantId): Promise<ParticipantInfo>;
}

export type AccessPointKind = 'service-provider' | 'gateway';

/** An account's access point, as configured (secrets already opened). */
export type AccessPointConfig =
  | {
      kind: 'service-provider';
      /** `https://api.billit.be` style base URL. */
      baseUrl: string;
      apiKey: string;
      /** The account's registration at the provider (`…/registrations/{registrationId}/commands/send`). */
      registrationId: string;
      smpUrl?: string;
    }
  | {
      kind: 'gateway';
      /** Where the SBDH is POSTed. */
      url: string;
      /** Bearer token the gateway expects, if any. */
      token?: string;
      smpUrl?: string;
    };

export interface PeppolDeps {
  accessPoint(config: AccessPointConfig): AccessPoint;
  smp(url: string): SmpClient;
  secrets: SecretSealer;
  /** Lookup answers are reused this long (in the database, shared by every process). */
  lookupCacheSeconds: number;
}

/** A document's outbound e-invoice: the Peppol UBL built from the issued-document model, and its validation. */
export interface OutboundEinvoice {
  /**
   * The Peppol BIS 3.0 UBL of a finalized invoice-like document (throws a DomainError for one that has none), its
   * buyer EndpointID the participant the receiver was found under when given.
   */
  build(
    tx: Tx,
    accountId: number,
    documentId: number,
    receiver?: ParticipantId,
  ): Promise<{ xml: string; documentType: 'invoice' | 'credit-note' }>;
  /** XSD + EN 16931 + Peppol rules: the fatal findings, none when it may leave. */
  validate(xml: string): Promise<{ valid: boolean; fatal: string[] }>;
}

/** What the delivery use cases need: the adapters, the e-invoice, and where the status callbacks are received. */
export interface PeppolSendDeps extends PeppolDeps {
  einvoice: OutboundEinvoice;
  /** PUBLIC_URL: the status-callback URL given to a service provider is built on it. */
  publicUrl: string;
  /** PEPPOL_SMP_URL: the SMP asked when the account's settings name none and its access point has no lookup. */
  defaultSmpUrl?: string;
  /** Reads a status webhook body as the access point sends it; null when it is not one. */
  readStatusCallback(body: unknown): TransmissionStatus | null;
}
