import { sql } from 'kysely';
import { type Decimal, dec } from '../../domain/money/decimal.js';
import { CONVERTIBLE_FROM, DOC_TYPE_INFO, type DocType, isDocType } from '../../domain/documents/types.js';
import type { DocumentLineRow, DocumentRow } from '../../infra/db/schema.js';
import type { Tx } from '../context.js';
import { type Page, type PageRequest, paginate } from '../pagination.js';
import { remainingByLine } from './create-from-origin.js';

/** Invoices a credit or debit note can correct. */
const RECTIFIABLE = (Object.keys(DOC_TYPE_INFO) as DocType[]).filter(
  (t) => DOC_TYPE_INFO[t].family === 'invoice' && !DOC_TYPE_INFO[t].rectifies,
);

/**
 * Which document types still have something to carry into `target`: for a credit/debit note, invoices (what remains
 * creditable); otherwise the types CONVERTIBLE_FROM allows (what remains pending). Without a target, every
 * convertible type.
 */
export function pendingSources(target?: string | null): { types: DocType[]; rectification: boolean } {
  if (target && isDocType(target) && DOC_TYPE_INFO[target].rectifies)
    return { types: RECTIFIABLE, rectification: true };
  const from = Object.entries(CONVERTIBLE_FROM) as [DocType, readonly DocType[]][];
  if (!target) return { types: from.map(([t]) => t), rectification: false };
  return {
    types: from.filter(([, to]) => (to as readonly string[]).includes(target)).map(([t]) => t),
    rectification: false,
  };
}

/** Quantities already taken from a line, as remainingByLine counts them: SQL for `l` (a document_lines alias). */
const takenFrom = (rectification: boolean) => sql`coalesce((
  select sum(t.quantity) from document_lines t
  join documents td on td.account_id = t.account_id and td.id = t.document_id
  where t.account_id = l.account_id and t.origin_line_id = l.id and td.status = 'final'
    and ${rectification ? sql`td.doc_type = 'NC'` : sql`td.doc_type not in ('NC', 'ND')`}), 0)`;

/** Finalized documents of a contact with lines still pending (or creditable) for `target`, newest first. */
export async function listDocumentsWithPending(
  tx: Tx,
  accountId: number,
  f: { contactId: number; target?: string | null },
  page: PageRequest,
): Promise<Page<DocumentRow>> {
  const { types, rectification } = pendingSources(f.target);
  const base = tx
    .selectFrom('documents as d')
    .where('d.account_id', '=', accountId)
    .where('d.contact_id', '=', f.contactId)
    .where('d.status', '=', 'final')
    .where('d.doc_type', 'in', types.length ? types : ['-'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('document_lines as l')
          .select('l.id')
          .whereRef('l.account_id', '=', 'd.account_id')
          .whereRef('l.document_id', '=', 'd.id')
          .where(sql<boolean>`l.quantity > ${takenFrom(rectification)}`),
      ),
    );
  return paginate(base.selectAll('d').orderBy('d.id', 'desc') as never, base as never, page) as Promise<
    Page<DocumentRow>
  >;
}

export interface PendingLine {
  line: DocumentLineRow;
  quantity: Decimal;
  remaining: Decimal;
  /** How much of the line later documents already took. */
  moved: Decimal;
}

/**
 * The lines of each given (finalized) document that still have something to carry: creditable quantities of
 * invoices, pending quantities of quotes, orders and guides. Documents of other accounts are not returned.
 */
export async function pendingLinesOf(
  tx: Tx,
  accountId: number,
  documentIds: number[],
): Promise<Map<number, PendingLine[]>> {
  const out = new Map<number, PendingLine[]>();
  if (!documentIds.length) return out;
  const docs = await tx
    .selectFrom('documents')
    .select(['id', 'doc_type', 'status'])
    .where('account_id', '=', accountId)
    .where('id', 'in', documentIds)
    .execute();
  for (const d of docs) {
    out.set(d.id, []);
    const rectification = RECTIFIABLE.includes(d.doc_type as DocType);
    if (d.status !== 'final' || (!rectification && !CONVERTIBLE_FROM[d.doc_type as DocType])) continue;
    const lines = await tx
      .selectFrom('document_lines')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('document_id', '=', d.id)
      .orderBy('position')
      .execute();
    const remaining = await remainingByLine(
      tx,
      accountId,
      lines.map((l) => l.id),
      rectification,
    );
    out.set(
      d.id,
      lines
        .map((line) => {
          const quantity = dec(line.quantity);
          const left = remaining.get(line.id) ?? quantity;
          return { line, quantity, remaining: left, moved: quantity.minus(left) };
        })
        .filter((p) => p.remaining.gt(0)),
    );
  }
  return out;
}
