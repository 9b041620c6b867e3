import type { CopyKind } from '../../domain/pt/legal-marks.js';
import type { Tx } from '../context.js';

/** The SMTP server an e-mail goes through: the account's own, or the installation's. */
export interface SmtpSettings {
  source: 'account' | 'installation';
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  /** The From header: an address, or `"Name" <address>`. */
  from: string;
  replyTo: string | null;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MailMessage {
  from: string;
  replyTo: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  attachments: MailAttachment[];
  /** Extra headers, e.g. X-Faturador-Email-Id. */
  headers: Record<string, string>;
}

export interface MailSent {
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** The server's last reply, e.g. `250 2.0.0 Ok: queued as …`. */
  response: string;
}

/**
 * A failed send. `permanent`: the server refused this message for good (a 5xx reply to the envelope or the
 * data); anything else — connection refused, timeouts, 4xx, authentication — may pass on a later attempt.
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly smtpCode: number | null,
    readonly response: string | null,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export interface MailTransport {
  send(settings: SmtpSettings, message: MailMessage): Promise<MailSent>;
}

/** A document's PDF as a given copy (the mark was decided when the e-mail was queued), without counting a print. */
export interface DocumentPdfSource {
  load(tx: Tx, accountId: number, documentId: number, copy: CopyKind): Promise<MailAttachment>;
}

/** Seals secrets at rest (the SMTP password); the same shape as the AT credential box. */
export interface SecretSealer {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
  unavailableReason(): string | null;
}

/** The installation's SMTP settings (SMTP_* variables), when SMTP_HOST is set. */
export interface InstallationSmtp {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string | null;
}

/** A document's e-invoice (Peppol UBL) as an attachment, for an e-mail that stands in for a Peppol transmission. */
export interface DocumentEinvoiceSource {
  load(tx: Tx, accountId: number, documentId: number): Promise<MailAttachment>;
}

export interface EmailDeps {
  transport: MailTransport;
  pdf: DocumentPdfSource;
  /** Set by the composition root; without it an e-mail asking for the e-invoice fails to prepare (and is retried). */
  einvoice?: DocumentEinvoiceSource;
  secrets: SecretSealer;
  installation: InstallationSmtp | null;
  /** For the {{downloadUrl}} placeholder. */
  publicUrl: string;
  maxAttempts: number;
}
