import { deflateSync } from 'node:zlib';
import type { TestApp } from '../support/app.js';
import { lisbonDate } from '../../src/domain/time.js';

/**
 * Today in Lisbon, read at each use (a run may cross midnight): documents are dated today, and numbering refuses
 * a date before the last document of the series.
 */
export const today = (): string => lisbonDate(new Date());

export const line = (
  description: string,
  quantity: string,
  unitPrice: string,
  extra: Record<string, unknown> = {},
) => ({ description, quantity, unitPrice, ...extra });

export const CUSTOMER = {
  name: 'Cliente Exemplo, Lda',
  taxId: '123456789',
  street: 'Avenida da República, 45, 3.º Esq.',
  postalCode: '1050-187',
  city: 'Lisboa',
  code: 'C-001',
};

/** An invoice with several rates, a discount, two exemptions, withholding and observations. */
export const INVOICE = {
  type: 'FT',
  dueDate: '2099-12-31',
  withholding: { type: 'IRS', rate: '23' },
  reference: 'PO-7781',
  observations:
    'Pagamento por transferência bancária para o IBAN PT50 0000 0000 0000 0000 0000 0. Obrigado pela preferência.',
  customer: CUSTOMER,
  lines: [
    line('Consultoria técnica — análise de requisitos e desenho da solução', '12', '65', {
      taxName: 'IVA23',
      productType: 'S',
      unit: 'H',
      code: 'CONS-01',
    }),
    line('Licença anual de software de faturação', '1', '480', {
      taxName: 'IVA23',
      discounts: ['10'],
      code: 'LIC-ANUAL',
    }),
    line('Livro técnico: «Gestão de projetos»', '3', '24.90', { taxName: 'IVA6', code: 'LIV-01' }),
    line('Exportação de equipamento para Angola', '2', '150', {
      taxName: 'IVA0',
      exemptionCode: 'M05',
      code: 'EXP-01',
    }),
    line('Serviço intracomunitário', '1', '200', { taxName: 'IVA0', exemptionCode: 'M16', code: 'INTRA' }),
  ],
};

export const TRANSPORT = {
  type: 'GT',
  customer: CUSTOMER,
  loadAddress: { street: 'Armazém 3, Zona Industrial da Maia', postalCode: '4470-122', city: 'Maia', country: 'PT' },
  unloadAddress: { street: 'Rua de Santa Catarina, 200', postalCode: '4000-442', city: 'Porto', country: 'PT' },
  // Getters: a spread of TRANSPORT (every create) reads the day it is sent on.
  get loadAt() {
    return `${today()}T08:30:00`;
  },
  get unloadAt() {
    return `${today()}T11:15:00`;
  },
  vehiclePlate: 'AA-12-BC',
  lines: [
    line('Paletes de cerâmica vidrada', '4', '120', { taxName: 'IVA23', code: 'CER-PAL', unit: 'UN' }),
    line('Caixas de azulejos decorados', '25', '18.5', { taxName: 'IVA23', code: 'AZU-CX' }),
  ],
};

export async function create(t: TestApp, body: Record<string, unknown>, path = '/v1/documents'): Promise<any> {
  const r = await t.call('POST', path, { finalize: true, ...body });
  if (r.status !== 201) throw new Error(`create ${path} → ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function downloadPdf(
  t: TestApp,
  id: number,
  query = '',
): Promise<{ status: number; bytes: Buffer; headers: Record<string, unknown>; json?: any }> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/v1/documents/${id}/pdf${query}`,
    headers: { authorization: `Bearer ${t.account.apiKey}` },
  });
  const bytes = res.rawPayload;
  let json: unknown;
  if (!String(res.headers['content-type']).startsWith('application/pdf')) json = res.json();
  return { status: res.statusCode, bytes, headers: res.headers, json };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A small RGBA PNG logo: a navy rounded badge with a lighter stripe, on a transparent background. */
export function logoPng(width = 240, height = 80): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 4);
    for (let x = 0; x < width; x++) {
      const inside = x > 4 && x < width - 4 && y > 4 && y < height - 4;
      const stripe = y > height * 0.55 && y < height * 0.7;
      const o = 1 + x * 4;
      if (inside) {
        row[o] = stripe ? 0xf2 : 0x1f;
        row[o + 1] = stripe ? 0xa9 : 0x3a;
        row[o + 2] = stripe ? 0x00 : 0x5f;
        row[o + 3] = 0xff;
      }
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
