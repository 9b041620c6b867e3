import { findCustomer } from '../../../app/billit/find-customer.js';
import { getAccount } from '../../../app/accounts/get-account.js';
import { getContact } from '../../../app/contacts/get-contact.js';
import { keepPurchaseXmlFile } from '../../../app/files/keep-purchase-xml-file.js';
import { sendDocumentPeppol } from '../../../app/peppol/send-document-peppol.js';
import { getPeppolSettings } from '../../../app/peppol/get-peppol-settings.js';
import { lookupParticipant } from '../../../app/peppol/lookup-participant.js';
import { lookupParticipantPublic } from '../../../app/peppol/lookup-participant-public.js';
import { participantCandidates } from '../../../app/peppol/participant-input.js';
import { registerParticipants } from '../../../app/peppol/register-participants.js';
import { isOwnParticipant } from '../../../app/peppol/registration-targets.js';
import { unregisterParticipants } from '../../../app/peppol/unregister-participants.js';
import { decidePurchaseDocument } from '../../../app/purchases/decide-purchase-document.js';
import { listPurchaseDocuments } from '../../../app/purchases/list-purchase-documents.js';
import type { PurchaseDocumentView } from '../../../app/purchases/purchase-view.js';
import type { Tx } from '../../../app/context.js';
import { partyIds } from '../../../domain/einvoice/identifiers.js';
import { formatParticipantId } from '../../../domain/einvoice/peppol-ids.js';
import { DomainError } from '../../../domain/errors.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { type BillitInput, billitInput } from '../reader.js';
import { createOrder } from './orders-create.js';
import { readOrder } from '../order-input.js';
import { orderTypeOf } from '../order-types.js';
import { inboxItemView } from '../views/peppol-inbox.js';
import { billitParticipant, participantView } from '../views/peppol-participant.js';

/** Billit's inbox shows at most 10 items, the oldest first (docs.billit.be "Get the Inbox List"). */
const INBOX_SIZE = 10;

/** The oldest `INBOX_SIZE` documents still waiting for a decision, oldest first. */
async function oldestUndecided(tx: Tx, accountId: number): Promise<PurchaseDocumentView[]> {
  const filter = { statuses: ['received' as const] };
  const first = await listPurchaseDocuments(tx, accountId, filter, { page: 1, perPage: INBOX_SIZE });
  if (first.totalPages <= 1) return first.items.reverse();
  // Newest first in pages of 10: the oldest are the last page, topped up from the one before it.
  const last = await listPurchaseDocuments(tx, accountId, filter, { page: first.totalPages, perPage: INBOX_SIZE });
  const before = await listPurchaseDocuments(tx, accountId, filter, {
    page: first.totalPages - 1,
    perPage: INBOX_SIZE,
  });
  return [...before.items, ...last.items].slice(-INBOX_SIZE).reverse();
}

/** `sendOrder` takes the order itself, or Billit's access-point shape `{TransportType, Order}`. */
function orderBody(c: Call): BillitInput {
  const wrapped = c.body.sub('Order');
  return wrapped ?? c.body;
}

const notOnPeppol = (who: string) =>
  BillitError.bad('TheCustomerIsNotActiveOnPeppol', `The customer ${who} is not active on Peppol.`);

/**
 * The Peppol id of an order's customer before it is created (a party by PartyID, the VAT number sent, or the party
 * the order would be matched to), or null when it has none: `sendOrder` sends over Peppol only, so it checks the
 * receiver first and creates nothing for one that cannot receive.
 */
async function receiverOf(
  c: Call,
  order: BillitInput,
): Promise<{ id: { scheme: string; value: string }; who: string } | null> {
  const type = orderTypeOf(order.text('OrderType') ?? 'Invoice');
  if (type !== 'Invoice' && type !== 'CreditNote')
    throw BillitError.bad('InvalidOrderType', 'Only an Invoice or a CreditNote is sent over Peppol.');
  const read = readOrder(order, type);
  order.check();
  const customer = read.customer;
  if (!customer) return null;
  let taxId = customer.inline.taxId ?? null;
  let country = customer.inline.country ?? null;
  // The order goes to the party POST /v1/orders will match (VAT, then e-mail, address, number), else a new one.
  const contactId = customer.partyId ?? (await findCustomer(c.db, c.accountId, customer.keys));
  if (contactId) {
    const contact = await getContact(c.db, c.accountId, contactId).catch(() => null);
    if (!contact) throw BillitError.bad('ThePartyCouldNotBeFound', 'The customer (PartyID) could not be found.');
    taxId = contact.tax_id;
    country = contact.country;
  }
  if (!taxId) return null;
  // An inline customer without a country is of the seller's country, as the order creation reads it.
  country ??= /^[A-Z]{2}/i.test(taxId)
    ? taxId.slice(0, 2).toUpperCase()
    : (await getAccount(c.db, c.accountId)).country;
  const endpoint = partyIds(country === 'EL' ? 'GR' : country, taxId).endpoint;
  return endpoint ? { id: { scheme: endpoint.scheme, value: endpoint.id }, who: taxId } : null;
}

