import { createHash } from 'node:crypto';
import { findCustomer } from '../../../app/billit/find-customer.js';
import { findInvoiceByNumber } from '../../../app/billit/find-order-by-number.js';
import { recordOrder } from '../../../app/billit/record-order.js';
import type { DocumentInput } from '../../../app/documents/document-input.js';
import { documentIssue } from '../../../app/documents/issue-document.js';
import { storeFile } from '../../../app/files/store-file.js';
import { runOnce } from '../../../app/idempotency/run-once.js';
import { getAccount } from '../../../app/accounts/get-account.js';
import { DomainError } from '../../../domain/errors.js';
import { BillitError, billitErrorOf } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { type OrderRequest, readOrder } from '../order-input.js';
import { orderTypeOf } from '../order-types.js';

/** The idempotency key of a request: `Idempotency-Key` (T, C) or `Idempotent-Key` (E), whatever their case. */
function idempotencyKey(c: Call): string | undefined {
  const key = c.header('Idempotency-Key') ?? c.header('Idempotent-Key');
  if (key && key.length > 255) throw BillitError.bad('InvalidIdempotentToken', 'The idempotent token is too long.');
  return key;
}

/** A core refusal in Billit's words: a VAT rate the seller's country does not have is Billit's own code. */
async function billitRefusal(c: Call, err: DomainError): Promise<BillitError> {
  if (err.code === 'not_found' && err.meta.resource === 'tax') {
    const account = await getAccount(c.db, c.accountId);
    // NOTE: Billit's code for a VAT percentage the seller's country does not apply (seed 004's validation example).
    return BillitError.bad(
      'InvalidVAtPercentageForTaxCountry_0_',
      `Invalid VAT percentage for country code ${account.country}`,
    );
  }
  if (err.code === 'not_found' && err.meta.resource === 'contact')
    return BillitError.bad('ThePartyCouldNotBeFound', 'The customer (PartyID) could not be found.');
  const out = billitErrorOf(err);
  return out.status === 404 ? new BillitError(400, out.errors) : out;
}

/** The core's document input of an order: its customer found (or to create) and a credit note's invoice named. */
async function documentInput(c: Call, o: OrderRequest): Promise<DocumentInput> {
  const input: DocumentInput = { ...o.document };
  if (o.customer?.partyId) input.contactId = o.customer.partyId;
  else if (o.customer) {
    const found = await findCustomer(c.db, c.accountId, o.customer.keys);
    if (found) input.contactId = found;
    else input.customer = o.customer.inline;
  }
  if (o.type === 'CreditNote') {
    if (!o.aboutInvoiceNumber)
      throw BillitError.bad(
        'TheAboutInvoiceNumberCouldNotBeFound',
        'A credit note needs the AboutInvoiceNumber it credits.',
      );
    const invoice = await findInvoiceByNumber(c.db, c.accountId, o.aboutInvoiceNumber);
    if (!invoice)
      throw BillitError.bad(
        'TheAboutInvoiceNumberCouldNotBeFound',
        `The invoice ${o.aboutInvoiceNumber} could not be found.`,
      );
    input.lines = input.lines.map((l) => ({ ...l, reference: { number: invoice.docNo } }));
  }
  return input;
}

/**
 * `POST /v1/orders`: one call creates the document, finds or creates the customer and computes every total
 * (seed 004). Answers 200 with the bare OrderID (clients `parseInt` the body). With `Idempotency-Key` /
 * `Idempotent-Key`, a key already used answers 409 "Idempotent token already exists"; the key is kept only once the
 * order is created (a refused order leaves it free for the corrected retry).
 */
export function registerOrdersCreate(route: Route): void {
  route('POST', '/orders', {}, async (c) => {
    const b = c.body;
    const direction = (b.text('OrderDirection') ?? 'Income').trim().toLowerCase();
    if (direction === 'cost')
      // NOTE: a Cost order is a purchase document the company received; the core records received e-invoices from
      // their XML only (src/app/purchases/record-purchase-document.ts), so a JSON Cost order is refused.
      throw BillitError.bad(
        'OrderDirectionCostNotSupported',
        'Cost orders are received through Peppol (GET /v1/peppol/inbox); they cannot be created from JSON here.',
      );
    if (direction !== 'income') b.fail('InvalidValue', 'OrderDirection must be Income or Cost.');
    const typeText = b.text('OrderType') ?? 'Invoice';
    const type = orderTypeOf(typeText);
    if (!type) b.fail('InvalidOrderType', `The OrderType ${typeText} is not supported.`);
    const order = readOrder(b, type ?? 'Invoice');
    b.check();
    const key = idempotencyKey(c);
    try {
      const input = await documentInput(c, order);
      const issue = documentIssue(c.writes, c.db, c.ctx, input);
      const work = async (tx: Parameters<Parameters<Call['docTx']>[0]>[0]) => {
        const { id } = await issue.commit(tx);
        const pdf = order.orderPdf
          ? await storeFile(
              tx,
              c.accountId,
              { ...order.orderPdf, mimeType: order.orderPdf.mimeType ?? 'application/pdf' },
              'OrderPDF',
            )
          : null;
        const attachments = [];
        for (const a of order.attachments) attachments.push(await storeFile(tx, c.accountId, a, a.field));
        await recordOrder(tx, c.accountId, {
          documentId: id,
          orderType: order.type,
          orderNumber: order.orderNumber,
          paid: order.paid,
          paidDate: order.paidDate,
          internalInfo: order.internalInfo,
          orderPdfFileId: pdf?.id ?? null,
          attachmentFileIds: attachments.map((f) => f.id),
        });
        return { status: 200, body: id, documentId: id };
      };
      if (!key) {
        await issue.prepare();
        return (await c.docTx(work)).body;
      }
      const hash = createHash('sha256').update(JSON.stringify(b.data)).digest('hex');
      const out = await runOnce(
        c.db,
        { accountId: c.accountId, scope: 'billit', key, hash },
        work,
        (fn) => c.docTx(fn),
        () => issue.prepare(),
      );
      if (out.replayed) throw BillitError.idempotentReplay();
      return out.documentId;
    } catch (err) {
      if (err instanceof DomainError) throw await billitRefusal(c, err);
      throw err;
    }
  });
}
