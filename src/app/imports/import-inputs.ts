import type { ImportDocument, RowIssue } from '../../domain/imports/group-rows.js';
import type { Tx } from '../context.js';
import type { DocumentInput, LineInput } from '../documents/document-input.js';

/**
 * The create request of each document of a file, as the native API would receive it: the series by code, items by
 * code and customers by name looked up in the account (in a few statements for the whole file); customers by tax id
 * or code, free-text lines and everything else are left to the core, which resolves and validates them.
 */
export async function importInputs(
  tx: Tx,
  accountId: number,
  documents: ImportDocument[],
  opts: { sendEmail: boolean },
): Promise<{ inputs: (DocumentInput | null)[]; issues: RowIssue[] }> {
  const issues: RowIssue[] = [];
  const seriesCodes = [...new Set(documents.flatMap((d) => (d.seriesCode ? [d.seriesCode] : [])))];
  const itemCodes = [...new Set(documents.flatMap((d) => d.lines.flatMap((l) => (l.itemCode ? [l.itemCode] : []))))];
  const names = [
    ...new Set(
      documents.flatMap((d) => (d.customer.name && !d.customer.taxId && !d.customer.code ? [d.customer.name] : [])),
    ),
  ];
  const series = new Map(
    seriesCodes.length
      ? (
          await tx
            .selectFrom('series')
            .select(['id', 'code'])
            .where('account_id', '=', accountId)
            .where('code', 'in', seriesCodes)
            .execute()
        ).map((s) => [s.code, s.id])
      : [],
  );
  const items = new Map(
    itemCodes.length
      ? (
          await tx
            .selectFrom('items')
            .select(['id', 'code'])
            .where('account_id', '=', accountId)
            .where('code', 'in', itemCodes)
            .execute()
        ).map((i) => [i.code, i.id])
      : [],
  );
  // A customer named only by name is the account's contact of that name (the oldest), else a new one.
  const contacts = new Map<string, number>();
  if (names.length)
    for (const c of await tx
      .selectFrom('contacts')
      .select(['id', 'name'])
      .where('account_id', '=', accountId)
      .where('name', 'in', names)
      .orderBy('id', 'desc')
      .execute())
      contacts.set(c.name, c.id);

  const inputs = documents.map((d): DocumentInput | null => {
    let ok = true;
    let seriesId: number | undefined;
    if (d.seriesCode) {
      seriesId = series.get(d.seriesCode);
      if (seriesId === undefined) {
        issues.push({ row: d.firstRow, column: 'series', reason: `No series '${d.seriesCode}' in this account.` });
        ok = false;
      }
    }
    const lines = d.lines.map((l): LineInput => {
      const line: LineInput = {
        quantity: l.quantity,
        ...(l.description ? { description: l.description } : {}),
        ...(l.unitPrice !== undefined ? { unitPrice: l.unitPrice } : {}),
        ...(l.discount !== undefined ? { discounts: [l.discount] } : {}),
        ...(l.taxRate !== undefined ? { taxRate: l.taxRate } : {}),
        ...(l.exemption ? { exemptionCode: l.exemption } : {}),
      };
      if (l.itemCode) {
        const itemId = items.get(l.itemCode);
        if (itemId === undefined) {
          issues.push({ row: l.row, column: 'itemCode', reason: `No item with code '${l.itemCode}' in this account.` });
          ok = false;
        } else line.itemId = itemId;
      }
      return line;
    });
    const c = d.customer;
    const byName = c.name && !c.taxId && !c.code ? contacts.get(c.name) : undefined;
    const inline = {
      ...(c.taxId ? { taxId: c.taxId } : {}),
      ...(c.code ? { code: c.code } : {}),
      ...(c.name ? { name: c.name } : {}),
      ...(c.street ? { street: c.street } : {}),
      ...(c.postalCode ? { postalCode: c.postalCode } : {}),
      ...(c.city ? { city: c.city } : {}),
      ...(c.country ? { country: c.country } : {}),
    };
    if (!ok) return null;
    return {
      type: d.type,
      ...(seriesId !== undefined ? { seriesId } : {}),
      ...(d.date ? { date: d.date } : {}),
      ...(d.dueDate ? { dueDate: d.dueDate } : {}),
      ...(byName !== undefined ? { contactId: byName } : Object.keys(inline).length ? { customer: inline } : {}),
      lines,
      finalize: true,
      ...(opts.sendEmail && d.sendTo ? { sendTo: d.sendTo } : {}),
    };
  });
  return { inputs, issues };
}
