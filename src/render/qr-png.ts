import { createRequire } from 'node:module';
import type QRCodeModule from 'qrcode';
import { QR_ERROR_CORRECTION } from '../domain/pt/qr.js';
import { qrMatrix } from './pdf/qr.js';

/**
 * The AT QR symbol as a PNG image, with the same version and error correction as the printed one
 * (AT "Especificações Técnicas – Código QR" §2: level M, version 9 at least).
 */
export async function qrPng(payload: string): Promise<Buffer> {
  const { version } = qrMatrix(payload);
  // qrcode loads on first use, not when the server starts.
  const QRCode = createRequire(import.meta.url)('qrcode') as typeof QRCodeModule;
  return QRCode.toBuffer([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], {
    type: 'png',
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    version,
    margin: 4,
    scale: 6,
  });
}
