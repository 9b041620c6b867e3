import { BE_VAT_RATES } from '../../../domain/be/vat-rates.js';
import { BillitError } from '../billit-error.js';
import type { Route } from '../context.js';
import { ORDER_TYPES } from '../order-types.js';

/** The code lists Billit's typecodes endpoint serves that this dialect reads or writes (D types.md). */
const TYPE_CODES: Readonly<Record<string, readonly string[]>> = {
  OrderType: Object.keys(ORDER_TYPES),
  OrderDirection: ['Income', 'Cost'],
  OrderStatus: ['Draft', 'ToSend', 'ToPay', 'Sent', 'Paid', 'Cancelled'],
  TransportType: ['SMTP', 'Peppol', 'Letter', 'SDI', 'KSeF', 'OSA', 'ANAF', 'SAT', 'MyInvois', 'Chorus', 'PDP'],
  PaymentType: ['Other', 'Visa', 'Bancontact', 'Contant', 'Wired', 'Online', 'Domiciliation', 'PrivateAccount'],
  PartyType: ['Customer', 'Supplier'],
  AddressType: ['InvoiceAddress', 'DeliveryAddress'],
  Currency: ['EUR'],
  Language: ['NL', 'FR', 'EN', 'DE'],
  VATPercentage: BE_VAT_RATES.map((r) => r.rate),
  EntityType: ['Order', 'Message'],
  EntityUpdateType: ['I', 'U', 'D'],
  DeliveryStatus: ['Pending', 'Delivered', 'Error'],
};

const listOf = (type: string) => Object.keys(TYPE_CODES).find((k) => k.toLowerCase() === type.toLowerCase());

const code = (type: string, key: string) => ({ TypeCodeType: type, Key: key, Value: key, Description: key });

/** `GET /v1/misc/typecodes/{type}` → `[{TypeCodeType, Key, Value, Description}]`; `/{type}/{key}` → one (404 if not). */
export function registerMisc(route: Route): void {
  route('GET', '/misc/typecodes/:type', {}, async (c) => {
    const type = listOf(c.params.type ?? '');
    if (!type) throw BillitError.notFound(`The type code list '${c.params.type}' does not exist.`);
    return TYPE_CODES[type]!.map((k) => code(type, k));
  });
  route('GET', '/misc/typecodes/:type/:key', {}, async (c) => {
    const type = listOf(c.params.type ?? '');
    const key = type && TYPE_CODES[type]!.find((k) => k.toLowerCase() === (c.params.key ?? '').toLowerCase());
    if (!type || !key) throw BillitError.notFound(`The type code '${c.params.type}/${c.params.key}' does not exist.`);
    return code(type, key);
  });
}
