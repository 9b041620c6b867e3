import { createRequire } from 'node:module';
import type PDFKitModule from 'pdfkit';
import { imageInfo } from '../../app/pdf/image-info.js';
import { type Decimal, ZERO, dec } from '../../domain/money/decimal.js';
import { QR_MIN_SIZE_MM } from '../../domain/pt/qr.js';
import { lisbonDateTime } from '../../domain/time.js';
import { COPY_MARK_BOX, createCopyMarkPlaceholder, placeCopyMark } from './copy-mark.js';
import { FONT, registerFonts } from './fonts.js';
import { LABELS, type Labels } from './labels.js';
import * as f from './format.js';
import type { LabelValue, PdfModel } from './model.js';
import { drawQr, qrMatrix } from './qr.js';

// pdfkit (with fontkit) loads on the first render, not when the server starts.
const pdfkit = () => createRequire(import.meta.url)('pdfkit') as typeof PDFKitModule;

/** A4 in points, and the page frame. */
const PAGE = { width: 595.28, height: 841.89 };
const M = { left: 40, right: 40, top: 34, bottom: 30 };
const CW = PAGE.width - M.left - M.right;
const RIGHT = PAGE.width - M.right;
const FOOTER_H = 30;
const BOTTOM = PAGE.height - M.bottom - FOOTER_H;
const MM = 72 / 25.4;
/** NOTE: QR spec §2 — at least 30×30 mm, with a 2.5 mm quiet zone kept clear around it. */
const QR_SIDE = Math.max(QR_MIN_SIZE_MM, 32) * MM;
const QR_QUIET = 2.5 * MM;

const INK = '#1b1f23';
const MUTED = '#5f6368';
const RULE = '#c9cdd2';
const FILL = '#eef1f4';
const ACCENT = '#1f3a5f';
const ALERT = '#9e1c1c';

const SIZE = { body: 7.8, small: 7, tiny: 6.4, head: 7, title: 17, number: 11.5 };
const MIN_SIZE = 4.5;
const CODE_MIN_SIZE = 6;
const PAD = { x: 3, y: 3.2 };

type Align = 'left' | 'right' | 'center';
interface Column {
  key: string;
  width: number;
  align: Align;
}

function columnsFor(model: PdfModel, L: Labels): (Column & { label: string })[] {
  if (model.table === 'settlements') {
    const fixed = [160, 90, 120];
    return [
      { key: 'document', width: fixed[0], align: 'left', label: L.document },
      { key: 'date', width: fixed[1], align: 'left', label: L.date },
      { key: 'total', width: CW - fixed.reduce((a, b) => a + b, 0), align: 'right', label: L.documentTotal },
      { key: 'amount', width: fixed[2], align: 'right', label: L.amountSettled },
    ];
  }
  const w = { code: 58, quantity: 42, unit: 28, unitPrice: 60, discount: 40, vat: 36, amount: 66 };
  const description = CW - Object.values(w).reduce((a, b) => a + b, 0);
  return [
    { key: 'code', width: w.code, align: 'left', label: L.code },
    { key: 'description', width: description, align: 'left', label: L.description },
    { key: 'quantity', width: w.quantity, align: 'right', label: L.quantity },
    { key: 'unit', width: w.unit, align: 'left', label: L.unit },
    { key: 'unitPrice', width: w.unitPrice, align: 'right', label: L.unitPrice },
    { key: 'discount', width: w.discount, align: 'right', label: L.discount },
    { key: 'vat', width: w.vat, align: 'right', label: L.vat },
    { key: 'amount', width: w.amount, align: 'right', label: model.columns.amount },
  ];
}

interface Row {
  cells: Record<string, string>;
  /** A code too long for its column even at a small size is wrapped (codes are never cut). */
  wrapCode?: boolean;
  /** A second, smaller line under the VAT rate: the exemption code that the summary explains. */
  note?: string;
  value: Decimal;
  height: number;
}

