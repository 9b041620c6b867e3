import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { signInInject, type InjectSession } from './support.js';

let t: TestApp;
let session: InjectSession;
before(async () => {
  // A secret key, so webhook endpoints (their signing secrets sealed with it) can be created.
  t = await startTestApp({ secretKey: 'd0'.repeat(32) });
  session = await signInInject(t);
});
after(async () => {
  await t?.close();
});

const CUSTOMER = { name: 'Cliente Consola, Lda', taxId: '123456789', email: 'cliente@example.com' };
/** A valid Portuguese tax id from 8 digits (mod 11 check digit): each customer of a test its own contact. */
const nif = (base: string) => {
  const sum = [...base].reduce((s, d, i) => s + Number(d) * (9 - i), 0);
  const check = 11 - (sum % 11);
  return base + (check >= 10 ? 0 : check);
};
const invoice = async (extra: Record<string, unknown> = {}) => {
  const r = await t.call('POST', '/v1/documents', {
    type: 'FT',
    customer: CUSTOMER,
    lines: [
      { description: 'Serviço', quantity: '2', unitPrice: '50', taxName: 'IVA23' },
      { description: 'Produto', quantity: '3', unitPrice: '10', taxName: 'IVA23' },
    ],
    finalize: true,
    ...extra,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; number: string; lines: { id: number }[] };
};
const get = (url: string, s = session) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
const post = (url: string, form: Record<string, string>, s: InjectSession | null = session) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams({ ...(s ? { _csrf: s.csrf } : {}), ...form }).toString(),
    headers: { cookie: (s ?? session).cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
const status = async (id: number) => (await t.call('GET', `/v1/documents/${id}`)).body.status;

describe('documents list', () => {
  test('filters by type, status, customer, amount and text; sorts and pages; bad filters are 422 beside their field', async () => {
    const a = await invoice({
      customer: { ...CUSTOMER, name: 'Alfa Lista', taxId: nif('25000001'), email: 'alfa@example.com' },
    });
    await invoice({
      customer: { ...CUSTOMER, name: 'Beta Lista', taxId: nif('25000002'), email: 'beta@example.com' },
      reference: 'REF-LIST-9',
    });
    const page = await get('/console/documents?customer=Lista&sort=customer&dir=asc');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.indexOf('Alfa Lista') < page.body.indexOf('Beta Lista'));
    assert.ok(page.body.includes(`href="/console/documents/${a.id}"`));
    const desc = await get('/console/documents?customer=Lista&sort=customer&dir=desc');
    assert.ok(desc.body.indexOf('Beta Lista') < desc.body.indexOf('Alfa Lista'));
    const byText = await get('/console/documents?q=REF-LIST-9');
    assert.ok(byText.body.includes('Beta Lista') && !byText.body.includes('Alfa Lista'));
    // 2 × 50 + 3 × 10 = 130 net, 159.90 gross
    assert.ok((await get('/console/documents?customer=Lista&min=159,90&max=159.90')).body.includes('Alfa Lista'));
    assert.ok(!(await get('/console/documents?customer=Lista&min=160')).body.includes('Alfa Lista'));
    const paged = await get('/console/documents?customer=Lista&perPage=1&page=2');
    assert.match(paged.body, /2 documents · page 2 of 2|2 documentos · página 2 de 2/);
    assert.ok(paged.body.includes('rel="prev"'));
    const none = await get('/console/documents?status=cancelled&customer=Lista');
    assert.ok(none.body.includes('data-testid="documents-empty"'));
    const bad = await get('/console/documents?from=2026-02-31&min=abc');
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /id="f-from"[^>]*aria-invalid="true" aria-describedby="e-from"/);
    assert.match(bad.body, /<p class="field-error" id="e-min">/);
  });
});

