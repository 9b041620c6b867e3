import { loadOrders } from '../../../app/billit/load-orders.js';
import { orderEmailAddress, sendOrderEmail } from '../../../app/billit/send-order-email.js';
import { lookupParticipant } from '../../../app/peppol/lookup-participant.js';
import { sendDocumentPeppol } from '../../../app/peppol/send-document-peppol.js';
import { partyIds } from '../../../domain/einvoice/identifiers.js';
import { BillitError } from '../billit-error.js';
import type { Call, Route } from '../context.js';
import { billitTypeOfDoc } from '../order-types.js';

/** Billit's transport types (D types.md). SMTP and Peppol are real; the national networks and paper are not here. */
const TRANSPORTS = ['SMTP', 'Peppol', 'Letter', 'SDI', 'KSeF', 'OSA', 'ANAF', 'SAT', 'MyInvois', 'Chorus', 'PDP'];

const unsupported = (t: string) =>
  BillitError.bad('TransportTypeNotSupported', `The transport type ${t} is not supported for this company.`);

function readSend(c: Call): { transport: string; ids: number[] } {
  const b = c.body;
  const raw = b.text('TransportType');
  const ids = (b.raw('OrderIDs') as unknown[] | undefined) ?? [];
  if (!raw) b.fail('Required', 'The field TransportType is required.');
  if (!Array.isArray(ids) || !ids.length) b.fail('Required', 'The field OrderIDs needs at least one OrderID.');
  else if (ids.some((x) => !/^\d{1,15}$/.test(String(x))))
    b.fail('InvalidValue', 'The value of OrderIDs must be a list of OrderIDs.');
  b.check();
  const known = TRANSPORTS.find((t) => t.toLowerCase() === raw!.trim().toLowerCase());
  if (!known) throw BillitError.generic(`The transport type '${raw}' is not valid: use ${TRANSPORTS.join(', ')}.`);
  return { transport: known, ids: [...new Set(ids.map(Number))] };
}

/**
 * `POST /v1/orders/commands/send` with `TransportType`/`Transporttype` and `OrderIDs`/`OrderIds` (any case) → 200, no
 * body. SMTP queues the PDF to the customer's e-mail address through the outbox (none valid →
 * `TheCustomer_0_DoesNotHaveAValidEmailAddress`); Peppol queues the delivery through the access point, and with
 * `StrictTransportType: true` refuses a customer not on Peppol (`TheCustomerIsNotActiveOnPeppol`) rather than let it
 * fall back to e-mail. Every order is checked before any is sent; one of another party → 401.
 */
export function registerOrdersSend(route: Route): void {
  route('POST', '/orders/commands/send', {}, async (c) => {
    const { transport, ids } = readSend(c);
    if (transport !== 'SMTP' && transport !== 'Peppol') throw unsupported(transport);
    const orders = await loadOrders(c.db, c.accountId, ids);
    if (orders.length !== ids.length || orders.some((o) => o.tracking.deletedAt)) throw BillitError.unauthorized();
    const nameOf = (id: number) => {
      const customer = orders.find((o) => o.orderId === id)!.view.doc.customer as { name?: string };
      return customer.name ?? `of order ${id}`;
    };

    if (transport === 'SMTP') {
      for (const id of ids)
        if (!(await orderEmailAddress(c.db, c.accountId, id)))
          throw BillitError.bad(
            'TheCustomer_0_DoesNotHaveAValidEmailAddress',
            `The customer ${nameOf(id)} does not have a valid email address.`,
          );
      await c.docTx(async (tx) => {
        for (const id of ids) await sendOrderEmail(tx, c.ctx, id, (t) => billitTypeOfDoc(t, null));
      });
      return undefined;
    }

    const strict = /^true$/i.test(c.header('StrictTransportType') ?? '');
    if (strict)
      for (const o of orders) {
        const customer = o.view.doc.customer as { country?: string; taxId?: string };
        const endpoint = partyIds(customer.country, customer.taxId).endpoint;
        const found = endpoint
          ? await lookupParticipant(
              c.db,
              c.services.peppol(),
              c.accountId,
              { scheme: endpoint.scheme, value: endpoint.id },
              c.ctx.now,
            )
          : null;
        if (!found?.registered)
          throw BillitError.bad(
            'TheCustomerIsNotActiveOnPeppol',
            `The customer ${nameOf(o.orderId)} is not active on Peppol.`,
          );
      }
    await c.docTx(async (tx) => {
      for (const id of ids) await sendDocumentPeppol(tx, c.ctx, id, { strictTransport: strict });
    });
    return undefined;
  });
}
