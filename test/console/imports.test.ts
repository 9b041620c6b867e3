import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startConsole, type ConsoleTest } from './support.js';
import { EN_HEADER } from '../imports/support.js';

let c: ConsoleTest;
before(async () => {
  c = await startConsole();
});
after(async () => {
  await c?.close();
});

/** 1,000 data rows: 100 documents of 10 lines (the header is row 1; document d's line j is row 10(d − 1) + j + 1). */
const DOCS = 100;
const LINES = 10;
function subscribersCsv(bad = new Map<number, string>()): string {
  const rows = [EN_HEADER];
  for (let d = 1; d <= DOCS; d++)
    for (let j = 1; j <= LINES; j++) {
      const row = rows.length + 1;
      rows.push(
        bad.get(row) ??
          (j === 1
            ? `D${d},FT,123456789,Cliente Import,,Assinatura ${d},1,${10 + d}.50,,23`
            : `D${d},,,,,Extra ${j},${j},3.25,10,23`),
      );
    }
  return rows.join('\n') + '\n';
}
const bad = new Map([
  [5, 'D1,,,,,Extra 4,abc,3.25,10,23'],
  [400, 'D40,,,,NOPE-1,,9,3.25,10,23'],
  [901, 'D90,,,,,Extra 10,10,3.25,10,17'],
]);

test('bulk invoicing in the browser: three errors shown, the fixed file issued, progress to 100 %, the report checked', async (tt) => {
  if (!c.browser) return tt.skip(c.skipReason);
  const started = performance.now();
  const phase = (name: string) => tt.diagnostic(`${name}: ${Math.round(performance.now() - started)} ms`);
  const page = await c.newPage();
  await c.signIn(page);

  // The file with three bad rows: every error at its row and column, and nothing to issue.
  await page.goto(`${c.baseUrl}/console/imports`);
  await page.setInputFiles('#import-file', {
    name: 'subscribers-bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(subscribersCsv(bad)),
  });
  await Promise.all([
    page.waitForURL(/\/console\/imports\/uploads\/[\w-]+$/),
    page.click('form[data-imports-upload] button[type=submit]'),
  ]);
  const errorRows = page.locator('#preview-errors tbody tr');
  const errors: string[][] = [];
  for (let i = 0; i < (await errorRows.count()); i++)
    errors.push((await errorRows.nth(i).locator('td').allInnerTexts()).map((s) => s.trim()));
  assert.deepEqual(
    errors.map(([row, column]) => [row, column]),
    [
      ['5', 'quantity'],
      ['400', 'itemCode'],
      ['901', 'taxRate'],
    ],
    JSON.stringify(errors),
  );
  assert.match(errors[0][2], /quantity|number/i);
  assert.match(errors[1][2], /NOPE-1/);
  assert.match(errors[2][2], /tax rate/i);
  assert.equal(await page.$('#issue-button'), null, 'no Issue button while errors remain');
  phase('three errors shown');
  assert.equal((await c.t.call('GET', '/v1/documents?perPage=1')).body.pagination.total, 0);

  // Fixed and uploaded again: 500 documents, no error, the Issue button.
  await page.goto(`${c.baseUrl}/console/imports`);
  await page.setInputFiles('#import-file', {
    name: 'subscribers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(subscribersCsv()),
  });
  await Promise.all([
    page.waitForURL(/\/console\/imports\/uploads\/[\w-]+$/),
    page.click('form[data-imports-upload] button[type=submit]'),
  ]);
  assert.equal(await page.$('#preview-errors'), null);
  assert.equal((await page.textContent('#preview-summary [data-valid]'))!.replace(/\D/g, ''), String(DOCS));
  const button = (await page.textContent('#issue-button'))!;
  assert.match(button.replace(/\D/g, ''), new RegExp(`^${DOCS}$`), button);

  phase('fixed file previewed');
  // Issue, and watch the live progress reach 100 %.
  await Promise.all([page.waitForURL(/\/console\/imports\/\d+$/), page.click('#issue-button')]);
  assert.equal(await page.getAttribute('#import-progress', 'max'), String(DOCS));
  // The page follows the stream from here: the worker issues while the page is open.
  c.t.worker.start();
  await page.waitForSelector('#import-result', { timeout: 80_000 });
  const bar = page.locator('#import-progress');
  assert.deepEqual([await bar.getAttribute('value'), await bar.getAttribute('max')], [String(DOCS), String(DOCS)]);
  assert.equal((await page.textContent('[data-percent]'))!.trim(), '100');
  assert.equal((await page.textContent('[data-issued]'))!.replace(/\D/g, ''), String(DOCS));

  phase('issued, progress at 100 %');
  // The report: every number of it checked against the native API.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-csv')]);
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks).toString('utf8').trim().split('\r\n');
  assert.deepEqual(lines[0].split(','), ['document', 'row', 'status', 'number', 'atcud', 'total', 'download', 'error']);
  const report = lines.slice(1).map((l) => l.split(','));
  assert.equal(report.length, DOCS);

  const api = new Map<string, { total: string; atcud: string }>();
  for (let p = 1; api.size < DOCS && p <= 5; p++) {
    const res = await c.t.call('GET', `/v1/documents?perPage=200&page=${p}`);
    for (const d of res.body.data) api.set(d.number, { total: d.totals.gross, atcud: d.atcud });
  }
  assert.equal(api.size, DOCS);
  const seriesList = (await c.t.call('GET', '/v1/series')).body;
  const seriesCodes = new Set((seriesList.data ?? seriesList).map((x: { code: string }) => x.code));
  const sequences = new Set<number>();
  for (const [key, row, status, number, atcud, total, link, error] of report) {
    assert.equal(status, 'issued', `${key}: ${error}`);
    const m = /^FT (\S+)\/(\d+)$/.exec(number);
    assert.ok(m, `${key}: ${number} is FT <series>/<n>`);
    assert.ok(seriesCodes.has(m[1]), `${number}: a series of the account`);
    const doc = api.get(number);
    assert.ok(doc, `${number} exists`);
    assert.equal(total, doc.total, `${number} total`);
    assert.equal(atcud, doc.atcud, `${number} ATCUD`);
    assert.ok(atcud, `${number} has an ATCUD`);
    const d = Number(key.slice(1));
    assert.equal(Number(row), (d - 1) * LINES + 2, `${key}'s first row`);
    assert.match(link, /\/download\/\d+\//);
    sequences.add(Number(m[2]));
  }
  assert.equal(sequences.size, DOCS);
  assert.deepEqual([Math.min(...sequences), Math.max(...sequences)], [1, DOCS], 'gapless from 1');
  phase('report checked');
});
