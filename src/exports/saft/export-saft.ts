import type { Writable } from 'node:stream';
import type { Tx } from '../../app/context.js';
import { loadDocumentIssuer } from '../../app/documents/load-issued-documents.js';
import { getSaftAccount } from '../../app/saft/get-saft-account.js';
import { type SaftContext, type SaftExportStats, scopeOf } from './context.js';
import { writeCustomers } from './customers.js';
import { checkSaftIssuer, headerRecord } from './header.js';
import { writeMovementOfGoods } from './movement-of-goods.js';
import { writePayments } from './payments.js';
import type { SaftPeriod } from './period.js';
import { DEFAULT_PRODUCT_CACHE, SaftProductCache } from './product-cache.js';
import { writeProducts } from './products.js';
import { releasingRows } from './released-rows.js';
import { writeSalesInvoices } from './sales-invoices.js';
import { FATURADOR_SOFTWARE, type SaftSoftware } from './software.js';
import { SAFT_TYPES } from './tables.js';
import { writeTaxTable } from './tax-table.js';
import { writeWorkingDocuments } from './working-documents.js';
import { SaftWriter } from './writer.js';
import { element } from './xml.js';

export type { SaftExportStats } from './context.js';

export const SAFT_NAMESPACE = 'urn:OECD:StandardAuditFile-Tax:PT_1.04_01';
/**
 * Documents per page. Small on purpose: a page lives from its rows' arrival until its records are written (the next
 * page is read meanwhile), and the longer it lives the more of it outlives V8's young-generation collections and is
 * promoted to the old generation, where it waits as garbage for a late full collection (RSS growth). Promoted over
 * 100,000 documents, rows released (released-rows.ts): ~340 MB at 250 a page, ~200 MB at 100, ~80 MB at 50.
 */
export const DEFAULT_BATCH_SIZE = 50;
/** Customers are read 250 a page at the default batch size (master data, read once). */
const CUSTOMER_PAGES_PER_BATCH = 5;
/** Product codes are fetched from their cursor a larger page at a time (2,000 by default, a few hundred kB). */
const PRODUCT_PAGES_PER_BATCH = 40;

export interface SaftExportOptions {
  period: SaftPeriod;
  /** The instant of the export (DateCreated). */
  now: Date;
  /** Documents (and master records) read per query; memory is bounded by it. */
  batchSize?: number;
  software?: SaftSoftware;
  /** Products remembered for the whole export (default DEFAULT_PRODUCT_CACHE); past it, looked up per batch. */
  productCache?: number;
  /** Called after each batch of documents is written (progress, and the streaming test's probe). */
  onBatch?: (stats: SaftExportStats) => void;
}

/**
 * Streams the SAF-T (PT) 1.04_01 billing file of an account for a period into `out`: Header, MasterFiles
 * (Customer, Product, TaxTable), SourceDocuments (SalesInvoices, MovementOfGoods, WorkingDocuments, Payments),
 * every element in the XSD's order. Documents are read in bounded keyset batches and written one record at a
 * time with backpressure, so memory stays flat whatever the number of documents. Run it in one
 * repeatable-read transaction so that control totals and records see the same data. The caller ends `out`.
 */
export async function exportSaft(
  caller: Tx,
  accountId: number,
  out: Writable,
  opts: SaftExportOptions,
): Promise<SaftExportStats> {
  const tx = releasingRows(caller);
  const w = new SaftWriter(out);
  const stats: SaftExportStats = {
    batches: 0,
    largestBatch: 0,
    documents: 0,
    bytes: 0,
    customers: 0,
    products: 0,
    taxes: 0,
  };
  const ctx: SaftContext = {
    tx,
    accountId,
    period: opts.period,
    batchSize: opts.batchSize ?? DEFAULT_BATCH_SIZE,
    w,
    stats,
    products: new SaftProductCache(tx, accountId, opts.productCache ?? DEFAULT_PRODUCT_CACHE),
    issuer: null,
    progress: () => {
      stats.bytes = w.bytes;
      opts.onBatch?.(stats);
    },
  };
  const account = await getSaftAccount(tx, accountId);
  checkSaftIssuer(account);
  ctx.issuer = await loadDocumentIssuer(tx, accountId);
  const all = scopeOf(ctx, SAFT_TYPES);

  await w.write(`<?xml version="1.0" encoding="UTF-8"?>\n<AuditFile xmlns="${SAFT_NAMESPACE}">\n`);
  await w.record(element('Header', headerRecord(account, opts.period, opts.now, opts.software ?? FATURADOR_SOFTWARE)));
  await w.open('MasterFiles');
  stats.customers = await writeCustomers(w, tx, accountId, all, ctx.batchSize * CUSTOMER_PAGES_PER_BATCH);
  stats.products = await writeProducts(w, ctx.products, tx, accountId, all, ctx.batchSize * PRODUCT_PAGES_PER_BATCH);
  stats.taxes = await writeTaxTable(w, tx, accountId, all);
  await w.close('MasterFiles');
  await w.open('SourceDocuments');
  await writeSalesInvoices(ctx);
  await writeMovementOfGoods(ctx);
  await writeWorkingDocuments(ctx);
  await writePayments(ctx);
  await w.close('SourceDocuments');
  await w.write('</AuditFile>\n');
  stats.bytes = w.bytes;
  return stats;
}
