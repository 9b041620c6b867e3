import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

const line = (description: string, quantity: string, unitPrice: string, extra: Record<string, unknown> = {}) => ({
  description,
  quantity,
  unitPrice,
  ...extra,
});

describe('totals of the seed examples, through the API', () => {
  test('seed 002: two lines 10.00 and 5.00 at IVA23 → 15.00 + 3.45 = 18.45', async () => {
    const r = await t.call('POST', '/v1/documents', {
      type: 'FS',
      customer: { name: 'Ricardo Pereira', code: '100' },
      lines: [
        line('Product 1', '1', '10.0', { taxName: 'IVA23' }),
        line('Product 2', '1', '5.0', { taxName: 'IVA23' }),
      ],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body.totals.net, '15.00');
    assert.equal(r.body.totals.tax, '3.45');
    assert.equal(r.body.totals.gross, '18.45');
    assert.deepEqual(
      r.body.lines.map((l: any) => [l.taxTotal, l.grossTotal]),
      [
        ['2.30', '12.30'],
        ['1.15', '6.15'],
      ],
    );
  });
  test('seed 003: 24.3902 at 23% → 24.39 + 5.61 = 30.00', async () => {
    const r = await t.call('POST', '/v1/documents', {
      type: 'FT',
      lines: [line('Large', '1', '24.3902', { taxName: 'IVA23' })],
    });
    assert.equal(r.status, 201);
    assert.deepEqual([r.body.totals.net, r.body.totals.tax, r.body.totals.gross], ['24.39', '5.61', '30.00']);
  });
  test('seed 001: 2.23 at 23% → 0.51, 2.74', async () => {
    const r = await t.call('POST', '/v1/documents', {
      type: 'FT',
      lines: [line('Coca cola', '1', '2.23', { taxRate: '23' })],
    });
    assert.deepEqual([r.body.totals.tax, r.body.totals.gross], ['0.51', '2.74']);
  });
  test('seed 004: 1×10.00 at 6% + 2×3.75 at 23% and 13% mix per rate', async () => {
    const r = await t.call('POST', '/v1/documents', {
      type: 'FT',
      lines: [line('Box of cookies', '1', '10.00', { taxRate: '6' }), line('Sticks', '2', '3.75', { taxRate: '13' })],
    });
    assert.equal(r.status, 201);
    assert.deepEqual([r.body.totals.net, r.body.totals.tax, r.body.totals.gross], ['17.50', '1.58', '19.08']);
    assert.equal(r.body.taxSummary.length, 2);
  });
});

describe('lifecycle', () => {
  test('a draft consumes no number; finalize numbers, signs, chains and sets ATCUD and QR', async () => {
    const d = await t.call('POST', '/v1/documents', {
      type: 'FT',
      date: '2026-01-10',
      lines: [line('Serviço', '2', '50', { taxName: 'IVA23', productType: 'S' })],
    });
    assert.equal(d.body.status, 'draft');
    assert.equal(d.body.number, null);
    assert.equal(d.body.signature, null);
    const f = await t.call('POST', `/v1/documents/${d.body.id}/finalize`);
    assert.equal(f.status, 200, JSON.stringify(f.body));
    assert.equal(f.body.status, 'final');
    assert.match(f.body.number, /^FT A\d{4}\/\d+$/);
    assert.equal(f.body.signature.hash.length, 172);
    assert.equal(f.body.signature.hashControl, '1');
    assert.equal(f.body.atcud, '0');
    assert.match(
      f.body.legal.qrPayload,
      /^A:503340855\*B:999999990\*C:PT\*D:FT\*E:N\*F:20260110\*G:FT A\d{4}\/\d+\*H:0\*I1:PT\*I7:100.00\*I8:23.00\*N:23.00\*O:123.00\*Q:.{4}\*R:0$/,
    );
    assert.match(f.body.legal.certification, /^.{4}-Processado por programa certificado n\.º 0000\/AT$/);
    const again = await t.call('POST', `/v1/documents/${d.body.id}/finalize`);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'document_not_draft');
  });

  test('numbers run 1, 2, 3 per series and type; an earlier date than the last is refused and consumes nothing', async () => {
    const s = await t.call('POST', '/v1/series', { code: 'SEQ' });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    const make = (date: string) =>
      t.call('POST', '/v1/documents', {
        type: 'FR',
        seriesId: s.body.id,
        date,
        finalize: true,
        lines: [line('x', '1', '1', { taxName: 'IVA23' })],
      });
    const a = await make('2026-02-01');
    const b = await make('2026-02-03');
    const early = await make('2026-02-02');
    assert.equal(early.status, 422);
    assert.equal(early.body.error.code, 'date_before_last_in_series');
    const c = await make('2026-02-03');
    assert.deepEqual([a.body.number, b.body.number, c.body.number], ['FR SEQ/1', 'FR SEQ/2', 'FR SEQ/3']);
    const nc = await t.call('POST', '/v1/documents', {
      type: 'FT',
      seriesId: s.body.id,
      date: '2026-01-01',
      finalize: true,
      lines: [line('x', '1', '1', { taxName: 'IVA23' })],
    });
    assert.equal(nc.body.number, 'FT SEQ/1', 'each type numbers on its own');
  });

  test('cancel needs a reason, keeps the number, and a cancelled document cannot change', async () => {
    const d = await t.call('POST', '/v1/documents', {
      type: 'FT',
      finalize: true,
      lines: [line('x', '1', '10', { taxName: 'IVA23' })],
    });
    const noReason = await t.call('POST', `/v1/documents/${d.body.id}/cancel`, { reason: '' });
    assert.equal(noReason.status, 422);
    const c = await t.call('POST', `/v1/documents/${d.body.id}/cancel`, { reason: 'Erro no preço' });
    assert.equal(c.status, 200);
    assert.equal(c.body.status, 'cancelled');
    assert.equal(c.body.number, d.body.number);
    assert.equal(c.body.cancelReason, 'Erro no preço');
    assert.match(c.body.legal.qrPayload, /\*E:A\*/);
    const twice = await t.call('POST', `/v1/documents/${d.body.id}/cancel`, { reason: 'again' });
    assert.equal(twice.body.error.code, 'document_already_cancelled');
    const edit = await t.call('PUT', `/v1/documents/${d.body.id}`, {
      lines: [line('y', '1', '1', { taxName: 'IVA23' })],
    });
    assert.equal(edit.status, 409);
    const del = await t.call('DELETE', `/v1/documents/${d.body.id}`);
    assert.equal(del.status, 409);
  });

  test('drafts can be edited and deleted', async () => {
    const d = await t.call('POST', '/v1/documents', {
      type: 'OR',
      lines: [line('x', '1', '10', { taxName: 'IVA23' })],
    });
    const e = await t.call('PUT', `/v1/documents/${d.body.id}`, {
      lines: [line('y', '3', '10', { taxName: 'IVA13' })],
    });
    assert.equal(e.status, 200, JSON.stringify(e.body));
    assert.equal(e.body.type, 'OR');
    assert.equal(e.body.totals.gross, '33.90');
    const del = await t.call('DELETE', `/v1/documents/${d.body.id}`);
    assert.equal(del.status, 204);
    assert.equal((await t.call('GET', `/v1/documents/${d.body.id}`)).status, 404);
  });
});

