import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { emailApp, settle } from '../email/email-env.js';
import { createBelgianAccount } from './belgian-account.js';

// A Belgian seller's document e-mail (#16) through a real SMTP server: written in the document's language (the
// customer's or the account's), Dutch and French here, with the Belgian amount and date formats; a Dutch template
// of its own is used for its Dutch documents.
let t: TestApp;
let sink: SmtpSink;
let key: string;
before(async () => {
  sink = await startSmtpSink();
  t = await emailApp(sink);
  key = (await createBelgianAccount(t, 'be-email', { defaultLanguage: 'nl', legalName: 'Brouwerij Test BV' })).apiKey;
});
after(async () => {
  await t?.close();
  await sink?.close();
});

const call = (method: string, url: string, body?: unknown) => t.call(method, url, body, { key });
const issue = (extra: Record<string, unknown> = {}) =>
  call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    customer: { name: 'Klant NV', taxId: 'BE0202239951', country: 'BE', email: 'boekhouding@klant.be' },
    dueDate: '2099-12-31',
    lines: [{ description: 'Advies', quantity: '2', unitPrice: '50', taxRate: '21' }],
    sendTo: 'boekhouding@klant.be',
    ...extra,
  });
const mailOf = async () => {
  const n = sink.messages.length;
  await settle(t);
  return (await sink.waitFor(n + 1)).slice(n)[0];
};
const date = (iso: string, sep: string) => iso.split('-').reverse().join(sep);

test('an invoice in the account’s Dutch gets the Dutch e-mail: Factuur, € 121,00, dd/mm/yyyy', async () => {
  const r = await issue();
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const mail = await mailOf();
  assert.deepEqual(mail.envelope.to, ['boekhouding@klant.be']);
  assert.equal(mail.subject, `Factuur ${r.body.number} · Brouwerij Test BV`);
  assert.equal(
    mail.text.replace(/\u00a0/g, ' '),
    `Beste Klant NV,\n\nIn bijlage vindt u Factuur ${r.body.number} van ${date(r.body.date, '/')}, voor een bedrag van € 121,00.\n` +
      'Vervaldatum: 31/12/2099.\n\nMet vriendelijke groeten,\nBrouwerij Test BV\n',
  );
  assert.equal(mail.attachments.length >= 1, true, 'the PDF is attached');
});

test('the same seller’s invoice in French gets the French e-mail', async () => {
  const r = await issue({ language: 'fr', reference: 'BC-12' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const mail = await mailOf();
  assert.equal(mail.subject, `Facture ${r.body.number} · Brouwerij Test BV`);
  assert.match(
    mail.text,
    new RegExp(
      `^Bonjour Klant NV,\\n\\nVeuillez trouver ci-joint le document Facture ${r.body.number.replace(/\//g, '\\/')} du ${date(r.body.date, '\\/')}, d’un montant de 121,00\\s€\\.\\n` +
        'Date d’échéance : 31\\/12\\/2099\\.\\nVotre référence : BC-12\\.\\n\\nCordialement,\\nBrouwerij Test BV\\n$',
    ),
  );
});

test('a Belgian seller sets a Dutch template of its own; its German stays the default', async () => {
  const put = await call('PUT', '/v1/email/templates/nl', {
    subject: '{{accountName}}: {{documentType}} {{documentNumber}}',
    body: 'Hallo {{customerName}}, te betalen {{total}} tegen {{dueDate}}.\n',
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.custom, true);
  const de = await call('GET', '/v1/email/templates/de');
  assert.equal(de.status, 200, JSON.stringify(de.body));
  assert.equal(de.body.custom, false);
  assert.match(de.body.body, /^\{\{#customerName\}\}Guten Tag/);
  const r = await issue({ dueDate: '2099-01-15' });
  const mail = await mailOf();
  assert.equal(mail.subject, `Brouwerij Test BV: Factuur ${r.body.number}`);
  assert.equal(mail.text.replace(/\u00a0/g, ' '), 'Hallo Klant NV, te betalen € 121,00 tegen 15/01/2099.\n');
  assert.equal((await call('DELETE', '/v1/email/templates/nl')).status, 204);
});

test('a Portuguese seller has no Dutch template: 422 naming the regime', async () => {
  const r = await t.call('GET', '/v1/email/templates/nl');
  assert.equal(r.status, 422, JSON.stringify(r.body));
  assert.equal(r.body.error.code, 'not_in_regime');
  assert.match(r.body.error.message, /Belgian/);
});
