import { DomainError } from '../../domain/errors.js';
import type { ImportDocument, RowIssue } from '../../domain/imports/group-rows.js';
import type { ImportColumn } from '../../domain/imports/template-columns.js';
import type { Ctx, Db } from '../context.js';
import type { DocumentInput } from '../documents/document-input.js';
import { prepareDocument, type PreparedDocument } from '../documents/create-document.js';

/** A document of the file that the core accepts, with its totals as it would be issued. */
export interface ValidDocument {
  key: string;
  firstRow: number;
  input: DocumentInput;
  lines: number;
  netTotal: string;
  taxTotal: string;
  grossTotal: string;
}

/** Thrown to roll back the dry run of a create that had to write first (a new customer). */
class DryRun extends Error {
  constructor(readonly prepared: PreparedDocument | null) {
    super('dry run');
  }
}

/**
 * Checks each document with the code that checks a native create (`prepareDocument`: customer, items, taxes,
 * exemptions, legal rules, totals), writing nothing: a create that would first write (a new customer) is prepared
 * in a transaction that is rolled back. A refusal becomes issues on the rows and columns of the fields it names.
 */
export async function validateImport(
  db: Db,
  ctx: Ctx,
  documents: ImportDocument[],
  inputs: (DocumentInput | null)[],
): Promise<{ valid: ValidDocument[]; issues: RowIssue[] }> {
  const valid: ValidDocument[] = [];
  const issues: RowIssue[] = [];
  for (const [i, d] of documents.entries()) {
    const input = inputs[i];
    if (!input) continue;
    try {
      let prepared = await prepareDocument(db, ctx, input, { readOnly: true });
      if (!prepared)
        prepared = await db
          .transaction()
          .execute(async (tx) => {
            throw new DryRun(await prepareDocument(tx, ctx, input));
          })
          .catch((err: unknown) => {
            if (err instanceof DryRun) return err.prepared;
            throw err;
          });
      const doc = prepared!.draft.doc;
      valid.push({
        key: d.key,
        firstRow: d.firstRow,
        input,
        lines: input.lines.length,
        netTotal: doc.net_total,
        taxTotal: doc.tax_total,
        grossTotal: doc.gross_total,
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      issues.push(...issuesOf(err, d));
    }
  }
  return { valid, issues };
}

const LINE_COLUMNS: Record<string, ImportColumn> = {
  quantity: 'quantity',
  unitPrice: 'unitPrice',
  discounts: 'discount',
  taxRate: 'taxRate',
  taxId: 'taxRate',
  taxName: 'taxRate',
  taxRegion: 'taxRate',
  exemptionCode: 'exemption',
  exemptionReason: 'exemption',
  itemId: 'itemCode',
  item: 'itemCode',
  code: 'itemCode',
  description: 'description',
};
const CUSTOMER_COLUMNS: Record<string, ImportColumn> = {
  taxId: 'customerTaxId',
  code: 'customerCode',
  name: 'customerName',
  street: 'customerAddress',
  postalCode: 'customerPostalCode',
  city: 'customerCity',
  country: 'customerCountry',
};
const DOCUMENT_COLUMNS: Record<string, ImportColumn> = {
  type: 'type',
  seriesId: 'series',
  date: 'date',
  dueDate: 'dueDate',
  contactId: 'customerName',
  sendTo: 'sendTo',
};

/** The rows and columns of a refusal: each field it names, by the path the native API gives it. */
function issuesOf(err: DomainError, d: ImportDocument): RowIssue[] {
  const at = (field: string): { row: number; column: string } => {
    const line = /^lines\[(\d+)\]\.?([A-Za-z]*)/.exec(field);
    if (line) {
      const l = d.lines[Number(line[1])];
      return { row: l?.row ?? d.firstRow, column: LINE_COLUMNS[line[2]] ?? 'description' };
    }
    const customer = /^customer\.([A-Za-z]+)/.exec(field);
    if (customer) return { row: d.firstRow, column: CUSTOMER_COLUMNS[customer[1]] ?? 'customerName' };
    return { row: d.firstRow, column: DOCUMENT_COLUMNS[field.split('.')[0]] ?? 'document' };
  };
  if (!err.details.length) return [{ row: d.firstRow, column: 'document', reason: err.message }];
  return err.details.map((f) => ({ ...at(f.field), reason: f.message }));
}
