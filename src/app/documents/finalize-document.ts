import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.js';
import { DOC_TYPE_INFO, type DocType } from '../../domain/documents/types.js';
import { formatDocumentNumber } from '../../domain/numbering/document-number.js';
import { resolveAtcud } from '../../domain/pt/atcud.js';
import { signDocument } from '../../domain/pt/signature.js';
import { lisbonDateTime } from '../../domain/time.js';
import type { Ctx, Tx } from '../context.js';
import type { PartySnapshot } from '../../infra/db/schema.js';
import { applyBalances } from './apply-balances.js';
import { checkOrigins } from './check-origins.js';
import { postStock } from './post-stock.js';
import { enqueuePdfRender } from '../pdf/enqueue-pdf-render.js';
import { activeSigningKey } from './signing-key.js';
import { enqueueAtCommunication } from '../at/enqueue-at-communication.js';
import { emitEvents } from '../webhooks/emit-events.js';

/**
 * Assigns the next number of (series, type), the system entry date and the hash-chain signature, in the
 * caller's transaction. The counter row is locked by an atomic increment, so numbers never gap or repeat
 * across processes; a failure anywhere rolls the increment back with everything else.
 */
export async function finalizeDocument(tx: Tx, ctx: Ctx, id: number): Promise<void> {
  const doc = await tx.selectFrom('documents')
    .select(['id', 'status', 'doc_type', 'series_id', 'doc_date', 'gross_total', 'payable_total', 'related_document_id', 'store_id', 'customer'])
    .where('account_id', '=', ctx.accountId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!doc) throw notFound('document', id);
  if (doc.status !== 'draft') throw new DomainError('document_not_draft', 'The document is already finalized.');
  const type = doc.doc_type as DocType;
  const info = DOC_TYPE_INFO[type];

  const head = await tx.selectFrom('accounts as a')
    .innerJoin('series as s', (j) => j.onRef('s.account_id', '=', 'a.id'))
    .select(['a.sandbox', 'a.legal_name', 'a.trade_name', 'a.tax_id', 'a.country', 'a.street', 'a.postal_code', 'a.city', 'a.email', 'a.phone',
      'a.website', 'a.company_registry', 's.code as series_code', 's.kind as series_kind', 's.status as series_status'])
    .where('a.id', '=', ctx.accountId).where('s.id', '=', doc.series_id).executeTakeFirstOrThrow();
  if (head.series_status !== 'active') throw new DomainError('series_inactive', `Series ${head.series_code} is finalized and cannot be used.`);

  await checkOrigins(tx, ctx.accountId, doc);
  // Everything that needs no lock is read before the counter row is locked: the lock is held until commit.
  const key = info.signed ? await activeSigningKey(tx, ctx.accountId) : null;

  const counter = await sql<{ last_number: number; last_hash: string; last_doc_date: string | null; validation_code: string | null }>`
    INSERT INTO series_doc_types (account_id, series_id, doc_type, last_number)
    VALUES (${ctx.accountId}, ${doc.series_id}, ${type}, 1)
    ON CONFLICT (account_id, series_id, doc_type) DO UPDATE SET last_number = series_doc_types.last_number + 1
    RETURNING last_number, last_hash, last_doc_date, validation_code`.execute(tx).then((r) => r.rows[0]);

  // NOTE: D8632 §1.6, §3.4.3 — numbering follows date order: no document dated before the last one of its series/type.
  if (counter.last_doc_date && doc.doc_date < counter.last_doc_date) {
    throw new DomainError('date_before_last_in_series', `The series already has a document dated ${counter.last_doc_date}.`, [
      { field: 'date', issue: 'out_of_range', message: 'Must be on or after the last document of the series.', value: counter.last_doc_date },
    ], { lastDate: counter.last_doc_date });
  }

  const number = counter.last_number;
  const docNo = formatDocumentNumber(type, head.series_code, number);
  const systemEntryDate = lisbonDateTime(ctx.now);
  const atcud = info.seriesClass
    ? resolveAtcud({ validationCode: counter.validation_code, sequence: number, sandbox: head.sandbox, training: head.series_kind === 'F' })
    : null;

  let hash: string | null = null;
  let keyVersion: number | null = null;
  if (key) {
    hash = signDocument({ docDate: doc.doc_date, systemEntryDate, docId: docNo, grossTotal: doc.gross_total, previousHash: counter.last_hash }, key.key);
    keyVersion = key.version;
  }

  const seller: PartySnapshot = {
    name: head.trade_name ?? head.legal_name, legalName: head.legal_name, tradeName: head.trade_name, taxId: head.tax_id, country: head.country,
    street: head.street, postalCode: head.postal_code, city: head.city, email: head.email, phone: head.phone, website: head.website,
    companyRegistry: head.company_registry,
  };
  const openBalance = info.receivable ? doc.payable_total : '0.00';
  await tx.updateTable('documents').set({
    status: 'final', number, doc_no: docNo, system_entry_date: systemEntryDate, status_date: systemEntryDate,
    hash, hash_control: keyVersion === null ? null : String(keyVersion), key_version: keyVersion, atcud,
    seller: JSON.stringify(seller), open_balance: openBalance, paid: info.settledOnIssue || (info.receivable && Number(openBalance) === 0),
    updated_at: sql`now()`,
  }).where('account_id', '=', ctx.accountId).where('id', '=', id).execute();

  await tx.updateTable('series_doc_types').set({
    ...(hash !== null ? { last_hash: hash } : {}), last_doc_date: doc.doc_date, last_system_entry: systemEntryDate,
  }).where('account_id', '=', ctx.accountId).where('series_id', '=', doc.series_id).where('doc_type', '=', type).execute();

  await postStock(tx, ctx.accountId, { ...doc, id }, doc.doc_date);
  await applyBalances(tx, ctx.accountId, doc, 1);
  await enqueuePdfRender(tx, ctx.accountId, id, type);
  await enqueueAtCommunication(tx, ctx.accountId, id, type, 'issue');
  await emitEvents(tx, ctx.accountId, [{ type: 'document.finalized', documentId: id }]);
}
