import assert from 'node:assert/strict';
import type { BillptClient, BillptResponse } from './client.js';

export const today = () => new Date().toISOString().slice(0, 10);

export function ok(r: BillptResponse, what = 'request') {
  assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The bill.pt error codes of an answer, checking the envelope and that it is a 4xx. */
export function codes(r: BillptResponse): string[] {
  assert.ok(r.status >= 400 && r.status < 500, `expected a 4xx, got ${r.status} ${JSON.stringify(r.body)}`);
  assert.ok(r.body && Array.isArray(r.body.error), `bill.pt error envelope: ${JSON.stringify(r.body)}`);
  assert.deepEqual(Object.keys(r.body), ['error']);
  for (const c of r.body.error) assert.match(c, /^\d+(\.[^.]+)*$/, `error code format: ${c}`);
  return r.body.error;
}

export interface Basics {
  contactId: number;
  itemId: number;
  tax23: number;
  tax0: number;
  storeId: number;
  seriesId: number;
}

/** A customer with a NIF, an item that moves stock, and the ids of the usual taxes, store and series. */
export async function basics(bp: BillptClient): Promise<Basics> {
  const taxes = ok(await bp.call('GET', 'impostos')) as { id: number; nome: string; valor: number }[];
  const tax23 = taxes.find((t) => t.valor === 23 && !/Madeira|Açores/.test(t.nome))!.id;
  const tax0 = taxes.find((t) => t.valor === 0)!.id;
  // bill.pt keeps one contact per NIF (253, #14): a second call on the account reuses the first one's customer.
  const existing = ok(await bp.call('GET', 'contatos', { pesquisa: { nif: '123456789' } })).data[0]?.id;
  const contactId =
    existing ??
    ok(
      await bp.call('POST', 'contatos', {
        nome: 'Cliente Teste',
        nif: '123456789',
        pais: 'PT',
        codigo: String(Math.floor(Math.random() * 1e9)),
      }),
    ).id;
  const itemId = ok(
    await bp.call('POST', 'items', { descricao: 'Produto 1', imposto_id: tax23, movimenta_stock: 1 }),
  ).id;
  const storeId = ok(await bp.call('GET', 'lojas'))[0].id;
  const seriesId = ok(await bp.call('GET', 'series'))[0].id;
  return { contactId, itemId, tax23, tax0, storeId, seriesId };
}

export const product = (b: Basics, extra: Record<string, unknown> = {}) => ({
  item_id: b.itemId,
  nome: 'Coca cola',
  quantidade: 1,
  preco_unitario: 2.23,
  imposto: 23,
  ...extra,
});

export async function invoice(bp: BillptClient, b: Basics, extra: Record<string, unknown> = {}) {
  return ok(
    await bp.call('POST', 'documentos', {
      tipificacao: 'FT',
      contato_id: b.contactId,
      produtos: [product(b)],
      terminado: 1,
      ...extra,
    }),
    'invoice',
  );
}
