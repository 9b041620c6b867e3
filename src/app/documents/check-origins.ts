import { sql } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import { type Decimal, dec } from '../../domain/money/decimal.js';
import { CONVERTIBLE_FROM, DOC_TYPE_INFO, type DocType } from '../../domain/documents/types.js';
import type { Tx } from '../context.js';

/**
 * Checks, under a lock on every origin document, that a credit/debit note or a conversion does not go beyond
 * what remains of the origin lines. Called at finalize, so concurrent notes cannot both pass.
 */
export async function checkOrigins(
  tx: Tx,
  accountId: number,
  doc: { id: number; doc_type: string; related_document_id: number | null },
): Promise<void> {
  const type = doc.doc_type as DocType;
  const info = DOC_TYPE_INFO[type];
  const lines = await tx
    .selectFrom('document_lines')
    .select(['id', 'origin_line_id', 'origin_document_id', 'quantity', 'net_amount'])
    .where('account_id', '=', accountId)
    .where('document_id', '=', doc.id)
    .execute();
  const originIds = [
    ...new Set([
      ...lines.map((l) => l.origin_document_id).filter((x): x is number => x !== null),
      ...(doc.related_document_id ? [doc.related_document_id] : []),
    ]),
  ];
  if (originIds.length === 0) return;
  const origins = await tx
    .selectFrom('documents')
    .select(['id', 'doc_type', 'status', 'doc_no', 'net_total'])
    .where('account_id', '=', accountId)
    .where('id', 'in', originIds)
    .orderBy('id')
    .forUpdate()
    .execute();

  for (const o of origins) {
    if (o.status === 'draft')
      throw new DomainError('document_not_final', `Document ${o.id} is a draft and cannot be referenced.`);
    if (info.rectifies) {
      // NOTE: D8632 §3.3.7 — no credit or debit note on a cancelled document.
      if (o.status === 'cancelled')
        throw new DomainError(
          'rectification_of_cancelled',
          `${o.doc_no} is cancelled: no credit or debit note can be issued on it.`,
        );
      if (DOC_TYPE_INFO[o.doc_type as DocType].family !== 'invoice' || DOC_TYPE_INFO[o.doc_type as DocType].rectifies) {
        throw new DomainError('validation', `${o.doc_no} is not an invoice that a credit or debit note can correct.`, [
          { field: 'relatedDocumentId', issue: 'invalid', message: 'Must be an invoice (FT, FS, FR).' },
        ]);
      }
    } else {
      if (o.status === 'cancelled')
        throw new DomainError('document_already_cancelled', `${o.doc_no} is cancelled and cannot be converted.`);
      if (!(CONVERTIBLE_FROM[o.doc_type as DocType] ?? []).includes(type)) {
        throw new DomainError('validation', `A ${o.doc_type} cannot be converted into a ${type}.`, [
          { field: 'lines', issue: 'invalid', message: 'Conversion not allowed between these types.' },
        ]);
      }
    }
  }

  if (type === 'NC') await checkWholeDocumentCredits(tx, accountId, doc.id, lines, origins);
  const originLineIds = lines.map((l) => l.origin_line_id).filter((x): x is number => x !== null);
  if (!originLineIds.length) return;
  // What other finalized, non-cancelled documents of the same kind already took from each origin line.
  const sameKind = info.rectifies
    ? ['NC']
    : Object.keys(DOC_TYPE_INFO).filter((t) => !DOC_TYPE_INFO[t as DocType].rectifies);
  const taken = await tx
    .selectFrom('document_lines as l')
    .innerJoin('documents as d', (j) =>
      j.onRef('d.account_id', '=', 'l.account_id').onRef('d.id', '=', 'l.document_id'),
    )
    .select(['l.origin_line_id', sql<string>`sum(l.quantity)`.as('qty'), sql<string>`sum(l.net_amount)`.as('net')])
    .where('l.account_id', '=', accountId)
    .where('l.origin_line_id', 'in', originLineIds)
    .where('d.status', '=', 'final')
    .where('d.id', '<>', doc.id)
    .where('d.doc_type', 'in', sameKind)
    .groupBy('l.origin_line_id')
    .execute();
  const originLines = await tx
    .selectFrom('document_lines')
    .select(['id', 'quantity', 'net_amount', 'description'])
    .where('account_id', '=', accountId)
    .where('id', 'in', originLineIds)
    .execute();
  if (type === 'ND') return; // a debit note adds to the original: nothing to exhaust
  const mine = new Map<number, { qty: Decimal; net: Decimal }>();
  for (const l of lines) {
    if (l.origin_line_id === null) continue;
    const m = mine.get(l.origin_line_id) ?? { qty: dec(0), net: dec(0) };
    mine.set(l.origin_line_id, { qty: m.qty.plus(l.quantity), net: m.net.plus(l.net_amount) });
  }
  for (const ol of originLines) {
    const t = taken.find((x) => x.origin_line_id === ol.id);
    const m = mine.get(ol.id)!;
    const qtyLeft = dec(ol.quantity).minus(t?.qty ?? 0);
    if (m.qty.gt(qtyLeft)) {
      if (info.rectifies) {
        // NOTE: D8632 §3.2.7 — partial credit notes are controlled against the quantities and values of the original.
        throw new DomainError(
          'rectification_exceeds_original',
          `Only ${qtyLeft} of "${ol.description}" remain creditable.`,
          [],
          { originLineId: ol.id, remaining: qtyLeft.toString() },
        );
      }
      throw new DomainError(
        'conversion_exceeds_pending',
        `Only ${qtyLeft} of "${ol.description}" remain pending.`,
        [],
        { originLineId: ol.id, remaining: qtyLeft.toString() },
      );
    }
    if (info.rectifies) {
      const netLeft = dec(ol.net_amount).minus(t?.net ?? 0);
      if (m.net.gt(netLeft.plus('0.005'))) {
        throw new DomainError(
          'rectification_exceeds_original',
          `At most ${netLeft.toFixed(2)} of "${ol.description}" remains creditable.`,
          [],
          { originLineId: ol.id, remaining: netLeft.toFixed(2) },
        );
      }
    }
  }
}

