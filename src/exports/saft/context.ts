import type { Tx } from '../../app/context.js';
import type { SaftScope } from '../../app/saft/saft-scope.js';
import type { BatchStats } from './document-batches.js';
import type { SaftPeriod } from './period.js';
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
  /** Reports a written batch (stats and the caller's hook). */
  progress(): void;
}

export function scopeOf(ctx: SaftContext, types: readonly string[]): SaftScope {
  return { from: ctx.period.from, to: ctx.period.to, types };
}
