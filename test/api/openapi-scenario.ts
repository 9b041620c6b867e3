import type { TestApp } from '../support/app.js';
import { startFakeServiceProvider } from '../support/fake-access-points.js';
import { startFakeAtServer } from '../support/fake-at-server.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { multipartBody } from '../imports/support.js';

/** One answer of the native API, with the route template it came through. */
export interface Exchange {
  method: string;
  template: string;
  url: string;
  status: number;
  body: unknown;
  headers: Record<string, unknown>;
}

const today = () => new Date().toISOString().slice(0, 10);
const in30 = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/**
 * Calls every operation of the native API at least once, with real data and real collaborators (fake AT,
 * SMTP sink, webhook receiver), and returns what each answered: the responses the OpenAPI document must describe.
 */
export async function runScenario(start: (extra: Record<string, unknown>) => Promise<TestApp>): Promise<Exchange[]> {
  const fake = await startFakeAtServer();
  const smtp = await startSmtpSink();
  const hooks = await startWebhookReceiver();
  const t = await start({
    secretKey: '0f1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddeeff',
    smtp: {
      host: smtp.host,
      port: smtp.port,
      secure: false,
      from: 'faturas@faturador.test',
      timeoutMs: 2000,
      maxAttempts: 2,
    },
    at: {
      publicKeyPem: fake.publicKeyPem,
      endpoints: { test: fake.endpoints, production: fake.endpoints },
      timeoutMs: 400,
    },
  });
  const out: Exchange[] = [];
  const call = async (
    method: string,
    template: string,
    params: Record<string, unknown>,
    body?: unknown,
    headers?: Record<string, string>,
  ) => {
    const url = template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
    const r = await t.call(method, url, body, { headers });
    out.push({ method, template, url, status: r.status, body: r.body, headers: r.headers as Record<string, unknown> });
    return r;
  };
  try {
    const none = {};
    await call('GET', '/v1/account', none);
    await call('PATCH', '/v1/account', none, { iban: 'PT50 0002 0123 1234 5678 9015 4', bic: 'CGDIPTPL' });
    await call('PATCH', '/v1/account', none, { iban: null, bic: null });
    await call('GET', '/v1/signing-key', none, undefined, { accept: 'application/json' });
    await call('GET', '/v1/signing-key', none);
    const key = await call('POST', '/v1/api-keys', none, { name: 'ci' });
    await call('GET', '/v1/api-keys', none);
    await call('DELETE', '/v1/api-keys/{id}', { id: key.body.id });
    await call('PUT', '/v1/account/logo', none, { image: LOGO });
    await call('GET', '/v1/account/logo', none);
    await call('DELETE', '/v1/account/logo', none);

    const tax = await call('POST', '/v1/taxes', none, { name: 'IVA5', type: 'IVA', code: 'RED', rate: '5' });
    await call('GET', '/v1/taxes', none);
    await call('PATCH', '/v1/taxes/{id}', { id: tax.body.id }, { name: 'IVA5b' });
    await call('DELETE', '/v1/taxes/{id}', { id: tax.body.id });
    const store = await call('POST', '/v1/stores', none, { name: 'Loja Porto', city: 'Porto' });
    await call('GET', '/v1/stores', none);
    await call('PATCH', '/v1/stores/{id}', { id: store.body.id }, { city: 'Gaia' });
    await call('DELETE', '/v1/stores/{id}', { id: store.body.id });
    const series = await call('POST', '/v1/series', none, { code: 'B2026', description: 'Série B' });
    await call('GET', '/v1/series', none);
    await call('GET', '/v1/series/{id}', { id: series.body.id });
    await call('PATCH', '/v1/series/{id}', { id: series.body.id }, { description: 'Série B (2026)' });
    await call(
      'PUT',
      '/v1/series/{id}/validation-codes/{docType}',
      { id: series.body.id, docType: 'FT' },
      { validationCode: 'AAJFJMVNTN' },
    );
    const series2 = await call('POST', '/v1/series', none, { code: 'C2026' });
    await call('DELETE', '/v1/series/{id}', { id: series2.body.id });
    for (const path of [
      'units',
      'payment-methods',
      'shipping-methods',
      'vehicles',
      'document-states',
      'contact-types',
      'item-categories',
    ]) {
      const body =
        path === 'units'
          ? { name: 'Caixa', symbol: 'cx' }
          : path === 'vehicles'
            ? { plate: 'AA-00-BB' }
            : path === 'payment-methods'
              ? { name: 'Cheque', saftCode: 'CH' }
              : { name: `Novo ${path}` };
      const c = await call('POST', `/v1/${path}`, none, body);
      await call('GET', `/v1/${path}`, none);
      await call('PATCH', `/v1/${path}/{id}`, { id: c.body.id }, body);
      await call('DELETE', `/v1/${path}/{id}`, { id: c.body.id });
    }
    await call('GET', '/v1/exemption-reasons', none);
    await call('GET', '/v1/document-types', none);

    const contact = await call('POST', '/v1/contacts', none, {
      name: 'Cliente Exemplo, Lda',
      taxId: '503340855',
      email: 'cliente@example.com',
      city: 'Lisboa',
    });
    await call('GET', '/v1/contacts', none);
    await call('GET', '/v1/contacts/{id}', { id: contact.body.id });
    await call('PATCH', '/v1/contacts/{id}', { id: contact.body.id }, { phone: '210000000' });
    const other = await call('POST', '/v1/contacts', none, { name: 'Outro' });
    await call('DELETE', '/v1/contacts/{id}', { id: other.body.id });
    const item = await call('POST', '/v1/items', none, {
      code: 'CONS',
      description: 'Consultoria',
      price: '100',
      productType: 'P',
      movesStock: true,
    });
    await call('GET', '/v1/items', none);
    await call('GET', '/v1/items/{id}', { id: item.body.id });
    await call('PATCH', '/v1/items/{id}', { id: item.body.id }, { price: '120' });
    const item2 = await call('POST', '/v1/items', none, { code: 'X', description: 'Apagar' });
    await call('DELETE', '/v1/items/{id}', { id: item2.body.id });

    const line = {
      description: 'Consultoria',
      quantity: '2',
      unitPrice: '100.00',
      taxName: 'IVA23',
      discounts: ['10'],
    };
    const draft = await call('POST', '/v1/documents', none, {
      type: 'FT',
      contactId: contact.body.id,
      dueDate: in30(),
      lines: [line],
    });
    await call(
      'PUT',
      '/v1/documents/{id}',
      { id: draft.body.id },
      { type: 'FT', contactId: contact.body.id, lines: [line, { itemId: item.body.id, quantity: '1' }] },
    );
    await call('POST', '/v1/documents/{id}/finalize', { id: draft.body.id });
    await call('POST', '/v1/documents/preview', none, { type: 'FT', contactId: contact.body.id, lines: [line] });
    const ft = await call(
      'POST',
      '/v1/documents',
      none,
      {
        type: 'FT',
        finalize: true,
        customer: { name: 'Cliente Exemplo', taxId: '123456789' },
        withholding: { type: 'IRS', rate: '25' },
        globalDiscount: { kind: 'percent', value: '5' },
        lines: [line],
      },
      { 'idempotency-key': 'scenario-1' },
    );
    await call('GET', '/v1/documents', none);
    await call('GET', '/v1/documents/{id}', { id: ft.body.id });
    const del = await call('POST', '/v1/documents', none, { type: 'FT', lines: [line] });
    await call('DELETE', '/v1/documents/{id}', { id: del.body.id });
    await call(
      'POST',
      '/v1/documents/{id}/credit-notes',
      { id: ft.body.id },
      { lines: [{ originLineId: ft.body.lines[0].id, quantity: '1' }], finalize: true },
    );
    await call('POST', '/v1/documents/{id}/debit-notes', { id: draft.body.id }, { finalize: true });
    await call('POST', '/v1/receipts', none, {
      documents: [{ documentId: draft.body.id, amount: '10' }],
      finalize: true,
    });
    const quote = await call('POST', '/v1/documents', none, {
      type: 'OR',
      finalize: true,
      contactId: contact.body.id,
      lines: [line],
    });
    await call('POST', '/v1/documents/convert', none, { type: 'FT', originIds: [quote.body.id] });
    await call('POST', '/v1/opening-balances', none, { kind: 'customer', contactId: contact.body.id, amount: '50.00' });
    const wrong = await t.call('POST', '/v1/documents', { type: 'FT', finalize: true, lines: [line] });
    await call('POST', '/v1/documents/{id}/cancel', { id: wrong.body.id }, { reason: 'Erro no cliente' });
    await call('GET', '/v1/documents/{id}/pdf', { id: draft.body.id });
    await call('GET', '/v1/documents/{id}/einvoice?syntax={syntax}', { id: draft.body.id, syntax: 'cii' });
    await call('GET', '/v1/stock', none);
    await call('GET', '/v1/stock/movements', none);
    const doc = (await t.call('GET', `/v1/documents/${draft.body.id}`)).body;
    await call('GET', '/download/{id}/{token}', { id: doc.id, token: doc.downloadToken });

    await call('GET', '/v1/email/smtp', none);
    await call('PUT', '/v1/email/smtp', none, { host: smtp.host, port: smtp.port, secure: false });
    await call('POST', '/v1/email/test', none, { to: 'a@example.com' });
    await call('DELETE', '/v1/email/smtp', none);
    await call('GET', '/v1/email/templates/{language}', { language: 'pt' });
    await call('PUT', '/v1/email/templates/{language}', { language: 'pt' }, { subject: 'Fatura {{documentNumber}}' });
    await call('DELETE', '/v1/email/templates/{language}', { language: 'pt' });
    await call('POST', '/v1/documents/{id}/email', { id: draft.body.id }, { to: 'cliente@example.com' });
    await t.worker.drain();
    await call('GET', '/v1/documents/{id}/emails', { id: draft.body.id });
    await call('GET', '/v1/emails', none);
    // Peppol delivery through a fake service provider; the status webhook at the secret URL the settings gave.
    const ap = await startFakeServiceProvider();
    try {
      await call('GET', '/v1/account/peppol', none);
      const peppol = await call('PUT', '/v1/account/peppol', none, {
        kind: 'service-provider',
        baseUrl: ap.url,
        apiKey: ap.apiKey,
        registrationId: ap.registrationId,
      });
      await call('GET', '/v1/peppol/participants/{participantId}', { participantId: '0208:0202239951' });
      await call('POST', '/v1/account/peppol/registration', none, {});
      await call('DELETE', '/v1/account/peppol/registration', none);
      await call('POST', '/v1/documents/{id}/peppol', { id: draft.body.id }, {});
      await t.worker.drain();
      await call('GET', '/v1/documents/{id}/peppol', { id: draft.body.id });
      const token = String(peppol.body.statusCallbackUrl).split('/').pop();
      await call('POST', '/v1/peppol/status/{token}', { token }, { transmissionId: 'unknown', status: 'delivered' });
      await call('DELETE', '/v1/account/peppol', none);
    } finally {
      await ap.close();
    }

    const hook = await call('POST', '/v1/webhooks', none, { url: hooks.url, events: ['*'] });
    await call('GET', '/v1/webhooks', none);
    await call('GET', '/v1/webhooks/{id}', { id: hook.body.id });
    await call('PATCH', '/v1/webhooks/{id}', { id: hook.body.id }, { description: 'ERP' });
    await call('POST', '/v1/webhooks/{id}/rotate-secret', { id: hook.body.id }, { graceSeconds: 60 });
    await t.call('POST', '/v1/documents', { type: 'FT', finalize: true, lines: [line] });
    await t.worker.drain();
    await t.worker.drain();
    const deliveries = await call('GET', '/v1/webhooks/{id}/deliveries', { id: hook.body.id });
    await call('POST', '/v1/webhooks/deliveries/{id}/redeliver', { id: deliveries.body.data[0].id });
    await call('DELETE', '/v1/webhooks/{id}', { id: hook.body.id });

    const a = await t.newAccount({ sandbox: false, taxId: '509000002' });
    fake.addUser('509000002/1', 'senha-509000002');
    const ax = (method: string, template: string, params: Record<string, unknown>, body?: unknown) => {
      const url = template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
      return t.call(method, url, body, { key: a.apiKey }).then((r) => {
        out.push({
          method,
          template,
          url,
          status: r.status,
          body: r.body,
          headers: r.headers as Record<string, unknown>,
        });
        return r;
      });
    };
    await ax('PUT', '/v1/at/settings', none, {
      username: '509000002/1',
      password: 'senha-509000002',
      transportEnabled: false,
    });
    await ax('GET', '/v1/at/settings', none);
    await ax('POST', '/v1/at/test-connection', none);
    const s = (await t.call('GET', '/v1/series', undefined, { key: a.apiKey })).body[0];
    await ax('POST', '/v1/series/{id}/register', { id: s.id }, { docType: 'GT' });
    await ax('POST', '/v1/series/{id}/register', { id: s.id }, { docType: 'FT' });
    await ax('POST', '/v1/series/{id}/annul-at', { id: s.id }, { docType: 'FT' });
    const gt = await t.call(
      'POST',
      '/v1/documents',
      {
        type: 'GT',
        finalize: true,
        customer: {
          name: 'Cliente Transportes, Lda',
          taxId: '503340855',
          street: 'Rua do Destino, 5',
          postalCode: '4000-001',
          city: 'Porto',
        },
        loadAddress: { street: 'Rua A 1', postalCode: '1000-001', city: 'Lisboa', country: 'PT' },
        unloadAddress: { street: 'Rua do Destino, 5', postalCode: '4000-001', city: 'Porto', country: 'PT' },
        loadAt: `${in30()}T10:00:00`,
        vehiclePlate: 'AA-00-BB',
        lines: [{ description: 'Paletes', quantity: '10', unitPrice: '12.50', taxName: 'IVA23' }],
      },
      { key: a.apiKey },
    );
    await ax('POST', '/v1/documents/{id}/communicate', { id: gt.body.id });
    await ax('PUT', '/v1/documents/{id}/at-code', { id: gt.body.id }, { atCode: '123456789' });
    await ax('GET', '/v1/at/communications', none);
    await ax('POST', '/v1/series/{id}/finalize-at', { id: s.id }, { justification: 'Fim do ano' });
    await call('GET', '/v1/saft?month={month}&year={year}', {
      month: Number(today().slice(5, 7)),
      year: today().slice(0, 4),
    });
    // A SAF-T file built in the background (InvoiceXpress's export) is fetched by its public link.
    const month = `month=${Number(today().slice(5, 7))}&year=${today().slice(0, 4)}&api_key=${t.account.apiKey}`;
    await t.app.inject({ method: 'GET', url: `/invoicexpress/api/export_saft.json?${month}` });
    await t.worker.drain();
    const ready = (
      await t.app.inject({ method: 'GET', url: `/invoicexpress/api/export_saft.json?${month}` })
    ).json() as { url: string };
    const [, saftId, saftToken] = /\/download\/saft\/(\d+)\/(\w+)/.exec(ready.url) ?? [];
    await call('GET', '/download/saft/{id}/{token}', { id: saftId, token: saftToken });
    // E-invoice validation takes the XML itself: a bare UBL invoice, answered 200 with its XSD errors and findings.
    const einvoice = await t.app.inject({
      method: 'POST',
      url: '/v1/einvoices/validate',
      payload:
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" ' +
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>1</cbc:ID></Invoice>',
      headers: { authorization: `Bearer ${t.account.apiKey}`, 'content-type': 'application/xml' },
    });
    out.push({
      method: 'POST',
      template: '/v1/einvoices/validate',
      url: '/v1/einvoices/validate',
      status: einvoice.statusCode,
      body: einvoice.json(),
      headers: einvoice.headers,
    });
    // Reception: a gateway pushes two bare UBL invoices with a PDF (kept although invalid), one twice; one is
    // accepted, one refused.
    const pushed: number[] = [];
    for (const [transmission, status] of [
      ['scenario-1', 201],
      ['scenario-2', 201],
      ['scenario-2', 200],
    ] as const) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/v1/peppol/inbound',
        payload:
          '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" ' +
          'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
          'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>R-1</cbc:ID>' +
          '<cac:AdditionalDocumentReference><cbc:ID>R-1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject ' +
          'mimeCode="application/pdf" filename="R-1.pdf">JVBERi0xLjQKJSVFT0YK</cbc:EmbeddedDocumentBinaryObject>' +
          '</cac:Attachment></cac:AdditionalDocumentReference></Invoice>',
        headers: {
          authorization: `Bearer ${t.account.apiKey}`,
          'content-type': 'application/xml',
          'peppol-transmission-id': transmission,
        },
      });
      if (r.statusCode !== status) throw new Error(`POST /v1/peppol/inbound: ${r.statusCode} ${r.body}`);
      pushed.push(r.json().id);
      out.push({
        method: 'POST',
        template: '/v1/peppol/inbound',
        url: '/v1/peppol/inbound',
        status: r.statusCode,
        body: r.json(),
        headers: r.headers,
      });
    }
    await call('GET', '/v1/inbox', none);
    await call('GET', '/v1/inbox/{id}', { id: pushed[0] });
    await call('GET', '/v1/inbox/{id}/xml', { id: pushed[0] });
    await call('GET', '/v1/inbox/{id}/pdf', { id: pushed[0] });
    await call('POST', '/v1/inbox/{id}/accept', { id: pushed[0] });
    await call('POST', '/v1/inbox/{id}/refuse', { id: pushed[1] }, { reason: 'Unknown order' });
    // Bulk invoicing: a multipart upload (the preview, then issued), its progress and report, the template.
    let importId = 0;
    for (const fields of [{ dryRun: 'true' }, {}] as Record<string, string>[]) {
      const csv = 'Document,Description,Quantity,Unit price,Tax rate %\nI1,Consultoria,1,100,23\n';
      const { payload, contentType } = multipartBody({ name: 'faturas.csv', bytes: csv }, fields);
      const r = await t.app.inject({
        method: 'POST',
        url: '/v1/imports',
        payload,
        headers: { authorization: `Bearer ${t.account.apiKey}`, 'content-type': contentType },
      });
      out.push({
        method: 'POST',
        template: '/v1/imports',
        url: '/v1/imports',
        status: r.statusCode,
        body: r.json(),
        headers: r.headers,
      });
      if (r.statusCode === 201) importId = r.json().id;
    }
    await t.worker.drain();
    await call('GET', '/v1/imports/{id}', { id: importId });
    await call('GET', '/v1/imports/{id}/report', { id: importId });
    await call('GET', '/v1/imports/{id}/pdfs', { id: importId });
    await call('GET', '/v1/imports/template', none);
    return out;
  } finally {
    await t.close();
    await hooks.close();
    await smtp.close();
    await fake.close();
  }
}

/** A 1×1 PNG. */
const LOGO = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
