import { cancelDocument } from '../../../app/documents/cancel-document.js';
import { createReceipt } from '../../../app/documents/create-receipt.js';
import type { DocumentView } from '../../../app/documents/get-document.js';
import { getPaymentMethod } from '../../../app/reference/get-payment-method.js';
import { PAYMENT_MECHANISM_NAMES, resolvePaymentMethod } from '../../../app/reference/resolve-payment-method.js';
import { listSeries } from '../../../app/series/list-series.js';
import type { Tx } from '../../../app/context.js';
import { DomainError } from '../../../domain/errors.js';
import { dec } from '../../../domain/money/decimal.js';
import type { Call, Route } from '../context.js';
import { IX_DOC_TYPES, ixTypeByPath } from '../doc-types.js';
import { loadDocument, viewContext } from '../document-reply.js';
import type { IxInput } from '../input.js';
import { IxError } from '../ix-error.js';
import { IX_RECEIPT_TYPE, paymentBody, receiptView } from '../views/receipt.js';

/** InvoiceXpress generates payments only for these (credit notes, estimates… have none). */
const PAYABLE = ['invoices', 'simplified_invoices', 'vat_moss_invoices'].map((p) => ixTypeByPath(p)!);

/** Payment mechanisms by the Portuguese names some clients send instead of the code. */
const BY_NAME: Record<string, string> = {
  dinheiro: 'NU',
  numerario: 'NU',
  cheque: 'CH',
  'debito direto': 'TB',
  'transferencia bancaria': 'TB',
  'cartao de credito': 'CC',
  'cartao de debito': 'CD',
  'compensacao de saldos em conta corrente': 'CS',
  'vale postal': 'OU',
  'outros meios aqui nao assinalados': 'OU',
  multibanco: 'MB',
  'referencia multibanco': 'MB',
  'dinheiro eletronico': 'DE',
  'letra comercial': 'LC',
  'permuta de bens': 'PR',
};
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

function mechanismOf(p: IxInput): string | undefined {
  const raw = p.text('payment_mechanism', 'payment_method');
  if (!raw) return undefined;
  const code = raw.trim().toUpperCase();
  const found = PAYMENT_MECHANISM_NAMES[code] ? code : BY_NAME[fold(raw)];
  if (!found) p.invalid('payment_mechanism is not included in the list (CC CD CH CO CS DE LC MB NU OU PR TB TR)');
  return found;
}

/** `serie`: the series' name (code), or `series: {id}` as some clients send it. */
async function seriesIdOf(tx: Tx, c: Call, p: IxInput): Promise<number | null> {
  const ref = p.sub('series');
  const id = ref?.int('id') ?? p.int('sequence_id');
  const name = ref ? undefined : p.text('serie', 'series');
  if (id === undefined && !name) return null;
  const all = await listSeries(tx, c.accountId);
  const s = all.find((x) => (id !== undefined ? x.id === id : x.code.toLowerCase() === name!.trim().toLowerCase()));
  if (!s) throw new IxError(422, [`serie ${name ?? id} was not found`]);
  return s.id;
}

async function receiptReply(c: Call, v: DocumentView) {
  const pm = await getPaymentMethod(c.db, c.accountId, v.doc.payment_method_id);
  return receiptView(v, await viewContext(c), { paymentMechanism: pm?.saft_code ?? null });
}

const loadReceipt = (c: Call) => loadDocument(c, c.id, [IX_RECEIPT_TYPE]);

/** InvoiceXpress partial payments (receipts) and receipts' change-state. */
export function paymentRoutes(route: Route): void {
  // POST /documents/:id/partial_payments.json, root `partial_payment` (docs) or `receipt` (some clients).
  route(
    'POST',
    '/documents/:id/partial_payments',
    { ixFields: { documents: 'amount', date: 'payment_date' } },
    async (c) => {
      const invoice = await loadDocument(c, c.id, [...IX_DOC_TYPES, IX_RECEIPT_TYPE]);
      if (!PAYABLE.some((t) => t.core === invoice.doc.doc_type)) {
        throw new IxError(422, [
          'Payments can only be registered for invoices, simplified invoices and VAT MOSS invoices',
        ]);
      }
      const p = c.body.sub('partial_payment', 'receipt');
      if (!p) throw new IxError(422, ['partial_payment is required']);
      const amount = p.decimal('amount', 'payment_amount', 'value');
      if (!p.has('amount', 'payment_amount', 'value')) p.invalid('amount is required');
      else if (amount !== undefined && (!dec(amount).gt(0) || dec(amount).decimalPlaces() > 2))
        p.invalid('amount must be greater than 0, with at most 2 decimals');
      const mechanism = mechanismOf(p);
      const date = p.date(c.today, 'payment_date', 'date');
      const note = p.text('note', 'observations');
      p.check();

      const d = invoice.doc;
      if (d.status === 'draft')
        throw new IxError(422, ['The document is a draft: finalize it before registering a payment']);
      if (d.status === 'cancelled') throw new IxError(422, ['The document is canceled']);
      if (dec(amount!).gt(d.open_balance)) {
        throw new IxError(422, [
          `amount can't be greater than the document's remaining balance (${dec(d.open_balance).toFixed(2)})`,
        ]);
      }
      let id: number;
      try {
        id = await c.docTx(async (tx) => {
          const method = mechanism ? await resolvePaymentMethod(tx, c.accountId, mechanism) : undefined;
          return createReceipt(tx, c.ctx, {
            type: 'RG',
            seriesId: await seriesIdOf(tx, c, p),
            date: date ?? null,
            paymentMethodId: method?.id ?? null,
            observations: note ?? null,
            documents: [{ documentId: d.id, amount: amount! }],
          });
        });
      } catch (err) {
        if (err instanceof DomainError && err.code === 'settlement_exceeds_balance') {
          throw new IxError(422, [
            `amount can't be greater than the document's remaining balance (${String(err.meta?.openBalance ?? '0')})`,
          ]);
        }
        throw err;
      }
      return { status: 201, body: paymentBody(await receiptReply(c, await loadDocument(c, id, [IX_RECEIPT_TYPE]))) };
    },
  );

  route('GET', '/receipts/:id', {}, async (c) => ({ body: { receipt: await receiptReply(c, await loadReceipt(c)) } }));

  // PUT /receipts/:id/change-state.json {"receipt":{"state":"canceled","message":…}}: the invoice owes the amount again.
  route('PUT', '/receipts/:id/change-state', { ixFields: { reason: 'message' } }, async (c) => {
    const v = await loadReceipt(c);
    const r = c.body.sub('receipt', 'partial_payment', 'invoice');
    const state = r?.text('state')?.trim().toLowerCase();
    const message = r?.text('message');
    if (!state) throw new IxError(422, ['state is required']);
    if (state !== 'canceled' && state !== 'cancelled')
      throw new IxError(422, [`Invalid state transition: a receipt can only be canceled, not ${state}`]);
    if (!message) throw new IxError(422, ['message is required to cancel a receipt']);
    if (v.doc.status === 'cancelled') throw new IxError(422, ['The receipt is already canceled']);
    await c.docTx((tx) => cancelDocument(tx, c.ctx, v.doc.id, message));
    return { body: { receipt: await receiptReply(c, await loadReceipt(c)) } };
  });
}
