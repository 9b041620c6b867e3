import { trimDecimal as num } from '../../domain/money/trim.js';
import type { Ctx, Db } from '../context.js';
import type { DraftDocumentRow, DraftLineRow } from './draft-rows.js';
import type { DocumentInput } from './document-input.js';
import { prepareDocument, type PreparedDocument } from './create-document.js';

/** One line of a preview: what it was resolved to and its amounts, as the created document's line would hold them. */
export interface PreviewLine {
  position: number;
  itemId: number | null;
  code: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discounts: string[];
  tax: { id: number; type: string; region: string; code: string; rate: string };
  exemption: { code: string; reason: string | null } | null;
  netTotal: string;
  taxTotal: string;
  grossTotal: string;
}

/** The totals a create of the same input would store: per line, per rate, and the document's. */
export interface DocumentPreview {
  type: string;
  date: string;
  dueDate: string | null;
  currency: string;
  vatIncluded: boolean;
  lines: PreviewLine[];
  taxSummary: {
    type: string;
    region: string;
    code: string;
    rate: string;
    base: string;
    tax: string;
    exemptionCode: string | null;
    exemptionReason?: string | null;
  }[];
  totals: {
    net: string;
    tax: string;
    gross: string;
    discount: string;
    withholding: string;
    roundingAdjustment: string;
    payable: string;
    currencyGross: string | null;
  };
}

/** Rolls back the transaction a preview needed for its inline customer or item; never escapes `previewDocument`. */
class PreviewRollback extends Error {
  constructor(readonly prepared: PreparedDocument) {
    super('preview rolled back');
  }
}

/**
 * A create's dry run: the input resolved, validated and totalled by the very code a create runs (`prepareDocument`:
 * `buildDraft`, the domain's totals, tax resolution, exemption rules, and for `finalize` the series and signing
 * checks), and nothing written. A request that would first write (an inline customer or item to create) is prepared
 * in a transaction that is always rolled back, so no customer, item or number is taken. Invalid input throws the
 * same `DomainError` (with its field details) a create would.
 */
export async function previewDocument(db: Db, ctx: Ctx, input: DocumentInput): Promise<DocumentPreview> {
  const pure = await prepareDocument(db, ctx, input, { readOnly: true });
  if (pure) return previewOf(pure.draft.doc, pure.draft.lines);
  try {
    await db.transaction().execute(async (tx) => {
      throw new PreviewRollback((await prepareDocument(tx, ctx, input))!);
    });
  } catch (err) {
    if (err instanceof PreviewRollback) return previewOf(err.prepared.draft.doc, err.prepared.draft.lines);
    throw err;
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}

function previewOf(doc: DraftDocumentRow, lines: DraftLineRow[]): DocumentPreview {
  return {
    type: doc.doc_type,
    date: doc.doc_date,
    dueDate: doc.due_date,
    currency: doc.currency,
    vatIncluded: doc.vat_included,
    lines: lines.map((l) => ({
      position: l.position,
      itemId: l.item_id,
      code: l.code,
      description: l.description,
      quantity: num(l.quantity),
      unitPrice: num(l.unit_price),
      discounts: [l.discount1, l.discount2, l.discount3].map((d) => num(d)),
      tax: { id: l.tax_id, type: l.tax_type, region: l.tax_region, code: l.tax_code, rate: num(l.tax_rate) },
      exemption: l.exemption_code ? { code: l.exemption_code, reason: l.exemption_reason } : null,
      netTotal: l.net_total,
      taxTotal: l.tax_total,
      grossTotal: l.gross_total,
    })),
    taxSummary: JSON.parse(doc.tax_summary) as DocumentPreview['taxSummary'],
    totals: {
      net: doc.net_total,
      tax: doc.tax_total,
      gross: doc.gross_total,
      discount: doc.discount_total,
      withholding: doc.withholding_total,
      roundingAdjustment: doc.rounding_adjustment,
      payable: doc.payable_total,
      currencyGross: doc.currency_total,
    },
  };
}
