import { createHash } from 'node:crypto';
import type { Tx } from '../context.js';
import { getPurchaseFile } from '../purchases/get-purchase-file.js';

/** Received documents' XML files are named `d0c0f11e-0000-4000-8001-<purchase id in 12 hex digits>`. */
const PURCHASE_XML_PREFIX = 'd0c0f11e-0000-4000-8001-';

export function purchaseXmlFileId(purchaseId: number): string {
  return PURCHASE_XML_PREFIX + purchaseId.toString(16).padStart(12, '0');
}

/**
 * The FileID of a received document's original XML, as a stored file (Billit's inbox names it `PeppolFileID`, read
 * back with `GET /v1/files/{id}`). The copy is made once, under an id derived from the document, so asking again
 * gives the same file; like the received XML itself, it never changes.
 */
export async function keepPurchaseXmlFile(tx: Tx, accountId: number, purchaseId: number): Promise<string> {
  const id = purchaseXmlFileId(purchaseId);
  const kept = await tx
    .selectFrom('stored_files')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (kept) return id;
  const file = await getPurchaseFile(tx, accountId, purchaseId, 'xml');
  if (file.kind !== 'xml') return id;
  const bytes = Buffer.from(file.xml, 'utf8');
  await tx
    .insertInto('stored_files')
    .values({
      id,
      account_id: accountId,
      file_name: `${(file.number ?? `received-${purchaseId}`).replace(/[^\w.-]+/g, '_')}.xml`,
      mime_type: 'text/xml',
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })
    // No target: covers both the primary key and UNIQUE (account_id, id), so two first copies at once do not 23505.
    .onConflict((oc) => oc.doNothing())
    .execute();
  return id;
}
