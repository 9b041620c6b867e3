import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.js';
import { startBillptApp, type BillptClient } from './client.js';
import { type Basics, basics, codes, invoice, ok, product, today } from './fixtures.js';

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

describe('documents', () => {
  test('editing a draft gives it a new id (delete + create in one transaction); a finalized one cannot be edited', async () => {
    const draft = ok(
      await bp.call('POST', 'documentos', {
        tipificacao: 'FT',
        contato_id: b.contactId,
        produtos: [product(b)],
        terminado: 0,
      }),
    );
    assert.equal(draft.terminado, 0);
    assert.equal(draft.invoice_number, null, 'a draft has no number');
    const edited = ok(
      await bp.call('POST', 'documentos', {
        id: draft.id,
        tipificacao: 'FT',
        contato_id: b.contactId,
        produtos: [product(b, { quantidade: 3 })],
        terminado: 0,
      }),
    );
    assert.notEqual(edited.id, draft.id);
    assert.equal(edited.gross_total, '8.23');
    assert.deepEqual(codes(await bp.call('GET', `documentos/${draft.id}`)), ['9.id']);
    const finalized = ok(
      await bp.call('POST', 'documentos', {
        id: edited.id,
        tipificacao: 'FT',
        contato_id: b.contactId,
        produtos: [product(b)],
        terminado: 1,
      }),
    );
    assert.equal(finalized.terminado, 1);
    assert.match(finalized.invoice_number, /^FT /);
    assert.deepEqual(
      codes(await bp.call('POST', 'documentos', { id: finalized.id, tipificacao: 'FT', produtos: [product(b)] })),
      ['235'],
    );
    assert.equal(
      ok(await bp.call('GET', `documentos/${finalized.id}`)).gross_total,
      '2.74',
      'the finalized document is unchanged',
    );
    const failing = ok(
      await bp.call('POST', 'documentos', {
        tipificacao: 'FT',
        contato_id: b.contactId,
        produtos: [product(b)],
        terminado: 0,
      }),
    );
    assert.deepEqual(
      codes(
        await bp.call('POST', 'documentos', {
          id: failing.id,
          tipificacao: 'FT',
          produtos: [product(b, { preco_unitario: 0 })],
        }),
      ),
      ['271'],
    );
    assert.equal(
      ok(await bp.call('GET', `documentos/${failing.id}`)).id,
      failing.id,
      'a failed edit leaves the draft in place',
    );
  });

  test('a credit note on an invoice line (lancamento_pai_id), lowering what is owed; the SDK conversion of a whole invoice', async () => {
    const inv = await invoice(bp, b, { produtos: [product(b, { quantidade: 2 })] });
    assert.equal(inv.gross_total, '5.49');
    const pending = ok(await bp.call('GET', 'movimentos-pendentes', { contato_id: b.contactId, tipificacao: 'NC' }));
    assert.ok(pending.data.some((p: { origem: number }) => p.origem === inv.id));
    const nc = ok(
      await bp.call('POST', 'documentos', {
        tipificacao: 'NC',
        contato_id: b.contactId,
        terminado: 1,
        produtos: [{ lancamento_pai_id: inv.lancamentos[0].id, quantidade: 1, preco_unitario: 2.23, imposto: 23 }],
      }),
    );
    assert.equal(nc.tipo_documento_id, 5);
    assert.equal(nc.lancamentos[0].lancamento_pai_id, inv.lancamentos[0].id);
    assert.equal(nc.lancamentos[0].nome, 'Coca cola', 'the line carries the original’s product');
    const after = ok(await bp.call('GET', `documentos/${inv.id}`));
    assert.equal(after.divida.total_divida, '2.75');
    const left = ok(await bp.call('GET', `movimentos-pendentes/${inv.id}`));
    assert.deepEqual(
      left.map((p: { quantidade: string; quantidade_movida: string }) => [p.quantidade, p.quantidade_movida]),
      [['2.00000', '1.00000']],
    );

    // The Python/Node SDK convertDocumentWithID: the original's lancamentos become produtos with lancamento_pai_id.
    const original = ok(await bp.call('GET', `documentos/${(await invoice(bp, b)).id}`));
    const full = ok(
      await bp.call('POST', 'documentos', {
        tipificacao: 'NC',
        contato_id: original.contato_id,
        loja_id: original.loja_id,
        serie_id: original.serie_id,
        metodo_pagamento_id: original.metodo_pagamento_id,
        metodo_expedicao_id: original.metodo_expedicao_id,
        produtos: original.lancamentos.map((l: { id: number }) => ({ ...l, lancamento_pai_id: l.id })),
        terminado: 1,
      }),
    );
    assert.equal(full.gross_total, original.gross_total);
    assert.deepEqual(ok(await bp.call('GET', `movimentos-pendentes/${original.id}`)), [], 'nothing left to credit');
  });

  test('converting a quote into an invoice consumes its pending movements', async () => {
    const quote = await invoice(bp, b, { tipificacao: 'ORC', produtos: [product(b, { quantidade: 2 })] });
    assert.equal(quote.tipo_documento_id, 12);
    const before = ok(await bp.call('GET', 'movimentos-pendentes', { contato_id: b.contactId, tipificacao: 'FT' }));
    assert.ok(before.data.some((p: { origem: number }) => p.origem === quote.id));
    ok(
      await bp.call('POST', 'documentos', {
        tipificacao: 'FT',
        contato_id: b.contactId,
        terminado: 1,
        produtos: [{ lancamento_pai_id: quote.lancamentos[0].id, quantidade: 2, preco_unitario: 2.23, imposto: 23 }],
      }),
    );
    const multi = ok(await bp.call('GET', 'movimentos-pendentes/multiplos', { documentos: [quote.id] }));
    assert.deepEqual(multi, { [quote.id]: [] });
    const after = ok(await bp.call('GET', 'movimentos-pendentes', { contato_id: b.contactId, tipificacao: 'FT' }));
    assert.ok(!after.data.some((p: { origem: number }) => p.origem === quote.id));
    assert.deepEqual(
      codes(
        await bp.call('POST', 'documentos', {
          tipificacao: 'FT',
          contato_id: b.contactId,
          terminado: 1,
          produtos: [{ lancamento_pai_id: quote.lancamentos[0].id, quantidade: 1, preco_unitario: 2.23, imposto: 23 }],
        }),
      ),
      ['209'],
    );
  });

  test('receipts: partial, then the rest with recibos/pagar; divida and pagou follow', async () => {
    const inv = await invoice(bp, b);
    const rc = ok(
      await bp.call('POST', 'recibos', {
        contato_id: b.contactId,
        tipo_documento_id: 28,
        documentos: [{ documento_id: inv.id, total: '1.00' }],
      }),
    );
    assert.equal(rc.tipo_documento_id, 28);
    assert.equal(rc.gross_total, 1);
    let view = ok(await bp.call('GET', `documentos/${inv.id}`));
    assert.equal(view.divida.total_divida, '1.74');
    assert.deepEqual(
      view.pagou.map((p: { total: string; documento_relacionado_id: number }) => [p.total, p.documento_relacionado_id]),
      [['1.00', rc.id]],
    );
    ok(await bp.call('POST', `recibos/pagar/${inv.id}`));
    view = ok(await bp.call('GET', `documentos/${inv.id}`));
    assert.equal(view.divida.total_divida, '0.00');
    assert.equal(typeof view.divida.data_finalizado, 'string');
    assert.equal(view.pagou.length, 2);
    assert.deepEqual(codes(await bp.call('POST', `recibos/pagar/${inv.id}`)), ['209']);
    assert.deepEqual(
      codes(
        await bp.call('POST', 'recibos', {
          contato_id: b.contactId,
          documentos: [{ documento_id: inv.id, total: 1, total_desconto: 1 }],
        }),
      ),
      ['9.documentos.0.total_desconto'],
    );
    const other = ok(await bp.call('POST', 'contatos', { nome: 'Outro cliente' }));
    assert.deepEqual(
      codes(
        await bp.call('POST', 'recibos', {
          contato_id: other.id,
          documentos: [{ documento_id: (await invoice(bp, b)).id }],
        }),
      ),
      ['9.contato_id'],
    );
    const fr = await invoice(bp, b, { tipificacao: 'FR' });
    assert.deepEqual(
      ok(await bp.call('GET', `documentos/${fr.id}`)).pagou.map(
        (p: { documento_relacionado_id: number | null }) => p.documento_relacionado_id,
      ),
      [null],
      'an invoice-receipt is paid on issue',
    );
  });

  test('opening balances of a customer (26, SINIV) and of a supplier (27, SINIC)', async () => {
    const customer = ok(
      await bp.call('POST', 'documentos/saldo-inicial', {
        contato_id: b.contactId,
        tipo_documento_id: 26,
        gross_total: '17.28',
        net_total: '12.28',
        observacoes: 'Dívida anterior',
      }),
    );
    assert.equal(customer.tipo_documento_id, 26);
    assert.equal(customer.gross_total, 17.28);
    assert.equal(customer.net_total, 12.28, 'the net given is kept (#14 item 6)');
    assert.equal(customer.tipo_documento.tipificacao, 'SINIV');
    const supplier = ok(
      await bp.call('POST', 'documentos/saldo-inicial', {
        contato_id: b.contactId,
        tipo_documento_id: 27,
        gross_total: 5,
      }),
    );
    assert.equal(supplier.tipo_documento_id, 27);
    assert.equal(supplier.tipo_documento.movimento, 'entrada');
    assert.deepEqual(
      codes(
        await bp.call('POST', 'documentos/saldo-inicial', {
          contato_id: b.contactId,
          tipo_documento_id: 1,
          gross_total: 5,
        }),
      ),
      ['9.tipo_documento_id'],
    );
    assert.deepEqual(codes(await bp.call('POST', 'documentos/saldo-inicial', { contato_id: b.contactId })), [
      '1.gross_total',
    ]);
  });

  test('document state, internal note and AT code on a finalized document', async () => {
    const inv = await invoice(bp, b);
    const state = ok(await bp.call('POST', 'estados', { nome: 'Entregue' }));
    assert.deepEqual(
      ok(await bp.call('POST', 'estados/mudar-estado', { documento_id: inv.id, modulo_estado_id: state.id })),
      {},
    );
    const note = ok(
      await bp.call('POST', 'documentos/nota-documento', { documento_id: inv.id, nota_documento: 'Ligar ao cliente' }),
    );
    assert.deepEqual(note, { id: inv.id, nota_documento: 'Ligar ao cliente' });
    const view = ok(await bp.call('GET', `documentos/${inv.id}`));
    assert.deepEqual(
      [view.modulo_estado_id, view.modulo_estado.nome, view.nota_documento],
      [state.id, 'Entregue', 'Ligar ao cliente'],
    );
    const usedState = ok(await bp.call('GET', 'estados')).find((s: { id: number }) => s.id === state.id);
    assert.equal(usedState.usado, 1);
    assert.deepEqual(codes(await bp.call('DELETE', `estados/${state.id}`)), ['222']);
    assert.deepEqual(
      codes(await bp.call('POST', 'documentos/adicionar/codigo-at', { documento_id: inv.id, codigo_at: '123' })),
      ['9.documento_id'],
      'only transport documents carry an AT code',
    );
  });

  test('lists: pesquisa exact, texto and order_by; Laravel paging', async () => {
    const cancelled = await invoice(bp, b);
    ok(await bp.call('PATCH', 'documentos', { id: cancelled.id, motivo: 'Teste' }));
    const drafts = ok(await bp.call('GET', 'documentos', { pesquisa: { terminado: 0 } }));
    assert.ok(drafts.data.every((d: { terminado: number }) => d.terminado === 0));
    const annulled = ok(await bp.call('GET', 'documentos', { pesquisa: { estado: 'A' } }));
    assert.ok(annulled.data.some((d: { id: number }) => d.id === cancelled.id));
    assert.ok(annulled.data.every((d: { estado: string }) => d.estado === 'A'));
    const byNumber = ok(
      await bp.call('GET', 'documentos', { pesquisa: { texto: { invoice_number: cancelled.invoice_number } } }),
    );
    assert.deepEqual(
      byNumber.data.map((d: { id: number }) => d.id),
      [cancelled.id],
    );
    const receipts = ok(await bp.call('GET', 'documentos', { pesquisa: { tipo_documento_id: 28 } }));
    assert.ok(receipts.data.every((d: { invoice_number: string }) => d.invoice_number.startsWith('RC ')));
    const purchases = ok(await bp.call('GET', 'documentos', { pesquisa: { tipo_documento_id: 14 } }));
    assert.equal(purchases.total, 0);
    const sorted = ok(
      await bp.call('GET', 'documentos', { pesquisa: { terminado: 1, order_by: { gross_total: 'asc' } } }),
    );
    const totals = sorted.data.map((d: { gross_total: string }) => Number(d.gross_total));
    assert.deepEqual(
      totals,
      [...totals].sort((x, y) => x - y),
    );
    const page = ok(await bp.call('GET', 'documentos', { per_page: 2, page: 2 }));
    assert.equal(page.per_page, 2);
    assert.equal(page.current_page, 2);
    assert.equal(page.from, 3);
    assert.equal(page.to, 4);
    assert.match(page.next_page_url, /\/billpt\/api\/1\.0\/documentos\?page=3$/);
    assert.match(page.prev_page_url, /\/billpt\/api\/1\.0\/documentos\?page=1$/);
    assert.ok(page.last_page >= 3);
    const empty = ok(await bp.call('GET', 'documentos', { page: 999 }));
    assert.deepEqual([empty.data, empty.from, empty.to], [[], null, null]);
  });
});

