import { test } from 'node:test';
import assert from 'node:assert/strict';
import PDFDocument from 'pdfkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createCopyMarkPlaceholder, placeCopyMark, stampCopyMark } from './copy-mark.js';

async function tinyPdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const form = createCopyMarkPlaceholder(doc);
  for (let i = 0; i < pages; i++) {
    doc.addPage({ size: 'A4', margin: 0 });
    placeCopyMark(doc, form, 400, 30);
    doc.fontSize(12).text(`page ${i + 1}`, 50, 100);
  }
  doc.end();
  return done;
}

async function texts(bytes: Buffer): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const out: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    out.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  await pdf.destroy();
  return out;
}

test('the copy mark is an incremental update: the render is a prefix, every page shows the mark', async () => {
  const pdf = await tinyPdf(2);
  assert.deepEqual(
    (await texts(pdf)).map((s) => s.trim()),
    ['page 1', 'page 2'],
    'no mark before stamping',
  );
  const stamped = stampCopyMark(pdf, '2.ª via');
  assert.ok(stamped.subarray(0, pdf.length).equals(pdf));
  const pages = await texts(stamped);
  assert.equal(pages.length, 2);
  for (const p of pages) assert.ok(p.includes('2.ª via'), p);

  // The appended cross-reference points at the new object, and startxref at the new section.
  const update = stamped.subarray(pdf.length).toString('latin1');
  const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(update)![1]);
  assert.equal(stamped.subarray(xrefAt, xrefAt + 4).toString('latin1'), 'xref');
  const [, id, offset] = /\n(\d+) 1\n(\d{10}) 00000 n \n/.exec(update)!;
  assert.equal(stamped.subarray(Number(offset), Number(offset) + id.length + 6).toString('latin1'), `${id} 0 obj`);
  const prev = Number(/\/Prev (\d+)/.exec(update)![1]);
  assert.equal(pdf.subarray(prev, prev + 4).toString('latin1'), 'xref');
  assert.match(update, /\/Root \d+ 0 R\n\/Info \d+ 0 R\n\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
});

test('marks with PDF string delimiters are escaped; a PDF without placeholder is refused', async () => {
  const stamped = stampCopyMark(await tinyPdf(1), 'Cópia (2) \\ x');
  assert.ok((await texts(stamped))[0].includes('Cópia (2) \\ x'));
  assert.throws(() => stampCopyMark(Buffer.alloc(0), 'x'), /no copy mark placeholder/);
  assert.throws(() => stampCopyMark(Buffer.from('%PDF-1.3\n%%EOF\n'), 'x'), /no copy mark placeholder/);
});
