import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { checkSaftAsserts } from '../../src/exports/saft/check-asserts.js';
import type { TestApp } from '../support/app.js';
import { saftXsdPath, skipUnlessSaftXsd, validateXml } from '../support/xml-validate.js';
import { bytes, exportViaApi, parseSaft } from '../saft/saft-helpers.js';
import { billptClient, startBillptApp, type BillptClient } from './client.js';
import { type Basics, basics, invoice, ok } from './fixtures.js';

/**
 * bill.pt item 7 of #14: a receipt issued through bill.pt is numbered with bill.pt's code for it, `RC`, and a
 * customer opening balance `SINIV`, while SAF-T keeps their legal types (RG, and the core's SIC). The code is the
 * counter's, stored once (migration 0022); the core's cash-VAT receipt (RC) of the same series keeps a number of its
 * own, and the database refuses two counters printing one code.
 */
let t: TestApp;
let bp: BillptClient;
let b: Basics;
let serie: string;
before(async () => {
  ({ t, bp } = await startBillptApp());
  b = await basics(bp);
  serie = seriesName(ok(await bp.call('GET', 'series')), b.seriesId);
});
after(async () => {
  await t?.close();
});

const seriesName = (list: { id: number; nome: string }[], id: number) => list.find((s) => s.id === id)!.nome;
const db = () => t.db.database.db;
const counters = async (accountId: number, seriesId: number) =>
  (
    await sql<{ doc_type: string; prefix: string | null; last_number: number }>`
      SELECT doc_type, prefix, last_number FROM series_doc_types
       WHERE account_id = ${accountId} AND series_id = ${seriesId} ORDER BY doc_type`.execute(db())
  ).rows;

/** A database error's SQLSTATE, from a statement expected to fail. */
async function sqlState(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    const err = e as { code?: string; cause?: { code?: string } };
    return err.code ?? err.cause?.code ?? String(e);
  }
  assert.fail('the statement was accepted');
}

describe('bill.pt numbers receipts RC and customer opening balances SINIV', () => {
  let receipt: { id: number; invoice_number: string };
  let cashVat: { id: number; number: string };

  test('a receipt is `RC <serie>/1`, an opening balance `SINIV <serie>/1`; the native API keeps their types', async () => {
    const inv = await invoice(bp, b);
    receipt = ok(
      await bp.call('POST', 'recibos/', { contato_id: b.contactId, documentos: [{ documento_id: inv.id, total: 1 }] }),
    );
    assert.equal(receipt.invoice_number, `RC ${serie}/1`);
    const balance = ok(
      await bp.call('POST', 'documentos/saldo-inicial', { contato_id: b.contactId, tipo_documento_id: 26, total: 5 }),
    );
    assert.equal(balance.invoice_number, `SINIV ${serie}/1`);
    assert.equal(ok(await bp.call('GET', `documentos/${receipt.id}`)).invoice_number, `RC ${serie}/1`);

    const native = await t.call('GET', `/v1/documents/${receipt.id}`);
    assert.equal(native.body.type, 'RG');
    assert.equal(native.body.number, `RC ${serie}/1`);
    const nativeBalance = await t.call('GET', `/v1/documents/${balance.id}`);
    assert.deepEqual([nativeBalance.body.type, nativeBalance.body.number], ['SIC', `SINIV ${serie}/1`]);

    const second = ok(await bp.call('POST', `recibos/pagar/${inv.id}`));
    assert.equal(second.invoice_number, `RC ${serie}/2`, 'the counter keeps its code');
    assert.deepEqual(
      (await counters(t.account.accountId, b.seriesId)).filter((c) => ['RG', 'SIC'].includes(c.doc_type)),
      [
        { doc_type: 'RG', prefix: 'RC', last_number: 2 },
        { doc_type: 'SIC', prefix: 'SINIV', last_number: 1 },
      ],
    );
  });

  test('a core cash-VAT receipt (RC) in the same series gets a number of its own', async () => {
    const inv = await invoice(bp, b);
    const r = await t.call('POST', '/v1/receipts', { type: 'RC', documents: [{ documentId: inv.id }] });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    cashVat = r.body;
    assert.equal(r.body.type, 'RC');
    assert.equal(r.body.number, `RC2 ${serie}/1`, 'RC already names the receipts (RG) of this account');
    const numbers = (
      await sql<{ doc_no: string }>`
      SELECT doc_no FROM documents WHERE account_id = ${t.account.accountId} AND doc_no IS NOT NULL`.execute(db())
    ).rows.map((d) => d.doc_no);
    assert.equal(new Set(numbers).size, numbers.length, 'no two documents of the account share a number');
  });

  test('SAF-T: PaymentRefNo is the printed number, PaymentType the legal type; the file validates', async () => {
    const day = new Date().toISOString().slice(0, 10);
    const r = await exportViaApi(t, `from=${day.slice(0, 8)}01&to=${day}`);
    assert.equal(r.status, 200, r.body);
    const payments = parseSaft(r.body).SourceDocuments.Payments.Payment as {
      PaymentRefNo: string;
      PaymentType: string;
      ATCUD: string;
    }[];
    const byNo = new Map(payments.map((p) => [p.PaymentRefNo, p.PaymentType]));
    assert.equal(byNo.get(receipt.invoice_number), 'RG');
    assert.equal(byNo.get(`RC ${serie}/2`), 'RG');
    assert.equal(byNo.get(cashVat.number), 'RC');
    assert.equal(byNo.size, payments.length, 'PaymentRefNo is unique');
    assert.deepEqual(await checkSaftAsserts(bytes(r.body)), [], 'the XSD 1.1 asserts (RC lines carry Tax…)');
  });

  test('the SAF-T file validates against the XSD', skipUnlessSaftXsd(), async () => {
    const day = new Date().toISOString().slice(0, 10);
    const r = await exportViaApi(t, `from=${day.slice(0, 8)}01&to=${day}`);
    const v = await validateXml(r.body, saftXsdPath());
    assert.deepEqual(v.errors, []);
  });

  test('where the account prints RC for cash-VAT receipts already, bill.pt receipts keep RG', async () => {
    const other = await t.newAccount();
    const obp = billptClient(t, other.apiKey);
    const ob = await basics(obp);
    const oserie = seriesName(ok(await obp.call('GET', 'series')), ob.seriesId);
    const first = await t.call(
      'POST',
      '/v1/receipts',
      { type: 'RC', documents: [{ documentId: (await invoice(obp, ob)).id }] },
      { key: other.apiKey },
    );
    assert.equal(first.body.number, `RC ${oserie}/1`, JSON.stringify(first.body));
    const rg = ok(
      await obp.call('POST', 'recibos', {
        contato_id: ob.contactId,
        documentos: [{ documento_id: (await invoice(obp, ob)).id }],
      }),
    );
    assert.equal(rg.invoice_number, `RG ${oserie}/1`);
  });

  test('a series created through bill.pt has its RC and SINIV counters from the start', async () => {
    const s = ok(await bp.call('POST', 'series', { nome: 'BP2' }));
    assert.deepEqual(await counters(t.account.accountId, s.id), [
      { doc_type: 'RG', prefix: 'RC', last_number: 0 },
      { doc_type: 'SIC', prefix: 'SINIV', last_number: 0 },
    ]);
    const inv = await invoice(bp, b, { serie_id: s.id });
    const r = ok(
      await bp.call('POST', 'recibos', {
        contato_id: b.contactId,
        serie_id: s.id,
        documentos: [{ documento_id: inv.id }],
      }),
    );
    assert.equal(r.invoice_number, 'RC BP2/1');
  });

  test('a series created through the native API keeps the type codes for the core', async () => {
    const s = await t.call('POST', '/v1/series', { code: 'NAT2' });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    assert.deepEqual(await counters(t.account.accountId, s.body.id), []);
    const inv = await invoice(bp, b, { serie_id: s.body.id });
    const r = await t.call('POST', '/v1/receipts', { seriesId: s.body.id, documents: [{ documentId: inv.id }] });
    assert.equal(r.body.number, 'RG NAT2/1', JSON.stringify(r.body));
  });
});