/** Lisbon local date-time → the instant, for the PDF metadata (deterministic: from the document, not the clock). */
function lisbonInstant(local: string): Date {
  const [d, t = '00:00:00'] = local.replace(' ', 'T').split('T');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi, se] = t.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, da, h, mi, se || 0);
  const asLisbon = Date.parse(`${lisbonDateTime(new Date(guess))}Z`);
  return new Date(guess - (asLisbon - guess));
}

export interface RenderInput {
  model: PdfModel;
  /** The logo's bytes when the model has one. */
  logo?: Uint8Array | null;
  /** Use the per-process font caches (default); off only to prove that they change nothing. */
  fontCaches?: boolean;
}

/**
 * Draws a document. Deterministic: the same model (and logo) gives the same bytes — the metadata dates come
 * from the document, and the file /ID is derived from them.
 */
export function renderDocumentPdf({ model, logo, fontCaches }: RenderInput): Promise<Buffer> {
  return new Renderer(model, logo ?? null, fontCaches ?? true).render();
}

class Renderer {
  private readonly doc: PDFKit.PDFDocument;
  private readonly L: Labels;
  private readonly columns: (Column & { label: string })[];
  private readonly mark: ReturnType<typeof createCopyMarkPlaceholder>;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(
    private readonly m: PdfModel,
    private readonly logo: Uint8Array | null,
    fontCaches: boolean,
  ) {
    this.L = LABELS[m.lang];
    const created = lisbonInstant(m.createdAt);
    this.doc = new (pdfkit())({
      size: 'A4',
      margin: 0,
      autoFirstPage: false,
      bufferPages: true,
      compress: true,
      displayTitle: true,
      // No default font: pdfkit would parse Helvetica's metrics for every document.
      font: null as unknown as string,
      lang: m.lang === 'pt' ? 'pt-PT' : m.lang,
      info: {
        Title: `${m.title} ${m.number}`,
        Author: m.author,
        Subject: m.number,
        Creator: 'Faturador',
        Producer: 'Faturador (PDFKit)',
        CreationDate: created,
        ModDate: lisbonInstant(m.modifiedAt),
      },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    registerFonts(this.doc as never, { caches: fontCaches });
    this.mark = createCopyMarkPlaceholder(this.doc);
    this.columns = columnsFor(m, this.L);
  }

  async render(): Promise<Buffer> {
    const rows = this.rows();
    const firstTop = this.firstHeader(true) + this.topBlocks(true);
    const contTop = this.continuationHeader(true);
    const tableHead = this.tableHeader(0, true);
    const carryH = 15;
    const finalH = this.finalSection(0, true);

    // Pagination: rows flow over pages, keeping room for the "carried forward" row; the summary goes on the
    // last page with at least one row (NOTE: D8632 §2.2.11 — totals only on the last page).
    const pages: Row[][] = [[]];
    let y = firstTop + tableHead;
    for (const row of rows) {
      const page = pages[pages.length - 1];
      if (page.length > 0 && y + row.height > BOTTOM - carryH) {
        pages.push([]);
        y = contTop + tableHead + carryH;
      }
      pages[pages.length - 1].push(row);
      y += row.height;
    }
    if (y + 12 + finalH > BOTTOM) {
      const last = pages[pages.length - 1];
      const moved = last.length > 1 ? [last.pop()!] : [];
      pages.push(moved);
    }

    let carried = ZERO;
    pages.forEach((pageRows, i) => {
      const first = i === 0;
      const last = i === pages.length - 1;
      this.newPage();
      let py = first ? this.firstHeader(false) : this.continuationHeader(false);
      if (first) py += this.topBlocks(false, py);
      if (pageRows.length > 0 || !first) {
        py = this.tableHeader(py, false);
        if (!first) py = this.carryRow(py, this.L.broughtForward, carried);
        for (const row of pageRows) {
          this.drawRow(row, py);
          py += row.height;
          carried = carried.plus(row.value);
        }
        if (!last) this.carryRow(py, this.L.carriedForward, carried);
      }
      if (last) this.finalSection(py + 12, false);
    });

    const total = pages.length;
    for (let i = 0; i < total; i++) {
      this.doc.switchToPage(i);
      this.footer(i + 1, total);
    }
    this.doc.end();
    return this.done;
  }

  // ---- primitives

  private font(bold: boolean, size: number, color?: string): PDFKit.PDFDocument {
    this.doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
    return color === undefined ? this.doc : this.doc.fillColor(color);
  }

  /**
   * Draws a text at (x, y) — the top of its line — within `width`: wrapped over lines, or on one line shrunk
   * to fit (amounts and codes are never cut; an ellipsis only below 5 pt). Returns the height used.
   */
  private text(
    s: string,
    x: number,
    y: number,
    width: number,
    opts: { align?: Align; bold?: boolean; size?: number; color?: string; wrap?: boolean } = {},
  ): number {
    const bold = opts.bold ?? false;
    const size = opts.size ?? SIZE.body;
    if (opts.wrap) {
      const h = this.measure(s, width, bold, size);
      this.font(bold, size, opts.color ?? INK);
      this.doc.text(s, x, y, { width, align: opts.align ?? 'left', lineGap: 0.6 });
      return h;
    }
    this.font(bold, size, opts.color ?? INK);
    const natural = this.doc.widthOfString(s);
    let shown = s;
    let dy = 0;
    if (natural > width) {
      const smaller = Math.max(MIN_SIZE, (size * width * 0.98) / natural);
      this.font(bold, smaller);
      // Keep the baseline where the full-size text would have it.
      dy = (size - smaller) * 0.76;
      if (this.doc.widthOfString(s) > width) shown = this.fit(s, width);
    }
    this.doc.text(shown, x, y + dy, { width, align: opts.align ?? 'left', lineBreak: false });
    if (natural > width) this.font(bold, size);
    return this.doc.currentLineHeight(true);
  }

  /** Heights of wrapped texts, measured once per render (layout is measured, then drawn). */
  private readonly heights = new Map<string, number>();

  private measure(s: string, width: number, bold: boolean, size: number): number {
    const key = `${bold ? 'b' : 'r'}${size}|${width}|${s}`;
    let h = this.heights.get(key);
    if (h === undefined) {
      this.font(bold, size);
      h = this.doc.heightOfString(s, { width, lineGap: 0.6 });
      this.heights.set(key, h);
    }
    return h;
  }

  /** Cuts a single-line text to the width, with an ellipsis. */
  private fit(s: string, width: number): string {
    if (this.doc.widthOfString(s) <= width) return s;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.doc.widthOfString(`${s.slice(0, mid)}…`) <= width) lo = mid;
      else hi = mid - 1;
    }
    return `${s.slice(0, lo)}…`;
  }

