import { DomainError, IssueCollector } from '../../domain/errors.js';
import { type Decimal, parseDecimal } from '../../domain/money/decimal.js';
import { isIsoDate, lisbonDate } from '../../domain/time.js';
import type { Ctx, Tx } from '../context.js';
import { randomUrlToken } from '../accounts/credentials.js';
import { customerSnapshot } from './build-draft.js';
import { finalizeDocument } from './finalize-document.js';
import { resolveSeriesAndStore } from './resolve-series.js';
import { accountConfig } from '../accounts/account-config.js';
import { regimeOf } from '../../domain/regime/registry.js';

/**
 * Records a debt from before the system (customer owes us, or we owe a supplier). Not a fiscal document.
 * `amount` is the balance with taxes; `net` (without taxes, default the amount) and `tax` (default amount − net)
 * are kept as given: net ≤ amount, and net + tax = amount.
 */
export async function createOpeningBalance(
  tx: Tx,
  ctx: Ctx,
  input: {
    kind: 'customer' | 'supplier';
    contactId: number;
    amount: string | number;
    net?: string | number | null;
    tax?: string | number | null;
    date?: string | null;
    dueDate?: string | null;
    seriesId?: number | null;
    paymentMethodId?: number | null;
    observations?: string | null;
  },
): Promise<number> {
  const c = new IssueCollector();
  const amount = parseDecimal(input.amount);
  if (!amount || !amount.gt(0) || amount.decimalPlaces() > 2)
    c.add('amount', 'invalid', 'A positive amount with at most 2 decimals.');
  const net = input.net == null ? amount : parseDecimal(input.net);
  let tax: Decimal | undefined;
  if (!net || net.lt(0) || net.decimalPlaces() > 2)
    c.add('net', 'invalid', 'A net amount of at least 0 with at most 2 decimals.');
  else if (amount?.gt(0) && net.gt(amount)) c.add('net', 'invalid', 'The net amount cannot exceed the amount.');
  else if (amount) {
    tax = input.tax == null ? amount.minus(net) : parseDecimal(input.tax);
    if (!tax || tax.lt(0) || tax.decimalPlaces() > 2 || !net.plus(tax).eq(amount))
      c.add('tax', 'invalid', 'The tax must be the amount minus the net amount.');
  }
  if (!['customer', 'supplier'].includes(input.kind)) c.add('kind', 'invalid', 'customer or supplier.');
  const date = input.date ?? lisbonDate(ctx.now);
  if (!isIsoDate(date)) c.add('date', 'invalid', 'Use YYYY-MM-DD.');
  if (input.dueDate != null && !isIsoDate(input.dueDate)) c.add('dueDate', 'invalid', 'Use YYYY-MM-DD.');
  c.throwIfAny();
  // NOTE: bill.pt 241 — the due date cannot precede the document date.
  if (input.dueDate != null && input.dueDate < date) {
    throw new DomainError('due_date_before_document_date', 'The due date cannot be earlier than the date.', [
      { field: 'dueDate', issue: 'out_of_range', message: 'Must be on or after the date.', value: date },
    ]);
  }
  const contact = await tx
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', Number(input.contactId))
    .executeTakeFirst();
  if (!contact)
    throw new DomainError(
      'not_found',
      `Contact ${input.contactId} does not exist.`,
      [{ field: 'contactId', issue: 'unknown', message: 'Not found in this account.' }],
      { resource: 'contact' },
    );
  if (input.paymentMethodId != null) {
    const pm = await tx
      .selectFrom('payment_methods')
      .select('id')
      .where('account_id', '=', ctx.accountId)
      .where('id', '=', Number(input.paymentMethodId))
      .executeTakeFirst();
    if (!pm)
      throw new DomainError(
        'not_found',
        `Payment method ${input.paymentMethodId} does not exist.`,
        [{ field: 'paymentMethodId', issue: 'unknown', message: 'Not found in this account.' }],
        { resource: 'payment method' },
      );
  }
  const config = await accountConfig(tx, ctx);
  const { series } = resolveSeriesAndStore(config, input.seriesId, null);
  const total = amount!.toFixed(2);
  const { id } = await tx
    .insertInto('documents')
    .values({
      account_id: ctx.accountId,
      doc_type: input.kind === 'customer' ? 'SIC' : 'SIF',
      series_id: series.id,
      user_id: ctx.userId,
      doc_date: date,
      due_date: input.dueDate ?? null,
      payment_method_id: input.paymentMethodId ?? contact.default_payment_method_id ?? null,
      contact_id: contact.id,
      customer: JSON.stringify(customerSnapshot(contact, null, regimeOf(config.account).finalConsumerTaxId)),
      seller: JSON.stringify({}),
      load_address: JSON.stringify(null),
      unload_address: JSON.stringify(null),
      observations: input.observations?.trim() || null,
      net_total: net!.toFixed(2),
      tax_total: tax!.toFixed(2),
      gross_total: total,
      payable_total: total,
      tax_summary: JSON.stringify([]),
      download_token: randomUrlToken(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await finalizeDocument(tx, ctx, id);
  return id;
}
