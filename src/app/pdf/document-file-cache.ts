import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../context.js';

export type DocumentFileKind = 'pdf';

export interface CachedFile {
  sourceHash: string;
  bytes: Uint8Array;
}

// Bytes travel as base64 text, decoded by the database: PGlite's JavaScript bytea codec takes ~4× longer for
// a 30 KB file than base64 both ways, and PostgreSQL is within a millisecond either way.

/**
 * The digest stored beside a cached file: it binds the bytes to their document and render input, so bytes moved
 * from another document's row (or edited) never match. The same formula as document_file_digest (migration 0012),
 * which refuses a row whose digest does not match.
 */
export function documentFileDigest(accountId: number, documentId: number, sourceHash: string, bytes: Uint8Array) {
  const head = `${accountId}:${documentId}:${sourceHash}:`;
  return createHash('sha256').update(head, 'utf8').update(bytes).digest('hex');
}

/**
 * The cached file of a document, if any (whatever its source hash: the caller compares). A row whose bytes do not
 * match its digest is not this document's file: it reads as absent, so the caller renders the file again.
 */
export async function readDocumentFile(
  tx: Tx,
  accountId: number,
  documentId: number,
  kind: DocumentFileKind,
): Promise<CachedFile | undefined> {
  const row = await tx
    .selectFrom('document_files')
    .select(['source_hash', 'sha256', sql<string>`encode(bytes, 'base64')`.as('b64')])
    .where('account_id', '=', accountId)
    .where('document_id', '=', documentId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!row) return undefined;
  const bytes = Buffer.from(row.b64, 'base64');
  if (documentFileDigest(accountId, documentId, row.source_hash, bytes) !== row.sha256) return undefined;
  return { sourceHash: row.source_hash, bytes };
}

/** Stores (or replaces) the cached file of a document, with its digest. */
export async function writeDocumentFile(
  tx: Tx,
  accountId: number,
  documentId: number,
  kind: DocumentFileKind,
  file: CachedFile,
): Promise<void> {
  const buf = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  const bytes = sql<Uint8Array>`decode(${buf.toString('base64')}, 'base64')`;
  const sha256 = documentFileDigest(accountId, documentId, file.sourceHash, buf);
  await tx
    .insertInto('document_files')
    .values({ account_id: accountId, document_id: documentId, kind, source_hash: file.sourceHash, bytes, sha256 })
    .onConflict((oc) =>
      oc.columns(['account_id', 'document_id', 'kind']).doUpdateSet({
        source_hash: (eb) => eb.ref('excluded.source_hash'),
        bytes: (eb) => eb.ref('excluded.bytes'),
        sha256: (eb) => eb.ref('excluded.sha256'),
        created_at: sql`now()`,
      }),
    )
    .execute();
}
