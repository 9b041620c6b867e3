import type { Tx } from '../context.js';

export async function listExemptionReasons(tx: Tx) {
  return tx.selectFrom('exemption_reasons').selectAll().orderBy('code').execute();
}
