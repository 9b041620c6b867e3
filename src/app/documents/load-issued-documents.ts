import type { DocType } from '../../domain/documents/types.js';
import type { VatCategory } from '../../domain/documents/vat-category.js';
import { regimeOf } from '../../domain/regime/registry.js';
import type {
  DocumentRef,
  IssuedDocument,
  IssuedLine,
  IssuedSettlement,
} from '../../domain/documents/issued-document.js';
import { notFound } from '../../domain/errors.js';
import { settledOnIssue } from '../../domain/documents/paid-on-issue.js';
import { printedHashChars } from '../../domain/pt/signature.js';
import type { Tx } from '../context.js';
import { lineHead } from './line-head.js';

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** What every document of an account names besides its own rows: the account (issuer) and its series. */
export interface DocumentIssuer {
  account: NonNullable<Awaited<ReturnType<typeof readAccount>>>;
  series: Map<number, Awaited<ReturnType<typeof readSeries>>[number]>;
}

// The account's series: a handful of rows, read whole rather than joined to every document.
function readSeries(tx: Tx, accountId: number) {
  return tx.selectFrom('series').where('account_id', '=', accountId).select(['id', 'code', 'kind']).execute();
}

function readAccount(tx: Tx, accountId: number) {
  return tx
    .selectFrom('accounts as a')
    .where('a.id', '=', accountId)
    .select([
      'a.tax_id',
      'a.country',
      'a.software_cert_number',
      'a.sandbox',
      'a.iban',
      'a.bic',
      (eb) =>
        eb
          .selectFrom('contacts as fc')
          .select('fc.code')
          .whereRef('fc.account_id', '=', 'a.id')
          .where('fc.is_final_consumer', '=', true)
          .limit(1)
          .as('final_consumer_code'),
    ])
    .executeTakeFirst();
}

/**
 * The account and its series (two queries), for a caller that loads many pages of documents in one transaction (the
 * SAF-T export) and passes them to every `loadIssuedDocuments`; null when the account does not exist.
 */
export async function loadDocumentIssuer(tx: Tx, accountId: number): Promise<DocumentIssuer | null> {
  const [account, series] = await Promise.all([readAccount(tx, accountId), readSeries(tx, accountId)]);
  return account ? { account, series: new Map(series.map((s) => [s.id, s])) } : null;
}

/**
 * The issued-document model of documents of the account, in the order of `ids` (ids that are not the account's are
 * left out), in at most five queries whatever their number: the documents with what they name (customer code,
 * payment and shipping methods, corrected document), their lines with their origins, the account and its series
 * (none when `issuer`, read by `loadDocumentIssuer` in the same transaction, is given), and what the receipts among
 * them settle.
 */
