import { updateContact } from '../../../app/contacts/update-contact.js';
import { queueDocumentEmail } from '../../../app/email/queue-document-email.js';
import { DomainError } from '../../../domain/errors.js';
import type { Call, Route } from '../context.js';
import { type IxDocType, ixTypeByPath } from '../doc-types.js';
import { loadDocument } from '../document-reply.js';
import { IxError } from '../ix-error.js';

/** Every document type whose PDF InvoiceXpress e-mails (listed so that no generic `/:type/...` route is needed). */
const EMAIL_PATHS = [
  'invoices',
  'simplified_invoices',
  'invoice_receipts',
  'credit_notes',
  'debit_notes',
  'vat_moss_invoices',
  'quotes',
  'proformas',
  'fees_notes',
  'shippings',
  'transports',
  'devolutions',
] as const;

const cfg = { ixFields: { to: 'email', cc: 'cc', bcc: 'bcc' } };

/**
 * `PUT /:type/:id/email-document`: `{"message":{"client":{"email","save"},"cc","bcc","subject","body","logo"}}` → the
 * outbox, for a document of `types` (one type, or several on legacy v1 paths). Some clients send the recipients as
 * `{"message":{"to":[…]}}` instead (with POST). Queued as the native API queues it: without an e-mail server yet,
 * the outbox sends it once one is configured (README "E-mail").
 */
/** An address, or a list of them (`"to":["a@x.pt","b@x.pt"]`), as the outbox reads them. */
function addresses(m: Call['body'], key: string): string | unknown[] | null | undefined {
  const v = m.raw(key);
  return Array.isArray(v) ? (v.length ? v : undefined) : m.text(key);
}

export function emailDocument(types: IxDocType | readonly IxDocType[]) {
  return async (c: Call) => {
    const v = await loadDocument(c, c.id, Array.isArray(types) ? types : [types as IxDocType]);
    const m = c.body.sub('message') ?? c.body;
    const client = m.sub('client');
    const to = client?.text('email') ?? m.text('email') ?? addresses(m, 'to');
    const save = client?.bool('save') ?? false;
    const input = {
      to,
      cc: addresses(m, 'cc') ?? undefined,
      bcc: addresses(m, 'bcc') ?? undefined,
      subject: m.text('subject'),
      body: m.text('body'),
    };
    m.bool('logo');
    if (!to) m.invalid('client email is required');
    m.check();
    // NOTE: D8632 §1.10 — a draft has no legal existence and is never sent.
    if (v.doc.status === 'draft')
      throw new IxError(422, ['The document is a draft: finalize it before sending it by e-mail']);
    await c.tx(async (tx) => {
      await queueDocumentEmail(tx, c.ctx, v.doc.id, input);
      // `save: 1` keeps the address as the client's e-mail (the built-in final consumer has none to keep).
      if (save && v.doc.contact_id !== null) {
        try {
          if (typeof to === 'string') await updateContact(tx, c.accountId, v.doc.contact_id, { email: to });
        } catch (err) {
          if (!(err instanceof DomainError && err.code === 'in_use')) throw err;
        }
      }
    });
    return { status: 200 };
  };
}

/** InvoiceXpress email-document for every document type: PUT as documented, POST as some clients send it. */
export function emailRoutes(route: Route): void {
  for (const path of EMAIL_PATHS) {
    const type = ixTypeByPath(path);
    if (!type) continue;
    route('PUT', `/${path}/:id/email-document`, cfg, emailDocument(type));
    route('POST', `/${path}/:id/email-document`, cfg, emailDocument(type));
  }
}
