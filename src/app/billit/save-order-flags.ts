import { sql } from 'kysely';
import type { Tx } from '../context.js';

/** The bookkeeping Billit lets a client set on an order (billit_orders, migration 0027); absent: unchanged. */
export interface OrderFlags {
  paid?: boolean | null;
  /** Wall clock `YYYY-MM-DDTHH:mm:ss` (Billit's zone-less time). */
  paidDate?: string | null;
  isSent?: boolean;
  approvalStatus?: string | null;
  accountCode?: string | null;
  internalInfo?: string | null;
  invoiced?: boolean | null;
  accountantVerificationNeeded?: boolean;
  /** Marks the order deleted (GET /v1/orders/deleted lists it). */
  deleted?: true;
}

/**
 * Writes an Income order's flags, creating its row the first time (a document issued through another API has none).
 * `orderType` is Billit's name of the order, kept only when the row is created.
 */
export async function saveOrderFlags(
  tx: Tx,
  accountId: number,
  documentId: number,
  orderType: string,
  flags: OrderFlags,
): Promise<void> {
  const set = {
    ...(flags.paid !== undefined ? { paid: flags.paid } : {}),
    ...(flags.paidDate !== undefined ? { paid_date: flags.paidDate } : {}),
    ...(flags.isSent !== undefined ? { is_sent: flags.isSent } : {}),
    ...(flags.approvalStatus !== undefined ? { approval_status: flags.approvalStatus } : {}),
    ...(flags.accountCode !== undefined ? { account_code: flags.accountCode } : {}),
    ...(flags.internalInfo !== undefined ? { internal_info: flags.internalInfo } : {}),
    ...(flags.invoiced !== undefined ? { invoiced: flags.invoiced } : {}),
    ...(flags.accountantVerificationNeeded !== undefined
      ? { accountant_verification_needed: flags.accountantVerificationNeeded }
      : {}),
  };
  // The row is also unique on document_id, which ON CONFLICT (order_id) does not arbitrate: two first saves at once
  // would fail with 23505. Serialized here, the second sees the first's row and updates it.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`billit-order:${accountId}:${documentId}`}, 0))`.execute(
    tx,
  );
  await tx
    .insertInto('billit_orders')
    .values({
      order_id: documentId,
      account_id: accountId,
      document_id: documentId,
      order_type: orderType,
      order_direction: 'Income',
      ...set,
      ...(flags.deleted ? { deleted_at: sql<string>`now()` } : {}),
    })
    .onConflict((oc) =>
      oc.column('order_id').doUpdateSet({
        ...set,
        ...(flags.deleted ? { deleted_at: sql<string>`now()` } : {}),
        updated_at: sql<string>`now()`,
      }),
    )
    .execute();
}