/**
 * Credit note lines that name an invoice of the system by its number only (no line of it): together with every
 * other credit note on that invoice, they cannot credit more than its net total.
 */
async function checkWholeDocumentCredits(
  tx: Tx,
  accountId: number,
  docId: number,
  lines: { origin_line_id: number | null; origin_document_id: number | null; net_amount: string }[],
  origins: { id: number; doc_no: string | null; net_total: string }[],
): Promise<void> {
  const mine = new Map<number, Decimal>();
  for (const l of lines)
    if (l.origin_line_id === null && l.origin_document_id !== null)
      mine.set(l.origin_document_id, (mine.get(l.origin_document_id) ?? dec(0)).plus(l.net_amount));
  if (!mine.size) return;
  const credited = await tx
    .selectFrom('document_lines as l')
    .innerJoin('documents as d', (j) =>
      j.onRef('d.account_id', '=', 'l.account_id').onRef('d.id', '=', 'l.document_id'),
    )
    .select(['l.origin_document_id', sql<string>`sum(l.net_amount)`.as('net')])
    .where('l.account_id', '=', accountId)
    .where('l.origin_document_id', 'in', [...mine.keys()])
    .where('d.status', '=', 'final')
    .where('d.doc_type', '=', 'NC')
    .where('d.id', '<>', docId)
    .groupBy('l.origin_document_id')
    .execute();
  for (const [originId, net] of mine) {
    const o = origins.find((x) => x.id === originId)!;
    const left = dec(o.net_total).minus(credited.find((c) => c.origin_document_id === originId)?.net ?? 0);
    // NOTE: D8632 §3.2.7 — credit notes are controlled against the values of the original.
    if (net.gt(left.plus('0.005')))
      throw new DomainError(
        'rectification_exceeds_original',
        `At most ${left.toFixed(2)} of ${o.doc_no} remains creditable.`,
        [],
        { originDocumentId: originId, remaining: left.toFixed(2) },
      );
  }
}
