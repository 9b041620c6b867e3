import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { emailApp, invoice, nextAttempt, type EmailTestApp } from './email-env.js';

let t: EmailTestApp;
let sink: SmtpSink;
before(async () => {
  sink = await startSmtpSink();
  t = await emailApp(sink); // EMAIL_MAX_ATTEMPTS = 4
});
after(async () => {
  await t?.close();
  await sink?.close();
});

const emailOf = async (documentId: number) => (await t.call('GET', `/v1/documents/${documentId}/emails`)).body.data[0];
const jobOf = async (emailId: number) =>
  t.db.database.db
    .selectFrom('jobs')
    .select(['state', 'attempts', 'last_error'])
    .where('kind', '=', 'email.send')
    .where('dedupe_key', '=', String(emailId))
    .executeTakeFirstOrThrow();

describe('an SMTP outage never loses or blocks a document', () => {
  test('server stopped, then refusing with 451, then back: the e-mail is retried with backoff and sent once', async () => {
    await sink.stop();
    const started = Date.now();
    const doc = await t.call('POST', '/v1/documents', invoice({ finalize: true, sendTo: 'cliente@cliente.pt' }));
    assert.equal(doc.status, 201, JSON.stringify(doc.body));
    assert.equal(doc.body.status, 'final');
    assert.ok(Date.now() - started < 5000, 'finalize does not wait for SMTP');

    await t.stepper.drain();
    let e = await emailOf(doc.body.id);
    assert.equal(e.status, 'retrying');
    assert.equal(e.attempts, 1);
    assert.match(e.lastError, /ECONNREFUSED/);
    assert.deepEqual(
      e.log.map((a: any) => [a.attempt, a.result, a.smtpCode]),
      [[1, 'retry', null]],
    );
    assert.equal((await jobOf(e.id)).state, 'pending');

    // The document is untouched meanwhile: readable, printable, cancellable.
    assert.equal((await t.call('GET', `/v1/documents/${doc.body.id}`)).body.status, 'final');
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/v1/documents/${doc.body.id}/pdf`,
      headers: { authorization: `Bearer ${t.account.apiKey}` },
    });
    assert.equal(pdf.statusCode, 200);

    await sink.start();
    sink.mode = 'tempfail';
    await nextAttempt(t);
    e = await emailOf(doc.body.id);
    assert.equal(e.status, 'retrying');
    assert.deepEqual(
      e.log.map((a: any) => [a.attempt, a.result, a.smtpCode]),
      [
        [1, 'retry', null],
        [2, 'retry', 451],
      ],
    );
    assert.match(e.log[1].smtpResponse, /451 Mailbox busy/);

    sink.mode = 'accept';
    const count = sink.messages.length;
    await nextAttempt(t);
    e = await emailOf(doc.body.id);
    assert.equal(e.status, 'sent');
    assert.equal(e.lastError, null);
    assert.deepEqual(
      e.log.map((a: any) => [a.attempt, a.result]),
      [
        [1, 'retry'],
        [2, 'retry'],
        [3, 'sent'],
      ],
    );
    assert.ok(
      e.log.every(
        (a: any) => typeof a.durationMs === 'number' && a.startedAt && a.server?.startsWith('installation:127.0.0.1:'),
      ),
    );
    assert.equal((await jobOf(e.id)).state, 'done');
    await nextAttempt(t);
    assert.equal(sink.messages.length, count + 1, 'delivered exactly once');
    assert.equal(sink.messages.at(-1)!.subject, `Fatura ${doc.body.number} · ${doc.body.seller.name}`);
  });

  test('a permanent refusal (550) stops at once: failed after one attempt', async () => {
    sink.mode = 'reject';
    try {
      const doc = await t.call('POST', '/v1/documents', invoice({ finalize: true, sendTo: 'nobody@cliente.pt' }));
      await t.stepper.drain();
      const e = await emailOf(doc.body.id);
      assert.equal(e.status, 'failed');
      assert.deepEqual(
        e.log.map((a: any) => [a.attempt, a.result, a.smtpCode]),
        [[1, 'failed', 550]],
      );
      assert.match(e.lastError, /Recipient address rejected/);
      assert.equal((await jobOf(e.id)).state, 'dead');
    } finally {
      sink.mode = 'accept';
    }
  });

  test('after EMAIL_MAX_ATTEMPTS the e-mail is marked failed, and a new request sends it', async () => {
    await sink.stop();
    const doc = await t.call('POST', '/v1/documents', invoice({ finalize: true, sendTo: 'cliente@cliente.pt' }));
    await t.stepper.drain();
    for (let i = 0; i < 3; i++) await nextAttempt(t);
    const e = await emailOf(doc.body.id);
    assert.equal(e.status, 'failed');
    assert.deepEqual(
      e.log.map((a: any) => a.result),
      ['retry', 'retry', 'retry', 'failed'],
    );
    assert.equal((await jobOf(e.id)).state, 'dead');
    await nextAttempt(t);
    assert.equal((await emailOf(doc.body.id)).log.length, 4, 'no attempt after giving up');

    await sink.start();
    const again = await t.call('POST', `/v1/documents/${doc.body.id}/email`, { to: 'cliente@cliente.pt' });
    assert.equal(again.status, 202);
    assert.equal(again.body.copy, 'reprint', 'the failed e-mail used up the Original');
    await t.stepper.drain();
    const list = (await t.call('GET', `/v1/documents/${doc.body.id}/emails`)).body.data;
    assert.deepEqual(
      list.map((x: any) => x.status),
      ['sent', 'failed'],
    );
  });
});
