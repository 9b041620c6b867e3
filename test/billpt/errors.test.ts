import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.js';
import { billptClient, startBillptApp, type BillptClient } from './client.js';
import { type Basics, basics, codes, invoice, ok, product, today } from './fixtures.js';

let t: TestApp;
let bp: BillptClient;
let b: Basics;
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

before(async () => {
  ({ t, bp } = await startBillptApp());
  b = await basics(bp);
});
after(async () => {
  await t?.close();
});

const doc = (extra: Record<string, unknown> = {}) =>
  bp.call('POST', 'documentos', {
    tipificacao: 'FT',
    contato_id: b.contactId,
    produtos: [product(b)],
    terminado: 1,
    ...extra,
  });
const transport = (extra: Record<string, unknown> = {}) => ({
  tipificacao: 'GT',
  carga_morada: 'Rua A 1',
  carga_cidade: 'Lisboa',
  carga_codigo_postal: '1000-001',
  descarga_morada: 'Rua B 2',
  descarga_cidade: 'Porto',
  descarga_codigo_postal: '4000-001',
  viatura: 'AA-00-BB',
  data: `${today()} 08:00:00`,
  data_carga: `${tomorrow()} 09:00:00`,
  ...extra,
});

describe('legal rules answer their bill.pt codes (240–309)', () => {
  test('a date before the last document of the series: 102.data.<last date> and 242', async () => {
    const s = ok(await bp.call('POST', 'series', { nome: 'DATAS' }));
    ok(await doc({ serie_id: s.id, data: `${today()} 10:00:00` }));
    const r = await doc({ serie_id: s.id, data: `${yesterday()} 10:00:00` });
    assert.deepEqual(codes(r), [`102.data.${today()}`, '242']);
    assert.equal(r.status, 422);
  });

  test('due date before the document date: 241', async () => {
    assert.deepEqual(codes(await doc({ data: today(), prazo_vencimento: `${yesterday()} 00:00:00` })), ['241']);
    assert.deepEqual(
      codes(
        await bp.call('POST', 'documentos/saldo-inicial', {
          contato_id: b.contactId,
          gross_total: 10,
          data: today(),
          prazo_vencimento: yesterday(),
        }),
      ),
      ['241'],
    );
  });

  test('loading before the document date: 240; unloading before loading: 239; transport data missing: 1.<field>', async () => {
    assert.deepEqual(codes(await doc(transport({ data_carga: `${yesterday()} 09:00:00` }))), ['240']);
    assert.deepEqual(codes(await doc(transport({ data_descarga: `${today()} 09:00:00` }))), ['239']);
    const missing = codes(await doc(transport({ carga_morada: '', viatura: '' })));
    assert.deepEqual(missing.sort(), ['1.carga_morada', '1.viatura']);
  });

  test('a negative total: 243', async () => {
    assert.deepEqual(codes(await doc({ produtos: [product(b, { preco_unitario: 0.01 })], arredondamento: -0.03 })), [
      '243',
    ]);
  });

  test('an anonymous customer above the limit: 244', async () => {
    assert.deepEqual(
      codes(
        await bp.call('POST', 'documentos', {
          tipificacao: 'FT',
          contato: [],
          produtos: [product(b, { preco_unitario: 2000 })],
          terminado: 1,
        }),
      ),
      ['244'],
    );
  });

  test('cancelling: with a payment 236, converted 251, with a credit note 246, twice 289; deleting a finalized one 235', async () => {
    const paid = await invoice(bp, b);
    ok(await bp.call('POST', `recibos/pagar/${paid.id}`));
    assert.deepEqual(codes(await bp.call('PATCH', 'documentos', { documento_id: paid.id, motivo: 'erro' })), ['236']);

    const quote = await invoice(bp, b, { tipificacao: 'ORC' });
    ok(
      await bp.call('POST', 'documentos', {
        tipificacao: 'FT',
        contato_id: b.contactId,
        produtos: [{ lancamento_pai_id: quote.lancamentos[0].id, quantidade: 1, imposto: 23, preco_unitario: 2.23 }],
        terminado: 1,
      }),
    );
    assert.deepEqual(codes(await bp.call('PATCH', 'documentos', { documento_id: quote.id, motivo: 'erro' })), ['251']);

    const credited = await invoice(bp, b);
    ok(
      await bp.call('POST', 'documentos', {
        tipificacao: 'NC',
        contato_id: b.contactId,
        produtos: [{ lancamento_pai_id: credited.lancamentos[0].id, quantidade: 1, imposto: 23, preco_unitario: 2.23 }],
        terminado: 1,
      }),
    );
    assert.deepEqual(codes(await bp.call('PATCH', 'documentos', { documento_id: credited.id, motivo: 'erro' })), [
      '246',
    ]);

    const once = await invoice(bp, b);
    ok(await bp.call('PATCH', 'documentos', { documento_id: once.id, motivo_anular: 'Erro no preço.' }));
    assert.deepEqual(
      codes(await bp.call('PATCH', 'documentos', { documento_id: once.id, motivo_anular: 'Outra vez.' })),
      ['289'],
    );
    assert.deepEqual(codes(await bp.call('DELETE', `documentos/${once.id}`)), ['235']);
    assert.deepEqual(codes(await bp.call('PATCH', 'documentos', { documento_id: once.id })), ['1.motivo']);
  });

  test('exemptions: none for 0% 270, an unknown one 274, one on a taxed line 275; a zero price 271', async () => {
    assert.deepEqual(codes(await doc({ produtos: [product(b, { imposto: 0 })] })), ['270']);
    assert.deepEqual(codes(await doc({ produtos: [product(b, { imposto_id: b.tax0, motivo_isencao_id: 98 })] })), [
      '274',
    ]);
    assert.deepEqual(codes(await doc({ produtos: [product(b, { motivo_isencao_id: 7 })] })), ['275']);
    assert.deepEqual(codes(await doc({ produtos: [product(b, { preco_unitario: 0 })] })), ['271']);
    const exempt = ok(await doc({ produtos: [product(b, { imposto_id: b.tax0, motivo_isencao_id: 7 })] }));
    assert.equal(exempt.lancamentos[0].motivo_isencao_id, 7);
    assert.equal(exempt.tax_total, '0.00');
    const offer = ok(await doc({ produtos: [product(b, { preco_unitario: 0, desconto_1: 100 })] }));
    assert.equal(offer.gross_total, '0.00');
  });

  test('a credit note line without a reference to the original: 266', async () => {
    // A line naming the original by number (referencia_manual, an invoice outside the system) is a reference (#14).
    assert.deepEqual(codes(await doc({ tipificacao: 'NC', produtos: [product(b)] })), ['266']);
  });

  test('simplified invoices: above 1000 303, services above 100 304, to a VAT taxpayer above 100 305', async () => {
    const fs = (price: number, extra: Record<string, unknown> = {}) =>
      bp.call('POST', 'documentos', {
        tipificacao: 'FS',
        produtos: [product(b, { preco_unitario: price, ...extra })],
        terminado: 1,
        contato: [],
      });
    assert.deepEqual(codes(await fs(900)), ['303']);
    assert.deepEqual(
      codes(await fs(200, { item_id: undefined, nome: 'Serviço de limpeza', codigo: 'SERV-1', servico: 1 })),
      ['304'],
    );
    assert.deepEqual(codes(await doc({ tipificacao: 'FS', produtos: [product(b, { preco_unitario: 200 })] })), ['305']);
  });

  test('series: invalid symbols 306, inactive 300, not registered with AT 309', async () => {
    assert.deepEqual(codes(await bp.call('POST', 'series', { nome: 'A B/1' })), ['306']);
    const s = ok(await bp.call('POST', 'series', { nome: 'FECHADA' }));
    const fin = await t.call('PATCH', `/v1/series/${s.id}`, { status: 'finalized' });
    assert.equal(fin.status, 200, JSON.stringify(fin.body));
    assert.deepEqual(codes(await doc({ serie_id: s.id })), ['300']);
    const prod = await t.newAccount({ sandbox: false });
    const bpProd = billptClient(t, prod.apiKey);
    const r = await bpProd.call('POST', 'documentos', {
      tipificacao: 'FT',
      produtos: [{ nome: 'Consultoria', quantidade: 1, preco_unitario: 10, imposto: 23 }],
      terminado: 1,
    });
    assert.deepEqual(codes(r), ['309']);
    const draft = ok(
      await bpProd.call('POST', 'documentos', {
        tipificacao: 'FT',
        produtos: [{ nome: 'Consultoria', quantidade: 1, preco_unitario: 10, imposto: 23 }],
        terminado: 0,
      }),
    );
    assert.equal(draft.terminado, 0, 'a draft needs no registration');
  });

  test('contacts: invalid NIF 206, postal code 214; something in use cannot be deleted: 222', async () => {
    assert.deepEqual(codes(await bp.call('POST', 'contatos', { nome: 'X', nif: '123456780', pais: 'PT' })), ['206']);
    assert.deepEqual(codes(await bp.call('POST', 'contatos', { nome: 'X', pais: 'PT', codigo_postal: '12345' })), [
      '214',
    ]);
    await invoice(bp, b);
    assert.deepEqual(codes(await bp.call('DELETE', `impostos/${b.tax23}`)), ['222']);
    assert.deepEqual(codes(await bp.call('DELETE', `items/${b.itemId}`)), ['222']);
    assert.deepEqual(codes(await bp.call('DELETE', `contatos/${b.contactId}`)), ['222']);
  });

  test('more than remains of the original: 209; a receipt beyond what is owed: 209', async () => {
    const inv = await invoice(bp, b);
    assert.deepEqual(
      codes(
        await doc({
          tipificacao: 'NC',
          produtos: [{ lancamento_pai_id: inv.lancamentos[0].id, quantidade: 2, imposto: 23, preco_unitario: 2.23 }],
        }),
      ),
      ['209'],
    );
    assert.deepEqual(
      codes(
        await bp.call('POST', 'recibos', {
          contato_id: b.contactId,
          documentos: [{ documento_id: inv.id, total: 100 }],
        }),
      ),
      ['209'],
    );
  });
});