describe('calculations', () => {
  test('cascaded discounts, a global discount, withholding after the gross, rounding adjustment', async () => {
    const r = await t.call('POST', '/v1/documents', {
      type: 'FT',
      globalDiscount: { kind: 'percent', value: '10' },
      withholding: { type: 'IRS', rate: '23' },
      roundingAdjustment: '-0.02',
      lines: [line('Consultoria', '2', '100', { taxName: 'IVA23', discounts: ['10', '5'], productType: 'S' })],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    // 200 × 0.9 × 0.95 = 171; global 10% → 153.90; VAT 35.40; gross 189.30; IRS 23% of net = 35.40
    assert.deepEqual(r.body.totals, {
      net: '153.90',
      tax: '35.40',
      gross: '189.30',
      discount: '46.10',
      withholding: '35.40',
      roundingAdjustment: '-0.02',
      payable: '153.88',
      currencyGross: null,
    });
  });

  test('VAT-included series derive the net from the gross', async () => {
    const s = await t.call('POST', '/v1/series', { code: 'IVAINC', vatIncluded: true });
    const r = await t.call('POST', '/v1/documents', {
      type: 'FS',
      seriesId: s.body.id,
      lines: [line('Café', '3', '1.00', { taxName: 'IVA23' })],
    });
    assert.deepEqual([r.body.totals.net, r.body.totals.tax, r.body.totals.gross], ['2.44', '0.56', '3.00']);
    assert.equal(r.body.vatIncluded, true);
  });

  test('a foreign currency keeps EUR values and the amount in the currency', async () => {
    const r = await t.call('POST', '/v1/documents', {
      type: 'FT',
      currency: 'USD',
      exchangeRate: '1.08',
      lines: [line('x', '1', '100', { taxName: 'IVA23' })],
    });
    assert.equal(r.body.totals.gross, '123.00');
    assert.equal(r.body.totals.currencyGross, '132.84');
    const noRate = await t.call('POST', '/v1/documents', {
      type: 'FT',
      currency: 'USD',
      lines: [line('x', '1', '100', { taxName: 'IVA23' })],
    });
    assert.equal(noRate.status, 422);
    assert.equal(noRate.body.error.details[0].field, 'exchangeRate');
  });

  test('0% lines need a valid exemption reason', async () => {
    const none = await t.call('POST', '/v1/documents', {
      type: 'FT',
      lines: [line('Export', '1', '100', { taxName: 'IVA0' })],
    });
    assert.equal(none.body.error.code, 'exemption_required');
    const bad = await t.call('POST', '/v1/documents', {
      type: 'FT',
      lines: [line('Export', '1', '100', { taxName: 'IVA0', exemptionCode: 'M77' })],
    });
    assert.equal(bad.body.error.code, 'exemption_invalid');
    const ok = await t.call('POST', '/v1/documents', {
      type: 'FT',
      exemptionCode: 'M05',
      lines: [line('Export', '1', '100', { taxName: 'IVA0' })],
    });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.lines[0].exemption.code, 'M05');
    assert.equal(ok.body.lines[0].exemption.reason, 'Isento artigo 14.º do CIVA');
  });
});

describe('create in one call', () => {
  test('an inline customer is found by code, then tax id, then e-mail, or created', async () => {
    const a = await t.call('POST', '/v1/documents', {
      type: 'FT',
      customer: { code: 'CLI-1', name: 'Alfa', taxId: '123456789', email: 'alfa@example.com' },
      lines: [line('x', '1', '1', { taxName: 'IVA23' })],
    });
    const byCode = await t.call('POST', '/v1/documents', {
      type: 'FT',
      customer: { code: 'CLI-1', name: 'Other name' },
      lines: [line('x', '1', '1', { taxName: 'IVA23' })],
    });
    const byTaxId = await t.call('POST', '/v1/documents', {
      type: 'FT',
      customer: { name: 'Alfa SA', taxId: 'PT123456789' },
      lines: [line('x', '1', '1', { taxName: 'IVA23' })],
    });
    const byEmail = await t.call('POST', '/v1/documents', {
      type: 'FT',
      customer: { name: 'Alfa', email: 'ALFA@example.com' },
      lines: [line('x', '1', '1', { taxName: 'IVA23' })],
    });
    assert.equal(byCode.body.contactId, a.body.contactId);
    assert.equal(byTaxId.body.contactId, a.body.contactId);
    assert.equal(byEmail.body.contactId, a.body.contactId);
    const none = await t.call('POST', '/v1/documents', {
      type: 'FS',
      lines: [line('x', '1', '1', { taxName: 'IVA23' })],
    });
    assert.equal(none.body.customer.taxId, '999999990');
    assert.equal(none.body.customer.name, 'Consumidor final');
  });

  test('items are found by code or name, or created; an unknown tax name falls back to the default', async () => {
    const a = await t.call('POST', '/v1/documents', {
      type: 'FT',
      lines: [{ item: { code: 'SKU-9', description: 'Parafuso', price: '0.25' }, quantity: '4', taxName: 'IVA99' }],
    });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(a.body.lines[0].tax.rate, '23');
    assert.equal(a.body.totals.net, '1.00');
    const b = await t.call('POST', '/v1/documents', {
      type: 'FT',
      lines: [{ item: { description: 'Parafuso' }, quantity: '1' }],
    });
    assert.equal(b.body.lines[0].itemId, a.body.lines[0].itemId);
    assert.equal(b.body.lines[0].code, 'SKU-9');
  });

  test('the description of an item used in issued documents is frozen on them', async () => {
    const item = await t.call('POST', '/v1/items', { code: 'FROZEN', description: 'Original name', price: '10' });
    const doc = await t.call('POST', '/v1/documents', {
      type: 'FT',
      finalize: true,
      lines: [{ itemId: item.body.id, quantity: '1' }],
    });
    await t.call('PATCH', `/v1/items/${item.body.id}`, { description: 'Renamed' });
    const again = await t.call('GET', `/v1/documents/${doc.body.id}`);
    assert.equal(again.body.lines[0].description, 'Original name');
  });
});

describe('documents from other documents', () => {
  test('credit notes reference the original lines and can never exceed what remains', async () => {
    const inv = await t.call('POST', '/v1/documents', {
      type: 'FT',
      finalize: true,
      customer: { name: 'Beta', taxId: '500000000' },
      lines: [line('A', '10', '5', { taxName: 'IVA23' }), line('B', '1', '100', { taxName: 'IVA6' })],
    });
    const lineA = inv.body.lines[0].id;
    const nc1 = await t.call('POST', `/v1/documents/${inv.body.id}/credit-notes`, {
      finalize: true,
      lines: [{ originLineId: lineA, quantity: '4' }],
    });
    assert.equal(nc1.status, 201, JSON.stringify(nc1.body));
    assert.equal(nc1.body.type, 'NC');
    assert.equal(nc1.body.relatedDocumentId, inv.body.id);
    assert.equal(nc1.body.lines[0].originLineId, lineA);
    assert.equal(nc1.body.totals.gross, '24.60');
    const tooMuch = await t.call('POST', `/v1/documents/${inv.body.id}/credit-notes`, {
      finalize: true,
      lines: [{ originLineId: lineA, quantity: '7' }],
    });
    assert.equal(tooMuch.status, 422);
    assert.equal(tooMuch.body.error.code, 'rectification_exceeds_original');
    const rest = await t.call('POST', `/v1/documents/${inv.body.id}/credit-notes`, { finalize: true });
    assert.equal(rest.status, 201, JSON.stringify(rest.body));
    assert.deepEqual(
      rest.body.lines.map((l: any) => l.quantity),
      ['6', '1'],
    );
    const orig = await t.call('GET', `/v1/documents/${inv.body.id}`);
    assert.equal(orig.body.openBalance, '0.00');
    const cancel = await t.call('POST', `/v1/documents/${inv.body.id}/cancel`, { reason: 'x' });
    assert.equal(cancel.body.error.code, 'document_has_rectifications');
  });

  test('no credit note on a cancelled document; a credit note without references is refused', async () => {
    const inv = await t.call('POST', '/v1/documents', {
      type: 'FT',
      finalize: true,
      lines: [line('A', '1', '5', { taxName: 'IVA23' })],
    });
    await t.call('POST', `/v1/documents/${inv.body.id}/cancel`, { reason: 'erro' });
    const nc = await t.call('POST', `/v1/documents/${inv.body.id}/credit-notes`, { finalize: true });
    assert.equal(nc.body.error.code, 'rectification_of_cancelled');
    const bare = await t.call('POST', '/v1/documents', {
      type: 'NC',
      lines: [line('A', '1', '5', { taxName: 'IVA23' })],
    });
    assert.equal(bare.body.error.code, 'rectification_without_reference');
  });

  test('receipts settle invoices fully or partially; a paid invoice cannot be cancelled until its receipt is', async () => {
    const inv = await t.call('POST', '/v1/documents', {
      type: 'FT',
      finalize: true,
      customer: { name: 'Gama', taxId: '510111114' },
      lines: [line('A', '1', '100', { taxName: 'IVA23' })],
    });
    assert.equal(inv.body.openBalance, '123.00');
    const r1 = await t.call('POST', '/v1/receipts', { documents: [{ documentId: inv.body.id, amount: '23.00' }] });
    assert.equal(r1.status, 201, JSON.stringify(r1.body));
    assert.equal(r1.body.type, 'RG');
    assert.equal(r1.body.signature, null, 'receipts are not signed');
    assert.match(r1.body.legal.certification, /^Emitido por programa certificado/);
    let cur = await t.call('GET', `/v1/documents/${inv.body.id}`);
    assert.equal(cur.body.openBalance, '100.00');
    assert.equal(cur.body.paid, false);
    const over = await t.call('POST', '/v1/receipts', { documents: [{ documentId: inv.body.id, amount: '100.01' }] });
    assert.equal(over.body.error.code, 'settlement_exceeds_balance');
    const r2 = await t.call('POST', '/v1/receipts', { documents: [{ documentId: inv.body.id }] });
    cur = await t.call('GET', `/v1/documents/${inv.body.id}`);
    assert.deepEqual([cur.body.openBalance, cur.body.paid], ['0.00', true]);
    const blocked = await t.call('POST', `/v1/documents/${inv.body.id}/cancel`, { reason: 'x' });
    assert.equal(blocked.body.error.code, 'document_has_payments');
    await t.call('POST', `/v1/documents/${r2.body.id}/cancel`, { reason: 'devolvido' });
    cur = await t.call('GET', `/v1/documents/${inv.body.id}`);
    assert.deepEqual([cur.body.openBalance, cur.body.paid], ['100.00', false]);
  });

  test('FR is settled at issue', async () => {
    const fr = await t.call('POST', '/v1/documents', {
      type: 'FR',
      finalize: true,
      lines: [line('A', '1', '10', { taxName: 'IVA23' })],
    });
    assert.deepEqual([fr.body.paid, fr.body.openBalance], [true, '0.00']);
  });

  test('conversion carries lines and tracks the pending quantity; a converted document cannot be cancelled', async () => {
    const quote = await t.call('POST', '/v1/documents', {
      type: 'OR',
      finalize: true,
      customer: { name: 'Delta', taxId: '555555550' },
      lines: [line('A', '10', '3', { taxName: 'IVA23' })],
    });
    const part = await t.call('POST', '/v1/documents/convert', {
      type: 'FT',
      originIds: [quote.body.id],
      finalize: true,
      lines: [{ originLineId: quote.body.lines[0].id, quantity: '4' }],
    });
    assert.equal(part.status, 201, JSON.stringify(part.body));
    assert.equal(part.body.contactId, quote.body.contactId);
    const rest = await t.call('POST', '/v1/documents/convert', {
      type: 'FT',
      originIds: [quote.body.id],
      finalize: true,
    });
    assert.equal(rest.body.lines[0].quantity, '6');
    const none = await t.call('POST', '/v1/documents/convert', {
      type: 'FT',
      originIds: [quote.body.id],
      finalize: true,
    });
    assert.equal(none.body.error.code, 'conversion_exceeds_pending');
    const cancel = await t.call('POST', `/v1/documents/${quote.body.id}/cancel`, { reason: 'x' });
    assert.equal(cancel.body.error.code, 'document_converted');
  });

  test('documents that move goods post stock, readable at any date, and cancellation reverses it', async () => {
    const item = await t.call('POST', '/v1/items', {
      code: 'STK-1',
      description: 'Caixa',
      price: '2',
      movesStock: true,
    });
    const inv = await t.call('POST', '/v1/documents', {
      type: 'FT',
      date: '2026-03-01',
      seriesId: (await t.call('POST', '/v1/series', { code: 'STK' })).body.id,
      finalize: true,
      lines: [{ itemId: item.body.id, quantity: '5' }],
    });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    const stock = await t.call('GET', `/v1/stock?itemId=${item.body.id}`);
    assert.equal(stock.body[0].quantity, '-5');
    await t.call('POST', `/v1/documents/${inv.body.id}/cancel`, { reason: 'x' });
    const before = await t.call('GET', `/v1/stock?itemId=${item.body.id}&date=2026-03-01`);
    assert.equal(before.body[0].quantity, '-5');
    const now = await t.call('GET', `/v1/stock?itemId=${item.body.id}`);
    assert.equal(Number(now.body[0].quantity), 0);
  });
});
