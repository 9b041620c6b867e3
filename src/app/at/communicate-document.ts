import type { Kysely } from 'kysely';
import type { IssuedDocument } from '../../domain/documents/issued-document.js';
import { DOC_TYPE_INFO, type DocType } from '../../domain/documents/types.js';
import type { DB } from '../../infra/db/schema.js';
import { loadIssuedDocuments } from '../documents/load-issued-documents.js';
import { buildCancelInvoice, buildRegisterInvoice, INVOICE_TYPES } from './build-invoice-request.js';
import { buildTransportRequest } from './build-transport-request.js';
import { loadAtCredentials } from './load-at-credentials.js';
import type { AtCallResult, AtCredentials, AtDeps, AtEnvironment, AtService } from './ports.js';
import { type AtCommunicationStatus, callFields, recordAtCommunication } from './record-at-communication.js';

export type DocumentEvent = 'issue' | 'cancel';

export interface CommunicationMeta {
  now: Date;
  jobId?: number;
  attempt?: number;
  /** No automatic retry follows this attempt (manual calls, the job's last attempt). */
  lastAttempt?: boolean;
}

export interface CommunicationResult {
  status: AtCommunicationStatus;
  operation: string | null;
  code: string | null;
  message: string;
  /** The document's AT code after this attempt (transport documents). */
  atCode: string | null;
  communicationId: number | null;
}

export function atServiceOf(docType: string): AtService | null {
  if (DOC_TYPE_INFO[docType as DocType]?.family === 'transport') return 'transport';
  if ((INVOICE_TYPES as readonly string[]).includes(docType)) return 'invoices';
  return null;
}

/**
 * Brings AT up to date with one document: sends a transport document (or its cancellation), registers an
 * invoice (or changes its status to cancelled). Idempotent: what the log shows as done is not sent again.
 * Every call is logged; nothing here holds a transaction open during the network call.
 */
export async function communicateDocument(
  db: Kysely<DB>,
  deps: AtDeps,
  accountId: number,
  documentId: number,
  event: DocumentEvent,
  meta: CommunicationMeta,
): Promise<CommunicationResult> {
  const [doc] = await loadIssuedDocuments(db, accountId, [documentId]);
  const loaded = await loadAtCredentials(db, deps.secrets, accountId);
  const environment: AtEnvironment = loaded.ok ? loaded.credentials.environment : loaded.environment;
  const service = doc ? atServiceOf(doc.type) : null;

  const log = async (
    operation: string,
    status: AtCommunicationStatus,
    message: string,
    extra: Partial<Parameters<typeof recordAtCommunication>[1]> = {},
  ): Promise<CommunicationResult> => {
    const final = status !== 'retryable' || !!meta.lastAttempt;
    const id = await db.transaction().execute(async (tx) => {
      if (extra.atCode && service === 'transport' && status === 'success' && operation === 'envioDocumentoTransporte') {
        // at_code is one of the columns a finalized document may still change (migration 0002).
        await tx
          .updateTable('documents')
          .set({ at_code: extra.atCode })
          .where('account_id', '=', accountId)
          .where('id', '=', documentId)
          .where('at_code', 'is', null)
          .execute();
      }
      return recordAtCommunication(tx, {
        accountId,
        documentId: doc ? documentId : null,
        service: service ?? 'transport',
        operation,
        environment,
        status,
        returnMessage: message,
        jobId: meta.jobId,
        attempt: meta.attempt,
        startedAt: meta.now,
        final,
        ...extra,
      });
    });
    const atCode =
      service === 'transport'
        ? ((
            await db
              .selectFrom('documents')
              .select('at_code')
              .where('account_id', '=', accountId)
              .where('id', '=', documentId)
              .executeTakeFirst()
          )?.at_code ?? null)
        : null;
    return { status, operation, code: extra.returnCode ?? null, message, atCode, communicationId: id };
  };
  const fromCall = (operation: string, r: AtCallResult<unknown>, atCode?: string) =>
    log(operation, r.outcome, r.message, { ...callFields(r), atCode });

  if (!doc || !service)
    return {
      status: 'skipped',
      operation: null,
      code: null,
      message: 'Not a document AT receives.',
      atCode: null,
      communicationId: null,
    };
  const operationOf =
    service === 'transport'
      ? 'envioDocumentoTransporte'
      : event === 'issue'
        ? 'RegisterInvoice'
        : 'ChangeInvoiceStatus';
  // Drafts are never sent, nor logged (a log entry would keep a deletable draft from being deleted).
  if (doc.status === 'draft')
    return {
      status: 'skipped',
      operation: operationOf,
      code: null,
      message: 'A draft is not communicated.',
      atCode: null,
      communicationId: null,
    };
  // NOTE: training documents (series type F, D8632 §1.5) have no fiscal effect and are not sent to AT.
  if (doc.series.kind === 'F') return log(operationOf, 'skipped', 'Training series: not communicated to AT.');
  if (!loaded.ok) return log(operationOf, 'retryable', loaded.reason, { returnCode: 'not_configured' });
  const c = loaded.credentials;

  if (service === 'transport') return transport(deps, c, doc, event, { log, fromCall });
  return invoice(db, deps, c, doc, event, { log, fromCall });
}

