import { randomUUID } from 'node:crypto';
import { parseAddressList } from '../../domain/email/addresses.js';
import { DomainError, type FieldIssue, notFound } from '../../domain/errors.js';
import type { PartySnapshot } from '../../infra/db/schema.js';
import type { Ctx, Tx } from '../context.js';
import { queueDocumentEmail } from '../email/queue-document-email.js';
import { isDeletedOrder } from './is-deleted-order.js';
import { saveOrderFlags } from './save-order-flags.js';

/** The customer's e-mail address an order is sent to, or null when it has no valid one. */
export async function orderEmailAddress(tx: Tx, accountId: number, documentId: number): Promise<string | null> {
  const doc = await tx
    .selectFrom('documents')
    .leftJoin('contacts', (j) =>
      j.onRef('contacts.account_id', '=', 'documents.account_id').onRef('contacts.id', '=', 'documents.contact_id'),
    )
    .select(['documents.customer', 'contacts.email'])
    .where('documents.account_id', '=', accountId)
    .where('documents.id', '=', documentId)
    .executeTakeFirst();
  if (!doc || (await isDeletedOrder(tx, accountId, documentId))) throw notFound('document', documentId);
  for (const candidate of [(doc.customer as PartySnapshot).email, doc.email]) {
    if (!candidate?.trim()) continue;
    const issues: FieldIssue[] = [];
    const [first] = parseAddressList(candidate, 'to', issues);
    if (first && !issues.length) return first;
  }
  return null;
}

/** The types whose e-mail carries the EN 16931 invoice beside the PDF (the e-invoiceable ones). */
const EINVOICE_TYPES = ['FT', 'NC', 'ND'];

/**
 * Sends an order's PDF to its customer by e-mail through the outbox (Billit's SMTP transport) and marks the order
 * sent. An invoice or note also carries its UBL and is recorded as one of the document's deliveries
 * (`peppol_transmissions`, transport email), so its Messages[] and delivery details show it: the e-mail job marks it
 * delivered once the SMTP server took it.
 */
export async function sendOrderEmail(
  tx: Tx,
  ctx: Ctx,
  documentId: number,
  orderType: (docType: string) => string,
): Promise<void> {
  const to = await orderEmailAddress(tx, ctx.accountId, documentId);
  if (!to) throw new DomainError('validation', 'The customer has no valid e-mail address.');
  const email = await queueDocumentEmail(tx, ctx, documentId, { to });
  const doc = await tx
    .selectFrom('documents')
    .select('doc_type')
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', documentId)
    .executeTakeFirstOrThrow();
  if (EINVOICE_TYPES.includes(doc.doc_type)) {
    await tx
      .updateTable('emails')
      .set({ attach_einvoice: true })
      .where('account_id', '=', ctx.accountId)
      .where('id', '=', email.id)
      .execute();
    await tx
      .insertInto('peppol_transmissions')
      .values({
        account_id: ctx.accountId,
        document_id: documentId,
        transport: 'email',
        receiver: null,
        email_id: email.id,
        instance_id: randomUUID(),
      })
      .execute();
  }
  await saveOrderFlags(tx, ctx.accountId, documentId, orderType(doc.doc_type), { isSent: true });
}
