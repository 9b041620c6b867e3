import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/infra/db/schema.js';

export interface CloneOptions {
  /** YYYY-MM: the clones are dated over its first 28 days. */
  month: string;
  count: number;
  /** The number the first clone takes in the template's series (they are numbered on in date order). */
  firstNumber: number;
  /**
   * The code of each clone's first line: 'per-document' (one product per document), or one of a catalog of this
   * many codes (the other lines keep the template's codes).
   */
  codes: 'per-document' | number;
  /** Spread the clones over this many customers (created as BULK-C0…), instead of the template's one. */
  customers?: number;
}

/**
 * Clones an issued template document `count` times into a month, numbered on, issued (status final), in three
 * statements: thousands of documents cost a second, not minutes. The clones are forged, not issued (no counter,
 * copied hash, entry times by date): the triggers that refuse that from any SQL client (migrations 0012, 0013) are
 * off for this transaction, as a superuser can. For tests and the bench only.
 */
export async function cloneDocuments(
  db: Kysely<DB>,
  accountId: number,
  templateId: number,
  o: CloneOptions,
): Promise<void> {
  const tag = `bulk-${o.month}-${o.firstNumber}`;
  const code =
    o.codes === 'per-document'
      ? sql`l.code || '-' || d.id::text`
      : sql`l.code || '-' || (d.id % ${sql.lit(Math.max(1, Math.floor(o.codes)))})::text`;
  const customers = Math.floor(o.customers ?? 0);
  await db.transaction().execute(async (tx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(tx);
    if (customers > 0)
      await sql`
        INSERT INTO contacts (account_id, code, name, city)
        SELECT ${accountId}, 'BULK-C' || k::text, 'Cliente ' || k::text, 'Porto' FROM generate_series(0, ${customers - 1}) AS g(k)
        ON CONFLICT (account_id, code) DO NOTHING`.execute(tx);
    const contact =
      customers > 0
        ? sql`(SELECT c.id FROM contacts c WHERE c.account_id = d.account_id AND c.code = 'BULK-C' || (g.i % ${customers})::text)`
        : sql`d.contact_id`;
    await sql`
      INSERT INTO documents (account_id, doc_type, series_id, store_id, user_id, doc_date, contact_id, customer, seller, load_address, unload_address,
        currency, language, vat_included, net_total, tax_total, gross_total, discount_total, payable_total, tax_summary, download_token, internal_note)
      SELECT d.account_id, d.doc_type, d.series_id, d.store_id, d.user_id, (${`${o.month}-01`}::date + ((g.i - 1) % 28)), ${contact}, d.customer, d.seller,
        d.load_address, d.unload_address, d.currency, d.language, d.vat_included, d.net_total, d.tax_total, d.gross_total, d.discount_total, d.payable_total,
        d.tax_summary, md5(${tag} || g.i::text), ${tag}
      FROM documents d CROSS JOIN generate_series(1, ${o.count}) AS g(i)
      WHERE d.account_id = ${accountId} AND d.id = ${templateId}`.execute(tx);
    await sql`
      INSERT INTO document_lines (account_id, document_id, position, item_id, code, description, product_type, quantity, unit, unit_price, discount1,
        discount2, discount3, tax_id, tax_type, tax_region, tax_code, tax_rate, exemption_code, exemption_reason, net_amount, unit_net_price,
        discount_amount, net_total, tax_total, gross_total)
      SELECT l.account_id, d.id, l.position, l.item_id, CASE WHEN l.position = 1 THEN ${code} ELSE l.code END, l.description,
        l.product_type, l.quantity, l.unit, l.unit_price, l.discount1, l.discount2, l.discount3, l.tax_id, l.tax_type, l.tax_region, l.tax_code,
        l.tax_rate, l.exemption_code, l.exemption_reason, l.net_amount, l.unit_net_price, l.discount_amount, l.net_total, l.tax_total, l.gross_total
      FROM documents d JOIN document_lines l ON l.account_id = d.account_id AND l.document_id = ${templateId}
      WHERE d.account_id = ${accountId} AND d.internal_note = ${tag}`.execute(tx);
    await sql`
      UPDATE documents d SET status = 'final', number = x.n + ${o.firstNumber - 1}, doc_no = regexp_replace(tpl.doc_no, '[0-9]+$', '') || (x.n + ${o.firstNumber - 1})::text,
        system_entry_date = (d.doc_date + time '10:00:00'), status_date = (d.doc_date + time '10:00:00'), hash = tpl.hash, hash_control = '1', key_version = 1, atcud = '0'
      FROM (SELECT id, row_number() OVER (ORDER BY doc_date, id) AS n FROM documents WHERE account_id = ${accountId} AND internal_note = ${tag}) x,
        (SELECT hash, doc_no FROM documents WHERE account_id = ${accountId} AND id = ${templateId}) tpl
      WHERE d.account_id = ${accountId} AND d.id = x.id`.execute(tx);
  });
}

/**
 * The finalized invoice that bulk clones copy (an article and a service at two VAT rates) in a series of its own,
 * created through the native API by `post` (a test's or the bench's client).
 */
export async function bulkTemplate(post: (url: string, body: unknown) => Promise<{ id: number }>) {
  const series = await post('/v1/series', { code: 'BULK' });
  return post('/v1/documents', {
    type: 'FT',
    seriesId: series.id,
    date: '2026-02-27',
    finalize: true,
    customer: { code: 'C-BULK', name: 'Cliente de volume, S.A.', taxId: '507180607', city: 'Braga' },
    lines: [
      { description: 'Artigo de catálogo', code: 'ART', quantity: '3', unitPrice: '9.99', taxName: 'IVA23' },
      {
        description: 'Serviço de montagem',
        code: 'MONT',
        productType: 'S',
        quantity: '1',
        unitPrice: '40',
        taxName: 'IVA13',
      },
    ],
  });
}