describe('document page', () => {
  test('shows lines, totals, ATCUD, hash characters and a QR image; a garbage or another account’s id is a 404 page', async () => {
    const ft = await invoice();
    const page = await get(`/console/documents/${ft.id}`);
    assert.equal(page.statusCode, 200);
    const doc = (await t.call('GET', `/v1/documents/${ft.id}`)).body;
    assert.ok(page.body.includes(doc.number));
    assert.ok(page.body.includes(`data-testid="atcud">${doc.atcud}<`));
    assert.ok(page.body.includes(`<code>${doc.legal.hashChars}</code>`));
    assert.ok(page.body.includes(`src="/console/documents/${ft.id}/qr.png"`));
    const qr = await get(`/console/documents/${ft.id}/qr.png`);
    assert.equal(qr.statusCode, 200);
    assert.equal(qr.headers['content-type'], 'image/png');
    assert.deepEqual([...qr.rawPayload.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    for (const url of ['/console/documents/abc', '/console/documents/0', '/console/documents/99999999']) {
      const r = await get(url);
      assert.equal(r.statusCode, 404, url);
    }
    const other = await t.newAccount();
    const theirs = await t.call(
      'POST',
      '/v1/documents',
      {
        type: 'FT',
        customer: CUSTOMER,
        lines: [{ description: 'X', quantity: '1', unitPrice: '5', taxName: 'IVA23' }],
        finalize: true,
      },
      { key: other.apiKey },
    );
    assert.equal(theirs.status, 201);
    assert.equal((await get(`/console/documents/${theirs.body.id}`)).statusCode, 404);
    assert.equal((await get(`/console/documents/${theirs.body.id}/qr.png`)).statusCode, 404);
    assert.equal((await post(`/console/documents/${theirs.body.id}/cancel`, { reason: 'não é meu' })).statusCode, 404);
    assert.equal((await post(`/console/documents/${theirs.body.id}/pdf`, {})).statusCode, 404);
    assert.equal(
      (await t.call('GET', `/v1/documents/${theirs.body.id}`, undefined, { key: other.apiKey })).body.status,
      'final',
    );
  });

  test('the PDF is a POST: inline for the preview, an attachment for the download; Original first, then 2.ª via', async () => {
    const ft = await invoice();
    const first = await post(`/console/documents/${ft.id}/pdf`, {});
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['content-type'], 'application/pdf');
    assert.match(String(first.headers['content-disposition']), /^inline; filename="FT /);
    assert.equal(first.headers['x-document-copy'], 'original');
    assert.equal(first.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const second = await post(`/console/documents/${ft.id}/pdf`, { download: '1' });
    assert.match(String(second.headers['content-disposition']), /^attachment; /);
    assert.equal(second.headers['x-document-copy'], 'reprint');
  });
});

describe('webhook deliveries on the page', () => {
  test('the deliveries of a document’s events, redeliveries included, and none of another document', async () => {
    const hooks = await startWebhookReceiver();
    try {
      const endpoint = await t.call('POST', '/v1/webhooks', { url: hooks.url, events: ['document.finalized'] });
      assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
      const ft = await invoice();
      for (let i = 0; i < 100 && hooks.requests.length < 1; i++) {
        await t.worker.drain();
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(hooks.requests.length, 1);
      const deliveries = (await t.call('GET', `/v1/webhooks/${endpoint.body.id}/deliveries`)).body.data;
      const again = await t.call('POST', `/v1/webhooks/deliveries/${deliveries[0].id}/redeliver`);
      assert.ok(again.status < 300, JSON.stringify(again.body));
      const other = await invoice();
      for (let i = 0; i < 100 && hooks.requests.length < 3; i++) {
        await t.worker.drain();
        await new Promise((r) => setTimeout(r, 20));
      }
      const rows = async (id: number) => {
        const body = (await get(`/console/documents/${id}`)).body;
        const table = body.slice(body.indexOf('data-testid="webhooks"'));
        return table.slice(0, table.indexOf('</table>')).match(/document\.finalized/g)?.length;
      };
      assert.equal(await rows(ft.id), 2, 'the delivery and its redelivery');
      assert.equal(await rows(other.id), 1);
      await t.call('DELETE', `/v1/webhooks/${endpoint.body.id}`);
    } finally {
      await hooks.close();
    }
  });
});

describe('actions', () => {
  test('cancel without a reason: 422, the form again with the error beside the field; with one: 303 and cancelled', async () => {
    const ft = await invoice();
    const refused = await post(`/console/documents/${ft.id}/cancel`, { reason: '   ' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /id="cancel-reason"[^>]*aria-invalid="true" aria-describedby="e-cancel-reason"/);
    assert.match(refused.body, /<p class="field-error" id="e-cancel-reason">(Obrigatório|Required)\.<\/p>/);
    assert.equal(await status(ft.id), 'final');
    const tooLong = await post(`/console/documents/${ft.id}/cancel`, { reason: 'x'.repeat(201) });
    assert.equal(tooLong.statusCode, 422);
    assert.ok(tooLong.body.includes('x'.repeat(201)), 'the value typed is kept');
    assert.match(tooLong.body, /id="e-cancel-reason">At most 200 characters/);
    const done = await post(`/console/documents/${ft.id}/cancel`, { reason: 'Erro no cliente' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/console/documents/${ft.id}?done=cancelled`);
    assert.equal(await status(ft.id), 'cancelled');
    const again = await post(`/console/documents/${ft.id}/cancel`, { reason: 'outra vez' });
    assert.equal(again.statusCode, 409);
    assert.ok(again.body.includes('data-testid="action-error"'));
  });

  test('CSRF missing: 403 and nothing done; a read-scope key session: 403 on actions, the page without forms', async () => {
    const ft = await invoice();
    const noToken = await post(`/console/documents/${ft.id}/cancel`, { reason: 'sem token' }, null);
    assert.equal(noToken.statusCode, 403);
    const wrongToken = await post(`/console/documents/${ft.id}/cancel`, { reason: 'token errado', _csrf: 'nope' });
    assert.equal(wrongToken.statusCode, 403);
    assert.equal(await status(ft.id), 'final');
    const key = await t.call('POST', '/v1/api-keys', { name: 'leitura', scope: 'read' });
    assert.equal(key.status, 201);
    const reader = await signInInject(t, { apiKey: key.body.key });
    const page = await get(`/console/documents/${ft.id}`, reader);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes(`/console/documents/${ft.id}/cancel`));
    assert.ok(page.body.includes(`/console/documents/${ft.id}/pdf`), 'a reader may print');
    for (const action of ['cancel', 'email', 'credit-note', 'receipt', 'duplicate', 'finalize', 'delete']) {
      const r = await post(`/console/documents/${ft.id}/${action}`, { reason: 'leitura', to: 'a@example.com' }, reader);
      assert.equal(r.statusCode, 403, action);
    }
    assert.equal(await status(ft.id), 'final');
  });

  test('credit note of chosen quantities with a reason, a receipt of the open balance, an e-mail, a duplicate', async () => {
    const ft = await invoice();
    const noReason = await post(`/console/documents/${ft.id}/credit-note`, {
      reason: '',
      [`qty_${ft.lines[0].id}`]: '1',
    });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /id="e-creditNote-reason"/);
    const credited = await post(`/console/documents/${ft.id}/credit-note`, {
      reason: 'Devolução parcial',
      [`qty_${ft.lines[0].id}`]: '1',
      [`qty_${ft.lines[1].id}`]: '0',
    });
    assert.equal(credited.statusCode, 303);
    const noteId = Number(/\/console\/documents\/(\d+)\?done=credited$/.exec(String(credited.headers.location))?.[1]);
    const note = (await t.call('GET', `/v1/documents/${noteId}`)).body;
    assert.equal(note.type, 'NC');
    assert.equal(note.status, 'final');
    assert.equal(note.lines.length, 1);
    assert.equal(note.lines[0].quantity, '1');
    assert.equal(note.totals.gross, '61.50');
    const notePage = await get(`/console/documents/${noteId}`);
    assert.ok(notePage.body.includes(`href="/console/documents/${ft.id}"`), 'the note links to its origin');

    const badAmount = await post(`/console/documents/${ft.id}/receipt`, { amount: '1.2.3', date: '' });
    assert.equal(badAmount.statusCode, 422);
    assert.match(
      badAmount.body,
      /id="e-receipt-amount"/,
      badAmount.body.slice(
        badAmount.body.indexOf('document-actions'),
        badAmount.body.indexOf('document-actions') + 3000,
      ),
    );
    const tooMuch = await post(`/console/documents/${ft.id}/receipt`, { amount: '100000', date: '' });
    assert.equal(tooMuch.statusCode, 422);
    assert.ok(tooMuch.body.includes('data-testid="action-error"') || tooMuch.body.includes('id="e-receipt-amount"'));
    const receipted = await post(`/console/documents/${ft.id}/receipt`, { amount: '', method: '', date: '' });
    assert.equal(receipted.statusCode, 303, receipted.body.slice(0, 2000));
    const receiptId = Number(
      /\/console\/documents\/(\d+)\?done=receipted$/.exec(String(receipted.headers.location))?.[1],
    );
    assert.equal((await t.call('GET', `/v1/documents/${receiptId}`)).body.status, 'final');
    const invoicePage = await get(`/console/documents/${ft.id}`);
    assert.ok(invoicePage.body.includes(`href="/console/documents/${receiptId}"`), 'the invoice links to its receipt');
    assert.ok(invoicePage.body.includes(`href="/console/documents/${noteId}"`), 'and to its credit note');

    const noTo = await post(`/console/documents/${ft.id}/email`, { to: 'not an address' });
    assert.equal(noTo.statusCode, 422);
    assert.match(noTo.body, /id="e-email-to"/);
    const mailed = await post(`/console/documents/${ft.id}/email`, { to: 'contabilidade@example.com' });
    assert.equal(mailed.statusCode, 303);
    const mailedPage = await get(`/console/documents/${ft.id}?done=emailed`);
    assert.ok(mailedPage.body.includes('contabilidade@example.com'));
    assert.ok(mailedPage.body.includes('data-testid="done"'));

    const dup = await post(`/console/documents/${ft.id}/duplicate`, {});
    assert.equal(dup.statusCode, 303);
    const draftId = Number(
      /\/console\/documents\/(\d+)\/edit\?done=duplicated$/.exec(String(dup.headers.location))?.[1],
    );
    const draft = (await t.call('GET', `/v1/documents/${draftId}`)).body;
    assert.equal(draft.status, 'draft');
    assert.equal(draft.lines.length, 2);
    assert.equal(draft.totals.gross, '159.90');
  });

  test('a quote converts into an issued invoice; a draft is finalized or deleted', async () => {
    const quote = await invoice({ type: 'OR' });
    const converted = await post(`/console/documents/${quote.id}/convert`, {});
    assert.equal(converted.statusCode, 303, converted.body.slice(0, 1500));
    const ftId = Number(/\/console\/documents\/(\d+)\?done=converted$/.exec(String(converted.headers.location))?.[1]);
    const ft = (await t.call('GET', `/v1/documents/${ftId}`)).body;
    assert.equal(ft.type, 'FT');
    assert.equal(ft.status, 'final');
    const draft = await invoice({ finalize: false });
    const draftPage = await get(`/console/documents/${draft.id}`);
    assert.ok(draftPage.body.includes(`href="/console/documents/${draft.id}/edit"`));
    assert.ok(!draftPage.body.includes(`/console/documents/${draft.id}/pdf`), 'a draft has no PDF');
    const fin = await post(`/console/documents/${draft.id}/finalize`, {});
    assert.equal(fin.statusCode, 303);
    assert.equal(await status(draft.id), 'final');
    const other = await invoice({ finalize: false });
    const del = await post(`/console/documents/${other.id}/delete`, {});
    assert.equal(del.statusCode, 303);
    assert.equal(del.headers.location, '/console/documents?done=deleted');
    assert.equal((await t.call('GET', `/v1/documents/${other.id}`)).status, 404);
  });
});
