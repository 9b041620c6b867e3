import { sql } from 'kysely';
import type { Database } from '../src/infra/db/database.js';
import { closedLoop, type RunFigures } from './closed-loop.js';

/**
 * The floor to compare with: the same rows a created-and-finalized document writes (counter bump, document,
 * 2 lines, status update, and the PDF render job finalize adds to the outbox), inserted directly, one transaction
 * per document, no HTTP, no validation, no signature.
 */
export async function benchRawInsert(
  database: Database,
  opts: { total: number; concurrency: number },
): Promise<RunFigures> {
  const { db } = database;
  const account = await db.selectFrom('accounts').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const series = await db
    .insertInto('series')
    .values({ account_id: account.id, code: `RAW${Date.now()}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const contact = await db
    .selectFrom('contacts')
    .select('id')
    .where('account_id', '=', account.id)
    .executeTakeFirstOrThrow();
  const hash = 'A'.repeat(172);
  const seller = JSON.stringify({
    name: 'Bench, Lda',
    legalName: 'Bench, Lda',
    tradeName: null,
    taxId: '503340855',
    country: 'PT',
    street: null,
    postalCode: null,
    city: null,
    email: null,
    phone: null,
    website: null,
    companyRegistry: null,
  });
  const taxSummary = JSON.stringify([
    { type: 'IVA', region: 'PT', code: 'NOR', rate: '23', base: '91.00', tax: '20.93', exemptionCode: null },
    { type: 'IVA', region: 'PT', code: 'INT', rate: '13', base: '35.18', tax: '4.57', exemptionCode: null },
  ]);
  return closedLoop(opts.total, opts.concurrency, async () => {
    await db.transaction().execute(async (tx) => {
      const counter = await sql<{ last_number: number }>`
        INSERT INTO series_doc_types (account_id, series_id, doc_type, last_number) VALUES (${account.id}, ${series.id}, 'FR', 1)
        ON CONFLICT (account_id, series_id, doc_type) DO UPDATE SET last_number = series_doc_types.last_number + 1 RETURNING last_number`.execute(
        tx,
      );
      const n = counter.rows[0].last_number;
      const doc = await tx
        .insertInto('documents')
        .values({
          account_id: account.id,
          doc_type: 'FR',
          series_id: series.id,
          doc_date: '2026-06-01',
          contact_id: contact.id,
          customer: JSON.stringify({ name: 'Cliente Bench', taxId: '123456789', country: 'PT' }),
          seller,
          load_address: JSON.stringify(null),
          unload_address: JSON.stringify(null),
          net_total: '128.18',
          tax_total: '26.67',
          gross_total: '154.85',
          payable_total: '154.85',
          tax_summary: taxSummary,
          download_token: `raw${n}`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('document_lines')
        .values(
          [1, 2].map((position) => ({
            account_id: account.id,
            document_id: doc.id,
            position,
            code: 'X',
            description: 'X',
            quantity: '1',
            unit_price: '1',
            tax_type: 'IVA',
            tax_region: 'PT',
            tax_code: 'NOR',
            tax_rate: '23',
            net_amount: '1',
            unit_net_price: '1',
            net_total: '1',
            tax_total: '0.23',
            gross_total: '1.23',
          })),
        )
        .execute();
      await tx
        .updateTable('documents')
        .set({
          status: 'final',
          number: n,
          doc_no: `FR RAW/${n}`,
          system_entry_date: '2026-06-01T10:00:00',
          hash,
          hash_control: '1',
          atcud: '0',
        })
        .where('id', '=', doc.id)
        .execute();
      await sql`UPDATE series_doc_types SET last_hash = ${hash} WHERE account_id = ${account.id} AND series_id = ${series.id} AND doc_type = 'FR'`.execute(
        tx,
      );
      await tx
        .insertInto('jobs')
        .values({
          account_id: account.id,
          kind: 'pdf.render',
          payload: JSON.stringify({ documentId: doc.id }),
          dedupe_key: String(doc.id),
          max_attempts: 5,
        })
        .execute();
    });
  });
}
