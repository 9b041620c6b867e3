import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { atConfig } from '../at/at-env.js';
import { startFakeAtServer, type FakeAtServer } from '../support/fake-at-server.js';
import { startConsole, type ConsoleTest } from './support.js';

let fake: FakeAtServer;
let c: ConsoleTest;
before(async () => {
  fake = await startFakeAtServer();
  c = await startConsole(atConfig(fake, {}, 10_000));
  const username = '503340855/1';
  fake.addUser(username, 'senha-teste');
  const settings = await c.t.call('PUT', '/v1/at/settings', { username, password: 'senha-teste' });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
});
after(async () => {
  await c?.close();
  await fake?.close();
});

const XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';

test('records in the browser: an XSS name shown as text, an item, a series registered at AT, the phone list', async (tt) => {
  if (!c.browser) return tt.skip(c.skipReason);
  const page = await c.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await c.signIn(page);

  // A customer whose name is markup: stored as typed, shown as text, never run.
  await page.goto(`${c.baseUrl}/console/customers/new`);
  await page.fill('#f-name', XSS);
  await page.fill('#f-taxId', '123456780');
  await Promise.all([page.waitForSelector('#e-taxId'), page.click('form.form-grid button[type=submit]')]);
  // A wrong NIF: the form again, the error beside the field, the name kept.
  assert.equal(await page.getAttribute('#f-taxId', 'aria-describedby'), 'e-taxId');
  assert.ok((await page.textContent('#e-taxId'))?.trim());
  assert.equal(await page.inputValue('#f-name'), XSS);
  await page.fill('#f-taxId', '503340855');
  await Promise.all([
    page.waitForURL(/\/console\/customers\/\d+\?done=created/),
    page.click('form.form-grid button[type=submit]'),
  ]);
  assert.equal(await page.textContent('h1'), XSS, 'the heading shows the name as text');
  await page.goto(`${c.baseUrl}/console/customers?q=script`);
  assert.equal(await page.textContent('.records-table tbody a'), XSS);
  assert.equal(await page.evaluate('typeof window.__xss'), 'undefined', 'nothing ran');
  assert.equal(await page.locator('.records-table img').count(), 0);

  // An item.
  await page.goto(`${c.baseUrl}/console/items/new`);
  await page.fill('#f-code', 'SRV-1');
  await page.fill('#f-description', 'Manutenção mensal');
  await page.selectOption('#f-productType', 'S');
  await page.fill('#f-price', '49,90');
  await Promise.all([
    page.waitForURL(/\/console\/items\/\d+\?done=created/),
    page.click('form.form-grid button[type=submit]'),
  ]);
  await page.goto(`${c.baseUrl}/console/items?q=SRV`);
  assert.match(
    (await page.textContent('.records-table tbody tr')) ?? '',
    /SRV-1[\s\S]*Manutenção mensal[\s\S]*49[,.]90/,
  );

  // A series, registered at the (fake) AT: its validation code is shown.
  await page.goto(`${c.baseUrl}/console/series/new`);
  await page.fill('#f-code', 'WEB2026');
  await page.fill('#f-description', 'Vendas online');
  await Promise.all([
    page.waitForURL(/\/console\/series\/\d+\?done=created/),
    page.click('form.form-grid button[type=submit]'),
  ]);
  await page.selectOption('form[action$="/register"] select[name=docType]', 'FT');
  await Promise.all([page.waitForURL(/done=registered/), page.click('form[action$="/register"] button[type=submit]')]);
  const code = fake.series.find((s) => s.serie === 'WEB2026' && s.tipoDoc === 'FT')!.codValidacaoSerie;
  assert.match((await page.textContent('#registered-code')) ?? '', new RegExp(code));
  assert.match((await page.textContent('#series-counters')) ?? '', new RegExp(`FT[\\s\\S]*${code}`));

  // Deleting asks first (data-confirm, handled by shell.js): dismissed, nothing is sent.
  await page.goto(`${c.baseUrl}/console/items?q=SRV`);
  await Promise.all([page.waitForURL(/\/console\/items\/\d+$/), page.click('.records-table tbody a')]);
  await page.click('form[action$="/delete"] button');
  assert.equal(dialogs.length, 1);
  assert.equal((await c.t.call('GET', '/v1/items?code=SRV-1')).body.data.length, 1, 'dismissed: not deleted');

  // A phone: the page body does not scroll sideways; the table scrolls inside its wrapper.
  for (let i = 0; i < 3; i++)
    await c.t.call('POST', '/v1/contacts', {
      name: `Cliente com um nome bastante comprido número ${i}, Lda`,
      email: `contabilidade.departamento.${i}@empresa-com-nome-longo.example`,
      city: 'Vila Nova de Famalicão',
    });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${c.baseUrl}/console/customers`);
  // Evaluated in the page (a string: the tests are compiled without the DOM's types).
  const widths = (await page.evaluate(`(() => {
    const wrap = document.querySelector('.table-wrap');
    return {
      body: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      wrapClient: wrap.clientWidth,
      wrapScroll: wrap.scrollWidth,
      overflowX: getComputedStyle(wrap).overflowX,
    };
  })()`)) as { body: number; viewport: number; wrapClient: number; wrapScroll: number; overflowX: string };
  assert.ok(widths.body <= widths.viewport, `the page is not wider than the phone: ${JSON.stringify(widths)}`);
  assert.ok(widths.wrapClient <= widths.viewport);
  assert.ok(
    ['auto', 'scroll'].includes(widths.overflowX),
    `the table scrolls in its wrapper: ${JSON.stringify(widths)}`,
  );
  // The list's links and the search are reachable by keyboard.
  await page.focus('#q');
  await page.keyboard.type('comprido número 2');
  await Promise.all([page.waitForURL(/q=/), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('.records-table tbody tr').count(), 1);
});