export async function loadIssuedDocuments(
  tx: Tx,
  accountId: number,
  ids: readonly number[],
  issuer?: DocumentIssuer | null,
): Promise<IssuedDocument[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  const [docs, lines, loaded] = await Promise.all([
    tx
      .selectFrom('documents as d')
      .leftJoin('contacts as c', (j) => j.onRef('c.account_id', '=', 'd.account_id').onRef('c.id', '=', 'd.contact_id'))
      .leftJoin('payment_methods as pm', (j) =>
        j.onRef('pm.account_id', '=', 'd.account_id').onRef('pm.id', '=', 'd.payment_method_id'),
      )
      .leftJoin('shipping_methods as sm', (j) =>
        j.onRef('sm.account_id', '=', 'd.account_id').onRef('sm.id', '=', 'd.shipping_method_id'),
      )
      .leftJoin('documents as r', (j) =>
        j.onRef('r.account_id', '=', 'd.account_id').onRef('r.id', '=', 'd.related_document_id'),
      )
      .where('d.account_id', '=', accountId)
      .where('d.id', 'in', wanted)
      .select([
        'd.id',
        'd.account_id',
        'd.doc_type',
        'd.status',
        'd.doc_no',
        'd.number',
        'd.series_id',
        'd.atcud',
        'd.hash',
        'd.hash_control',
        'd.key_version',
        'd.doc_date',
        'd.due_date',
        'd.tax_point_date',
        'd.system_entry_date',
        'd.status_date',
        'd.cancel_reason',
        'd.user_id',
        'd.language',
        'd.currency',
        'd.exchange_rate',
        'd.currency_total',
        'd.seller',
        'd.customer',
        'd.contact_id',
        'd.reference',
        'd.observations',
        'd.vat_included',
        'd.global_discount_kind',
        'd.global_discount_value',
        'd.withholding_type',
        'd.withholding_rate',
        'd.tax_summary',
        'd.net_total',
        'd.tax_total',
        'd.gross_total',
        'd.discount_total',
        'd.withholding_total',
        'd.rounding_adjustment',
        'd.payable_total',
        'd.payment_method_id',
        'd.open_balance',
        'd.paid',
        'd.settled_on_issue',
        'd.payment_reference',
        'd.load_address',
        'd.unload_address',
        'd.load_at',
        'd.unload_at',
        'd.vehicle_plate',
        'd.at_code',
        'c.code as contact_code',
        'pm.name as payment_method',
        'pm.saft_code as payment_mechanism',
        'sm.name as shipping_method',
        'r.id as r_id',
        'r.doc_type as r_type',
        'r.doc_no as r_no',
        'r.doc_date as r_date',
      ])
      .execute(),
    tx
      .selectFrom('document_lines as l')
      .leftJoin('documents as o', (j) =>
        j.onRef('o.account_id', '=', 'l.account_id').onRef('o.id', '=', 'l.origin_document_id'),
      )
      .where('l.account_id', '=', accountId)
      .where('l.document_id', 'in', wanted)
      .selectAll('l')
      .select(['o.id as o_id', 'o.doc_type as o_type', 'o.doc_no as o_no', 'o.doc_date as o_date'])
      .orderBy('l.document_id')
      .orderBy('l.position')
      .execute(),
    issuer !== undefined ? issuer : loadDocumentIssuer(tx, accountId),
  ]);
  if (!loaded) return [];
  const { account, series: seriesOf } = loaded;
  // Only receipts settle documents: a page without one needs no settlements query.
  const receipts = docs.filter((d) => d.doc_type === 'RC' || d.doc_type === 'RG').map((d) => d.id);
  const settlements = receipts.length
    ? await tx
        .selectFrom('settlements as s')
        .innerJoin('documents as o', (j) =>
          j.onRef('o.account_id', '=', 's.account_id').onRef('o.id', '=', 's.document_id'),
        )
        .where('s.account_id', '=', accountId)
        .where('s.receipt_id', 'in', receipts)
        .select([
          's.id',
          's.receipt_id',
          's.amount',
          'o.id as document_id',
          'o.doc_type',
          'o.doc_no',
          'o.doc_date',
          'o.status',
          'o.net_total',
          'o.tax_total',
          'o.gross_total',
          'o.withholding_total',
          'o.withholding_type',
          'o.payable_total',
          'o.tax_summary',
        ])
        .orderBy('s.receipt_id')
        .orderBy('s.id')
        .execute()
    : [];
  const regime = regimeOf(account).code;

  const linesOf = new Map<number, IssuedLine[]>();
  for (const l of lines) {
    const origin: DocumentRef | null =
      l.o_id !== null ? { id: l.o_id, type: l.o_type!, number: l.o_no, date: l.o_date! } : null;
    // Object.assign onto the head, not a spread into a literal (same keys, same order): with the spread, a page of 250
    // documents promoted 1.8 MB more to V8's old generation and cost 1.7× the CPU (SAF-T bench, --trace-gc-nvp).
    push(
      linesOf,
      l.document_id,
      Object.assign(lineHead(l), {
        quantity: l.quantity,
        unit: l.unit,
        unitPrice: l.unit_price,
        discounts: [l.discount1, l.discount2, l.discount3],
        tax: { id: l.tax_id, type: l.tax_type, region: l.tax_region, code: l.tax_code, rate: l.tax_rate },
        exemption: l.exemption_code ? { code: l.exemption_code, reason: l.exemption_reason } : null,
        vatCategory: l.vat_category as VatCategory | null,
        vatexCode: l.vatex_code,
        exemptionReason: l.exemption_reason,
        amounts: {
          net: l.net_amount,
          unitNetPrice: l.unit_net_price,
          discount: l.discount_amount,
          netTotal: l.net_total,
          taxTotal: l.tax_total,
          grossTotal: l.gross_total,
        },
        origin:
          l.origin_line_id !== null || l.origin_document_id !== null
            ? { lineId: l.origin_line_id, document: origin }
            : null,
        externalReference: l.external_reference
          ? { number: l.external_reference, date: l.external_reference_date, reason: l.external_reference_reason }
          : null,
      }),
    );
  }
  const settlesOf = new Map<number, IssuedSettlement[]>();
  for (const s of settlements)
    push(settlesOf, s.receipt_id, {
      id: s.id,
      amount: s.amount,
      document: {
        id: s.document_id,
        type: s.doc_type,
        number: s.doc_no,
        date: s.doc_date,
        status: s.status,
        totals: {
          net: s.net_total,
          tax: s.tax_total,
          gross: s.gross_total,
          withholding: s.withholding_total,
          payable: s.payable_total,
        },
        withholdingType: s.withholding_type,
        taxSummary: s.tax_summary ?? [],
      },
    });

  const byId = new Map<number, IssuedDocument>();
  for (const d of docs) {
    const s = seriesOf.get(d.series_id);
    if (!s) throw new Error(`Series ${d.series_id} of document ${d.id} is missing`);
    byId.set(d.id, {
      id: d.id,
      accountId: d.account_id,
      type: d.doc_type as DocType,
      status: d.status,
      number: d.doc_no,
      sequence: d.number,
      series: { id: d.series_id, code: s.code, kind: s.kind },
      atcud: d.atcud,
      signature: {
        hash: d.hash,
        hashControl: d.hash_control,
        keyVersion: d.key_version,
        printed: d.hash ? printedHashChars(d.hash) : '',
      },
      date: d.doc_date,
      dueDate: d.due_date,
      taxPointDate: d.tax_point_date,
      systemEntry: d.system_entry_date,
      statusDate: d.status_date,
      cancelReason: d.cancel_reason,
      userId: d.user_id,
      language: d.language,
      currency: d.currency,
      exchangeRate: d.exchange_rate,
      currencyTotal: d.currency_total,
      regime,
      account: {
        taxId: account.tax_id,
        country: account.country,
        certNo: account.software_cert_number,
        sandbox: account.sandbox,
        // A finalized document's bank account is the one its seller snapshot took; a draft shows the current one.
        iban: d.seller ? (d.seller.iban ?? null) : account.iban,
        bic: d.seller ? (d.seller.bic ?? null) : account.bic,
      },
      seller: d.seller,
      customer: {
        snapshot: d.customer,
        contactId: d.contact_id,
        masterCode: d.contact_code ?? account.final_consumer_code ?? null,
      },
      reference: d.reference,
      observations: d.observations,
      vatIncluded: d.vat_included,
      globalDiscount:
        d.global_discount_kind && d.global_discount_value !== null
          ? { kind: d.global_discount_kind, value: d.global_discount_value }
          : null,
      withholding: { type: d.withholding_type, rate: d.withholding_rate },
      lines: linesOf.get(d.id) ?? [],
      taxSummary: d.tax_summary,
      totals: {
        net: d.net_total,
        tax: d.tax_total,
        gross: d.gross_total,
        discount: d.discount_total,
        withholding: d.withholding_total,
        rounding: d.rounding_adjustment,
        payable: d.payable_total,
      },
      payment: {
        methodId: d.payment_method_id,
        method: d.payment_method,
        mechanism: d.payment_mechanism,
        openBalance: d.open_balance,
        paid: d.paid,
        settledOnIssue: settledOnIssue(d.doc_type as DocType, d.settled_on_issue),
        reference: d.payment_reference,
      },
      transport: {
        load: d.load_address,
        unload: d.unload_address,
        loadAt: d.load_at,
        unloadAt: d.unload_at,
        vehiclePlate: d.vehicle_plate,
        shippingMethod: d.shipping_method,
        atCode: d.at_code,
      },
      related: d.r_id !== null ? { id: d.r_id, type: d.r_type!, number: d.r_no, date: d.r_date! } : null,
      settles: settlesOf.get(d.id) ?? [],
    });
  }
  return ids.flatMap((id) => {
    const doc = byId.get(id);
    return doc ? [doc] : [];
  });
}

/** One document's model; not_found when it is not the account's. */
export async function loadIssuedDocument(tx: Tx, accountId: number, id: number): Promise<IssuedDocument> {
  const [doc] = await loadIssuedDocuments(tx, accountId, [id]);
  if (!doc) throw notFound('document', id);
  return doc;
}
