import { createRequire } from 'node:module';
import type QRCodeModule from 'qrcode';
import { QR_ERROR_CORRECTION, QR_MIN_VERSION } from '../../domain/pt/qr.js';

// qrcode loads on first use, not when the server starts.
const qrcode = () => createRequire(import.meta.url)('qrcode') as typeof QRCodeModule;

export interface QrMatrix {
  version: number;
  size: number;
  /** Row-major: 1 = dark module. */
  modules: Uint8Array;
}

const cache = new Map<string, QrMatrix>();
const CACHE_MAX = 256;

/**
 * The data mask, fixed: qrcode otherwise builds the symbol with each of the 8 masks and scores them (most of a QR's
 * cost, ~1 ms of a render). Any of the 8 is a valid symbol (ISO/IEC 18004 §7.8; the AT spec fixes version, error
 * correction and mode, not the mask); readers decode them alike.
 */
export const QR_MASK_PATTERN = 0;

/**
 * The AT QR symbol. NOTE: AT "Especificações Técnicas – Código QR" §2 — error correction M, byte mode,
 * version 9 at least (a larger one only when the data needs it). Recent symbols are kept: a document's payload is
 * the same at each re-render.
 */
export function qrMatrix(payload: string): QrMatrix {
  const hit = cache.get(payload);
  if (hit) return hit;
  const segments = [{ data: Buffer.from(payload, 'utf8'), mode: 'byte' as const }];
  const QRCode = qrcode();
  const opts: QRCodeModule.QRCodeOptions = { errorCorrectionLevel: QR_ERROR_CORRECTION, maskPattern: QR_MASK_PATTERN };
  const smallest = QRCode.create(segments, opts);
  const version = Math.max(QR_MIN_VERSION, smallest.version);
  const qr = version === smallest.version ? smallest : QRCode.create(segments, { ...opts, version });
  const m: QrMatrix = { version: qr.version, size: qr.modules.size, modules: Uint8Array.from(qr.modules.data) };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(payload, m);
  return m;
}

interface ContentHost {
  fillColor(color: string): unknown;
  addContent(data: string): unknown;
}

/**
 * Draws the symbol as vector rectangles (crisp at any zoom and print resolution): runs of dark modules per row,
 * merged with identical runs of the rows below, written as one path.
 */
export function drawQr(doc: ContentHost, m: QrMatrix, x: number, y: number, side: number): void {
  const unit = side / m.size;
  const rects: { c0: number; c1: number; r0: number; r1: number }[] = [];
  let open = new Map<string, number>();
  for (let r = 0; r < m.size; r++) {
    const next = new Map<string, number>();
    let c = 0;
    while (c < m.size) {
      if (!m.modules[r * m.size + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.modules[r * m.size + c]) c++;
      const key = `${start}:${c}`;
      const above = open.get(key);
      if (above !== undefined) {
        rects[above].r1 = r + 1;
        next.set(key, above);
      } else {
        next.set(key, rects.push({ c0: start, c1: c, r0: r, r1: r + 1 }) - 1);
      }
    }
    open = next;
  }
  const n = (v: number) => (Math.round(v * 1000) / 1000).toString();
  // A hair of overlap so that adjacent rectangles leave no seams when rasterised.
  const path = rects
    .map(
      (q) =>
        `${n(x + q.c0 * unit)} ${n(y + q.r0 * unit)} ${n((q.c1 - q.c0) * unit + 0.01)} ${n((q.r1 - q.r0) * unit + 0.01)} re`,
    )
    .join('\n');
  doc.fillColor('#000000');
  doc.addContent(`${path}\nf`);
}
