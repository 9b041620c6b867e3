import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sendQueuedEmail } from '../../src/app/email/send-queued-email.js';
import type { DocumentPdfSource } from '../../src/app/email/ports.js';
import { Metrics } from '../../src/infra/metrics/metrics.js';
import { buildServices } from '../../src/server/build-services.js';
import { stampCopyMark } from '../../src/render/pdf/copy-mark.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { testConfigWith } from '../support/app.js';
import { baseRender, emailApp, invoice, TEST_SECRET_KEY, type EmailTestApp } from './email-env.js';

let t: EmailTestApp;
let sink: SmtpSink;
before(async () => {
  sink = await startSmtpSink();
  t = await emailApp(sink);
});
after(async () => {
  await t?.close();
  await sink?.close();
});

test('the e-mail job renders the attachment outside its transaction, and attaches the same bytes', async () => {
  const r = await t.call('POST', '/v1/documents', invoice({ finalize: true, sendTo: 'cliente@cliente.pt' }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const email = await t.db.database.db
    .selectFrom('emails')
    .select('id')
    .where('account_id', '=', t.account.accountId)
    .where('document_id', '=', r.body.id)
    .executeTakeFirstOrThrow();
  const deps = buildServices(
    testConfigWith({
      secretKey: TEST_SECRET_KEY,
      publicUrl: 'https://faturas.example.pt',
      smtp: { host: sink.host, port: sink.port, secure: false, from: 'faturas@faturador.test', timeoutMs: 2000 },
    }),
    t.db.database,
    new Metrics(),
  ).email();
  // What the job's transaction would hold while the PDF renders: the handle it loads the PDF with.
  const inTransaction: boolean[] = [];
  const pdf: DocumentPdfSource = {
    load: (tx, ...rest) => {
      inTransaction.push(tx.isTransaction);
      return deps.pdf.load(tx, ...rest);
    },
  };
  const n = sink.messages.length;
  const out = await sendQueuedEmail(t.db.database.db, { ...deps, pdf }, t.account.accountId, email.id, new Date());
  assert.deepEqual(out, { status: 'sent' });
  assert.deepEqual(inTransaction, [false], 'loaded once, with the database handle, no transaction open');

  const [mail] = await sink.waitFor(n + 1).then((all) => all.slice(n));
  const res = await t.app.inject({
    method: 'GET',
    url: `/v1/documents/${r.body.id}/pdf`,
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(mail.attachments.length, 1);
  assert.ok(mail.attachments[0].content.equals(stampCopyMark(baseRender(res.rawPayload), 'Original')));
});
