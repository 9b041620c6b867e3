import { PassThrough, Readable } from 'node:stream';
import type { KyselyPlugin } from 'kysely';
import type { Tx } from '../../src/app/context.js';
import { type SaftExportOptions, type SaftExportStats, exportSaft } from '../../src/exports/saft/export-saft.js';
import { XMLParser } from 'fast-xml-parser';
import { dec } from '../../src/domain/money/decimal.js';
import type { TestApp } from '../support/app.js';

/** Repeated SAF-T elements, parsed as arrays wherever they appear. */
const REPEATED = new Set([
  'Customer',
  'Product',
  'TaxTableEntry',
  'Invoice',
  'StockMovement',
  'WorkDocument',
  'Payment',
  'Line',
  'OrderReferences',
  'References',
  'WithholdingTax',
  'SourceDocumentID',
  'PaymentMethod',
  'DeliveryID',
]);

/** A whole (small) SAF-T file as plain objects; every value a string. */
export function parseSaft(xml: string): any {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => REPEATED.has(name) });
  return parser.parse(xml).AuditFile;
}

export const bytes = (s: string) => Readable.from([Buffer.from(s)]);

export const sumOf = (values: (string | undefined)[]) => values.reduce((s, v) => s.plus(v ?? 0), dec(0));

/** Every document of the account in the range, with lines, as the native API returns it. */
export async function apiDocuments(t: TestApp, from: string, to: string, key?: string): Promise<any[]> {
  const out: any[] = [];
  for (let page = 1; ; page++) {
    const r = await t.call(
      'GET',
      `/v1/documents?from=${from}&to=${to}&status=final,cancelled&perPage=200&page=${page}&sort=id`,
      undefined,
      { key },
    );
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    for (const d of r.body.data) out.push((await t.call('GET', `/v1/documents/${d.id}`, undefined, { key })).body);
    if (page >= r.body.pagination.totalPages) return out;
  }
}

/** Creates a document through the native API and fails loudly when it is refused. */
export async function create(t: TestApp, url: string, body: unknown, key?: string): Promise<any> {
  const r = await t.call('POST', url, body, { key });
  if (r.status !== 201 && r.status !== 200) throw new Error(`${url} → ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function exportViaApi(t: TestApp, query: string, key?: string) {
  const r = await t.app.inject({
    method: 'GET',
    url: `/v1/saft?${query}`,
    headers: { authorization: `Bearer ${key ?? t.account.apiKey}` },
  });
  return { status: r.statusCode, headers: r.headers, body: r.body };
}

/**
 * Exports `opts.period` of the test account as the export runs (one repeatable-read snapshot), every statement going
 * through `plugin` (a StatementLog, a row watcher): its stats and its XML.
 */
export async function exportThrough(
  t: TestApp,
  plugin: KyselyPlugin,
  opts: SaftExportOptions,
): Promise<{ stats: SaftExportStats; xml: string }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const stats = await t.db.database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((tx) => exportSaft(tx.withPlugin(plugin) as Tx, t.account.accountId, out, opts));
  out.end();
  return { stats, xml: Buffer.concat(chunks).toString('utf8') };
}
