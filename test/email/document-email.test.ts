import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { stampCopyMark } from '../../src/render/pdf/copy-mark.js';
import { FROM, baseRender, emailApp, invoice, settle } from './email-env.js';

let t: TestApp;
let sink: SmtpSink;
before(async () => {
  sink = await startSmtpSink();
  t = await emailApp(sink);
});
after(async () => {
  await t?.close();
  await sink?.close();
});

const downloadPdf = async (id: number, query = '') => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/v1/documents/${id}/pdf${query}`,
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  assert.equal(res.statusCode, 200, res.body);
  return { bytes: res.rawPayload, copy: res.headers['x-document-copy'] };
};
const rowCount = async (table: 'emails' | 'jobs') =>
  Number(
    (
      await t.db.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('e-mail at issue (sendTo) through a real SMTP server', () => {
  test('finalize with sendTo queues the e-mail in the same transaction; the worker sends the Original PDF', async () => {
    const before = sink.messages.length;
    const r = await t.call(
      'POST',
      '/v1/documents',
      invoice({ finalize: true, sendTo: 'compras@cliente.pt; Financeiro@Cliente.pt,compras@cliente.pt' }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(sink.messages.length, before, 'nothing is sent inline');
    assert.equal(r.body.printedCount, 1, 'the issue e-mail reserves the Original: it counts as the first print');
    const queued = (await t.call('GET', `/v1/documents/${r.body.id}/emails`)).body.data;
    assert.equal(queued.length, 1);
    assert.deepEqual(
      [queued[0].status, queued[0].origin, queued[0].copy, queued[0].to],
      ['queued', 'issue', 'original', ['compras@cliente.pt', 'Financeiro@Cliente.pt']],
    );

    // Someone downloads the PDF before the e-mail leaves: the download is the Duplicado, the e-mail stays the Original.
    const download = await downloadPdf(r.body.id);
    assert.equal(download.copy, 'duplicate');

    await settle(t);
    const [mail] = await sink.waitFor(before + 1).then((m) => m.slice(before));
    assert.deepEqual(
      mail.envelope.to.map((a) => a.toLowerCase()),
      ['compras@cliente.pt', 'financeiro@cliente.pt'],
    );
    assert.equal(mail.to.toLowerCase(), 'compras@cliente.pt, financeiro@cliente.pt');
    assert.equal(mail.envelope.from, FROM);
    assert.match(mail.from, new RegExp(`^"Empresa Teste \\d+, Lda" <${FROM}>$`));
    const account = await t.db.database.db
      .selectFrom('accounts')
      .select('email')
      .where('id', '=', t.account.accountId)
      .executeTakeFirstOrThrow();
    assert.equal(mail.headers.get('reply-to'), account.email, 'replies go to the issuer');
    assert.equal(mail.subject, `Fatura ${r.body.number} · ${r.body.seller.name}`);
    assert.match(
      mail.text,
      /^Caro\(a\) Cliente Exemplo, Lda,\n\nEnviamos em anexo o documento Fatura FT .+, de \d{2}\/\d{2}\/\d{4}, no valor de 246,00\s€\.\nData de vencimento: 31\/12\/2099\.\n\nCom os melhores cumprimentos,\nEmpresa Teste \d+, Lda\n$/,
    );
    assert.equal(mail.headers.get('x-faturador-email-id'), String(queued[0].id));

    assert.equal(mail.attachments.length, 1);
    const pdf = mail.attachments[0];
    assert.equal(pdf.contentType, 'application/pdf');
    assert.equal(pdf.filename, `${r.body.number.replace('/', '-')}.pdf`);
    // The attachment is the PDF the route serves, with the Original mark instead of the download's Duplicado.
    const base = baseRender(download.bytes);
    assert.ok(pdf.content.subarray(0, base.length).equals(base), 'same render as the PDF route');
    assert.ok(pdf.content.equals(stampCopyMark(base, 'Original')), 'stamped Original');

    const sent = (await t.call('GET', `/v1/documents/${r.body.id}/emails`)).body.data[0];
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 1);
    assert.equal(sent.subject, mail.subject);
    assert.deepEqual(
      sent.accepted.map((a: string) => a.toLowerCase()),
      ['compras@cliente.pt', 'financeiro@cliente.pt'],
    );
    assert.deepEqual(sent.rejected, []);
    assert.ok(sent.sentAt);
    assert.deepEqual(
      sent.log.map((a: any) => [a.attempt, a.result, a.error, a.smtpCode]),
      [[1, 'sent', null, 250]],
    );
    assert.match(sent.log[0].smtpResponse, /queued as test-/);
  });

  test('sendTo also works on receipts and credit notes (dialects map their e-mail calls onto it)', async () => {
    const ft = await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    const rg = await t.call('POST', '/v1/receipts', {
      documents: [{ documentId: ft.body.id, amount: '46.00' }],
      sendTo: ['tesouraria@cliente.pt'],
    });
    assert.equal(rg.status, 201, JSON.stringify(rg.body));
    const nc = await t.call('POST', `/v1/documents/${ft.body.id}/credit-notes`, {
      finalize: true,
      sendTo: 'contabilidade@cliente.pt',
      lines: [{ originLineId: ft.body.lines[0].id, quantity: '1' }],
    });
    assert.equal(nc.status, 201, JSON.stringify(nc.body));
    const before = sink.messages.length;
    await settle(t);
    const mails = (await sink.waitFor(before + 2)).slice(before);
    const bySubject = new Map(mails.map((m) => [m.subject.split(' · ')[0], m]));
    assert.deepEqual(bySubject.get(`Recibo ${rg.body.number}`)?.envelope.to, ['tesouraria@cliente.pt']);
    assert.deepEqual(bySubject.get(`Nota de Crédito ${nc.body.number}`)?.envelope.to, ['contabilidade@cliente.pt']);
  });

  test('a document in English gets the English template, amounts and dates', async () => {
    const r = await t.call(
      'POST',
      '/v1/documents',
      invoice({ finalize: true, language: 'en', reference: 'PO-42', sendTo: ['buyer@client.example'] }),
    );
    const before = sink.messages.length;
    await settle(t);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    assert.equal(mail.subject, `Invoice ${r.body.number} · ${r.body.seller.name}`);
    assert.match(
      mail.text,
      /Please find attached Invoice FT .+ of \d{4}-\d{2}-\d{2}, for €246\.00\.\nDue date: 2099-12-31\.\nYour reference: PO-42\./,
    );
  });
});

describe('POST /v1/documents/:id/email', () => {
  test('to, cc, bcc, subject and body; a document printed before is attached as a "2.ª via" (D8632 §2.2.15)', async () => {
    const doc = await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    const first = await downloadPdf(doc.body.id);
    assert.equal(first.copy, 'original');
    const r = await t.call('POST', `/v1/documents/${doc.body.id}/email`, {
      to: ['a@cliente.pt'],
      cc: 'b@cliente.pt',
      bcc: ['auditoria@empresa.pt'],
      subject: 'A sua fatura\r\nBcc: injected@evil.example',
      body: 'Olá,\n\nSegue a fatura.\n',
    });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual(
      [r.body.status, r.body.origin, r.body.copy, r.body.to, r.body.cc, r.body.bcc],
      ['queued', 'request', 'reprint', ['a@cliente.pt'], ['b@cliente.pt'], ['auditoria@empresa.pt']],
    );
    assert.equal(r.body.subject, 'A sua fatura Bcc: injected@evil.example', 'one line: no header injection');
    const before = sink.messages.length;
    await settle(t);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    assert.deepEqual(mail.envelope.to.sort(), ['a@cliente.pt', 'auditoria@empresa.pt', 'b@cliente.pt']);
    assert.equal(mail.to, 'a@cliente.pt');
    assert.equal(mail.cc, 'b@cliente.pt');
    assert.equal(mail.headers.get('bcc'), undefined, 'bcc stays out of the headers');
    assert.equal(mail.subject, 'A sua fatura Bcc: injected@evil.example');
    assert.equal(mail.text, 'Olá,\n\nSegue a fatura.\n');
    assert.ok(mail.attachments[0].content.equals(stampCopyMark(baseRender(first.bytes), '2.ª via')));
    assert.equal((await t.call('GET', `/v1/documents/${doc.body.id}`)).body.printedCount, 2);
  });

  test('an explicit duplicate is honoured; the subject comes from the template when not given', async () => {
    const doc = await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    const r = await t.call('POST', `/v1/documents/${doc.body.id}/email`, { to: 'a@cliente.pt', copy: 'duplicate' });
    assert.equal(r.status, 202);
    assert.equal(r.body.copy, 'duplicate');
    assert.equal(
      r.body.subject,
      `Fatura ${doc.body.number} · ${doc.body.seller.name}`,
      'rendered when queued through the API',
    );
    const before = sink.messages.length;
    await settle(t);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    const route = await downloadPdf(doc.body.id, '?copy=duplicate');
    assert.ok(mail.attachments[0].content.equals(route.bytes), 'identical to the route’s duplicate');
  });

  test('drafts cannot be e-mailed, and bad input is a 4xx that writes nothing', async () => {
    const draft = await t.call('POST', '/v1/documents', invoice());
    const emails = await rowCount('emails');
    const jobs = await rowCount('jobs');
    const r = await t.call('POST', `/v1/documents/${draft.body.id}/email`, { to: ['a@cliente.pt'] });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'document_not_final');

    const noFinalize = await t.call('POST', '/v1/documents', invoice({ sendTo: 'a@cliente.pt' }));
    assert.equal(noFinalize.status, 422);
    assert.deepEqual(
      noFinalize.body.error.details.map((d: any) => [d.field, d.issue]),
      [['sendTo', 'not_allowed']],
    );

    const badTo = await t.call(
      'POST',
      '/v1/documents',
      invoice({ finalize: true, sendTo: ['ok@cliente.pt', 'not an address', 'x@'] }),
    );
    assert.equal(badTo.status, 422);
    assert.deepEqual(
      badTo.body.error.details.map((d: any) => [d.field, d.issue, d.value]),
      [
        ['sendTo[1]', 'invalid', 'not an address'],
        ['sendTo[2]', 'invalid', 'x@'],
      ],
    );

    const final = await t.call('POST', '/v1/documents', invoice({ finalize: true }));
    const empty = await t.call('POST', `/v1/documents/${final.body.id}/email`, { to: [] });
    assert.equal(empty.status, 422);
    assert.equal(empty.body.error.details[0].field, 'to');
    const badCc = await t.call('POST', `/v1/documents/${final.body.id}/email`, { to: 'a@cliente.pt', cc: 'a@b@c' });
    assert.equal(badCc.status, 422);
    assert.equal(badCc.body.error.details[0].field, 'cc');
    const missing = await t.call('POST', '/v1/documents/999999/email', { to: 'a@cliente.pt' });
    assert.equal(missing.status, 404);
    assert.equal(await rowCount('emails'), emails);
    assert.equal(
      await rowCount('jobs'),
      jobs,
      'nothing enqueued: bad input writes nothing, and the valid finalize renders no PDF (on first request, #15)',
    );
    assert.equal(
      (await t.call('GET', `/v1/documents/${final.body.id}`)).body.printedCount,
      0,
      'a refused e-mail prints nothing',
    );
  });
});

describe('the e-mail log', () => {
  test('GET /v1/emails filters by document, status, kind and recipient', async () => {
    const doc = await t.call('POST', '/v1/documents', invoice({ finalize: true, sendTo: 'filtro@cliente.pt' }));
    await settle(t);
    const byDoc = await t.call('GET', `/v1/emails?documentId=${doc.body.id}`);
    assert.equal(byDoc.status, 200);
    assert.equal(byDoc.body.data.length, 1);
    assert.equal(byDoc.body.data[0].documentId, doc.body.id);
    const byRecipient = await t.call('GET', '/v1/emails?recipient=FILTRO@');
    assert.deepEqual(
      byRecipient.body.data.map((e: any) => e.documentId),
      [doc.body.id],
    );
    const sent = await t.call('GET', '/v1/emails?status=sent,failed&kind=document&perPage=2');
    assert.equal(sent.body.data.length, 2);
    assert.ok(sent.body.pagination.total >= 5);
    assert.ok(sent.body.data.every((e: any) => e.status === 'sent'));
    const bad = await t.call('GET', '/v1/emails?status=lost');
    assert.equal(bad.status, 422);
    const other = await t.newAccount();
    const isolated = await t.call('GET', '/v1/emails', undefined, { key: other.apiKey });
    assert.deepEqual(isolated.body.data, []);
    const foreign = await t.call('GET', `/v1/documents/${doc.body.id}/emails`, undefined, { key: other.apiKey });
    assert.equal(foreign.status, 404);
  });
});
