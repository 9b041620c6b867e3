import { sql } from 'kysely';
import type { Tx } from '../context.js';

export type DocumentFileKind = 'pdf';

export interface CachedFile {
  sourceHash: string;
  bytes: Uint8Array;
}

// Bytes travel as base64 text, decoded by the database: PGlite's JavaScript bytea codec takes ~4× longer for
// a 30 KB file than base64 both ways, and PostgreSQL is within a millisecond either way.

/** The cached file of a document, if any (whatever its source hash: the caller compares). */
export async function readDocumentFile(tx: Tx, accountId: number, documentId: number, kind: DocumentFileKind): Promise<CachedFile | undefined> {
  const row = await tx.selectFrom('document_files').select(['source_hash', sql<string>`encode(bytes, 'base64')`.as('b64')])
    .where('account_id', '=', accountId).where('document_id', '=', documentId).where('kind', '=', kind).executeTakeFirst();
  return row ? { sourceHash: row.source_hash, bytes: Buffer.from(row.b64, 'base64') } : undefined;
}

/** Stores (or replaces) the cached file of a document. */
export async function writeDocumentFile(tx: Tx, accountId: number, documentId: number, kind: DocumentFileKind, file: CachedFile): Promise<void> {
  const bytes = sql<Uint8Array>`decode(${Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString('base64')}, 'base64')`;
  await tx.insertInto('document_files')
    .values({ account_id: accountId, document_id: documentId, kind, source_hash: file.sourceHash, bytes })
    .onConflict((oc) => oc.columns(['account_id', 'document_id', 'kind']).doUpdateSet({
      source_hash: (eb) => eb.ref('excluded.source_hash'), bytes: (eb) => eb.ref('excluded.bytes'), created_at: sql`now()`,
    }))
    .execute();
}
