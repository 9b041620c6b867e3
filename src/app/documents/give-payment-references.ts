import { sql } from 'kysely';
import type { DocType } from '../../domain/documents/types.js';
import type { FiscalRegime } from '../../domain/regime/fiscal-regime.js';
import type { Tx } from '../context.js';

/**
 * Gives the drafts about to be finalized the structured payment reference their regime makes for their type, where
 * the draft has none (a given one is kept). Written on the draft, in the finalize transaction, before the statement
 * that finalizes it: the reference is then part of the finalized row its guard keeps. No statement when the regime
 * gives none (Portugal).
 */
export async function givePaymentReferences(
  tx: Tx,
  accountId: number,
  regime: FiscalRegime,
  docs: { id: number; doc: { doc_type: string } }[],
): Promise<void> {
  const refs = docs.flatMap(({ id, doc }) => {
    const r = regime.paymentReference(doc.doc_type as DocType, id);
    return r ? [{ id, r }] : [];
  });
  if (!refs.length) return;
  await sql`UPDATE documents SET payment_reference = v.r
    FROM jsonb_to_recordset(${JSON.stringify(refs)}::jsonb) AS v(id bigint, r text)
    WHERE documents.account_id = ${accountId} AND documents.id = v.id AND documents.payment_reference IS NULL`.execute(
    tx,
  );
}
