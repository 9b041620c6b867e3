import { sql } from 'kysely';
import type { KeyObject } from 'node:crypto';
import { DOC_TYPE_INFO } from '../../domain/documents/types.js';
import { WritesNeeded, type Ctx, type Tx } from '../context.js';
import { randomUrlToken } from '../accounts/credentials.js';
import { buildDraft, type Draft } from './build-draft.js';
import type { DocumentInput } from './document-input.js';
import { finalizeDocument } from './finalize-document.js';
import { checkSeriesActive, counterUpsert, finalizeValues, type FinalizeHead } from './finalize-values.js';
import { activeSigningKey } from './signing-key.js';
import { postStock } from './post-stock.js';
import { applyBalances } from './apply-balances.js';
import { enqueueFinalizeJobs } from './enqueue-finalize-jobs.js';
import type { DocumentView } from './get-document.js';
import { checkSendTo, queueSendTo } from '../email/send-to.js';

/** A create request resolved, validated and computed: what is left to do needs the transaction. */
export interface PreparedDocument {
  draft: Draft;
  sendTo: string[] | null;
  finalize: boolean;
  /**
   * Create-and-finalize of a document that references no other document: what finalize reads before the
   * counter lock, so it is issued in two statements (see `issue`). Otherwise null (draft, then finalize).
   */
  issue: { head: FinalizeHead; key: { version: number; key: KeyObject } | null } | null;
}

/**
 * Everything of a create that needs no lock: customer and item resolution, validation, totals, the signing key.
 * With `readOnly` it writes nothing (it can run outside the transaction) and returns null when the request needs
 * a write first (an inline customer or item to create): the caller then prepares inside its transaction.
 */
export async function prepareDocument(tx: Tx, ctx: Ctx, input: DocumentInput, opts: { readOnly?: boolean } = {}): Promise<PreparedDocument | null> {
  const sendTo = checkSendTo(input);
  let draft: Draft;
  try {
    draft = await buildDraft(tx, ctx, input, opts);
  } catch (err) {
    if (opts.readOnly && err instanceof WritesNeeded) return null;
    throw err;
  }
  const finalize = !!input.finalize;
  const referencesOthers = draft.doc.related_document_id !== null || draft.lines.some((l) => l.origin_line_id !== null || l.origin_document_id !== null);
  let issue: PreparedDocument['issue'] = null;
  if (finalize && !referencesOthers && draft.lines.length > 0) {
    const { account: a, series: s } = draft;
    const head: FinalizeHead = {
      sandbox: a.sandbox, legal_name: a.legal_name, trade_name: a.trade_name, tax_id: a.tax_id, country: a.country, street: a.street,
      postal_code: a.postal_code, city: a.city, email: a.email, phone: a.phone, website: a.website, company_registry: a.company_registry,
      series_code: s.code, series_kind: s.kind, series_status: s.status,
    };
    checkSeriesActive(head);
    issue = { head, key: DOC_TYPE_INFO[draft.doc.doc_type].signed ? await activeSigningKey(tx, ctx.accountId) : null };
  }
  return { draft, sendTo, finalize, issue };
}

/**
 * Writes a prepared document. A create-and-finalize without references takes two statements under the series
 * lock: (1) the counter increment, the draft and its lines; (2) the final values (number, signature, ATCUD) and
 * the chain state; then the outbox jobs. It returns the document as written, so the response needs no re-read.
 */
export async function commitDocument(tx: Tx, ctx: Ctx, p: PreparedDocument): Promise<{ id: number; view: DocumentView | null }> {
  const { draft } = p;
  const docValues = { ...(draft.doc as object), account_id: ctx.accountId, download_token: randomUrlToken() } as never;
  if (!p.issue) {
    const { id } = await tx.insertInto('documents').values(docValues).returning('id').executeTakeFirstOrThrow();
    if (draft.lines.length) {
      await tx.insertInto('document_lines').values(draft.lines.map((l) => ({ ...l, account_id: ctx.accountId, document_id: id }))).execute();
    }
    if (p.finalize) await finalizeDocument(tx, ctx, id);
    if (p.sendTo) await queueSendTo(tx, ctx, id, p.sendTo);
    return { id, view: null };
  }

  const type = draft.doc.doc_type;
  // One statement: the data-modifying CTEs all run; the lines take the new document's id.
  const rows = await tx
    .with('c', (db) => db.insertInto('series_doc_types').values({ account_id: ctx.accountId, series_id: draft.doc.series_id, doc_type: type, last_number: 1 })
      .onConflict((oc) => oc.columns(['account_id', 'series_id', 'doc_type']).doUpdateSet({ last_number: sql`series_doc_types.last_number + 1` }))
      .returning(['last_number', 'last_hash', 'last_doc_date', 'validation_code']))
    .with('d', (db) => db.insertInto('documents').values(docValues).returning('id'))
    .with('l', (db) => db.insertInto('document_lines')
      .values(draft.lines.length ? draft.lines.map((l) => ({ ...l, account_id: ctx.accountId, document_id: sql<number>`(SELECT id FROM d)` })) : [])
      .returningAll())
    .selectFrom(['c', 'd']).leftJoin('l', (j) => j.onTrue())
    .selectAll('l').select(['d.id as new_document_id', 'c.last_number', 'c.last_hash', 'c.last_doc_date', 'c.validation_code'])
    .execute();
  const id = rows[0].new_document_id;
  const counter = rows[0];
  const values = finalizeValues(ctx, draft.doc, p.issue.head, counter, p.issue.key);
  const doc = await tx
    .with('s', (db) => db.updateTable('series_doc_types').set(values.series)
      .where('account_id', '=', ctx.accountId).where('series_id', '=', draft.doc.series_id).where('doc_type', '=', type))
    .updateTable('documents').set({ ...values.document, updated_at: sql`now()` })
    .where('account_id', '=', ctx.accountId).where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow();

  if (draft.lines.some((l) => l.item_id !== null)) await postStock(tx, ctx.accountId, doc, doc.doc_date);
  await applyBalances(tx, ctx.accountId, doc, 1);
  await enqueueFinalizeJobs(tx, ctx.accountId, id, type);
  if (p.sendTo) {
    await queueSendTo(tx, ctx, id, p.sendTo); // counts a print: the document row changed again
    return { id, view: null };
  }

  const lines = rows.filter((r) => r.id !== null).map(({ new_document_id: _d, last_number: _n, last_hash: _h, last_doc_date: _dd, validation_code: _v, ...l }) => l)
    .sort((a, b) => a.position! - b.position!);
  const { account, series } = draft;
  return {
    id,
    view: {
      doc, lines: lines as DocumentView['lines'], seriesCode: series.code, seriesKind: series.kind,
      account: { taxId: account.tax_id, certNo: account.software_cert_number, sandbox: account.sandbox },
      // A document that did not exist before this transaction has no receipts and no derived documents yet.
      settlements: [], derived: [],
    },
  };
}

/** Creates a draft (consuming no number) and, when asked, finalizes it in the same transaction. */
export async function createDocument(tx: Tx, ctx: Ctx, input: DocumentInput): Promise<number> {
  const prepared = (await prepareDocument(tx, ctx, input))!;
  return (await commitDocument(tx, ctx, prepared)).id;
}
