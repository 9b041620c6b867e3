import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { closeEinvoiceValidation, configureEinvoiceValidation } from '../../src/exports/einvoice/validate/index.js';
import { createBelgianAccount } from '../be/belgian-account.js';
import { emailApp, settle, type EmailTestApp } from '../email/email-env.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/** The job kinds a Peppol send goes through, up to the webhook deliveries. */
export const SEND_KINDS = ['peppol.send', 'email.send', 'event.dispatch', 'webhook.deliver', 'pdf.render'];

/** Belgian customers (valid enterprise numbers, einvoice.md §4.2), each with an e-mail for the fallback. */
export const customer = (taxId: string, email = `boekhouding-${taxId.toLowerCase()}@klant.be`) => ({
  name: `Klant ${taxId} NV`,
  taxId,
  country: 'BE',
  street: 'Meir 10',
  city: 'Antwerpen',
  postalCode: '2000',
  email,
});

/** An invoice at 21 % and 6 %, finalized. */
export const beInvoice = (taxId: string) => ({
  type: 'FT',
  finalize: true,
  customer: customer(taxId),
  reference: 'PO-4711',
  lines: [
    { description: 'Consultancy', quantity: '10', unitPrice: '75', taxRate: '21' },
    { description: 'Boek', quantity: '2', unitPrice: '12.50', taxRate: '6' },
  ],
});

export interface SendEnv {
  t: EmailTestApp;
  sink: SmtpSink;
  rx: WebhookReceiver;
  key: string;
  /** The app's own listening origin (the access point's status webhooks reach it there). */
  origin: string;
  call(method: string, url: string, body?: unknown, key?: string): ReturnType<EmailTestApp['call']>;
  /** Creates the invoice and POSTs it to /peppol; answers the invoice id and the 202 body. */
  send(taxId: string, body?: unknown): Promise<{ id: number; queued: any }>;
  /** The document's transmissions after every job ran. */
  history(id: number): Promise<any[]>;
  /** The webhook events received for a document so far, in order. */
  events(documentId: number): { type: string; data: any }[];
  close(): Promise<void>;
}

/** A Belgian seller on a listening app with SMTP, a webhook receiver subscribed to document.peppol.*, one validator thread. */
export async function startSendEnv(tag: string): Promise<SendEnv> {
  configureEinvoiceValidation({ threads: 1 });
  const sink = await startSmtpSink();
  const rx = await startWebhookReceiver();
  const t = await emailApp({ host: sink.host, port: sink.port });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const { apiKey: key } = await createBelgianAccount(t, tag);
  const call = (method: string, url: string, body?: unknown, k = key) => t.call(method, url, body, { key: k });
  const ep = await call('POST', '/v1/webhooks', {
    url: rx.url,
    events: [
      'document.peppol.queued',
      'document.peppol.sent',
      'document.peppol.delivered',
      'document.peppol.refused',
      'document.peppol.failed',
    ],
  });
  assert.equal(ep.status, 201, JSON.stringify(ep.body));
  return {
    t,
    sink,
    rx,
    key,
    origin,
    call,
    async send(taxId, body = {}) {
      const inv = await call('POST', '/v1/documents', beInvoice(taxId));
      assert.equal(inv.status, 201, JSON.stringify(inv.body));
      const queued = await call('POST', `/v1/documents/${inv.body.id}/peppol`, body);
      assert.equal(queued.status, 202, JSON.stringify(queued.body));
      return { id: inv.body.id, queued: queued.body };
    },
    async history(id) {
      await settle(t, SEND_KINDS);
      const r = await call('GET', `/v1/documents/${id}/peppol`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.data;
    },
    events(documentId) {
      return rx.requests
        .map((r) => JSON.parse(r.body))
        .filter((e) => e.data?.transmission?.documentId === documentId)
        .map((e) => ({ type: e.type, data: e.data }));
    },
    async close() {
      await t.close();
      await sink.close();
      await rx.close();
      await closeEinvoiceValidation();
    },
  };
}