  private rule(x1: number, y: number, x2: number, color = RULE, width = 0.5): void {
    this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke();
  }

  private newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    if (this.m.watermark) {
      const cx = PAGE.width / 2;
      const cy = PAGE.height / 2;
      this.doc.save();
      this.doc.rotate(-35, { origin: [cx, cy] });
      const mark = this.m.watermark.toUpperCase();
      this.font(true, 30, '#000000');
      const size = Math.min(30, (30 * 640) / this.doc.widthOfString(mark));
      this.font(true, size);
      this.doc.fillOpacity(0.07);
      this.doc.text(mark, cx - 340, cy - size / 2, { width: 680, align: 'center', lineBreak: false });
      this.doc.restore();
    }
    placeCopyMark(this.doc, this.mark, RIGHT - COPY_MARK_BOX.width, M.top);
  }

  // ---- page header and footer

  /** Title, number, ATCUD and the statements of the document's nature, on the right of every page header. */
  private titleBlock(y: number, dry: boolean, compact: boolean): number {
    const w = 260;
    const x = RIGHT - w;
    let cy = y + COPY_MARK_BOX.height + 6;
    const draw = (s: string, bold: boolean, size: number, color = INK) => {
      const h = this.measure(s, w, bold, size);
      if (!dry) this.text(s, x, cy, w, { align: 'right', bold, size, color, wrap: true });
      cy += h;
    };
    if (compact) {
      draw(`${this.m.title} ${this.m.number}`, true, SIZE.number, ACCENT);
    } else {
      draw(this.m.title, true, SIZE.title, ACCENT);
      draw(this.m.number, true, SIZE.number);
    }
    // NOTE: Portaria 195/2020 art. 4.º — the ATCUD on every page of a multi-page document.
    if (this.m.atcudLine) draw(this.m.atcudLine, false, SIZE.body);
    for (const n of this.m.headerNotices) draw(n, true, SIZE.small, ALERT);
    if (this.m.cancelled) {
      cy += 2;
      draw(this.m.cancelled.label, true, 12, ALERT);
      if (this.m.cancelled.reason) draw(this.m.cancelled.reason, false, SIZE.small, ALERT);
    }
    return cy;
  }

  private firstHeader(dry: boolean): number {
    const top = M.top;
    let ly = top;
    const lw = 250;
    if (this.m.logo && this.logo) {
      const { width, height } = this.logoSize();
      if (!dry) {
        try {
          this.doc.image(Buffer.from(this.logo), M.left, ly, { width, height });
        } catch {
          /* an unreadable logo never stops a document from printing */
        }
      }
      ly += height + 6;
    }
    const nameSize = this.m.logo ? 10 : 13;
    const nh = this.measure(this.m.seller.name, lw, true, nameSize);
    if (!dry) this.text(this.m.seller.name, M.left, ly, lw, { bold: true, size: nameSize, wrap: true });
    ly += nh + 1;
    for (const line of this.m.seller.lines) {
      const h = this.measure(line, lw, false, SIZE.small);
      if (!dry) this.text(line, M.left, ly, lw, { size: SIZE.small, color: MUTED, wrap: true });
      ly += h;
    }
    const ry = this.titleBlock(top, dry, false);
    let y = Math.max(ly, ry) + 12;

    // Dates on the left, the customer on the right (where a window envelope shows it).
    const cw = 250;
    const cx = RIGHT - cw;
    const dy = this.labelValues(this.m.dates, M.left, y, 200, 78, dry);
    const inner = cw - 20;
    let ch =
      8 +
      this.measure(this.m.customer.title, inner, false, SIZE.tiny) +
      this.measure(this.m.customer.name, inner, true, 9.5) +
      2;
    for (const line of this.m.customer.lines) ch += this.measure(line, inner, false, SIZE.body);
    ch += 8;
    if (!dry) {
      this.doc.roundedRect(cx, y, cw, ch, 4).lineWidth(0.6).strokeColor(RULE).stroke();
      let yy = y + 8;
      yy += this.text(this.m.customer.title.toUpperCase(), cx + 10, yy, inner, {
        size: SIZE.tiny,
        color: MUTED,
        wrap: true,
      });
      yy += this.text(this.m.customer.name, cx + 10, yy, inner, { bold: true, size: 9.5, wrap: true }) + 2;
      for (const line of this.m.customer.lines)
        yy += this.text(line, cx + 10, yy, inner, { size: SIZE.body, wrap: true });
    }
    y = Math.max(dy, y + ch) + 12;
    return y;
  }

  private logoSize(): { width: number; height: number } {
    const info = imageInfo(this.logo!) ?? { width: 3, height: 1 };
    const scale = Math.min(170 / info.width, 56 / info.height);
    return { width: info.width * scale, height: info.height * scale };
  }

  private continuationHeader(dry: boolean): number {
    const top = M.top;
    let ly = top;
    ly += this.measure(this.m.seller.name, 250, true, 10);
    if (!dry) this.text(this.m.seller.name, M.left, top, 250, { bold: true, size: 10, wrap: true });
    const nif = this.m.seller.lines.find((l) => l.startsWith(`${this.L.taxId}:`));
    if (nif) {
      if (!dry) this.text(nif, M.left, ly, 250, { size: SIZE.small, color: MUTED });
      ly += 9;
    }
    const ry = this.titleBlock(top, dry, true);
    const y = Math.max(ly, ry) + 6;
    if (!dry) this.rule(M.left, y, RIGHT);
    return y + 8;
  }

  private footer(page: number, total: number): void {
    const y = PAGE.height - M.bottom - FOOTER_H + 6;
    this.rule(M.left, y, RIGHT);
    const pageText = `${this.L.page} ${page}/${total}`;
    this.text(pageText, RIGHT - 90, y + 5, 90, { align: 'right', size: SIZE.small, color: MUTED });
    // NOTE: D8632 §2.2.2–2.2.3 — the hash characters and the certificate, or "Emitido por…" when unsigned.
    this.text(this.m.certification, M.left, y + 5, CW - 100, { size: SIZE.small });
    const notices = [...this.m.footerNotices, `${this.m.title} ${this.m.number}`].join('  ·  ');
    this.text(notices, M.left, y + 15, CW - 100, {
      size: SIZE.tiny,
      color: this.m.footerNotices.length ? ALERT : MUTED,
    });
  }

  // ---- first page blocks

  private labelValues(
    items: LabelValue[],
    x: number,
    y: number,
    width: number,
    labelWidth: number,
    dry: boolean,
    size = SIZE.body,
  ): number {
    let cy = y;
    for (const it of items) {
      const h = Math.max(
        this.measure(it.value, width - labelWidth, it.strong ?? false, size),
        this.measure(it.label, labelWidth - 4, false, size),
      );
      if (!dry) {
        this.text(it.label, x, cy, labelWidth - 4, { size, color: MUTED, wrap: true });
        this.text(it.value, x + labelWidth, cy, width - labelWidth, { size, bold: it.strong, wrap: true });
      }
      cy += h + 1.2;
    }
    return cy;
  }

  private topBlocks(dry: boolean, y0 = 0): number {
    let y = y0;
    if (this.m.references.length) {
      y = this.labelValues(this.m.references, M.left, y, CW, 90, dry, SIZE.body);
      y += 6;
    }
    const t = this.m.transport;
    if (t) {
      const gap = 12;
      const bw = (CW - gap) / 2;
      const inner = bw - 16;
      const labelW = 100;
      const boxH = (items: LabelValue[]) =>
        8 +
        items.reduce((h, it) => h + Math.max(this.measure(it.value, inner - labelW, false, SIZE.body), 9) + 1.2, 0) +
        6;
      const h = Math.max(boxH(t.load), boxH(t.unload));
      if (!dry) {
        for (const [i, items] of [t.load, t.unload].entries()) {
          const x = M.left + i * (bw + gap);
          this.doc.roundedRect(x, y, bw, h, 4).lineWidth(0.6).strokeColor(RULE).stroke();
          this.labelValues(items, x + 8, y + 8, inner, labelW, false);
        }
      }
      y += h + 6;
      if (t.other.length) {
        const line = t.other;
        let x = M.left;
        if (!dry) {
          for (const it of line) {
            this.font(false, SIZE.body);
            const lw = this.doc.widthOfString(`${it.label}: `);
            this.text(`${it.label}: `, x, y, lw + 1, { color: MUTED });
            this.font(true, SIZE.body);
            const vw = this.doc.widthOfString(it.value);
            this.text(it.value, x + lw, y, vw + 1, { bold: true });
            x += lw + vw + 18;
          }
        }
        y += 12;
      }
      y += 4;
    }
    return y - y0;
  }

  // ---- the table

  private rows(): Row[] {
    const out: Row[] = [];
    const desc = this.columns.find((c) => c.key === 'description');
    if (this.m.table === 'settlements') {
      for (const s of this.m.settled) {
        out.push({
          cells: { document: s.document, date: s.date, total: s.total, amount: s.amount },
          value: dec(s.value),
          height: 9.4 + 2 * PAD.y,
        });
      }
      return out;
    }
    const codeW = this.columns.find((c) => c.key === 'code')!.width - 2 * PAD.x;
    for (const l of this.m.lines) {
      this.font(false, CODE_MIN_SIZE);
      const wrapCode = this.doc.widthOfString(l.code) > codeW;
      const dh = Math.max(
        this.measure(l.description, desc!.width - 2 * PAD.x, false, SIZE.body),
        wrapCode ? this.measure(l.code, codeW, false, CODE_MIN_SIZE) : 0,
      );
      const vatH = l.exemptionCode ? 9.4 + 8 : 9.4;
      out.push({
        cells: {
          code: l.code,
          description: l.description,
          quantity: l.quantity,
          unit: l.unit,
          unitPrice: l.unitPrice,
          discount: l.discount,
          vat: l.vat,
          amount: l.amount,
        },
        note: l.exemptionCode ?? undefined,
        wrapCode,
        value: dec(l.value),
        height: Math.max(dh, vatH, 9.4) + 2 * PAD.y,
      });
    }
    return out;
  }

  private tableHeader(y: number, dry: boolean): number {
    const h = 16;
    if (!dry) {
      this.doc.rect(M.left, y, CW, h).fill(FILL);
      let x = M.left;
      for (const c of this.columns) {
        this.text(c.label, x + PAD.x, y + 4.6, c.width - 2 * PAD.x, {
          bold: true,
          size: SIZE.head,
          color: ACCENT,
          align: c.align,
        });
        x += c.width;
      }
    }
    return y + h;
  }

  private drawRow(row: Row, y: number): void {
    let x = M.left;
    for (const c of this.columns) {
      const v = row.cells[c.key] ?? '';
      const w = c.width - 2 * PAD.x;
      if (c.key === 'description') this.text(v, x + PAD.x, y + PAD.y, w, { wrap: true });
      else if (c.key === 'code' && row.wrapCode)
        this.text(v, x + PAD.x, y + PAD.y, w, { wrap: true, size: CODE_MIN_SIZE });
      else this.text(v, x + PAD.x, y + PAD.y, w, { align: c.align, bold: c.key === 'amount' || c.key === 'document' });
      if (c.key === 'vat' && row.note)
        this.text(row.note, x + PAD.x, y + PAD.y + 9, w, { align: 'right', size: SIZE.tiny, color: MUTED });
      x += c.width;
    }
    this.rule(M.left, y + row.height, RIGHT, '#e3e6e9');
  }

  /** "A transportar" at the foot of a page, "Transporte" at the head of the next. NOTE: D8632 §2.2.11. */
  private carryRow(y: number, label: string, value: Decimal): number {
    const h = 15;
    const amountCol = this.columns[this.columns.length - 1];
    const labelW = 200;
    this.rule(M.left, y, RIGHT, MUTED, 0.6);
    this.text(label, RIGHT - amountCol.width - labelW, y + 4, labelW - 6, { align: 'right', bold: true, color: MUTED });
    this.text(f.money(value, this.m.lang), RIGHT - amountCol.width + PAD.x, y + 4, amountCol.width - 2 * PAD.x, {
      align: 'right',
      bold: true,
    });
    this.rule(M.left, y + h, RIGHT, MUTED, 0.6);
    return y + h;
  }

  // ---- last page

  private finalSection(y: number, dry: boolean): number {
    const gap = 22;
    const rw = 200;
    const lw = CW - rw - gap;
    const left = this.summaryColumn(M.left, y, lw, dry);
    const right = this.totalsColumn(RIGHT - rw, y, rw, dry);
    return Math.max(left, right) - y;
  }

  private sectionTitle(s: string, x: number, y: number, w: number, dry: boolean): number {
    if (!dry) {
      this.text(s.toUpperCase(), x, y, w, { bold: true, size: SIZE.tiny, color: ACCENT });
      this.rule(x, y + 10, x + w, RULE);
    }
    return y + 13;
  }

  private summaryColumn(x: number, y: number, w: number, dry: boolean): number {
    const L = this.L;
    let cy = y;
    if (this.m.taxSummary.length) {
      cy = this.sectionTitle(L.taxSummary, x, cy, w, dry);
      const cols: [string, number, Align][] = [
        [L.rate, w * 0.32, 'left'],
        [L.taxableBase, w * 0.26, 'right'],
        [L.taxAmount, w * 0.22, 'right'],
        [L.exemption, w * 0.2, 'right'],
      ];
      const row = (vals: string[], bold: boolean, color = INK) => {
        if (!dry) {
          let cx = x;
          cols.forEach(([, cw, align], i) => {
            this.text(vals[i], cx + (i === 0 ? 0 : 8), cy, cw - 8, {
              align,
              bold,
              size: bold ? SIZE.tiny : SIZE.body,
              color,
            });
            cx += cw;
          });
        }
        cy += bold ? 10 : 10.5;
      };
      row(
        cols.map((c) => c[0]),
        true,
        MUTED,
      );
      for (const t of this.m.taxSummary) row([t.rate, t.base, t.tax, t.exemption], false);
      cy += 4;
    }
    if (this.m.exemptions.length) {
      // NOTE: D8632 §2.2.14 — the legal reason of every exemption is printed, linked to its lines by the code.
      cy = this.sectionTitle(L.exemptionReasons, x, cy, w, dry);
      for (const e of this.m.exemptions) {
        const s = `${e.code} — ${e.text}`;
        const h = this.measure(s, w, false, SIZE.small);
        if (!dry) this.text(s, x, cy, w, { size: SIZE.small, wrap: true });
        cy += h + 1;
      }
      cy += 5;
    }
    if (this.m.payment.length) {
      cy = this.sectionTitle(L.payment, x, cy, w, dry);
      cy = this.labelValues(this.m.payment, x, cy, w, 110, dry) + 5;
    }
    if (this.m.observations) {
      cy = this.sectionTitle(L.observations, x, cy, w, dry);
      const h = this.measure(this.m.observations, w, false, SIZE.body);
      if (!dry) this.text(this.m.observations, x, cy, w, { wrap: true });
      cy += h + 5;
    }
    return cy;
  }

  private totalsColumn(x: number, y: number, w: number, dry: boolean): number {
    let cy = y;
    for (const t of this.m.totals) {
      const size = t.strong ? 9 : SIZE.body;
      const h = t.strong ? 16 : 12.5;
      if (!dry) {
        if (t.strong) this.doc.rect(x, cy, w, h - 2).fill(FILL);
        const ty = cy + (t.strong ? 3 : 1.5);
        this.font(t.strong ?? false, size);
        const vw = Math.min(this.doc.widthOfString(t.value) + 1, w * 0.62);
        this.text(t.label, x + 5, ty, w - 16 - vw, { size, bold: t.strong, color: t.strong ? INK : MUTED });
        this.text(t.value, x + w - 5 - vw, ty, vw, { align: 'right', size, bold: t.strong });
      }
      cy += h;
    }
    if (this.m.qrPayload || this.m.atcudLine) {
      cy += 10;
      const box = QR_SIDE + 2 * QR_QUIET;
      const qx = x + w - box;
      // NOTE: Portaria 195/2020 art. 4.º n.º 3 — the ATCUD immediately above the QR code.
      if (this.m.atcudLine) {
        if (!dry) this.text(this.m.atcudLine, qx - 30, cy, box + 30, { align: 'center', bold: true, size: SIZE.body });
        cy += 10;
      }
      if (this.m.qrPayload) {
        if (!dry) drawQr(this.doc, qrMatrix(this.m.qrPayload), qx + QR_QUIET, cy + QR_QUIET, QR_SIDE);
        cy += box;
      }
    }
    return cy;
  }
}
