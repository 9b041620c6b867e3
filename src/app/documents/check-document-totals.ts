import { type DocumentTotalsFailure, documentTotalsFailures } from '../../domain/totals/reconcile.js';
import type { Tx } from '../context.js';
import { loadDocumentTotals } from './load-document-totals.js';

/**
 * What verify-chain adds to the signatures, which sign the gross total and not the lines: the signed documents
 * (as `loadChain` selects them) that have no lines, or whose lines and taxes do not add up to that gross total.
 */
export async function checkDocumentTotals(
  tx: Tx,
  accountId: number,
  filter: { seriesCode?: string; type?: string },
): Promise<DocumentTotalsFailure[]> {
  return documentTotalsFailures(await loadDocumentTotals(tx, accountId, filter));
}
