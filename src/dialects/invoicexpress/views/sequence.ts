import { DOC_TYPE_INFO, type DocType } from '../../../domain/documents/types.js';
import type { listSeries } from '../../../app/series/list-series.js';

/**
 * InvoiceXpress's document types as a sequence names them (`current_<type>_…`) and the core type each numbers
 * into. The VAT MOSS types are invoices, credit notes and receipts for the core.
 */
export const SEQUENCE_DOC_TYPES: readonly (readonly [string, DocType])[] = [
  ['invoice', 'FT'],
  ['simplified_invoice', 'FS'],
  ['invoice_receipt', 'FR'],
  ['credit_note', 'NC'],
  ['debit_note', 'ND'],
  ['receipt', 'RC'],
  ['quote', 'OR'],
  ['proforma', 'PF'],
  ['fees_note', 'NE'],
  ['shipping', 'GR'],
  ['transport', 'GT'],
  ['devolution', 'GD'],
  ['vat_moss_invoice', 'FT'],
  ['vat_moss_credit_note', 'NC'],
  ['vat_moss_receipt', 'RC'],
];

/** The core types a sequence is registered with AT for. */
export const SEQUENCE_CORE_TYPES: readonly DocType[] = [...new Set(SEQUENCE_DOC_TYPES.map(([, t]) => t))];

type Series = Awaited<ReturnType<typeof listSeries>>[number];

/**
 * A sequence as InvoiceXpress shows it; `defaultId` is the series documents go to by default. Every per-type `current_<type>_sequence_id` is the series' own id, which is
 * what `sequence_id` takes when creating a document here. `current_<type>_validation_code`: AT's code, `N/D` while
 * not registered, `N/A` for a type without ATCUD.
 */
export function sequenceView(s: Series, defaultId: number | undefined) {
  const out: Record<string, string | number> = {
    id: s.id,
    serie: s.code,
    default_sequence: s.id === defaultId ? 1 : 0,
  };
  for (const [name, core] of SEQUENCE_DOC_TYPES) {
    const counter = s.docTypes.find((t) => t.doc_type === core);
    out[`current_${name}_number`] = counter?.last_number ?? 0;
    out[`current_${name}_sequence_id`] = s.id;
    out[`current_${name}_validation_code`] = DOC_TYPE_INFO[core].seriesClass
      ? (counter?.validation_code ?? 'N/D')
      : 'N/A';
  }
  return out;
}
