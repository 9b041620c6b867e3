import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.js';
import { CUSTOMER, INVOICE, TRANSPORT, create, downloadPdf, line } from './fixtures.js';
import { findItem, pdfItems, pdfPages } from './pdf-text.js';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => {
  await t?.close();
});

async function text(id: number): Promise<string> {
  const r = await downloadPdf(t, id);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.headers['content-type'], 'application/pdf');
  assert.equal(r.bytes.subarray(0, 5).toString(), '%PDF-');
  return (await pdfPages(r.bytes)).join('\n');
}

describe('every document family prints its content and legal marks', () => {
  test('FT: parties, lines, tax summary with exemption reasons, withholding after the gross total, ATCUD, hash', async () => {
    const ft = await create(t, INVOICE);
    const s = await text(ft.id);
    assert.match(s, /Fatura/);
    assert.ok(s.includes(ft.number), 'the number');
    assert.ok(s.includes('Empresa Teste') && s.includes('NIF: 503340855'), 'the seller from the snapshot');
    assert.ok(
      s.includes('Cliente Exemplo, Lda') && s.includes('NIF: 123456789') && s.includes('1050-187 Lisboa'),
      'the customer',
    );
    for (const l of [
      'CONS-01',
      'Consultoria técnica — análise de requisitos e',
      'LIC-ANUAL',
      '480,00',
      '432,00',
      'Livro técnico: «Gestão de projetos»',
    ])
      assert.ok(s.includes(l), l);
    assert.match(s, /Data\s+\d{2}-\d{2}-\d{4}/);
    assert.match(s, /Vencimento\s+31-12-2099/);
    assert.match(s, /Registo\s+\d{2}-\d{2}-\d{4} \d{2}:\d{2}/);
    // NOTE: D8632 §2.2.14 — 0% lines link to the printed exemption reason.
    assert.ok(s.includes('M05 — Isento artigo 14.º do CIVA'), 'exemption text of M05');
    assert.ok(s.includes('M16 — Isento artigo 14.º do RITI'), 'exemption text of M16');
    assert.match(s, /IVA 0%\s+500,00\s+0,00\s+M05, M16/);
    assert.match(s, /IVA 23%\s+1 212,00\s+278,76/);
    // NOTE: D8632 §2.2.7 — withholding after the gross total, then the amount payable.
    const [items] = await pdfItems((await downloadPdf(t, ft.id)).bytes);
    const gross = findItem(items, /^2 069,94 €$/);
    const withholding = findItem(items, /^Retenção na fonte IRS 23%$/);
    const payable = findItem(items, /^Total a pagar$/);
    const onLine = (re: RegExp, of: { y: number }) => items.some((i) => re.test(i.str) && Math.abs(i.y - of.y) < 1.5);
    assert.ok(onLine(/^Total$/, gross), 'the gross total on its line');
    assert.ok(
      withholding.y < gross.y && payable.y < withholding.y,
      `top to bottom: gross ${gross.y}, withholding ${withholding.y}, payable ${payable.y}`,
    );
    assert.ok(onLine(/^-410,94$/, withholding));
    assert.ok(onLine(/^1 659,00 €$/, payable));
    assert.doesNotMatch(
      s,
      /Valor em dívida/,
      'a re-print must keep the original content: no balance that changes with payments',
    );
    assert.ok(s.includes('Pagamento por transferência bancária'), 'observations');
    assert.ok(s.includes(`ATCUD:${ft.atcud}`), 'ATCUD');
    assert.ok(s.includes(ft.legal.certification), 'hash characters and certification line');
    assert.match(ft.legal.certification, /^.{4}-Processado por programa certificado n\.º 0000\/AT$/);
    assert.ok(s.includes('Documento sem validade legal'), 'sandbox mark');
    assert.ok(!s.includes('Este documento não serve de fatura'));
    assert.ok(s.includes('Original'));
  });

  test('FS and FR: invoices settled on issue show what was paid', async () => {
    const fs = await create(t, { type: 'FS', lines: [line('Café', '2', '0.70', { taxName: 'IVA23' })] });
    const s1 = await text(fs.id);
    assert.match(s1, /Fatura Simplificada/);
    assert.match(s1, /NIF: Consumidor final/, 'D8632 §2.2.5: the final consumer, not 999999990');
    assert.match(s1, /Pago\s+1,72 €/);
    const mb = await t.db.database.db
      .selectFrom('payment_methods')
      .select('id')
      .where('account_id', '=', t.account.accountId)
      .where('saft_code', '=', 'MB')
      .executeTakeFirstOrThrow();
    const fr = await create(t, {
      type: 'FR',
      customer: CUSTOMER,
      paymentMethodId: mb.id,
      lines: [line('Reparação', '1', '80', { taxName: 'IVA23', productType: 'S' })],
    });
    const s2 = await text(fr.id);
    assert.match(s2, /Fatura-Recibo/);
    assert.match(s2, /Meio de pagamento\s+Multibanco/);
    assert.match(s2, /Pago\s+98,40 €/);
    assert.ok(s2.includes(fr.legal.certification));
  });

  test('NC and ND name the document they correct', async () => {
    const ft = await create(t, {
      type: 'FT',
      customer: CUSTOMER,
      lines: [line('A', '10', '5', { taxName: 'IVA23' }), line('B', '1', '100', { taxName: 'IVA6' })],
    });
    const nc = await create(
      t,
      { lines: [{ originLineId: ft.lines[0].id, quantity: '4' }] },
      `/v1/documents/${ft.id}/credit-notes`,
    );
    const s = await text(nc.id);
    assert.match(s, /Nota de Crédito/);
    assert.match(s, new RegExp(`Retifica\\s+${ft.number.replace('/', '\\/')} de \\d{2}-\\d{2}-\\d{4}`));
    assert.ok(s.includes(nc.legal.certification));
    const nd = await create(
      t,
      { lines: [{ originLineId: ft.lines[1].id, quantity: '1', unitPrice: '10' }] },
      `/v1/documents/${ft.id}/debit-notes`,
    );
    const s2 = await text(nd.id);
    assert.match(s2, /Nota de Débito/);
    assert.ok(s2.includes(`Retifica`) && s2.includes(ft.number));
  });

  test('GT: load and unload places and times, vehicle plate, AT code; not an invoice', async () => {
    const gt = await create(t, TRANSPORT);
    let s = await text(gt.id);
    assert.match(s, /Guia de Transporte/);
    assert.match(s, /Local de carga\s+Armazém 3, Zona Industrial da/);
    assert.match(s, /Local de descarga\s+Rua de Santa Catarina, 200,/);
    assert.ok(s.includes('4470-122 Maia') && s.includes('4000-442 Porto'), 'postal codes and cities');
    assert.match(s, /Início\s+\d{2}-\d{2}-\d{4} 08:30/);
    assert.match(s, /Fim\s+\d{2}-\d{2}-\d{4} 11:15/);
    assert.match(s, /Matrícula:\s+AA-12-BC/);
    assert.ok(s.includes('Este documento não serve de fatura'));
    assert.ok(s.includes(`ATCUD:${gt.atcud}`));
    assert.ok(!s.includes('Código AT'), 'no AT code before communication');
    // The AT code arrives after communication (documents.at_code is one of the mutable columns).
    await t.db.database.db.updateTable('documents').set({ at_code: '123456789012' }).where('id', '=', gt.id).execute();
    s = await text(gt.id);
    assert.match(s, /Código AT:\s+123456789012/);
  });

  test('OR and PF: working documents say they are not invoices', async () => {
    for (const [type, title] of [
      ['OR', 'Orçamento'],
      ['PF', 'Fatura Pró-Forma'],
    ]) {
      const d = await create(t, { type, customer: CUSTOMER, lines: INVOICE.lines.slice(0, 2) });
      const s = await text(d.id);
      assert.ok(s.includes(title), title);
      assert.ok(s.includes('Este documento não serve de fatura'), type);
      assert.ok(s.includes(d.legal.certification), `${type} is signed`);
    }
  });

  test('RG: lists the settled documents; unsigned, "Emitido por…"', async () => {
    const a = await create(t, {
      type: 'FT',
      customer: CUSTOMER,
      lines: [line('Serviço mensal', '1', '100', { taxName: 'IVA23' })],
    });
    const b = await create(t, {
      type: 'FT',
      customer: CUSTOMER,
      lines: [line('Serviço extra', '2', '40', { taxName: 'IVA23' })],
    });
    const rg = await create(
      t,
      { documents: [{ documentId: a.id }, { documentId: b.id, amount: '50.00' }] },
      '/v1/receipts',
    );
    const s = await text(rg.id);
    assert.match(s, /Recibo/);
    assert.match(s, new RegExp(`${a.number.replace('/', '\\/')}\\s+\\d{2}-\\d{2}-\\d{4}\\s+123,00\\s+123,00`));
    assert.match(s, new RegExp(`${b.number.replace('/', '\\/')}\\s+\\d{2}-\\d{2}-\\d{4}\\s+98,40\\s+50,00`));
    assert.match(s, /Total recebido\s+173,00 €/);
    assert.match(s, /Emitido por programa certificado n\.º 0000\/AT/);
    assert.ok(s.includes('Este documento não serve de fatura'));
  });

  test('training series and foreign currencies', async () => {
    const series = await t.call('POST', '/v1/series', { code: 'FORM', kind: 'F' });
    assert.equal(series.status, 201, JSON.stringify(series.body));
    const training = await create(t, {
      type: 'FT',
      seriesId: series.body.id,
      customer: CUSTOMER,
      lines: [line('Aula', '1', '10', { taxName: 'IVA23' })],
    });
    // NOTE: D8632 §1.5 — documents of training series say so.
    assert.ok((await text(training.id)).includes('Documento emitido para fins de Formação'));
    const usd = await create(t, {
      type: 'FT',
      currency: 'USD',
      exchangeRate: '1.08',
      customer: CUSTOMER,
      lines: [line('Export', '1', '100', { taxName: 'IVA23' })],
    });
    const s = await text(usd.id);
    assert.match(s, /Total em USD\s+132,84 USD/);
    assert.match(s, /Câmbio\s+1 € = 1,08 USD/);
  });

  test('a cancelled document says so, with its reason', async () => {
    const fr = await create(t, {
      type: 'FR',
      customer: CUSTOMER,
      lines: [line('Reparação', '1', '80', { taxName: 'IVA23' })],
    });
    await t.call('POST', `/v1/documents/${fr.id}/cancel`, { reason: 'Erro na identificação do cliente' });
    const s = await text(fr.id);
    assert.match(s, /ANULADO/);
    assert.match(s, /Motivo: Erro na identificação do cliente/);
  });

  test('a draft has no PDF: 409 with a clear reason; an unknown document is 404', async () => {
    const draft = await t.call('POST', '/v1/documents', {
      type: 'FT',
      lines: [line('x', '1', '1', { taxName: 'IVA23' })],
    });
    const r = await downloadPdf(t, draft.body.id);
    assert.equal(r.status, 409);
    assert.equal(r.json.error.code, 'document_not_final');
    assert.match(r.json.error.message, /draft has no legal existence/);
    const after = await t.call('GET', `/v1/documents/${draft.body.id}`);
    assert.equal(after.body.printedCount, 0);
    assert.equal((await downloadPdf(t, 99999999)).status, 404);
  });

  test('the PDF embeds DejaVu Sans and carries deterministic metadata', async () => {
    const ft = await create(t, {
      type: 'FT',
      customer: CUSTOMER,
      lines: [line('Açúcar, pão e café', '1', '3', { taxName: 'IVA6' })],
    });
    const r = await downloadPdf(t, ft.id);
    const raw = r.bytes.toString('latin1');
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    assert.match(raw, /\/FontFile2 /);
    assert.match(raw, /\/CreationDate \d+ 0 R/);
    assert.match(raw, /\(D:\d{14}Z\)/);
    assert.ok((await pdfPages(r.bytes))[0].includes('Açúcar, pão e café'));
  });
});
