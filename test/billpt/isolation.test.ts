import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.js';
import { billptClient, startBillptApp, type BillptClient } from './client.js';
import { type Basics, basics, codes, invoice, ok, product } from './fixtures.js';

let t: TestApp;
let mine: BillptClient;
let theirs: BillptClient;
let b: Basics;
const ids: Record<string, number> = {};
let doc: { id: number; token_download: string; lancamentos: { id: number }[] };

before(async () => {
  ({ t, bp: mine } = await startBillptApp());
  b = await basics(mine);
  doc = await invoice(mine, b);
  ids.type = ok(await mine.call('POST', 'tipos', { nome: 'Privado' })).id;
  ids.category = ok(await mine.call('POST', 'categorias', { nome: 'Privada' })).id;
  ids.state = ok(await mine.call('POST', 'estados', { nome: 'Privado' })).id;
  ids.shipping = ok(await mine.call('POST', 'metodos-expedicao', { nome: 'Privado' })).id;
  ids.unit = ok(await mine.call('POST', 'unidades-medida', { nome: 'Privada', simbolo: 'PRV' })).id;
  ids.vehicle = ok(await mine.call('POST', 'viaturas', { nome: 'Privada', matricula: '99-PR-99' })).id;
  ids.draft = ok(
    await mine.call('POST', 'documentos', {
      tipificacao: 'FT',
      contato_id: b.contactId,
      produtos: [product(b)],
      terminado: 0,
    }),
  ).id;
  ids.quote = (await invoice(mine, b, { tipificacao: 'ORC' })).id;
  const other = await t.newAccount();
  theirs = billptClient(t, other.apiKey);
});
after(async () => {
  await t?.close();
});

test('another account’s ids read as unknown, with the not-found code of each resource', async () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['GET', `contatos/${b.contactId}`, {}, '225'],
    ['PATCH', `contatos/${b.contactId}`, { nome: 'Hacked' }, '225'],
    ['DELETE', `contatos/${b.contactId}`, {}, '225'],
    ['GET', `items/${b.itemId}`, {}, '230'],
    ['PATCH', `items/${b.itemId}`, { descricao: 'Hacked' }, '230'],
    ['DELETE', `items/${b.itemId}`, {}, '291'], // seed 001: an item not of this account cannot be deleted (#14)
    ['PATCH', `impostos/${b.tax23}`, { nome: 'Hacked' }, '229'],
    ['DELETE', `impostos/${b.tax23}`, {}, '229'],
    ['PATCH', `series/${b.seriesId}`, { iva_incluido: 1 }, '227'],
    ['DELETE', `series/${b.seriesId}`, {}, '227'],
    ['PATCH', `lojas/${b.storeId}`, { nome: 'Hacked' }, '247'],
    ['DELETE', `lojas/${b.storeId}`, {}, '247'],
    ['PATCH', `tipos/${ids.type}`, { nome: 'Hacked' }, '220'],
    ['DELETE', `tipos/${ids.type}`, {}, '220'],
    ['PATCH', `categorias/${ids.category}`, { nome: 'Hacked' }, '219'],
    ['PATCH', `estados/${ids.state}`, { nome: 'Hacked' }, '263'],
    ['DELETE', `estados/${ids.state}`, {}, '263'],
    ['PATCH', `metodos-expedicao/${ids.shipping}`, { nome: 'Hacked' }, '224'],
    ['DELETE', `metodos-expedicao/${ids.shipping}`, {}, '224'],
    ['PATCH', `unidades-medida/${ids.unit}`, { nome: 'Hacked' }, '221'],
    ['DELETE', `unidades-medida/${ids.unit}`, {}, '221'],
    ['PATCH', `viaturas/${ids.vehicle}`, { nome: 'Hacked' }, '228'],
    ['DELETE', `viaturas/${ids.vehicle}`, {}, '228'],
    ['GET', `documentos/${doc.id}`, {}, '9.id'],
    ['DELETE', `documentos/${ids.draft}`, {}, '9.id'],
    ['PATCH', 'documentos', { documento_id: doc.id, motivo: 'x' }, '9.documento_id'],
    [
      'POST',
      'documentos',
      { id: ids.draft, tipificacao: 'FT', produtos: [{ nome: 'x', quantidade: 1, preco_unitario: 1, imposto: 23 }] },
      '9.id',
    ],
    ['POST', 'documentos/nota-documento', { documento_id: doc.id, nota_documento: 'x' }, '9.documento_id'],
    ['POST', 'documentos/adicionar/codigo-at', { documento_id: doc.id, codigo_at: '123' }, '9.documento_id'],
    ['POST', 'documentos/enviar-por-email', { documento_id: doc.id, email: 'x@example.com' }, '9.documento_id'],
    ['POST', `documentos/comunicar/guia/${doc.id}`, {}, '9.id'],
    ['POST', 'estados/mudar-estado', { documento_id: doc.id }, '9.documento_id'],
    ['GET', `movimentos-pendentes/${ids.quote}`, {}, '9.id'],
    ['GET', 'movimentos-pendentes/multiplos', { documentos: [ids.quote] }, '9.documentos'],
    ['GET', 'movimentos-pendentes', { contato_id: b.contactId }, '225'],
    ['POST', `recibos/pagar/${doc.id}`, {}, '9.id'],
    ['POST', 'recibos', { contato_id: b.contactId, documentos: [{ documento_id: doc.id }] }, '225'],
    ['POST', 'documentos/saldo-inicial', { contato_id: b.contactId, gross_total: 10 }, '217'],
    ['GET', 'stock/singular', { item_id: b.itemId }, '230'],
  ];
  for (const [method, path, body, code] of cases) {
    const r = await theirs.call(method, path, body);
    assert.equal(r.status, 404, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    assert.deepEqual(codes(r), [code], `${method} ${path}`);
  }
  const still = ok(await mine.call('GET', `contatos/${b.contactId}`));
  assert.equal(still.nome, 'Cliente Teste');
  assert.equal(ok(await mine.call('GET', `documentos/${ids.draft}`)).terminado, 0, 'the draft was not deleted');
});