/** A registration the access point would not do, in Billit's 400 envelope; other errors as the dialect maps them. */
async function inBillitTerms<T>(act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    if (e.meta.reason === 'peppol_registration_at_gateway')
      throw BillitError.bad('PeppolRegistrationAtGatewaySmp', e.message);
    if (e.meta.reason === 'peppol_registration_refused') throw BillitError.bad('PeppolRegistrationRefused', e.message);
    throw e;
  }
}

/** `/inbox/{id}/…`: the InboxItemID is the received document's id. */
function inboxId(c: Call): number {
  if (!c.id) throw BillitError.notFound('The inbox item was not found.');
  return c.id;
}

/** Billit's `/v1/peppol/…` operations: the public participant lookup, the Peppol send of an order, the inbox. */
export function registerPeppol(route: Route): void {
  // Billit answers this one without a key (client C sends no headers): it is counted per address instead.
  route('GET', '/peppol/participantInformation/:id', { billitAuth: false }, async (c) => {
    const raw = c.params.id ?? '';
    const read = billitParticipant(raw);
    if (!read.ok) throw BillitError.generic(read.reason);
    const found = await lookupParticipantPublic(
      c.db,
      c.services.peppol(),
      c.services.config.peppolSmpUrl,
      read.id,
      new Date(),
    );
    return participantView(`${read.id.scheme}:${read.id.value}`, found);
  });

  route('GET', '/peppol/inbox', {}, async (c) => {
    const items = await c.tx(async (tx) => {
      const docs = await oldestUndecided(tx, c.accountId);
      const out = [];
      for (const d of docs) out.push(inboxItemView(d, await keepPurchaseXmlFile(tx, c.accountId, d.id)));
      return out;
    });
    return { InboxItems: items };
  });

  route('POST', '/peppol/inbox/:id/confirm', {}, async (c) => {
    const id = inboxId(c);
    await c.tx((tx) => decidePurchaseDocument(tx, c.ctx, id, { accept: true }));
  });

  // Client E refuses without a body: the Invoice Response then says so in general terms.
  route('POST', '/peppol/inbox/:id/refuse', {}, async (c) => {
    const id = inboxId(c);
    const reason = c.body.text('RefusalReason', 'Reason');
    c.body.check();
    await c.tx((tx) =>
      decidePurchaseDocument(tx, c.ctx, id, { accept: false, reason: reason ?? 'Refused by the receiver.' }),
    );
  });

  // Billit registers the company itself (CompanyID, its VAT or enterprise number, must be the account's): here the
  // account's access point does, under 0208 and 9925 for a Belgian company. Billit documents a 200 without a body:
  // POST answers the participant information of the 0208 id as registered, DELETE `true`.
  const participantOfAccount = async (c: Call) => {
    const companyId = c.body.text('CompanyID', 'CompanyId');
    c.body.check();
    const settings = await getPeppolSettings(c.db, c.accountId);
    if (!settings)
      throw BillitError.bad(
        'PeppolAccessPointNotConfigured',
        'This company has no Peppol access point: set one with PUT /v1/account/peppol on the native API.',
      );
    const own = billitParticipant(settings.participantId);
    if (!own.ok) throw BillitError.generic(own.reason);
    if (companyId) {
      const asked = billitParticipant(companyId);
      if (!asked.ok || !isOwnParticipant(own.id, asked.id))
        throw BillitError.bad('InvalidCompanyID', `CompanyID ${companyId} is not this company's number.`);
    }
    return own.id;
  };

  route('POST', '/peppol/participants', {}, async (c) => {
    const own = await participantOfAccount(c);
    const done = await inBillitTerms(() => registerParticipants(c.db, c.services.peppol(), c.accountId, {}));
    const id = formatParticipantId(participantCandidates(own)[0]!);
    const mine = done.find((r) => r.participantId === id);
    return participantView(id, {
      participant: own,
      registered: !!mine,
      documentTypes: mine?.documentTypes ?? [],
    });
  });

  route('DELETE', '/peppol/participants', {}, async (c) => {
    await participantOfAccount(c);
    await inBillitTerms(() => unregisterParticipants(c.db, c.services.peppol(), c.accountId, {}));
    return true;
  });

  // `POST /v1/peppol/sendOrder`: an order (as POST /v1/orders takes it) created and sent over Peppol at once,
  // answering its OrderID. Peppol only: a customer not on Peppol is refused before anything is created.
  route('POST', '/peppol/sendOrder', {}, async (c) => {
    const order = orderBody(c);
    const receiver = await receiverOf(c, order);
    if (!receiver) throw notOnPeppol('without a VAT or company number');
    const found = await lookupParticipant(c.db, c.services.peppol(), c.accountId, receiver.id, new Date());
    if (!found.registered) throw notOnPeppol(receiver.who);
    // The order is created as POST /v1/orders creates it (its one implementation: customer matching, totals,
    // idempotency keys), from a fresh read of the order's body.
    const orderId = Number(await createOrder(c, billitInput(order.data)));
    await c.tx((tx) => sendDocumentPeppol(tx, c.ctx, orderId, { strictTransport: true }));
    return orderId;
  });
}