describe('the database keeps one code per counter of a series and per document type of an account', () => {
  test('a second counter of the series with a code in use is refused, whatever the type', async () => {
    const acc = t.account.accountId;
    assert.equal(
      await sqlState(() =>
        sql`INSERT INTO series_doc_types (account_id, series_id, doc_type, prefix) VALUES (${acc}, ${b.seriesId}, 'FT', 'RC')`.execute(
          db(),
        ),
      ),
      '23505',
    );
    assert.equal(
      await sqlState(() =>
        sql`INSERT INTO series_doc_types (account_id, series_id, doc_type, prefix) VALUES (${acc}, ${b.seriesId}, 'OR', 'FT')`.execute(
          db(),
        ),
      ),
      '23505',
      'FT is what the FT counter prints',
    );
    // The trigger off, the unique index alone still refuses a duplicate in the series.
    assert.equal(
      await sqlState(() =>
        db()
          .transaction()
          .execute(async (tx) => {
            await sql`ALTER TABLE series_doc_types DISABLE TRIGGER series_doc_types_code`.execute(tx);
            await sql`INSERT INTO series_doc_types (account_id, series_id, doc_type, prefix) VALUES (${acc}, ${b.seriesId}, 'PF', 'SINIV')`.execute(
              tx,
            );
          }),
      ),
      '23505',
    );
  });

  test('one code names one type across the series of an account', async () => {
    const acc = t.account.accountId;
    const s = await t.call('POST', '/v1/series', { code: 'DB3' });
    assert.equal(
      await sqlState(() =>
        sql`INSERT INTO series_doc_types (account_id, series_id, doc_type, prefix) VALUES (${acc}, ${s.body.id}, 'FT', 'SINIV')`.execute(
          db(),
        ),
      ),
      '23505',
    );
    // The same code for the same type in another series is fine.
    await sql`INSERT INTO series_doc_types (account_id, series_id, doc_type, prefix) VALUES (${acc}, ${s.body.id}, 'SIC', 'SINIV')`.execute(
      db(),
    );
    assert.equal(
      await sqlState(() =>
        sql`INSERT INTO series_doc_types (account_id, series_id, doc_type, prefix) VALUES (${acc}, ${s.body.id}, 'GT', 'G T')`.execute(
          db(),
        ),
      ),
      '23514',
      'a code with a space would break the number pattern',
    );
  });

  test('a counter that numbered a document keeps its code', async () => {
    const acc = t.account.accountId;
    assert.equal(
      await sqlState(() =>
        sql`UPDATE series_doc_types SET prefix = 'REC' WHERE account_id = ${acc} AND series_id = ${b.seriesId} AND doc_type = 'RG'`.execute(
          db(),
        ),
      ),
      'FA003',
    );
    assert.equal(
      await sqlState(() =>
        sql`UPDATE series_doc_types SET prefix = 'FAT' WHERE account_id = ${acc} AND series_id = ${b.seriesId} AND doc_type = 'FT'`.execute(
          db(),
        ),
      ),
      'FA003',
      'nor can a counter printing its type code take another',
    );
  });
});
