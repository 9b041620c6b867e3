import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lisbonDate } from '../../src/domain/time.js';
import { isDocumentPdfReady } from '../../src/render/pdf/pdf-ready.js';
import { type EmailTestApp, emailApp, invoice, settle } from '../email/email-env.js';
import { parseSaft } from '../saft/saft-helpers.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { saftXsdPath, hasSaftXsd, validateXml } from '../support/xml-validate.js';
import { ixClient, type IxClient } from './client.js';

// PDFs, QR codes, SAF-T and e-mail through the InvoiceXpress dialect, with the outbox run by hand (t.worker.drain()).
const PUBLIC = 'https://faturas.example.pt';

describe('InvoiceXpress artifacts: PDF, QR code, SAF-T, e-mail', () => {
  let t: EmailTestApp;
  let sink: SmtpSink;
  let ix: IxClient;
  let other: IxClient;
  let ft: any;
  let draft: any;

  /** A public link as the main server serves it (no API key). */
  const fetchPublic = (url: string) => {
    assert.ok(url.startsWith(`${PUBLIC}/`), url);
    return t.app.inject({ method: 'GET', url: url.slice(PUBLIC.length) });
  };
  const pdfReady = (id: number) => isDocumentPdfReady(t.db.database.db, t.account.accountId, id);
  const native = async (url: string, body: unknown) => {
    const r = await t.call('POST', url, body);
    assert.ok(r.status === 201 || r.status === 200, JSON.stringify(r.body));
    return r.body;
  };

  before(async () => {
    sink = await startSmtpSink();
    t = await emailApp(sink);
    ix = ixClient(t, t.account.apiKey);
    other = ixClient(t, (await t.newAccount()).apiKey);
    ft = await native('/v1/documents', invoice({ finalize: true }));
    draft = await native('/v1/documents', invoice());
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  it('PDF: the first call renders the file and answers its URL (no 202 to poll); the URL downloads it without a key', async () => {
    const doc = await native('/v1/documents', invoice({ finalize: true }));
    assert.equal(await pdfReady(doc.id), false, 'finalize renders nothing (#15)');
    const ready = await ix.call('GET', `api/pdf/${doc.id}.json`);
    assert.equal(ready.status, 200, ready.text);
    assert.equal(await pdfReady(doc.id), true, 'the answer comes once the file is cached');
    const url = ready.body.output.pdfUrl;
    assert.match(url, new RegExp(`^${PUBLIC}/download/${doc.id}/[0-9a-f]{48}$`));
    assert.equal(ready.body.output.pdf_url, url);
    const pdf = await fetchPublic(url);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal(pdf.headers['x-document-copy'], 'original');

    const xml = await ix.call('GET', `api/pdf/${doc.id}.xml`);
    assert.equal(xml.status, 200);
    assert.match(xml.text, new RegExp(`<output><pdfUrl>${PUBLIC}/download/${doc.id}/[0-9a-f]{48}</pdfUrl>`));
  });

  it('PDF: /api/pdf/{type}/{id}.json answers the same URL as /api/pdf/{id}.json', async () => {
    const plain = await ix.call('GET', `api/pdf/${ft.id}.json`);
    const typed = await ix.call('GET', `api/pdf/invoices/${ft.id}.json`);
    assert.equal(plain.status, 200, plain.text);
    assert.equal(typed.status, 200, typed.text);
    assert.equal(typed.body.output.pdfUrl, plain.body.output.pdfUrl);
  });

  it('PDF: second_copy=true gives the "2.ª via" link', async () => {
    const r = await ix.call('GET', `api/pdf/${ft.id}.json`, undefined, { query: { second_copy: 'true' } });
    assert.equal(r.status, 200);
    assert.match(r.body.output.pdfUrl, /\?copy=reprint$/);
    const pdf = await fetchPublic(r.body.output.pdfUrl);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['x-document-copy'], 'reprint');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  it("PDF: 406 for a draft, 404 for an unknown id or another account's document", async () => {
    assert.equal((await ix.call('GET', `api/pdf/${draft.id}.json`)).status, 406);
    assert.equal((await ix.call('GET', 'api/pdf/99999999.json')).status, 404);
    assert.equal((await ix.call('GET', 'api/pdf/abc.json')).status, 404);
    const foreign = await other.call('GET', `api/pdf/${ft.id}.json`);
    assert.equal(foreign.status, 404);
    assert.ok(foreign.body.errors[0].error);
  });

  it('PDF: a change since the render (cancellation) renders again before the URL is answered', async () => {
    const doc = await native('/v1/documents', invoice({ finalize: true }));
    assert.equal((await ix.call('GET', `api/pdf/${doc.id}.json`)).status, 200);
    await native(`/v1/documents/${doc.id}/cancel`, { reason: 'Erro no cliente' });
    assert.equal(await pdfReady(doc.id), false, 'the cached render is of the document before its cancellation');
    assert.equal((await ix.call('GET', `api/pdf/${doc.id}.json`)).status, 200);
    assert.equal(await pdfReady(doc.id), true);
  });

  it('QR code: the AT payload and a PNG link; 406 for a draft, 404 for another account', async () => {
    const r = await ix.call('GET', `api/qr_codes/${ft.id}.json`);
    assert.equal(r.status, 200, r.text);
    const { url, data } = r.body.qr_code;
    assert.match(
      data,
      new RegExp(
        `^A:503340855\\*B:123456789\\*C:PT\\*D:FT\\*E:N\\*F:\\d{8}\\*G:${ft.number.replace(/[/]/g, '\\/')}\\*H:${ft.atcud}\\*`,
      ),
    );
    assert.match(data, /\*N:46\.00\*O:246\.00\*/);
    assert.match(url, new RegExp(`^${PUBLIC}/download/${ft.id}/[0-9a-f]{48}/qr\\.png$`));
    const png = await fetchPublic(url);
    assert.equal(png.statusCode, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.deepEqual([...png.rawPayload.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(
      (await fetchPublic(url.replace(/[0-9a-f]{48}/, '0'.repeat(48)))).statusCode,
      404,
      'the token is the credential',
    );

    assert.equal((await ix.call('GET', `api/qr_codes/${draft.id}.json`)).status, 406);
    assert.equal((await other.call('GET', `api/qr_codes/${ft.id}.json`)).status, 404);
    assert.equal((await ix.call('GET', 'api/qr_codes/99999999.json')).status, 404);
  });

  it('SAF-T: 422 on missing or bad month/year', async () => {
    const none = await ix.call('GET', 'api/export_saft.json');
    assert.equal(none.status, 422);
    assert.deepEqual(
      none.body.errors.map((e: any) => e.error),
      ['month is required', 'year is required'],
    );
    const bad = await ix.call('GET', 'api/export_saft.json', undefined, { query: { month: '13', year: '20x6' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors.length, 2);
    const xml = await ix.call('GET', 'api/export_saft.xml', undefined, { query: { month: '0', year: '2026' } });
    assert.equal(xml.status, 422);
    assert.match(xml.text, /<errors><error>month must be a number from 1 to 12<\/error><\/errors>/);
  });

  it("SAF-T: 202 while the outbox generates it, then {url}; the file is valid and holds the month's documents", async () => {
    const [year, month] = lisbonDate(new Date()).split('-').map(Number);
    const q = { month: String(month), year: String(year) };
    const first = await ix.call('GET', 'api/export_saft.json', undefined, { query: q });
    assert.equal(first.status, 202);
    assert.equal(first.text, '');
    assert.equal((await ix.call('GET', 'api/export_saft.json', undefined, { query: q })).status, 202);
    await t.worker.drain();
    const ready = await ix.call('GET', 'api/export_saft.json', undefined, { query: q });
    assert.equal(ready.status, 200, ready.text);
    assert.match(ready.body.url, new RegExp(`^${PUBLIC}/download/saft/\\d+/[0-9a-f]{48}$`));
    assert.equal(ready.body.output.xml_url, ready.body.url);
    // `years=` (a misspelling in public scripts) is the same request.
    const misspelt = await ix.call('GET', 'api/export_saft.json', undefined, {
      query: { month: q.month, years: q.year },
    });
    assert.equal(misspelt.body.url, ready.body.url);

    const file = await fetchPublic(ready.body.url);
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['content-type']), /^application\/xml/);
    assert.match(String(file.headers['content-disposition']), /SAFT-PT_503340855_/);
    if (hasSaftXsd()) {
      const v = await validateXml(file.body, saftXsdPath());
      assert.deepEqual(v.errors, []);
    }
    const saft = parseSaft(file.body);
    const invoices = saft.SourceDocuments.SalesInvoices.Invoice.map((i: any) => i.InvoiceNo);
    assert.ok(invoices.includes(ft.number), `${ft.number} in ${invoices}`);
    assert.ok(!invoices.includes(draft.number ?? 'draft'));

    // A new document makes the stored file stale: 202 again, then a file that holds it, at the same link.
    const later = await native('/v1/documents', invoice({ finalize: true }));
    assert.equal((await ix.call('GET', 'api/export_saft.json', undefined, { query: q })).status, 202);
    await t.worker.drain();
    const again = await ix.call('GET', 'api/export_saft.json', undefined, { query: q });
    assert.equal(again.status, 200);
    assert.equal(again.body.url, ready.body.url);
    const refreshed = parseSaft((await fetchPublic(again.body.url)).body);
    assert.ok(refreshed.SourceDocuments.SalesInvoices.Invoice.some((i: any) => i.InvoiceNo === later.number));

    // Another account gets its own file, without these documents; a wrong token is a 404.
    assert.equal((await other.call('GET', 'api/export_saft.json', undefined, { query: q })).status, 202);
    await t.worker.drain();
    const theirs = await other.call('GET', 'api/export_saft.json', undefined, { query: q });
    assert.equal(theirs.status, 200);
    assert.notEqual(theirs.body.url, ready.body.url);
    const theirFile = parseSaft((await fetchPublic(theirs.body.url)).body);
    assert.equal(theirFile.SourceDocuments.SalesInvoices.NumberOfEntries, '0');
    assert.equal((await fetchPublic(ready.body.url.replace(/[0-9a-f]{48}$/, 'f'.repeat(48)))).statusCode, 404);
  });
  it('email-document: queued in the outbox, delivered with the PDF attached; save=1 keeps the address on the client', async () => {
    const before = sink.messages.length;
    const r = await ix.call('PUT', `invoices/${ft.id}/email-document.json`, {
      message: {
        client: { email: 'contabilidade@cliente.pt', save: '1' },
        cc: 'copia@cliente.pt',
        subject: 'A sua fatura',
        body: 'Segue em anexo a fatura.',
        logo: '0',
      },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.text, '');
    assert.equal(sink.messages.length, before, 'nothing is sent inline');
    await settle(t);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    assert.deepEqual(mail.envelope.to.map((a) => a.toLowerCase()).sort(), [
      'contabilidade@cliente.pt',
      'copia@cliente.pt',
    ]);
    assert.equal(mail.subject, 'A sua fatura');
    assert.match(mail.text, /Segue em anexo a fatura\./);
    assert.equal(mail.attachments.length, 1);
    assert.equal(mail.attachments[0].contentType, 'application/pdf');
    assert.equal(mail.attachments[0].filename, `${ft.number.replace('/', '-')}.pdf`);
    assert.equal(mail.attachments[0].content.subarray(0, 5).toString(), '%PDF-');
    const contact = await t.call('GET', `/v1/contacts/${ft.contactId}`);
    assert.equal(contact.body.email, 'contabilidade@cliente.pt');
  });

  it('email-document: every document path (an estimate here) and legacy XML bodies', async () => {
    const quote = await native('/v1/documents', invoice({ type: 'OR', finalize: true }));
    const before = sink.messages.length;
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><message><client><email>orcamentos@cliente.pt</email><save>0</save></client><subject>Orçamento</subject><body>Segue.</body></message>';
    const r = await ix.call('PUT', `quotes/${quote.id}/email-document.xml`, xml, { xml: true });
    assert.equal(r.status, 200, r.text);
    await settle(t);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    assert.deepEqual(mail.envelope.to, ['orcamentos@cliente.pt']);
    assert.equal(mail.subject, 'Orçamento');
    assert.equal(mail.attachments[0].contentType, 'application/pdf');
    const contact = await t.call('GET', `/v1/contacts/${quote.contactId}`);
    assert.equal(contact.body.email, 'contabilidade@cliente.pt', 'save=0 leaves the client as it was');
  });

  it('email-invoice: the legacy v1 path /invoice/:id/email-invoice.xml sends as email-document does', async () => {
    const before = sink.messages.length;
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><message><client><email>legado@cliente.pt</email></client><subject>Fatura (v1)</subject><body>Em anexo.</body></message>';
    const r = await ix.call('PUT', `invoice/${ft.id}/email-invoice.xml`, xml, { xml: true });
    assert.equal(r.status, 200, r.text);
    await settle(t);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    assert.deepEqual(mail.envelope.to, ['legado@cliente.pt']);
    assert.equal(mail.subject, 'Fatura (v1)');
    assert.equal(mail.attachments[0].contentType, 'application/pdf');
    const refused = await ix.call('POST', `invoice/${draft.id}/email-invoice.xml`, xml, { xml: true });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /<errors><error>The document is a draft/);
    assert.equal((await other.call('PUT', `invoice/${ft.id}/email-invoice.xml`, xml, { xml: true })).status, 404);
  });

  it('email-document: 422 without an address, with a bad one, or for a draft; 404 for another type, id or account', async () => {
    const put = (path: string, message: unknown, c = ix) => c.call('PUT', path, { message });
    const count = sink.messages.length;
    assert.deepEqual((await put(`invoices/${ft.id}/email-document.json`, { subject: 'x' })).body.errors, [
      { error: 'client email is required' },
    ]);
    const bad = await put(`invoices/${ft.id}/email-document.json`, { client: { email: 'not-an-address' } });
    assert.equal(bad.status, 422);
    assert.match(bad.body.errors[0].error, /^email /);
    assert.match(
      (await put(`invoices/${draft.id}/email-document.json`, { client: { email: 'a@b.pt' } })).body.errors[0].error,
      /draft/,
    );
    assert.equal((await put(`credit_notes/${ft.id}/email-document.json`, { client: { email: 'a@b.pt' } })).status, 404);
    assert.equal((await put('invoices/99999999/email-document.json', { client: { email: 'a@b.pt' } })).status, 404);
    assert.equal(
      (await put(`invoices/${ft.id}/email-document.json`, { client: { email: 'a@b.pt' } }, other)).status,
      404,
    );
    await settle(t);
    assert.equal(sink.messages.length, count, 'nothing was queued');
  });
});
