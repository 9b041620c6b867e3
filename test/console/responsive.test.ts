import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startConsole, type ConsoleTest } from './support.js';

let c: ConsoleTest;
before(async () => {
  c = await startConsole();
});
after(async () => {
  await c?.close();
});

// Visible form controls without an accessible name (label for=, a wrapping label, aria-label, aria-labelledby, title).
const UNNAMED = `[...document.querySelectorAll('input, select, textarea')]
  .filter((e) => e.type !== 'hidden' && e.offsetParent !== null)
  .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.title)
  .map((e) => e.outerHTML.slice(0, 120))`;

// Reported in /work/notes/bugs.md to the area that owns the page (new-document's lines table widens it to ~870 px).
const KNOWN_WIDE = new Set<string>();

test('every console page at 390×844: no horizontal scroll, named inputs, the first Tab on the skip link', async (tt) => {
  if (!c.browser) return tt.skip(c.skipReason);
  const doc = await c.t.call('POST', '/v1/documents', {
    type: 'FT',
    customer: { name: 'Cliente Telemóvel, Lda', taxId: '503340855', email: 'telemovel@example.com' },
    lines: [{ description: 'Serviço', quantity: '1', unitPrice: '10', taxName: 'IVA23', productType: 'S' }],
    finalize: true,
  });
  assert.equal(doc.status, 201, JSON.stringify(doc.body));
  const pages = [
    '/console/documents',
    `/console/documents/${doc.body.id}`,
    '/console/documents/new',
    '/console/customers',
    '/console/items',
    '/console/series',
    '/console/stores',
    '/console/imports',
    '/console/saft',
    '/console/settings',
    '/console/settings/at',
    '/console/settings/smtp',
    '/console/settings/templates',
    '/console/settings/webhooks',
    '/console/api-keys',
  ];
  const page = await c.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await c.signIn(page);
  const problems: string[] = [];
  for (const path of pages) {
    const res = await page.goto(`${c.baseUrl}${path}`);
    if (res?.status() !== 200) {
      problems.push(`${path}: status ${res?.status()}`);
      continue;
    }
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    if (width > 390 && !KNOWN_WIDE.has(path)) problems.push(`${path}: scrollWidth ${width}`);
    const unnamed = (await page.evaluate(UNNAMED)) as string[];
    for (const u of unnamed) problems.push(`${path}: unnamed ${u}`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.className');
    if (focused !== 'skip-link') problems.push(`${path}: first Tab on ${String(focused)}`);
  }
  assert.deepEqual(problems, []);
});
