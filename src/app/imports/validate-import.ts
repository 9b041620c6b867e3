import { DomainError } from '../../domain/errors.js';
import type { ImportDocument, RowIssue } from '../../domain/imports/group-rows.js';
import type { ImportColumn } from '../../domain/imports/template-columns.js';
import type { Ctx, Db } from '../context.js';
import type { DocumentInput } from '../documents/document-input.js';
import { prepareDocument } from '../documents/create-document.js';
import { accountConfig } from '../accounts/account-config.js';
import { domainErrorOf } from '../../infra/db/domain-error-of.js';

/** A document of the file that the core accepts, with its totals as it would be issued. */
export interface ValidDocument {
  key: string;
  firstRow: number;
  lines: number;
  netTotal: string;
  taxTotal: string;
  grossTotal: string;
}

/**
 * The context to check a file's documents with: the account's configuration read once and kept in the process cache
 * for every document (see accountConfig).
 */
export async function pinnedContext(db: Db, ctx: Ctx): Promise<Ctx> {
  return { ...ctx, configVersion: (await accountConfig(db, { ...ctx, configVersion: undefined })).version };
}

/** Thrown to roll back a slice's dry run: what it created (new customers) was only there to check the documents. */
class DryRun extends Error {}

/** A slice's transaction ends after this long (or this many documents), so other requests get the database too. */
const SLICE_MS = 200;
const SLICE_DOCUMENTS = 500;

/**
 * Checks each document with the code that checks a native create (`prepareDocument`: customer, items, taxes,
 * exemptions, legal rules, totals), leaving nothing written. The documents are prepared in file order in
 * transactions that are rolled back, one per slice of documents (not one per document: on PGlite a transaction's
 * BEGIN and ROLLBACK cost as much as the document): a create that writes first (a new customer) writes it there, so
 * a later document of the same customer finds it as it will when issued. A refusal by the database itself (a
 * constraint) aborts the transaction, so the slice ends with that document. A refusal becomes issues on the rows and
 * columns of the fields it names.
 */
export async function validateImport(
  db: Db,
  pinned: Ctx,
  documents: ImportDocument[],
  inputs: (DocumentInput | null)[],
): Promise<{ valid: ValidDocument[]; issues: RowIssue[] }> {
  const valid: ValidDocument[] = [];
  const issues: RowIssue[] = [];
  let next = 0;
  while (next < documents.length) {
    await db
      .transaction()
      .execute(async (tx) => {
        const started = performance.now();
        for (let n = 0; next < documents.length; n++) {
          if (n >= SLICE_DOCUMENTS || performance.now() - started > SLICE_MS) break;
          const i = next++;
          const d = documents[i];
          const input = inputs[i];
          if (!input) continue;
          try {
            const doc = (await prepareDocument(tx, pinned, input))!.draft.doc;
            valid.push({
              key: d.key,
              firstRow: d.firstRow,
              lines: input.lines.length,
              netTotal: doc.net_total,
              taxTotal: doc.tax_total,
              grossTotal: doc.gross_total,
            });
          } catch (err) {
            const refusal = domainErrorOf(err);
            if (!refusal) throw err;
            issues.push(...issuesOf(refusal, d));
            // The database refused a statement: the transaction is aborted, the next document gets a new one.
            if (!(err instanceof DomainError)) break;
          }
        }
        throw new DryRun();
      })
      .catch((err: unknown) => {
        if (!(err instanceof DryRun)) throw err;
      });
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