describe('field validation answers 1–10 and 100–102 with the bill.pt field names', () => {
  test('mandatory, e-mail, unique, boolean, integer, numeric, too long', async () => {
    assert.deepEqual(codes(await bp.call('POST', 'contatos', { pais: 'PT' })), ['1.nome']);
    assert.deepEqual(codes(await bp.call('POST', 'contatos', { nome: 'X', email: 'não-é-email' })), ['2.email']);
    ok(await bp.call('POST', 'contatos', { nome: 'Único', codigo: 'UNICO-1' }));
    assert.deepEqual(codes(await bp.call('POST', 'contatos', { nome: 'Outro', codigo: 'UNICO-1' })), ['3.codigo']);
    assert.deepEqual(codes(await bp.call('POST', 'contatos', { nome: 'X'.repeat(150) })), ['101.nome.100']);
    assert.deepEqual(codes(await doc({ terminado: 'talvez' })), ['5.terminado']);
    assert.deepEqual(codes(await doc({ contato_id: 'abc' })), ['7.contato_id']);
    assert.deepEqual(codes(await doc({ produtos: [product(b, { quantidade: 'muita' })] })), [
      '10.produtos.0.quantidade',
    ]);
    assert.deepEqual(codes(await doc({ produtos: [product(b, { quantidade: undefined })] })), [
      '1.produtos.0.quantidade',
    ]);
    assert.deepEqual(codes(await doc({ produtos: [product(b, { quantidade: -1 })] })), ['9.produtos.0.quantidade']);
    assert.deepEqual(codes(await bp.call('POST', 'documentos', { contato_id: b.contactId, produtos: [product(b)] })), [
      '1.tipo_documento_id',
    ]);
    assert.deepEqual(codes(await bp.call('POST', 'auth/login', { email: 'x' }, { token: null })), [
      '2.email',
      '1.password',
    ]);
  });

  test('document types the core does not issue (purchases, stock, supplier receipts): 9.tipo_documento_id', async () => {
    for (const id of [14, 18, 24, 25, 29])
      assert.deepEqual(codes(await doc({ tipificacao: undefined, tipo_documento_id: id })), ['9.tipo_documento_id']);
    assert.deepEqual(codes(await doc({ tipificacao: 'VFT' })), ['9.tipificacao']);
    assert.deepEqual(
      codes(
        await bp.call('POST', 'recibos', {
          contato_id: b.contactId,
          tipo_documento_id: 29,
          documentos: [{ documento_id: 1 }],
        }),
      ),
      ['9.tipo_documento_id'],
    );
    const ne = ok(await doc({ tipificacao: 'NENC' }));
    assert.equal(ne.tipo_documento_id, 11);
    assert.match(ne.invoice_number, /^NE /);
  });

  test('unknown ids: 225 contact, 230 product, 229 tax, 227 series, 221 unit, 223/224 methods, 247 store, 263 state; 217/218 inside a document', async () => {
    assert.deepEqual(codes(await bp.call('GET', 'contatos/999999')), ['225']);
    assert.deepEqual(codes(await bp.call('GET', 'items/999999')), ['230']);
    assert.deepEqual(codes(await bp.call('PATCH', 'impostos/999999', { nome: 'x' })), ['229']);
    assert.deepEqual(codes(await bp.call('DELETE', 'series/999999')), ['227']);
    assert.deepEqual(codes(await bp.call('PATCH', 'unidades-medida/999999', { nome: 'x' })), ['221']);
    assert.deepEqual(codes(await bp.call('DELETE', 'metodos-expedicao/999999')), ['224']);
    assert.deepEqual(codes(await bp.call('PATCH', 'lojas/999999', { nome: 'x' })), ['247']);
    assert.deepEqual(
      codes(await bp.call('POST', 'estados/mudar-estado', { documento_id: 999999, modulo_estado_id: 999999 })),
      ['263'],
    );
    assert.deepEqual(codes(await doc({ contato_id: 999999 })), ['217']);
    assert.deepEqual(codes(await doc({ produtos: [product(b, { item_id: 999999 })] })), ['218']);
    assert.deepEqual(codes(await doc({ serie_id: 999999 })), ['227']);
    assert.deepEqual(codes(await doc({ metodo_pagamento_id: 999999 })), ['223']);
    assert.deepEqual(codes(await doc({ metodo_expedicao_id: 999999 })), ['224']);
    assert.deepEqual(codes(await doc({ loja_id: 999999 })), ['247']);
    assert.deepEqual(codes(await doc({ produtos: [product(b, { imposto_id: 999999 })] })), ['229']);
    assert.deepEqual(codes(await bp.call('GET', 'documentos/999999')), ['9.id']);
    assert.deepEqual(codes(await bp.call('PATCH', 'documentos', { documento_id: 999999, motivo: 'x' })), [
      '9.documento_id',
    ]);
    assert.deepEqual(codes(await bp.call('GET', 'nao-existe')), ['404']);
  });

  test('no error is a 5xx: malformed bodies and odd values', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/billpt/api/1.0/documentos',
      payload: '{"api_token": ',
      headers: { 'content-type': 'application/json' },
    });
    assert.ok(bad.statusCode >= 400 && bad.statusCode < 500, bad.body);
    for (const body of [
      { produtos: 'x' },
      { produtos: [1, 2] },
      { contato_id: undefined, contato: 'x' },
      { data: '2026-13-45' },
      { data_carga: 'amanhã' },
      { cambio: 'x', moeda: 'USD' },
      { moeda: 'USD' },
      { produtos: [{ quantidade: 1 }] },
    ]) {
      const r = await doc(body);
      assert.ok(r.status >= 400 && r.status < 500, `${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.body)}`);
      codes(r);
    }
    for (const q of [
      { pesquisa: { nada: 1 } },
      { pesquisa: { texto: { nif: { a: 1 } } } },
      { pesquisa: { order_by: { nome: 'sideways' } } },
      { page: 'x' },
    ]) {
      const r = await bp.call('GET', 'contatos', q);
      codes(r);
    }
  });
});
