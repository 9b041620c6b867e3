import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { emailApp, settle, type EmailTestApp } from '../email/email-env.js';
import { upload } from './support.js';

// Bulk invoicing with sendEmail (#19): each issued document goes to its row's "Send to" address through the outbox,
// with its PDF attached, delivered to a real SMTP server.
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

const N = 4;
const csv = () => {
  const rows = ['Document,Type,Customer tax id,Customer name,Description,Quantity,Unit price,Tax rate %,Send to'];
  for (let d = 1; d <= N; d++) {
    rows.push(`M${d},FT,123456789,Cliente Mail,Mensalidade ${d},1,${20 + d},23,cliente${d}@exemplo.pt`);
    rows.push(`M${d},,,,Extra ${d},1,1,23,`);
  }
  return rows.join('\n') + '\n';
};

test('sendEmail: N documents → N mails, each to its row’s address with its PDF; without it, none', async () => {
  const quiet = await upload(t, { name: 'quiet.csv', bytes: csv().replace(/Mensalidade/g, 'Quota') });
  assert.equal(quiet.status, 201, JSON.stringify(quiet.body));
  await t.worker.drain();
  await settle(t);
  assert.equal(sink.messages.length, 0, 'no e-mail without sendEmail');

  const created = await upload(t, { name: 'mail.csv', bytes: csv() }, { sendEmail: 'true' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.sendEmail, true);
  await t.worker.drain();
  await settle(t);
  const mails = await sink.waitFor(N);
  assert.equal(mails.length, N);
  const docs = await t.call('GET', '/v1/documents?perPage=20&sort=id');
  const mine = docs.body.data.slice(-N) as { number: string }[];
  const byTo = new Map(mails.map((m) => [m.envelope.to.join(','), m]));
  for (let d = 1; d <= N; d++) {
    const mail = byTo.get(`cliente${d}@exemplo.pt`);
    assert.ok(mail, `mail to cliente${d}@exemplo.pt`);
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    assert.ok(pdf, 'the PDF is attached');
    assert.equal(pdf.content.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(
      mine.some((doc) => mail.subject.includes(doc.number)),
      `subject names one of the import's documents: ${mail.subject}`,
    );
  }
});