test('another account’s ids inside a document are refused (217 contact, 218 product, 227 series, 229 tax)', async () => {
  const line = { nome: 'x', quantidade: 1, preco_unitario: 1, imposto: 23 };
  const cases: [Record<string, unknown>, string][] = [
    [{ contato_id: b.contactId, produtos: [line] }, '217'],
    [{ produtos: [{ item_id: b.itemId, quantidade: 1 }] }, '218'],
    [{ serie_id: b.seriesId, produtos: [line] }, '227'],
    [{ loja_id: b.storeId, produtos: [line] }, '247'],
    [{ produtos: [{ ...line, imposto: undefined, imposto_id: b.tax23 }] }, '229'],
    [{ modulo_estado_id: ids.state, produtos: [line] }, '263'],
    [{ metodo_expedicao_id: ids.shipping, produtos: [line] }, '224'],
    [
      { tipificacao: 'NC', produtos: [{ ...line, lancamento_pai_id: doc.lancamentos[0].id }] },
      '9.produtos.0.lancamento_pai_id',
    ],
  ];
  for (const [body, code] of cases) {
    const r = await theirs.call('POST', 'documentos', { tipificacao: 'FT', terminado: 1, ...body });
    assert.deepEqual(codes(r), [code], JSON.stringify(body));
  }
  assert.deepEqual(codes(await theirs.call('POST', 'contatos', { nome: 'X', tipos: [ids.type] })), ['220']);
  assert.deepEqual(codes(await theirs.call('POST', 'items', { descricao: 'XX', unidade_medida_id: ids.unit })), [
    '221',
  ]);
  assert.deepEqual(codes(await theirs.call('POST', 'items', { descricao: 'XX', categorias: [ids.category] })), ['219']);
});

test('lists show only the caller’s own records; the PDF link of another account is only reachable with its token', async () => {
  assert.equal(ok(await theirs.call('GET', 'documentos')).total, 0);
  assert.equal(ok(await theirs.call('GET', 'items')).total, 0);
  assert.ok(ok(await theirs.call('GET', 'contatos')).data.every((c: { id: number }) => c.id !== b.contactId));
  assert.equal(ok(await theirs.call('GET', 'stock', { itens: [b.itemId] })).total, 0);
  assert.equal(ok(await theirs.call('GET', 'stock/movimentos')).total, 0);
  assert.equal(ok(await theirs.call('GET', 'tipos')).length, 0);
  assert.equal(ok(await theirs.call('POST', 'at/registo-comunicacoes')).total, 0);
  const wrongToken = await theirs.call(
    'GET',
    `/billpt/documentos/download/${doc.id}/${'0'.repeat(48)}`,
    {},
    { token: null, via: 'query' },
  );
  assert.equal(wrongToken.status, 404);
  assert.deepEqual(codes(wrongToken), ['9.id']);
});
