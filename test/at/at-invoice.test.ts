import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessFakeAt } from '../support/fake-at-server.js';
import { drainAll, invoice, startAtEnv, type AtAccount, type AtEnv } from './at-env.js';

describe('invoices communicated to AT (fatcorews RegisterInvoice / ChangeInvoiceStatus)', skipUnlessFakeAt(), () => {
  let env: AtEnv;
  let a: AtAccount;
  let ftCode: string;
  const log = async (documentId: number) =>
    (await a.call('GET', `/v1/at/communications?documentId=${documentId}`)).body.data
      .reverse()
      .map((e: { operation: string; status: string; returnCode: string }) => [e.operation, e.status, e.returnCode]);
  const registered = (no: string) => env.fake.invoices.get(`${a.nif}|${no}`);

  before(async () => {
    env = await startAtEnv();
    a = await env.account({ invoices: true });
    const series = (await a.call('GET', '/v1/series')).body[0];
    ftCode = (await a.call('POST', `/v1/series/${series.id}/register`, { docType: 'FT' })).body.registration
      .validationCode;
    await a.call('POST', `/v1/series/${series.id}/register`, { docType: 'NC' });
  });
  after(async () => {
    await env?.close();
  });

  test('a finalized invoice is registered at AT with its tax summary, totals and withholding', async () => {
    const f = await a.call(
      'POST',
      '/v1/documents',
      invoice({ finalize: true, withholding: { type: 'IRS', rate: '23' } }),
    );
    assert.equal(f.status, 201, JSON.stringify(f.body));
    const job = await env.t.db.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('account_id', '=', a.accountId)
      .where('kind', '=', 'at.invoice')
      .executeTakeFirstOrThrow();
    assert.deepEqual(job.payload, { documentId: f.body.id, event: 'issue' });
    await drainAll(env.t);
    const sent = env.fake.requestsFor('RegisterInvoice').at(-1)!;
    assert.equal(sent.authCode, 0);
    assert.equal(sent.returned, '0');
    const b = sent.body;
    assert.deepEqual(
      [b.eFaturaMDVersion, b.AuditFileVersion, b.TaxRegistrationNumber, b.TaxEntity, b.SoftwareCertificateNumber],
      ['0.0.1', '1.04_01', a.nif, 'Global', '0'],
    );
    const d = b.InvoiceData;
    assert.deepEqual(
      [d.InvoiceNo, d.ATCUD, d.InvoiceType, d.CustomerTaxID, d.CustomerTaxIDCountry, d.HashCharacters],
      [f.body.number, `${ftCode}-${f.body.sequence}`, 'FT', '503340855', 'PT', '0'],
    );
    assert.equal(d.DocumentStatus.InvoiceStatus, 'N');
    assert.equal(d.SystemEntryDate, f.body.systemEntryDate);
    assert.deepEqual(
      d.LineSummary.map((l: any) => [
        l.DebitCreditIndicator,
        l.Amount,
        l.Tax.TaxType,
        l.Tax.TaxCountryRegion,
        l.Tax.TaxCode,
        l.Tax.TaxPercentage,
      ]),
      [['C', '200.00', 'IVA', 'PT', 'NOR', '23']],
    );
    assert.deepEqual(d.DocumentTotals, { TaxPayable: '46.00', NetTotal: '200.00', GrossTotal: '246.00' });
    assert.deepEqual(d.WithholdingTax, [{ WithholdingTaxType: 'IRS', WithholdingTaxAmount: '46.00' }]);
    assert.equal(registered(f.body.number)!.status, 'N');
    assert.deepEqual(await log(f.body.id), [['RegisterInvoice', 'success', '0']]);
  });

  test('cancelling sends ChangeInvoiceStatus A', async () => {
    const f = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
    await drainAll(env.t);
    const c = await a.call('POST', `/v1/documents/${f.body.id}/cancel`, { reason: 'Emitida por engano' });
    assert.equal(c.status, 200);
    await drainAll(env.t);
    const sent = env.fake.requestsFor('ChangeInvoiceStatus').at(-1)!;
    assert.equal(sent.body.InvoiceHeader.InvoiceNo, f.body.number);
    assert.equal(sent.body.InvoiceHeader.ATCUD, f.body.atcud);
    assert.equal(sent.body.InvoiceStatus.InvoiceStatus, 'A');
    assert.equal(sent.body.InvoiceStatus.InvoiceStatusDate, c.body.statusDate);
    assert.deepEqual(registered(f.body.number)!.history, ['N', 'A']);
    assert.deepEqual(await log(f.body.id), [
      ['RegisterInvoice', 'success', '0'],
      ['ChangeInvoiceStatus', 'success', '0'],
    ]);
  });

  test('cancelled while AT was down: registered as issued first, then cancelled, each once', async () => {
    env.fake.failNext('http503');
    const f = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
    await env.slowWorker().drain();
    assert.equal(registered(f.body.number), undefined);
    await a.call('POST', `/v1/documents/${f.body.id}/cancel`, { reason: 'Anulada' });
    await env.t.db.database.db
      .updateTable('jobs')
      .set({ run_at: new Date().toISOString() })
      .where('account_id', '=', a.accountId)
      .where('state', '=', 'pending')
      .execute();
    await drainAll(env.t);
    assert.deepEqual(registered(f.body.number)!.history, ['N', 'A']);
    const entries = await log(f.body.id);
    assert.deepEqual(
      entries.filter((e: string[]) => e[1] !== 'skipped'),
      [
        ['RegisterInvoice', 'retryable', 'http:503'],
        ['RegisterInvoice', 'success', '0'],
        ['ChangeInvoiceStatus', 'success', '0'],
      ],
    );
    const jobs = await env.t.db.database.db
      .selectFrom('jobs')
      .select(['state'])
      .where('account_id', '=', a.accountId)
      .where('kind', '=', 'at.invoice')
      .execute();
    assert.ok(jobs.every((j) => j.state === 'done'));
  });

  test('a credit note goes as D lines with the reference of the invoice it corrects', async () => {
    const f = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
    const nc = await a.call('POST', `/v1/documents/${f.body.id}/credit-notes`, { finalize: true });
    assert.equal(nc.status, 201, JSON.stringify(nc.body));
    await drainAll(env.t);
    const sent = env.fake.requestsFor('RegisterInvoice').find((r) => r.body.InvoiceData.InvoiceNo === nc.body.number)!;
    assert.equal(sent.body.InvoiceData.InvoiceType, 'NC');
    assert.deepEqual(
      sent.body.InvoiceData.LineSummary.map((l: any) => [l.DebitCreditIndicator, l.Reference, l.Amount]),
      [['D', [f.body.number], '200.00']],
    );
  });

  test('certified software sends the 4 hash characters; AT refusing is permanent and logged', async () => {
    await env.t.db.database.db
      .updateTable('accounts')
      .set({ software_cert_number: 9999 })
      .where('id', '=', a.accountId)
      .execute();
    try {
      const f = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
      await drainAll(env.t);
      const sent = env.fake.requestsFor('RegisterInvoice').at(-1)!;
      assert.equal(sent.body.SoftwareCertificateNumber, '9999');
      assert.equal(
        sent.body.InvoiceData.HashCharacters,
        f.body.legal.hashChars ??
          f.body.signature.hash[0] + f.body.signature.hash[10] + f.body.signature.hash[20] + f.body.signature.hash[30],
      );
      assert.equal(sent.returned, '0');

      env.fake.failNext({ code: -7, message: 'Erro simulado de negócio' });
      const g = await a.call('POST', '/v1/documents', invoice({ finalize: true }));
      await drainAll(env.t);
      assert.deepEqual(await log(g.body.id), [['RegisterInvoice', 'permanent', '-7']]);
      const job = await env.t.db.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('account_id', '=', a.accountId)
        .where('kind', '=', 'at.invoice')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(job.state, 'dead');
      const retry = await a.call('POST', `/v1/documents/${g.body.id}/communicate`);
      assert.equal(retry.status, 200, JSON.stringify(retry.body));
      assert.equal(retry.body.operation, 'RegisterInvoice');
      assert.equal(retry.body.status, 'success');
    } finally {
      await env.t.db.database.db
        .updateTable('accounts')
        .set({ software_cert_number: 0 })
        .where('id', '=', a.accountId)
        .execute();
    }
  });

  test('with invoice communication off nothing is queued; transport-only accounts leave invoices alone', async () => {
    const b = await env.account({ sandbox: true, transport: true });
    const f = await b.call('POST', '/v1/documents', invoice({ type: 'FT', finalize: true }));
    assert.equal(f.status, 201, JSON.stringify(f.body));
    const jobs = await env.t.db.database.db
      .selectFrom('jobs')
      .select('kind')
      .where('account_id', '=', b.accountId)
      .where('kind', 'like', 'at.%')
      .execute();
    assert.deepEqual(jobs, []);
  });
});