interface Loggers {
  log: (
    operation: string,
    status: AtCommunicationStatus,
    message: string,
    extra?: Record<string, unknown>,
  ) => Promise<CommunicationResult>;
  fromCall: (operation: string, r: AtCallResult<unknown>, atCode?: string) => Promise<CommunicationResult>;
}

async function transport(
  deps: AtDeps,
  c: AtCredentials,
  doc: IssuedDocument,
  event: DocumentEvent,
  l: Loggers,
): Promise<CommunicationResult> {
  const op = 'envioDocumentoTransporte';
  const cancel = event === 'cancel';
  const atCode = doc.transport.atCode;
  if (!cancel && atCode) return l.log(op, 'skipped', `Already communicated: AT code ${atCode}.`, { atCode });
  if (!cancel && doc.status === 'cancelled') return l.log(op, 'skipped', 'Cancelled before it was communicated.');
  if (cancel && !atCode) return l.log(op, 'skipped', 'Never communicated (no AT code): nothing to cancel at AT.');
  const r = await deps.gateway.sendTransportDocument(c, buildTransportRequest(doc, cancel ? 'A' : 'N'));
  return l.fromCall(op, r, cancel ? undefined : r.data?.atDocCodeId);
}

async function succeeded(db: Kysely<DB>, doc: IssuedDocument, operation: string): Promise<boolean> {
  const row = await db
    .selectFrom('at_communications')
    .select('id')
    .where('account_id', '=', doc.accountId)
    .where('document_id', '=', doc.id)
    .where('operation', '=', operation)
    .where('status', '=', 'success')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

async function invoice(
  db: Kysely<DB>,
  deps: AtDeps,
  c: AtCredentials,
  doc: IssuedDocument,
  event: DocumentEvent,
  l: Loggers,
): Promise<CommunicationResult> {
  if (event === 'cancel' && (await succeeded(db, doc, 'ChangeInvoiceStatus')))
    return l.log('ChangeInvoiceStatus', 'skipped', 'The cancellation was already communicated.');
  // A cancellation AT has not seen the registration of is preceded by it (issued N, then changed to A).
  if (!(await succeeded(db, doc, 'RegisterInvoice'))) {
    const r = await deps.gateway.registerInvoice(c, buildRegisterInvoice(doc));
    const res = await l.fromCall('RegisterInvoice', r);
    if (r.outcome !== 'success' || event === 'issue') return res;
  } else if (event === 'issue') {
    return l.log('RegisterInvoice', 'skipped', 'Already registered at AT.');
  }
  if (doc.status !== 'cancelled') return l.log('ChangeInvoiceStatus', 'skipped', 'The document is not cancelled.');
  const r = await deps.gateway.changeInvoiceStatus(c, buildCancelInvoice(doc));
  return l.fromCall('ChangeInvoiceStatus', r);
}
