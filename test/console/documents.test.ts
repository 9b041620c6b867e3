import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfPages } from '../pdf/pdf-text.js';
import { startConsole, type ConsoleTest } from './support.js';

let c: ConsoleTest;
before(async () => {
  c = await startConsole();
});
after(async () => {
  await c?.close();
});

const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>';

const issue = async (customer: Record<string, unknown>, lines: Record<string, unknown>[], extra = {}) => {
  const r = await c.t.call('POST', '/v1/documents', { type: 'FT', customer, lines, finalize: true, ...extra });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: number; number: string; atcud: string };
};

test('documents in the browser: list and filter, the page, the PDF, a cancellation, an XSS name as text, 404', async (tt) => {
  if (!c.browser) return tt.skip(c.skipReason);
  const shown = await issue(
    { name: 'Papelaria Central, Lda', taxId: '503340855', email: 'papelaria@example.com', city: 'Porto' },
    [
      { description: 'Resmas de papel A4', quantity: '10', unitPrice: '4.35', taxName: 'IVA23', productType: 'P' },
      { description: 'Manutenção da impressora', quantity: '1.5', unitPrice: '40', taxName: 'IVA23', productType: 'S' },
      { description: 'Livro escolar', quantity: '2', unitPrice: '12.5', taxName: 'IVA6', productType: 'P' },
    ],
    { reference: 'ENC-2026-118', observations: 'Entrega na loja da Rua de Santa Catarina.' },
  );
  const toCancel = await issue({ name: 'Cliente a Anular', taxId: '123456789', email: 'anular@example.com' }, [
    { description: 'Serviço faturado por engano', quantity: '1', unitPrice: '80', taxName: 'IVA23' },
  ]);
  const hostile = await issue({ name: XSS, taxId: '250000016', email: 'xss@example.com' }, [
    { description: 'Teste', quantity: '1', unitPrice: '1', taxName: 'IVA23' },
  ]);
  const other = await c.t.newAccount();
  const theirs = await c.t.call(
    'POST',
    '/v1/documents',
    {
      type: 'FT',
      customer: { name: 'Outra Conta', taxId: '123456789' },
      lines: [{ description: 'X', quantity: '1', unitPrice: '5', taxName: 'IVA23' }],
      finalize: true,
    },
    { key: other.apiKey },
  );
  assert.equal(theirs.status, 201);

  const page = await c.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await c.signIn(page);

  // The list, then filtered by customer through the GET form (the filters stay in the URL).
  await page.goto(`${c.baseUrl}/console/documents`);
  assert.equal(await page.locator('[data-testid=documents-table] tbody tr').count(), 3);
  await page.fill('#f-customer', 'Papelaria');
  await Promise.all([page.waitForURL(/customer=Papelaria/), page.click('form[role=search] button[type=submit]')]);
  const rows = page.locator('[data-testid=documents-table] tbody tr');
  assert.equal(await rows.count(), 1);
  assert.equal((await rows.first().locator('td a').textContent())?.trim(), shown.number);
  assert.equal(await page.inputValue('#f-customer'), 'Papelaria');

  // The XSS name is text on the list and on its page; nothing ran.
  await page.goto(`${c.baseUrl}/console/documents?q=${encodeURIComponent('onerror')}`);
  assert.equal((await page.locator('[data-testid=documents-table] tbody td').nth(3).textContent())?.trim(), XSS);
  assert.equal(await page.locator('main img').count(), 0);
  await page.goto(`${c.baseUrl}/console/documents/${hostile.id}`);
  assert.equal((await page.textContent('[data-testid=customer-name]'))?.trim(), XSS);
  assert.equal(await page.locator('main script').count(), 0);
  assert.deepEqual(dialogs, [], 'no dialog fired');

  // The document page: number, ATCUD, the QR code drawn, the totals.
  await Promise.all([
    page.waitForURL(new RegExp(`/console/documents/${shown.id}$`)),
    page
      .goto(`${c.baseUrl}/console/documents?customer=Papelaria`)
      .then(() => page.click(`a[href="/console/documents/${shown.id}"]`)),
  ]);
  assert.equal((await page.textContent('[data-testid=document-number]'))?.trim(), shown.number);
  assert.equal((await page.textContent('[data-testid=atcud]'))?.trim(), shown.atcud);
  // The QR image loaded (a string: the test's TypeScript has no DOM types).
  await page.waitForFunction(
    "(() => { const i = document.querySelector('[data-testid=qr]'); return !!i && i.complete && i.naturalWidth > 0; })()",
  );
  assert.equal(await page.locator('[data-testid=lines] tbody tr').count(), 3);
  const shot =
    process.env.FATURADOR_TEST_SCREENSHOTS === '1'
      ? 'docs/console-document.png'
      : join(tmpdir(), 'console-document.png');
  await page.screenshot({ path: shot, fullPage: false });

  // Download the PDF: a PDF with the document's number, the Original.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=pdf-download]')]);
  const bytes = await readFile((await download.path())!);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const text = (await pdfPages(bytes)).join('\n');
  assert.ok(text.includes(shown.number), `the PDF names ${shown.number}`);
  assert.ok(text.includes('Original'));

  // Cancel another document with a reason: first without one (the error beside the field), then with it.
  await page.goto(`${c.baseUrl}/console/documents/${toCancel.id}`);
  await page.click('[data-testid=cancel]'); // no reason: the browser does not block it (no `required`), the server does
  await page.waitForSelector('#e-cancel-reason');
  assert.equal(await page.getAttribute('#cancel-reason', 'aria-describedby'), 'e-cancel-reason');
  await page.fill('#cancel-reason', 'Serviço faturado por engano');
  await Promise.all([page.waitForURL(/\?done=cancelled$/), page.click('[data-testid=cancel]')]);
  assert.match((await page.textContent('[data-testid=document-status]')) ?? '', /Anulado|Cancelled/);
  assert.equal((await page.textContent('[data-testid=cancel-reason]'))?.trim(), 'Serviço faturado por engano');
  assert.equal((await c.t.call('GET', `/v1/documents/${toCancel.id}`)).body.status, 'cancelled');

  // Another account's document: the 404 page.
  const res = await page.goto(`${c.baseUrl}/console/documents/${theirs.body.id}`);
  assert.equal(res?.status(), 404);
  assert.deepEqual(dialogs, []);
});
