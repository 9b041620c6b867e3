import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainError } from '../../domain/errors.js';
import { STATUS_BY_CODE } from '../../http/kit/errors.js';
import type { IxRouteConfig } from './context.js';
import { IX_CORE_MESSAGES } from './core-messages.js';
import { IxError } from './ix-error.js';
import { toXml } from './xml.js';

/** Core field names as InvoiceXpress names them. */
const FIELD_NAMES: Record<string, string> = {
  lines: 'items',
  customer: 'client',
  taxId: 'fiscal_id',
  unitPrice: 'unit_price',
  dueDate: 'due_date',
  exemptionCode: 'tax_exemption',
  withholding: 'retention',
  globalDiscount: 'global_discount',
  seriesId: 'sequence_id',
  postalCode: 'postal_code',
  exchangeRate: 'rate',
  currency: 'currency_code',
  discounts: 'discount',
  street: 'address',
  relatedDocumentId: 'owner_invoice_id',
  vehiclePlate: 'license_plate',
  loadAt: 'loaded_at',
};

function ixField(field: string, extra: Record<string, string>): string {
  const last =
    field
      .replace(/\[\d+\]/g, '')
      .split('.')
      .filter(Boolean)
      .pop() ?? field;
  return extra[last] ?? FIELD_NAMES[last] ?? last;
}

/**
 * "quantity must be a number greater than 0": the field first, as InvoiceXpress words it. A core message that is
 * already a sentence of its own ("The code is already used.") is kept whole, prefixed by the field.
 */
function fieldMessage(field: string, message: string): string {
  const text = message.replace(/\.$/, '');
  if (/^(the|a|an|this|it)\b/i.test(text)) return `${field}: ${text}`;
  return `${field} ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** A domain error in InvoiceXpress's terms: 404/401/409/429 keep their meaning; every other client error is a 422. */
export function fromDomainError(err: DomainError, cfg: IxRouteConfig): IxError {
  const status = STATUS_BY_CODE[err.code] ?? 422;
  const messages = err.details.length
    ? err.details.map((d) => fieldMessage(ixField(d.field, cfg.ixFields ?? {}), d.message))
    : [err.message];
  if (status === 404 || status === 401 || status === 429) return new IxError(status, [err.message]);
  if (err.code === 'idempotency_in_flight') return new IxError(409, [err.message]);
  if (IX_CORE_MESSAGES[err.code]) return new IxError(422, [IX_CORE_MESSAGES[err.code]]);
  return new IxError(status >= 500 ? 503 : 422, messages);
}

export function formatOf(request: FastifyRequest): 'json' | 'xml' {
  return /\.xml$/i.test(request.url.split('?')[0]) ? 'xml' : 'json';
}

/** Sends `{"errors":[{"error":"…"}]}` or `<errors><error>…</error></errors>`. */
export function sendIxError(reply: FastifyReply, format: 'json' | 'xml', err: IxError): FastifyReply {
  reply.status(err.status);
  if (format === 'xml') return reply.type('application/xml; charset=utf-8').send(toXml('errors', err.messages));
  return reply.type('application/json; charset=utf-8').send({ errors: err.messages.map((error) => ({ error })) });
}
