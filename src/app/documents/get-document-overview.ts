import type { DocumentMarks } from '../../domain/regime/marks.js';
import { listAtCommunications } from '../at/list-at-communications.js';
import type { Tx } from '../context.js';
import { listEmails } from '../email/list-emails.js';
import { listDocumentTransmissions } from '../peppol/list-document-transmissions.js';
import { transmissionView, type TransmissionView } from '../peppol/transmission-view.js';
import { listWebhookDeliveries } from '../webhooks/list-webhook-deliveries.js';
import { documentViewMarks } from './document-qr-payload.js';
import { type DocumentView, getDocument } from './get-document.js';

/** A document named beside another one (an origin, a note, a receipt): enough to link to it. */
export interface RelatedDocument {
  id: number;
  docNo: string | null;
  type: string;
  status: string;
}

/** Everything a person looks at about one document: the document, its legal marks and what happened to it. */
export interface DocumentOverview {
  view: DocumentView;
  marks: DocumentMarks;
  /** The documents this one was made from: the corrected document, the quotes or guides it converts. */
  origins: RelatedDocument[];
  at: {
    id: number;
    service: string;
    operation: string;
    status: string;
    returnCode: string | null;
    returnMessage: string | null;
    atCode: string | null;
    startedAt: string;
  }[];
  emails: {
    id: number;
    to: string[];
    subject: string | null;
    copy: string | null;
    status: string;
    attempts: number;
    lastError: string | null;
    createdAt: string;
    sentAt: string | null;
  }[];
  webhooks: {
    id: number;
    endpointId: number;
    eventType: string;
    status: string;
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    createdAt: string;
  }[];
  /** The Peppol sends, the latest first (empty when the document was never sent). */
  peppol: TransmissionView[];
}

/** How many entries of each log the overview shows (the latest). */
export const OVERVIEW_LOG_SIZE = 20;

/** PostgreSQL timestamptz text (`2026-12-07 17:27:23.372+00`) → ISO 8601. */
const instant = (v: string | Date) =>
  new Date(typeof v === 'string' ? v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00') : v).toISOString();

/** One document of the account with its marks, its AT, e-mail, webhook and Peppol logs and its related documents. */
export async function getDocumentOverview(tx: Tx, accountId: number, id: number): Promise<DocumentOverview> {
  const view = await getDocument(tx, accountId, id);
  const page = { page: 1, perPage: OVERVIEW_LOG_SIZE };
  const originIds = [
    ...new Set(
      [view.doc.related_document_id, ...view.lines.map((l) => l.origin_document_id)].filter(
        (o): o is number => o !== null && o !== id,
      ),
    ),
  ];
  const [origins, at, emails, webhooks, peppol] = await Promise.all([
    originIds.length
      ? tx
          .selectFrom('documents')
          .select(['id', 'doc_no', 'doc_type', 'status'])
          .where('account_id', '=', accountId)
          .where('id', 'in', originIds)
          .orderBy('id')
          .execute()
      : [],
    listAtCommunications(tx, accountId, { documentId: id }, page),
    listEmails(tx, accountId, { documentId: id }, page),
    listWebhookDeliveries(tx, accountId, { documentId: id }, page),
    listDocumentTransmissions(tx, accountId, id),
  ]);
  return {
    view,
    marks: documentViewMarks(view),
    origins: origins.map((o) => ({ id: o.id, docNo: o.doc_no, type: o.doc_type, status: o.status })),
    at: at.items.map((c) => ({
      id: c.id,
      service: c.service,
      operation: c.operation,
      status: c.status,
      returnCode: c.return_code,
      returnMessage: c.return_message,
      atCode: c.at_code,
      startedAt: instant(c.started_at),
    })),
    emails: emails.items.map((e) => ({
      id: e.id,
      to: [...e.to_addresses],
      subject: e.subject,
      copy: e.copy,
      status: e.status,
      attempts: e.attempts,
      lastError: e.last_error,
      createdAt: instant(e.created_at),
      sentAt: e.sent_at ? instant(e.sent_at) : null,
    })),
    webhooks: webhooks.items.map((w) => ({
      id: w.id,
      endpointId: w.endpoint_id,
      eventType: w.event_type,
      status: w.status,
      attempts: w.attempts,
      lastStatusCode: w.last_status_code,
      lastError: w.last_error,
      createdAt: instant(w.created_at),
    })),
    peppol: peppol.map(transmissionView),
  };
}
