import type { Tx } from '../context.js';
import type { DocumentView } from './get-document.js';

type Settlement = DocumentView['settlements'][number];
type Derived = DocumentView['derived'][number];

const RECEIPTS = ['RC', 'RG'];

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/**
 * The views of many documents of the account (a list page), in a constant number of queries: the same
 * `DocumentView` as `getDocument`, in the order of `ids`. Ids that are not the account's are left out.
 */
export async function getDocuments(tx: Tx, accountId: number, ids: readonly number[]): Promise<DocumentView[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  const docs = await tx
    .selectFrom('documents')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', 'in', wanted)
    .execute();
  if (!docs.length) return [];
  const found = docs.map((d) => d.id);
  const receiptIds = docs.filter((d) => RECEIPTS.includes(d.doc_type)).map((d) => d.id);
  const otherIds = docs.filter((d) => !RECEIPTS.includes(d.doc_type)).map((d) => d.id);
  const seriesIds = [...new Set(docs.map((d) => d.series_id))];

  const [lines, series, byReceipt, byDocument, related, fromLines] = await Promise.all([
    tx
      .selectFrom('document_lines')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('document_id', 'in', found)
      .orderBy('document_id')
      .orderBy('position')
      .execute(),
    tx
      .selectFrom('series')
      .innerJoin('accounts', 'accounts.id', 'series.account_id')
      .select([
        'series.id',
        'series.code',
        'series.kind',
        'accounts.tax_id',
        'accounts.country',
        'accounts.software_cert_number',
        'accounts.sandbox',
      ])
      .where('series.account_id', '=', accountId)
      .where('series.id', 'in', seriesIds)
      .execute(),
    // A receipt's settlements name the documents it settles; another document's, the receipts that settle it.
    receiptIds.length
      ? tx
          .selectFrom('settlements as s')
          .innerJoin('documents as o', (j) =>
            j.onRef('o.account_id', '=', 's.account_id').onRef('o.id', '=', 's.document_id'),
          )
          .select(['s.id', 's.receipt_id', 's.document_id', 's.amount', 'o.doc_no', 'o.status'])
          .where('s.account_id', '=', accountId)
          .where('s.receipt_id', 'in', receiptIds)
          .orderBy('s.id')
          .execute()
      : Promise.resolve([]),
    otherIds.length
      ? tx
          .selectFrom('settlements as s')
          .innerJoin('documents as o', (j) =>
            j.onRef('o.account_id', '=', 's.account_id').onRef('o.id', '=', 's.receipt_id'),
          )
          .select(['s.id', 's.receipt_id', 's.document_id', 's.amount', 'o.doc_no', 'o.status'])
          .where('s.account_id', '=', accountId)
          .where('s.document_id', 'in', otherIds)
          .orderBy('s.id')
          .execute()
      : Promise.resolve([]),
    tx
      .selectFrom('documents as d')
      .select(['d.id', 'd.doc_no', 'd.doc_type', 'd.status', 'd.related_document_id as of'])
      .where('d.account_id', '=', accountId)
      .where('d.related_document_id', 'in', found)
      .execute(),
    tx
      .selectFrom('document_lines as l')
      .innerJoin('documents as d', (j) =>
        j.onRef('d.account_id', '=', 'l.account_id').onRef('d.id', '=', 'l.document_id'),
      )
      .select(['d.id', 'd.doc_no', 'd.doc_type', 'd.status', 'l.origin_document_id as of'])
      .distinct()
      .where('l.account_id', '=', accountId)
      .where('l.origin_document_id', 'in', found)
      .execute(),
  ]);

  const linesOf = new Map<number, typeof lines>();
  for (const l of lines) push(linesOf, l.document_id, l);
  const seriesOf = new Map(series.map((s) => [s.id, s]));
  const settlementsOf = new Map<number, Settlement[]>();
  for (const s of byReceipt)
    push(settlementsOf, s.receipt_id, {
      id: s.id,
      receiptId: s.receipt_id,
      documentId: s.document_id,
      docNo: s.doc_no,
      amount: s.amount,
      status: s.status,
    });
  for (const s of byDocument)
    push(settlementsOf, s.document_id, {
      id: s.id,
      receiptId: s.receipt_id,
      documentId: s.document_id,
      docNo: s.doc_no,
      amount: s.amount,
      status: s.status,
    });
  const derivedOf = new Map<number, Map<number, Derived>>();
  for (const d of [...related, ...fromLines]) {
    if (d.of === null || d.of === d.id) continue;
    const m = derivedOf.get(d.of) ?? new Map<number, Derived>();
    m.set(d.id, { id: d.id, docNo: d.doc_no, type: d.doc_type, status: d.status });
    derivedOf.set(d.of, m);
  }

  const byId = new Map(
    docs.map((doc) => {
      const s = seriesOf.get(doc.series_id);
      if (!s) throw new Error(`Series ${doc.series_id} of document ${doc.id} is missing`);
      const view: DocumentView = {
        doc,
        lines: linesOf.get(doc.id) ?? [],
        seriesCode: s.code,
        seriesKind: s.kind,
        account: { taxId: s.tax_id, country: s.country, certNo: s.software_cert_number, sandbox: s.sandbox },
        settlements: settlementsOf.get(doc.id) ?? [],
        derived: [...(derivedOf.get(doc.id)?.values() ?? [])].sort((a, b) => a.id - b.id),
      };
      return [doc.id, view] as const;
    }),
  );
  return ids.map((id) => byId.get(id)).filter((v): v is DocumentView => !!v);
}
