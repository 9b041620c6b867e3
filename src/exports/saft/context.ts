import type { Tx } from '../../app/context.js';
import type { DocumentIssuer } from '../../app/documents/load-issued-documents.js';
import type { SaftScope } from '../../app/saft/saft-scope.js';
import type { BatchStats } from './document-batches.js';
import type { SaftPeriod } from './period.js';
import type { SaftProductCache } from './product-cache.js';
import type { SaftWriter } from './writer.js';

export interface SaftExportStats extends BatchStats {
  bytes: number;
  customers: number;
  products: number;
  taxes: number;
}

/** What every part of an export shares: the transaction, the account, the period, the output, the batch size. */
export interface SaftContext {
  tx: Tx;
  accountId: number;
  period: SaftPeriod;
  batchSize: number;
  w: SaftWriter;
  stats: SaftExportStats;
  /** The product master data, read once by the Product master file and shared by every document batch. */
  products: SaftProductCache;
  /** The account and its series as every document names them, read once for the export, not once per page. */
  issuer: DocumentIssuer | null;
  /** Reports a written batch (stats and the caller's hook). */
  progress(): void;
}

export function scopeOf(ctx: SaftContext, types: readonly string[]): SaftScope {
  return { from: ctx.period.from, to: ctx.period.to, types };
}
