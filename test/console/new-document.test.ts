import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { setValidationCode } from '../../src/app/series/set-validation-code.js';
import { startConsole, type ConsoleTest } from './support.js';

let c: ConsoleTest;
before(async () => {
  c = await startConsole();
  // The default series is registered at AT (a validation code), so the finalized invoice has a real ATCUD, not "0".
  const listed = (await c.t.call('GET', '/v1/series')).body;
  const series: { id: number; isDefault: boolean }[] = Array.isArray(listed) ? listed : listed.items;
  const def = series.find((x) => x.isDefault)!;
  await c.t.db.database.db
    .transaction()
    .execute((tx) => setValidationCode(tx, c.t.account.accountId, def.id, 'FT', 'BRWS7XK2'));
});
after(async () => {
  await c?.close();
});

const digits = (s: string | null) => (s ?? '').replace(/\D/g, '');
/** The page's document, typed for the functions run in the page (the tests compile without the DOM library). */
type InPage = { document: { querySelector(s: string): { textContent: string | null } | null } };
/** Waits until the page shows this total (its digits: the page formats it in its language). */
const grossShows = (page: Page, want: string) =>
  page.waitForFunction(
    (w) =>
      (
        (globalThis as unknown as InPage).document.querySelector('[data-testid="total-gross"]')?.textContent ?? ''
      ).replace(/\D/g, '') === w,
    want,
  );
const CUSTOMER = { name: 'Cliente do Browser, Lda', taxId: '123456789', email: 'browser@example.com' };
const LINE_23 = { description: 'Consultoria', quantity: '3', unitPrice: '33.33', discounts: ['10'], taxName: 'IVA23' };
const LINE_0 = { description: 'Exportação', quantity: '1', unitPrice: '100.01', taxName: 'IVA0', exemptionCode: 'M05' };

test('a two-line invoice in the browser: new customer, totals from the server as you type, an error fixed, finalized', async (tt) => {
  if (!c.browser) return tt.skip(c.skipReason);
  const taxes: { id: number; name: string }[] = (await c.t.call('GET', '/v1/taxes')).body;
  const taxId = (name: string) => String(taxes.find((x) => x.name === name)!.id);
  const preview = async (lines: unknown[]) => {
    const r = await c.t.call('POST', '/v1/documents/preview', { type: 'FT', customer: CUSTOMER, lines });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body as { totals: Record<string, string>; lines: { grossTotal: string }[] };
  };
  const page = await c.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await c.signIn(page);
  await page.goto(`${c.baseUrl}/console/documents/new?type=FT`);

  // A customer created on the fly.
  await page.click('details.nd-new-customer summary');
  await page.fill('#f-newCustomer-name', CUSTOMER.name);
  await page.fill('#f-newCustomer-taxId', CUSTOMER.taxId);
  await page.fill('#f-newCustomer-email', CUSTOMER.email);

  // Line 1 at 23 % with a discount: the totals are the server's, as the native dry run computes them.
  await page.fill('#f-lines-0-description', LINE_23.description);
  await page.fill('#f-lines-0-quantity', LINE_23.quantity);
  await page.fill('#f-lines-0-unitPrice', LINE_23.unitPrice);
  await page.fill('#f-lines-0-discount', '10');
  await page.selectOption('#f-lines-0-taxId', taxId('IVA23'));
  const one = await preview([LINE_23]);
  await grossShows(page, digits(one.totals.gross));
  assert.equal(digits(await page.textContent('[data-testid="line-total-0"]')), digits(one.lines[0].grossTotal));

  // Line 2, exempt: at 0 % the exemption reason shows, and the server's error appears beside it as you type.
  await page.click('button[data-add-line]');
  await page.fill('#f-lines-1-description', LINE_0.description);
  await page.fill('#f-lines-1-quantity', LINE_0.quantity);
  await page.fill('#f-lines-1-unitPrice', LINE_0.unitPrice);
  await page.selectOption('#f-lines-1-taxId', taxId('IVA0'));
  await page.waitForSelector('#e-f-lines-1-exemptionCode:not([hidden])');
  assert.ok((await page.textContent('#e-f-lines-1-exemptionCode'))?.trim());
  assert.equal(await page.getAttribute('#f-lines-1-exemptionCode', 'aria-describedby'), 'e-f-lines-1-exemptionCode');
  assert.ok(await page.isVisible('#f-lines-1-exemptionCode'));

  // Fixed: the error goes, the totals are the two lines'.
  await page.selectOption('#f-lines-1-exemptionCode', 'M05');
  const two = await preview([LINE_23, LINE_0]);
  await page.waitForSelector('#e-f-lines-1-exemptionCode[hidden]', { state: 'attached' });
  await grossShows(page, digits(two.totals.gross));
  for (const k of ['net', 'tax', 'payable'])
    assert.equal(digits(await page.textContent(`[data-testid="total-${k}"]`)), digits(two.totals[k]), k);
  assert.equal(digits(await page.textContent('[data-testid="line-total-1"]')), digits(two.lines[1].grossTotal));
  assert.equal(await page.locator('[data-tax-summary] tr').count(), 2);

  // Finalize: the document page, with its number and ATCUD.
  await Promise.all([page.waitForURL(/\/console\/documents\/\d+$/), page.click('[data-testid="finalize"]')]);
  const id = Number(/(\d+)$/.exec(page.url())![1]);
  const doc = (await c.t.call('GET', `/v1/documents/${id}`)).body;
  assert.equal(doc.status, 'final');
  assert.equal(doc.customer.name, CUSTOMER.name);
  assert.deepEqual(doc.totals, two.totals);
  const html = await page.content();
  assert.ok(html.includes(doc.number), `the page shows ${doc.number}`);
  assert.match(doc.atcud, /^BRWS7XK2-\d+$/);
  assert.equal((await page.textContent('[data-testid="atcud"]'))?.trim(), doc.atcud);

  // The next document picks that customer and an item by autocomplete: the datalist fills from the lookups.
  const item = await c.t.call('POST', '/v1/items', { code: 'AUTO-1', description: 'Parafuso inox', price: '0.35' });
  assert.equal(item.status, 201, JSON.stringify(item.body));
  await page.goto(`${c.baseUrl}/console/documents/new`);
  await page.fill('#f-customerSearch', 'Browser');
  const option = await page.waitForSelector('#nd-customer-options option', { state: 'attached' });
  await page.fill('#f-customerSearch', (await option.getAttribute('value'))!);
  assert.equal(await page.inputValue('#f-contactId'), String(doc.contactId));
  await page.fill('#f-lines-0-description', 'inox');
  const itemOption = await page.waitForSelector('#nd-item-options option', { state: 'attached' });
  await page.fill('#f-lines-0-description', (await itemOption.getAttribute('value'))!);
  assert.equal(await page.inputValue('#f-lines-0-description'), 'Parafuso inox');
  assert.equal(Number(await page.inputValue('#f-lines-0-unitPrice')), 0.35);
  await page.waitForFunction(
    () =>
      !!(globalThis as unknown as InPage).document.querySelector('[data-testid="total-gross"]')?.textContent?.trim(),
  );
  assert.deepEqual(errors, [], 'no script error');
});