describe('contacts, items and stock', () => {
  test('contact search: exact fields, texto (like), order_by', async () => {
    ok(
      await bp.call('POST', 'contatos', {
        nome: 'Zé Silva',
        email: 'Ze@Example.com',
        cidade: 'Braga',
        prazo_vencimento: 60,
        nif: '503340855',
        pessoa_contato: 'Maria',
      }),
    );
    ok(await bp.call('POST', 'contatos', { nome: 'Ana Costa', cidade: 'Braga', prazo_vencimento: 15 }));
    const byEmail = ok(await bp.call('GET', 'contatos', { pesquisa: { email: 'ze@example.com' } }));
    assert.deepEqual(
      byEmail.data.map((c: { nome: string }) => c.nome),
      ['Zé Silva'],
    );
    const braga = ok(await bp.call('GET', 'contatos', { pesquisa: { cidade: 'Braga', order_by: { nome: 'asc' } } }));
    assert.deepEqual(
      braga.data.map((c: { nome: string }) => c.nome),
      ['Ana Costa', 'Zé Silva'],
    );
    const terms = ok(await bp.call('GET', 'contatos', { pesquisa: { prazo_vencimento: 60 } }));
    assert.deepEqual(
      terms.data.map((c: { nome: string }) => c.nome),
      ['Zé Silva'],
    );
    const nif = ok(await bp.call('GET', 'contatos', { pesquisa: { texto: { nif: '50334' } } }));
    assert.deepEqual(
      nif.data.map((c: { nif: number }) => c.nif),
      [503340855],
    );
    const person = ok(await bp.call('GET', 'contatos', { pesquisa: { texto: { pessoa_contacto: 'mar' } } }));
    assert.equal(person.total, 1);
    assert.equal(
      ok(await bp.call('GET', 'contatos', { pesquisa: { activar_alerta: 1 } })).total,
      0,
      'no contact has alerts',
    );
    assert.deepEqual(codes(await bp.call('GET', 'contatos', { pesquisa: { prazo_vencimento: 'x' } })), [
      '7.pesquisa.prazo_vencimento',
    ]);
  });

  test('items: search, services, prices, and the code bill.pt generates when none is sent', async () => {
    const service = ok(
      await bp.call('POST', 'items', {
        descricao: 'Consultoria',
        servico: 1,
        precos: [{ preco_nome: 'Base', preco_sem_iva: 50 }],
      }),
    );
    assert.equal(service.servico, 1);
    assert.equal(service.codigo, service.id, 'without a code the id becomes the code');
    assert.equal(service.precos[0].preco_sem_iva, '50.00');
    const services = ok(await bp.call('GET', 'items', { pesquisa: { servico: 1 } }));
    assert.deepEqual(
      services.data.map((i: { id: number }) => i.id),
      [service.id],
    );
    const like = ok(await bp.call('GET', 'items', { pesquisa: { texto: { descricao: 'consul' } } }));
    assert.equal(like.total, 1);
    const line = ok(
      await bp.call('POST', 'documentos', {
        tipificacao: 'FT',
        contato_id: b.contactId,
        terminado: 1,
        produtos: [{ item_id: service.id, quantidade: 1, imposto: 23 }],
      }),
    );
    assert.equal(line.lancamentos[0].preco_unitario, '50.0000000000', 'the price comes from the product');
    const edited = ok(
      await bp.call('PATCH', `items/${service.id}`, { descricao: 'Consultoria sénior', preco_custo: '30.5' }),
    );
    assert.deepEqual([edited.descricao, edited.preco_custo, edited.usado], ['Consultoria sénior', 30.5, 1]);
  });

  test('stock: per item and store, singular, movements; a date before the movements shows none', async () => {
    const item = ok(await bp.call('POST', 'items', { descricao: 'Caixa', codigo: 'CX-1', movimenta_stock: 1 }));
    await invoice(bp, b, { produtos: [{ item_id: item.id, quantidade: 3, preco_unitario: 1, imposto: 23 }] });
    await invoice(bp, b, { produtos: [{ item_id: item.id, quantidade: 2, preco_unitario: 1, imposto: 23 }] });
    const single = ok(await bp.call('GET', 'stock/singular', { item_id: item.id, loja_id: b.storeId }));
    assert.equal(single.stock, '-5.000000');
    assert.equal(single.quantidade_saida, '2.000000');
    const list = ok(await bp.call('GET', 'stock', { itens: [item.id] }));
    assert.deepEqual(
      list.data.map((r: { stock: number; item: { codigo: string } }) => [r.stock, r.item.codigo]),
      [[-5, 'CX-1']],
    );
    const moves = ok(await bp.call('GET', 'stock/movimentos', { itens: [item.id] }));
    assert.deepEqual(
      moves.data.map((r: { stock: string }) => r.stock),
      ['-3.000000', '-5.000000'],
    );
    const past = ok(await bp.call('GET', 'stock', { itens: [item.id], data_stock: '2000-01-01 00:00:00' }));
    assert.equal(past.total, 0);
    const none = ok(
      await bp.call('GET', 'stock/singular', { item_id: b.itemId, loja_id: b.storeId, data_stock: '2000-01-01' }),
    );
    assert.equal(none.stock, '0.000000');
    assert.equal(today().length, 10);
  });
});
