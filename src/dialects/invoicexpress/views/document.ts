import type { DocumentView } from '../../../app/documents/get-document.js';
import { type Decimal, ZERO, dec } from '../../../domain/money/decimal.js';
import { type LineAmounts, lineAmounts, subtotalOf } from '../../../domain/totals/line-amounts.js';
import { printedHashChars } from '../../../domain/pt/signature.js';
import { englishName } from '../countries.js';
import { type IxDocType, ixTypeOfCore } from '../doc-types.js';
import { ixDate } from '../input.js';

export type IxFormat = 'json' | 'xml';

type DocumentLine = DocumentView['lines'][number];

/** What a document view needs besides the document: the account's tax names and the public URL of downloads. */
export interface DocumentViewContext {
  taxes: ReadonlyMap<number, { name: string }>;
  /** The server's public URL (`config.publicUrl`): permalinks are its `/download/:id/:token` links. */
  publicUrl: string;
  format: IxFormat;
}

/** InvoiceXpress states: draft, final, settled (paid, or paid on issue), canceled; `deleted` only as a change-state answer. */
export function ixStatus(d: { status: string; paid: boolean }): 'draft' | 'final' | 'settled' | 'canceled' {
  if (d.status === 'draft') return 'draft';
  if (d.status === 'cancelled') return 'canceled';
  return d.paid ? 'settled' : 'final';
}

/**
 * Amounts: JSON numbers (24.39, 30) in JSON; Ruby floats ("15.0", "2.3") in XML, as InvoiceXpress v1 prints them.
 * The exact decimal becomes a number only here, at the edge.
 */
export function ixAmount(v: Decimal | string, format: IxFormat): number | string {
  const s = dec(v).toFixed();
  return format === 'json' ? Number(s) : rubyFloat(s);
}

/** "1" → "1.0", "24.3902000" → "24.3902": how InvoiceXpress shows quantities and unit prices (strings, also in JSON). */
export function rubyFloat(v: Decimal | string): string {
  const s = dec(v).toFixed();
  return s.includes('.') ? s : `${s}.0`;
}

const CURRENCY_NAMES = new Intl.DisplayNames(['en'], { type: 'currency' });

function currencyName(code: string): string {
  try {
    return CURRENCY_NAMES.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A line's amounts as InvoiceXpress shows them: its own discounts only (the document-level global discount is not
 * spread over lines here), priced net of VAT.
 */
function amountsOf(l: DocumentLine): LineAmounts {
  return lineAmounts({
    quantity: dec(l.quantity),
    unitPrice: dec(l.unit_price),
    discounts: [l.discount1, l.discount2, l.discount3].map((d) => dec(d)),
    taxRate: dec(l.tax_rate),
  });
}

/** One line as InvoiceXpress shows it; cascaded discounts read as their combined percentage (one per line there). */
function lineView(l: DocumentLine, a: LineAmounts, ctx: DocumentViewContext) {
  const f = ctx.format;
  return {
    name: l.code,
    description: l.description,
    unit_price: rubyFloat(l.unit_price),
    unit: l.unit,
    quantity: rubyFloat(l.quantity),
    tax: {
      id: l.tax_id,
      name: (l.tax_id !== null ? ctx.taxes.get(l.tax_id)?.name : undefined) ?? `IVA${dec(l.tax_rate).toFixed()}`,
      value: ixAmount(l.tax_rate, f),
    },
    discount: ixAmount(a.discountPercent, f),
    subtotal: ixAmount(a.subtotal, f),
    tax_amount: ixAmount(a.tax, f),
    discount_amount: ixAmount(a.discountAmount, f),
    total: ixAmount(a.total, f),
  };
}

/** `6/G` for finalized documents (number/series), `draft` for drafts. */
function sequenceNumbers(v: DocumentView): { sequence_number: string; inverted_sequence_number: string } {
  const d = v.doc;
  if (d.number === null) return { sequence_number: 'draft', inverted_sequence_number: 'draft' };
  return { sequence_number: `${d.number}/${v.seriesCode}`, inverted_sequence_number: `${v.seriesCode}/${d.number}` };
}

/**
 * A core document in the shape of seed 003 (and seed 002 in XML). `type` is the InvoiceXpress type the caller asked
 * for (vat_moss_invoices are FT too); by default the one of the core type.
 */
export function documentView(v: DocumentView, ctx: DocumentViewContext, type?: IxDocType) {
  const d = v.doc;
  const t = type ?? ixTypeOfCore(d.doc_type);
  const f = ctx.format;
  const amounts = v.lines.map(amountsOf);
  const lines = v.lines.map((l, i) => lineView(l, amounts[i], ctx));
  const customer = d.customer;
  const owner = d.doc_type === 'NC' || d.doc_type === 'ND' ? { owner_invoice_id: d.related_document_id } : {};
  return {
    id: d.id,
    status: ixStatus(d),
    archived: false,
    type: t?.type ?? d.doc_type,
    ...sequenceNumbers(v),
    atcud: d.atcud ?? 'N/D',
    sequence_id: d.series_id,
    tax_exemption: v.lines.find((l) => l.exemption_code)?.exemption_code ?? null,
    date: ixDate(d.doc_date),
    due_date: ixDate(d.due_date ?? d.doc_date),
    reference: d.reference ?? '',
    observations: d.observations ?? '',
    retention: d.withholding_rate === null ? '' : ixAmount(d.withholding_rate, f),
    permalink: `${ctx.publicUrl}/download/${d.id}/${d.download_token}`,
    saft_hash: d.hash ? printedHashChars(d.hash) : '',
    client: {
      id: d.contact_id,
      name: customer.name,
      code: customer.code ?? '',
      fiscal_id: customer.taxId ?? '',
      email: customer.email ?? '',
      address: customer.street ?? '',
      city: customer.city ?? '',
      postal_code: customer.postalCode ?? '',
      country: englishName(customer.country) ?? customer.country ?? '',
      phone: customer.phone ?? '',
    },
    currency: d.currency === 'EUR' ? 'Euro' : currencyName(d.currency),
    currency_code: d.currency,
    ...(d.exchange_rate === null ? {} : { rate: ixAmount(d.exchange_rate, f) }),
    items: lines,
    sum: ixAmount(subtotalOf(amounts), f),
    discount: ixAmount(d.discount_total, f),
    before_taxes: ixAmount(d.net_total, f),
    taxes: ixAmount(d.tax_total, f),
    total: ixAmount(d.gross_total, f),
    ...(d.withholding_rate === null ? {} : { retention_amount: ixAmount(d.withholding_total, f) }),
    ...owner,
    ...(d.global_discount_kind
      ? {
          global_discount: {
            value_type: d.global_discount_kind === 'percent' ? 'percentage' : 'absolute',
            value: ixAmount(d.global_discount_value ?? ZERO, f),
          },
        }
      : {}),
    ...(d.status === 'cancelled' && d.cancel_reason ? { cancel_message: d.cancel_reason } : {}),
  };
}

export type IxDocumentBody = ReturnType<typeof documentView>;

/**
 * The answer body: both the doc-typed root and the generic one (`{ invoice_receipt: v, invoice: v }`), so clients
 * written to the real API and to its docs both find the document; one key when they coincide (`invoice`).
 * On `.xml` routes the first key (the doc-typed root) is the XML root.
 */
export function documentBody(view: IxDocumentBody, type: IxDocType): Record<string, IxDocumentBody> {
  return type.root === type.genericRoot ? { [type.root]: view } : { [type.root]: view, [type.genericRoot]: view };
}
