import { createHash } from 'node:crypto';
import { findCustomer } from '../../../app/billit/find-customer.js';
import { findInvoiceByNumber } from '../../../app/billit/find-order-by-number.js';
import { patchOrder } from '../../../app/billit/patch-order.js';
import { recordOrder } from '../../../app/billit/record-order.js';
import type { DocumentInput } from '../../../app/documents/document-input.js';
import { documentIssue } from '../../../app/documents/issue-document.js';
import { storeFile } from '../../../app/files/store-file.js';
import { runOnce, type StoredResponse } from '../../../app/idempotency/run-once.js';
import { recordCostOrder } from '../../../app/billit/record-cost-order.js';
import { receiveEinvoice, type ReceivedEinvoice } from '../../../app/purchases/receive-einvoice.js';
import { recordPurchaseDocument } from '../../../app/purchases/record-purchase-document.js';
import type { DbTx } from '../../../http/kit/define-dialect.js';
import { costOrderId } from '../order-ids.js';
import { getAccount } from '../../../app/accounts/get-account.js';
import { DomainError } from '../../../domain/errors.js';
import { BillitError, billitErrorOf } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import type { BillitInput } from '../reader.js';
import { isXmlFile, type OrderRequest, readOrder } from '../order-input.js';
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
  const named = new DomainError(
    err.code,
    err.message,
    err.details.map((d) => ({ ...d, field: billitField(d.field) })),
    err.meta,
  );
  const out = billitErrorOf(named);
  return out.status === 404 ? new BillitError(400, out.errors) : out;
}

/** The core's names of an order's fields, as the client sent them. */
const FIELDS: Record<string, string> = {
  quantity: 'Quantity',
  unitPrice: 'UnitPriceExcl',
  taxRate: 'VATPercentage',
  vatCategory: 'VATPercentage',
  description: 'Description',
  code: 'Reference',
  unit: 'Unit',
  name: 'Name',
  taxId: 'VATNumber',
  email: 'Email',
  street: 'Street',
  postalCode: 'Zipcode',
  city: 'City',
  country: 'CountryCode',
  date: 'OrderDate',
  dueDate: 'ExpiryDate',
  paymentReference: 'PaymentReference',
  currency: 'Currency',
  reference: 'Reference',
  lines: 'OrderLines',
  customer: 'Customer',
  contactId: 'Customer.PartyID',
};

/** `lines[1].unitPrice` → `OrderLines[1].UnitPriceExcl`, `customer.taxId` → `Customer.VATNumber`. */
function billitField(field: string): string {
  return field.replace(/[A-Za-z]+/g, (w) => FIELDS[w] ?? w);
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
  route('POST', '/orders', {}, (c) => createOrder(c, c.body));
}

/**
 * The one creation of an order from its Billit body `b` (POST /v1/orders, and POST /v1/peppol/sendOrder before it
 * sends): answers the OrderID.
 */
export async function createOrder(c: Call, b: BillitInput): Promise<unknown> {
  const direction = (b.text('OrderDirection') ?? 'Income').trim().toLowerCase();
  if (direction !== 'income' && direction !== 'cost') b.fail('InvalidValue', 'OrderDirection must be Income or Cost.');
  const typeText = b.text('OrderType') ?? 'Invoice';
  const type = orderTypeOf(typeText);
  if (!type) b.fail('InvalidOrderType', `The OrderType ${typeText} is not supported.`);
  const order = readOrder(b, type ?? 'Invoice', direction !== 'cost');
  b.check();
  const key = idempotencyKey(c);
  type Work = (tx: DbTx) => Promise<StoredResponse>;
  // Once per key when the client sent one: the key is stored with the created order, in its transaction.
  const once = async (prepare: () => Promise<void>, work: Work): Promise<unknown> => {
    if (!key) {
      await prepare();
      return (await c.docTx(work)).body;
    }
    const hash = createHash('sha256').update(JSON.stringify(b.data)).digest('hex');
    const out = await runOnce(
      c.db,
      { accountId: c.accountId, scope: 'billit', key, hash },
      work,
      (fn) => c.docTx(fn),
      prepare,
    );
    if (out.replayed) throw BillitError.idempotentReplay();
    return out.body;
  };
  try {
    if (direction === 'cost') return await createCostOrder(c, order, once);
    const input = await documentInput(c, order);
    const issue = documentIssue(c.writes, c.db, c.ctx, input);
    return await once(
      () => issue.prepare(),
      async (tx) => {
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
          paid: order.paid === true ? null : order.paid,
          internalInfo: order.internalInfo,
          orderPdfFileId: pdf?.id ?? null,
          attachmentFileIds: attachments.map((f) => f.id),
        });
        // Paid at creation means what a PATCH Paid=true means: an invoice is settled by a receipt dated PaidDate.
        if (order.paid === true)
          await patchOrder(tx, c.ctx, id, () => order.type, { paid: true, paidDate: order.paidDate ?? undefined });
        return { status: 200, body: id, documentId: id };
      },
    );
  } catch (err) {
    if (err instanceof DomainError) throw await billitRefusal(c, err);
    throw err;
  }
}

/**
 * A Cost order: a purchase document the company received, recorded from the UBL (or CII) e-invoice it carries as an
 * attachment (Billit keeps "only one XML: the UBL file"), through the reception's entry point
 * (recordPurchaseDocument): read and validated before the transaction, kept even when invalid, with its findings.
 * Its OrderID is the purchase document's in the Cost id space (order-ids.ts).
 */
async function createCostOrder(
  c: Call,
  order: OrderRequest,
  once: (prepare: () => Promise<void>, work: (tx: DbTx) => Promise<StoredResponse>) => Promise<unknown>,
): Promise<unknown> {
  const xml =
    order.attachments.find(isXmlFile) ?? (order.orderPdf && isXmlFile(order.orderPdf) ? order.orderPdf : undefined);
  if (!xml)
    throw BillitError.bad(
      'TheCostOrderNeedsItsEInvoice',
      'A Cost order is recorded from the supplier’s e-invoice: attach its UBL or CII XML (Attachments[].FileContent).',
    );
  let received: ReceivedEinvoice | undefined;
  return once(
    async () => {
      received = await receiveEinvoice(c.services.purchases(), Buffer.from(xml.bytes).toString('utf8'));
    },
    async (tx) => {
      const { document } = await recordPurchaseDocument(tx, c.accountId, received!, {
        source: 'dialect',
        receivedAt: c.ctx.now,
      });
      const orderId = costOrderId(document.id);
      const files = [];
      for (const a of order.attachments) files.push(await storeFile(tx, c.accountId, a, a.field));
      await recordCostOrder(tx, c.accountId, {
        orderId,
        purchaseDocumentId: document.id,
        orderType: order.type,
        attachmentFileIds: files.map((f) => f.id),
        internalInfo: order.internalInfo,
      });
      return { status: 200, body: orderId };
    },
  );
}
