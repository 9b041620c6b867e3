import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.js';
import { startBillptApp, type BillptClient } from './client.js';
import { type Basics, basics, ok } from './fixtures.js';

// bill.pt's contacts and items sent without a code: the id as code, or where another record of the account was
// given that code by hand, the first free suffix (`7-2`). Formerly 3.codigo / 231 (commit 582b958).
let t: TestApp;
let bp: BillptClient;
let b: Basics;
before(async () => {
  ({ t, bp } = await startBillptApp());
  b = await basics(bp);
});
after(async () => {
  await t?.close();
});

test('a record sent without a code whose id another record has as code gets the first free suffix, and one entry', async () => {
  const freeCode = async (path: string, name: string, body: Record<string, unknown>) => {
    const a = ok(await bp.call('POST', path, { ...body, [name]: 'Registo A' }));
    assert.equal(String(a.codigo), String(a.id), 'its id, where free');
    // B is given by hand the code C (sent without one) would get: the id after B's.
    const bRecord = ok(await bp.call('POST', path, { ...body, [name]: 'Registo B', codigo: String(a.id + 2) }));
    assert.equal(bRecord.id, a.id + 1);
    const c = ok(await bp.call('POST', path, { ...body, [name]: 'Registo C' }));
    assert.deepEqual([c.id, String(c.codigo)], [a.id + 2, `${a.id + 2}-2`]);
    const named = ok(await bp.call('GET', path, { pesquisa: { texto: { [name]: 'Registo C' } } })).data;
    assert.deepEqual(
      named.map((r: { id: number; codigo: unknown }) => [r.id, String(r.codigo)]),
      [[c.id, `${c.id}-2`]],
    );
  };
  await freeCode('contatos', 'nome', { pais: 'PT' });
  await freeCode('items', 'descricao', { imposto_id: b.tax23 });
});
