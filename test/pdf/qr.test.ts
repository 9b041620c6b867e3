import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPS, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startTestApp, type TestApp } from '../support/app.js';
import { INVOICE, create, downloadPdf } from './fixtures.js';
import { pdfItems } from './pdf-text.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const MM = 72 / 25.4;

/** The bounding boxes (points) of the filled paths of page 1 with many sub-paths: the QR symbol. */
async function bigPaths(bytes: Buffer): Promise<{ width: number; height: number; x: number; y: number }[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const page = await pdf.getPage(1);
  const ops = await page.getOperatorList();
  const out: { width: number; height: number; x: number; y: number }[] = [];
  ops.fnArray.forEach((fn, i) => {
    if (fn !== OPS.constructPath) return;
    const [, paths, minMax] = ops.argsArray[i] as [unknown, Float32Array[], Float32Array];
    if ((paths?.[0]?.length ?? 0) < 1000 || !minMax) return;
    out.push({ x: minMax[0], y: minMax[1], width: minMax[2] - minMax[0], height: minMax[3] - minMax[1] });
  });
  await pdf.destroy();
  return out;
}

test('the QR code is at least 30 × 30 mm and sits right under the ATCUD', async () => {
  const ft = await create(t, INVOICE);
  const { bytes } = await downloadPdf(t, ft.id);
  const [qr] = await bigPaths(bytes);
  assert.ok(qr, 'a QR symbol is drawn');
  assert.ok(
    qr.width >= 30 * MM && qr.height >= 30 * MM,
    `${(qr.width / MM).toFixed(1)} × ${(qr.height / MM).toFixed(1)} mm`,
  );
  // NOTE: Portaria 195/2020 art. 4.º n.º 3 — the ATCUD immediately above the QR code.
  const [items] = await pdfItems(bytes);
  const atcud = items.filter((i) => i.str === `ATCUD:${ft.atcud}`).sort((a, b) => a.y - b.y)[0];
  assert.ok(atcud, 'an ATCUD line');
  // pdfjs gives the path's box in the page's drawing coordinates (pdfkit draws top-down); text baselines are bottom-up.
  const A4_HEIGHT = 841.89;
  const baseline = A4_HEIGHT - atcud.y;
  assert.ok(
    baseline < qr.y && qr.y - baseline < 6 * MM,
    `ATCUD baseline ${baseline.toFixed(1)} pt from the top, QR top ${qr.y.toFixed(1)}`,
  );
  assert.ok(atcud.x >= qr.x - 40 && atcud.x <= qr.x + qr.width, 'over the QR');
  const between = items.filter(
    (i) =>
      i !== atcud &&
      A4_HEIGHT - i.y > baseline - 1 &&
      A4_HEIGHT - i.y < qr.y + qr.height &&
      i.x + 10 > qr.x &&
      i.x < qr.x + qr.width,
  );
  assert.deepEqual(
    between.map((i) => i.str),
    [],
    'nothing between the ATCUD and the QR, nor over the QR',
  );
});

test(
  "the QR decodes to the document's AT payload",
  { skip: has('pdftoppm') && has('zbarimg') ? false : 'needs pdftoppm (poppler-utils) and zbarimg (zbar-tools)' },
  async () => {
    const ft = await create(t, { ...INVOICE, withholding: undefined });
    const { bytes } = await downloadPdf(t, ft.id);
    const dir = mkdtempSync(join(tmpdir(), 'faturador-qr-'));
    try {
      writeFileSync(join(dir, 'doc.pdf'), bytes);
      execFileSync('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', join(dir, 'doc.pdf'), join(dir, 'page')]);
      const png = readdirSync(dir).find((f) => f.endsWith('.png'))!;
      const decoded = execFileSync('zbarimg', ['-q', '--raw', join(dir, png)], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
      assert.equal(decoded, ft.legal.qrPayload);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
