import type { Tx } from '../context.js';
import { recordTransmissionStatus } from './record-transmission-status.js';

/**
 * The end of an e-mail that stood in for a Peppol transmission (the receiver is not on Peppol): accepted by the
 * SMTP server → `delivered`; given up → `failed` with the e-mail's error. Called in the e-mail's own transaction.
 */
export async function recordEmailTransmission(
  tx: Tx,
  accountId: number,
  emailId: number,
  error: string | null,
): Promise<void> {
  const t = await tx
    .selectFrom('peppol_transmissions')
    .select('id')
    .where('account_id', '=', accountId)
    .where('email_id', '=', emailId)
    .executeTakeFirst();
  if (!t) return;
  await recordTransmissionStatus(
    tx,
    accountId,
    t.id,
    error === null ? { status: 'delivered' } : { status: 'failed', reason: `E-mail: ${error}` },
  );
}
