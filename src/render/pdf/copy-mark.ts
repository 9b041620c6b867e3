import { createRequire } from 'node:module';
import type PDFKitModule from 'pdfkit';

/**
 * The copy mark ("Original", "Duplicado", "2.ª via") without re-rendering: every page of a rendered PDF shows
 * one shared, empty Form XObject at the top right. A download appends a PDF incremental update that replaces
 * that one object with the mark (PDF 32000-1 §7.5.6). The cached render is therefore a byte-for-byte prefix of
 * every copy, and stamping costs microseconds.
 *
 * The mark uses the standard Helvetica-Bold with WinAnsi encoding: the embedded DejaVu fonts are subsets of
 * the glyphs the render used, so they cannot be relied on for text added afterwards. All mark texts are Latin-1.
 */
export const COPY_MARK_BOX = { width: 110, height: 18 } as const;

const MARKER = 'FaturadorCopyMark';
const XOBJECT_NAME = 'FaturadorCopy';
const FONT_NAME = 'FCM';
const FONT_SIZE = 9.5;
const COLOR = '0.62 0.11 0.11';

interface RefLike {
  id: number;
  end(chunk?: string): void;
}

interface DocLike {
  ref(data: Record<string, unknown>): RefLike;
  addContent(data: string): unknown;
  page: { xobjects: Record<string, unknown> };
}

/** Creates the empty mark object of a document; `placeCopyMark` shows it on a page. */
export function createCopyMarkPlaceholder(doc: PDFKit.PDFDocument): RefLike {
  const d = doc as unknown as DocLike;
  const font = d.ref({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica-Bold', Encoding: 'WinAnsiEncoding' });
  font.end();
  const form = d.ref({
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, COPY_MARK_BOX.width, COPY_MARK_BOX.height],
    Resources: { Font: { [FONT_NAME]: font } },
    [MARKER]: true,
  });
  form.end('% the copy mark is added by an incremental update');
  return form;
}

/** Shows the mark object with its top-left corner at (x, y) in pdfkit's top-down coordinates. */
export function placeCopyMark(doc: PDFKit.PDFDocument, form: RefLike, x: number, y: number): void {
  const d = doc as unknown as DocLike;
  d.page.xobjects[XOBJECT_NAME] = form;
  d.addContent(`q 1 0 0 -1 ${x.toFixed(2)} ${(y + COPY_MARK_BOX.height).toFixed(2)} cm /${XOBJECT_NAME} Do Q`);
}

let measurer: PDFKit.PDFDocument | undefined;
function textWidth(text: string): number {
  // pdfkit loads on first use, not when the server starts.
  measurer ??= new (createRequire(import.meta.url)('pdfkit') as typeof PDFKitModule)({ autoFirstPage: false });
  return measurer.font('Helvetica-Bold').fontSize(FONT_SIZE).widthOfString(text);
}

function winAnsiLiteral(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : 0x3f;
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (byte >= 0x80) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `(${out})`;
}

function find(re: RegExp, s: string, what: string): RegExpExecArray {
  const m = re.exec(s);
  if (!m) throw new Error(`Not a Faturador PDF: no ${what}.`);
  return m;
}

/** The PDF with `text` as its copy mark on every page. */
export function stampCopyMark(pdf: Uint8Array, text: string): Buffer {
  const src = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const s = src.toString('latin1');
  const markerAt = s.lastIndexOf(`/${MARKER} true`);
  if (markerAt < 0) throw new Error('Not a Faturador PDF: no copy mark placeholder.');
  const header = s.lastIndexOf(' 0 obj', markerAt);
  const objectId = Number(s.slice(s.lastIndexOf('\n', header) + 1, header));
  const dict = s.slice(header, markerAt);
  const fontRef = find(new RegExp(`/${FONT_NAME} (\\d+ \\d+ R)`), dict, 'copy mark font')[1];

  const tail = s.slice(s.lastIndexOf('trailer'));
  const size = find(/\/Size (\d+)/, tail, 'trailer size')[1];
  const root = find(/\/Root (\d+ \d+ R)/, tail, 'trailer root')[1];
  const info = /\/Info (\d+ \d+ R)/.exec(tail)?.[1];
  const id = /\/ID (\[[^\]]*\])/.exec(tail)?.[1];
  const prev = find(/startxref\s+(\d+)\s+%%EOF\s*$/, tail, 'startxref')[1];

  const { width: w, height: h } = COPY_MARK_BOX;
  const tx = Math.max(2, (w - textWidth(text)) / 2);
  const content = [
    `q ${COLOR} RG 0.9 w 0.45 0.45 ${w - 0.9} ${h - 0.9} re S Q`,
    `BT ${COLOR} rg /${FONT_NAME} ${FONT_SIZE} Tf ${tx.toFixed(2)} 5.6 Td ${winAnsiLiteral(text)} Tj ET`,
  ].join('\n');
  const sep = s.endsWith('\n') ? '' : '\n';
  const offset = src.length + sep.length;
  const object =
    `${objectId} 0 obj\n<<\n/Type /XObject\n/Subtype /Form\n/BBox [0 0 ${w} ${h}]\n/Resources <<\n/Font <<\n/${FONT_NAME} ${fontRef}\n>>\n>>\n` +
    `/Length ${Buffer.byteLength(content, 'latin1')}\n>>\nstream\n${content}\nendstream\nendobj\n`;
  const xrefAt = offset + Buffer.byteLength(object, 'latin1');
  const update =
    `${sep}${object}xref\n0 1\n0000000000 65535 f \n${objectId} 1\n${String(offset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<<\n/Size ${size}\n/Root ${root}\n${info ? `/Info ${info}\n` : ''}${id ? `/ID ${id}\n` : ''}/Prev ${prev}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([src, Buffer.from(update, 'latin1')]);
}
