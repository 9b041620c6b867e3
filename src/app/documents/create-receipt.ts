import { DomainError, IssueCollector, notFound } from '../../domain/errors.js';
import { type Decimal, dec, parseDecimal, sum } from '../../domain/money/decimal.js';
import type { DocType } from '../../domain/documents/types.js';
import { opensBalance } from '../../domain/documents/paid-on-issue.js';
import { isIsoDate, lisbonDate } from '../../domain/time.js';
import type { Ctx, Tx } from '../context.js';
import { randomUrlToken } from '../accounts/credentials.js';
import { customerSnapshot } from './build-draft.js';
import { finalizeDocument } from './finalize-document.js';
import { checkSendTo, queueSendTo } from '../email/send-to.js';
import { resolveSeriesAndStore } from './resolve-series.js';
import { accountConfig } from '../accounts/account-config.js';
import { regimeOf } from '../../domain/regime/registry.js';

export interface ReceiptInput {
  type?: 'RG' | 'RC';
  seriesId?: number | null;
  date?: string | null;
  paymentMethodId?: number | null;
  observations?: string | null;
  documents: { documentId: number; amount?: string | number | null }[];
  finalize?: boolean;
  /** E-mail the receipt's PDF to these addresses once finalized (see DocumentInput.sendTo). */
  sendTo?: string | string[] | null;
}

/** A receipt settles one or more finalized invoices of one customer, fully or partially. */
export async function createReceipt(tx: Tx, ctx: Ctx, input: ReceiptInput): Promise<number> {
  const sendTo = checkSendTo({ sendTo: input.sendTo, finalize: input.finalize !== false });
  const c = new IssueCollector();
  const type: DocType = input.type ?? 'RG';
  if (!['RG', 'RC'].includes(type)) c.add('type', 'invalid', 'RG or RC.');
  const date = input.date ?? lisbonDate(ctx.now);
  if (!isIsoDate(date)) c.add('date', 'invalid', 'Use YYYY-MM-DD.');
  if (!Array.isArray(input.documents) || !input.documents.length)
    c.add('documents', 'required', 'At least one document to settle.');
  const wanted = (input.documents ?? []).map((d, i) => {
    const amount = d.amount == null ? undefined : parseDecimal(d.amount);
    if (d.amount != null && (!amount || !amount.gt(0) || amount.decimalPlaces() > 2))
      c.add(`documents[${i}].amount`, 'invalid', 'A positive amount with at most 2 decimals.');
    if (!Number.isInteger(Number(d.documentId))) c.add(`documents[${i}].documentId`, 'invalid', 'A document id.');
    return { documentId: Number(d.documentId), amount };
  });
  if (new Set(wanted.map((w) => w.documentId)).size !== wanted.length)
    c.add('documents', 'invalid', 'Each document at most once.');
  c.throwIfAny();

  const docs = await tx
    .selectFrom('documents')
    .select(['id', 'doc_type', 'status', 'doc_no', 'open_balance', 'contact_id', 'settled_on_issue'])
    .where('account_id', '=', ctx.accountId)
    .where(
      'id',
      'in',
      wanted.map((w) => w.documentId),
    )
    .execute();
  const settle: { documentId: number; amount: Decimal }[] = [];
  for (const w of wanted) {
    const d = docs.find((x) => x.id === w.documentId);
    if (!d) throw notFound('document', w.documentId);
    if (d.status !== 'final')
      throw new DomainError(
        'document_not_final',
        `${d.doc_no ?? `Document ${d.id}`} is not finalized and cannot be settled.`,
      );
    if (!opensBalance(d.doc_type as DocType, d.settled_on_issue))
      throw new DomainError('validation', `${d.doc_no} is not a document that receipts settle.`, [
        {
          field: 'documents',
          issue: 'invalid',
          message: 'Only FT, ND, opening balances and FS issued unpaid are settled by receipts.',
        },
      ]);
    const amount = w.amount ?? dec(d.open_balance);
    if (amount.gt(d.open_balance) || !amount.gt(0))
      throw new DomainError('settlement_exceeds_balance', `${d.doc_no} has ${d.open_balance} open.`, [], {
        documentId: d.id,
        openBalance: d.open_balance,
      });
    settle.push({ documentId: d.id, amount });
  }
  if (new Set(docs.map((d) => d.contact_id)).size > 1)
    throw new DomainError('validation', 'A receipt settles documents of a single customer.', [
      { field: 'documents', issue: 'invalid', message: 'Different customers.' },
    ]);

  const config = await accountConfig(tx, ctx);
  const { series, store } = resolveSeriesAndStore(config, input.seriesId, null);
  const contact = await tx
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', docs[0].contact_id!)
    .executeTakeFirstOrThrow();
  const total = sum(settle.map((s) => s.amount)).toFixed(2);
  const { id } = await tx
    .insertInto('documents')
    .values({
      account_id: ctx.accountId,
      doc_type: type,
      series_id: series.id,
      store_id: store?.id ?? null,
      user_id: ctx.userId,
      doc_date: date,
      contact_id: contact.id,
      customer: JSON.stringify(customerSnapshot(contact, null, regimeOf(config.account).finalConsumerTaxId)),
      seller: JSON.stringify({}),
      load_address: JSON.stringify(null),
      unload_address: JSON.stringify(null),
      payment_method_id: input.paymentMethodId ?? contact.default_payment_method_id,
      observations: input.observations?.trim() || null,
      language: contact.language ?? config.account.default_language,
      net_total: total,
      gross_total: total,
      payable_total: total,
      tax_summary: JSON.stringify([]),
      download_token: randomUrlToken(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('settlements')
    .values(
      settle.map((s) => ({
        account_id: ctx.accountId,
        receipt_id: id,
        document_id: s.documentId,
        amount: s.amount.toFixed(2),
      })),
    )
    .execute();
  if (input.finalize !== false) await finalizeDocument(tx, ctx, id);
  if (sendTo) await queueSendTo(tx, ctx, id, sendTo);
  return id;
}
