import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { drainAll, invoice, startAtEnv, type AtAccount, type AtEnv } from '../at/at-env.js';

/** The value of one sample of the registry, by name and labels. */
async function value(env: AtEnv, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = (await env.t.metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const v = (metric?.values as { value: number; labels: Record<string, string | number> }[] | undefined)?.find((x) =>
    Object.entries(labels).every(([k, want]) => String(x.labels[k]) === want),
  );
  return v?.value;
}

describe('delivery metrics: AT calls, e-mail and webhook attempts, job outcomes', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  let a: AtAccount;
  let sink: SmtpSink;
  let hooks: WebhookReceiver;

  before(async () => {
    sink = await startSmtpSink();
    hooks = await startWebhookReceiver();
    const smtp = { host: sink.host, port: sink.port, secure: false, from: 'faturas@faturador.test', timeoutMs: 2000 };
    env = await startAtEnv({ smtp });
    a = await env.account({ invoices: true });
  });
  after(async () => {
    await env?.close();
    await sink?.close();
    await hooks?.close();
  });

  test('each outcome is counted with its labels', async () => {
    // Through the API (not the outbox): a series registration.
    const series = (await a.call('GET', '/v1/series')).body[0];
    assert.equal((await a.call('POST', `/v1/series/${series.id}/register`, { docType: 'FT' })).status, 200);
    const at = (op: string) => value(env, 'faturador_at_communications_total', { operation: op, outcome: 'success' });
    assert.equal(await at('registerSeries'), 1);

    // The receiver refuses the first delivery (500), then accepts the retry.
    hooks.respond = (_req, n) => (n === 1 ? { status: 500, body: 'down' } : { status: 200, body: 'ok' });
    const endpoint = await a.call('POST', '/v1/webhooks', { url: hooks.url, events: ['document.finalized'] });
    assert.equal(endpoint.status, 201);
    const f = await a.call('POST', '/v1/documents', invoice({ finalize: true, sendTo: 'compras@cliente.pt' }));
    assert.equal(f.status, 201, JSON.stringify(f.body));
    for (let i = 0; i < 60 && (hooks.requests.length < 2 || sink.messages.length < 1); i++) {
      await drainAll(env.t);
      await new Promise((r) => setTimeout(r, 50));
    }
    await drainAll(env.t);
    assert.equal(sink.messages.length, 1);
    assert.equal(hooks.requests.length, 2);

    assert.equal(await at('registerInvoice'), 1);
    assert.equal(await value(env, 'faturador_email_deliveries_total', { result: 'sent' }), 1);
    assert.equal(await value(env, 'faturador_webhook_deliveries_total', { status_class: '5xx' }), 1);
    assert.equal(await value(env, 'faturador_webhook_deliveries_total', { status_class: '2xx' }), 1);
    assert.equal(await value(env, 'faturador_jobs_total', { kind: 'webhook.deliver', outcome: 'retry' }), 1);
    assert.equal(await value(env, 'faturador_jobs_total', { kind: 'webhook.deliver', outcome: 'done' }), 1);
    assert.equal(await value(env, 'faturador_jobs_total', { kind: 'email.send', outcome: 'done' }), 1);
    assert.equal(await value(env, 'faturador_jobs_total', { kind: 'at.invoice', outcome: 'done' }), 1);
  });
});
