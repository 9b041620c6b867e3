import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { einvoiceFromIssued } from '../../src/domain/einvoice/from-issued.js';
import { serializeEinvoice } from '../../src/exports/einvoice/document-einvoice.js';
import { profileMapping } from '../../src/exports/einvoice/profiles.js';
import { closeEinvoiceValidation, configureEinvoiceValidation } from '../../src/exports/einvoice/validate/index.js';
import { createBelgianAccount } from '../be/belgian-account.js';
import { emailApp, settle, type EmailTestApp } from '../email/email-env.js';
import { issuedFixture } from '../einvoice/issued-fixtures.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/** The supplier (the fixtures' Belgian seller) and the receiving account (their Belgian buyer), as participants. */
export const SUPPLIER = '0208:0412345614';
export const BUYER = '0208:0765432146';

/** The job kinds reception goes through, up to the webhook deliveries. */
export const INBOX_KINDS = ['peppol.inbox.pull', 'peppol.inbox.respond', 'event.dispatch', 'webhook.deliver'];

/** A supplier's Peppol BIS 3.0 invoice (21 % and 6 %) to the buyer, numbered `number`, with a PDF embedded. */
export function supplierInvoice(number: string, pdf: Buffer): string {
  const doc = {
    ...issuedFixture({
      seller: 'BE',
      lines: [
        { quantity: '10', price: '75', rate: '21', category: 'S' },
        { quantity: '2', price: '12.50', rate: '6', category: 'S' },
      ],
    }),
    number,
  };
  const inv = einvoiceFromIssued(doc, { iban: 'BE68 5390 0754 7034', ...profileMapping('peppol') });
  return serializeEinvoice(inv, 'ubl', {
    profile: 'peppol',
    attachment: { bytes: pdf, fileName: `${number}.pdf`, description: 'Invoice' },
  });
}

export const pdfBytes = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag} \u00e9\xff\n%%EOF\n`, 'latin1');

export interface InboxEnv {
  t: EmailTestApp;
  rx: WebhookReceiver;
  key: string;
  accountId: number;
  /** The app's own listening origin (the gateway pushes there). */
  origin: string;
  call(method: string, url: string, body?: unknown, key?: string): ReturnType<EmailTestApp['call']>;
  /** A GET's raw bytes and headers. */
  raw(url: string, key?: string): Promise<{ status: number; bytes: Buffer; type: string | undefined }>;
  settle(): Promise<void>;
  /** purchase.received events delivered so far. */
  received(): any[];
  close(): Promise<void>;
}

/** The buyer's account on a listening app, a webhook receiver subscribed to purchase.received, one validator thread. */
export async function startInboxEnv(tag: string): Promise<InboxEnv> {
  configureEinvoiceValidation({ threads: 1 });
  const rx = await startWebhookReceiver();
  const t = await emailApp(null);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const { apiKey: key, accountId } = await createBelgianAccount(t, tag, {
    legalName: 'Buyer NV',
    taxId: '0765.432.146',
  });
  const call = (method: string, url: string, body?: unknown, k = key) => t.call(method, url, body, { key: k });
  const ep = await call('POST', '/v1/webhooks', { url: rx.url, events: ['purchase.received'] });
  assert.equal(ep.status, 201, JSON.stringify(ep.body));
  return {
    t,
    rx,
    key,
    accountId,
    origin,
    call,
    async raw(url, k = key) {
      const r = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${k}` } });
      return { status: r.statusCode, bytes: r.rawPayload, type: r.headers['content-type'] as string | undefined };
    },
    settle: () => settle(t, INBOX_KINDS),
    received: () => rx.requests.map((r) => JSON.parse(r.body)).filter((e) => e.type === 'purchase.received'),
    async close() {
      await t.close();
      await rx.close();
      await closeEinvoiceValidation();
    },
  };
}
