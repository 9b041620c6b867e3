import { createTax } from '../../../app/taxes/create-tax.js';
import { deleteTax } from '../../../app/taxes/delete-tax.js';
import { listTaxes } from '../../../app/taxes/list-taxes.js';
import { updateTax } from '../../../app/taxes/update-tax.js';
import type { Handler, Route } from '../context.js';
import { IxError } from '../ix-error.js';
import { readTax, taxError, taxRoot } from '../tax-input.js';
import { taxView } from '../views/tax.js';

const cfg = { ixFields: { rate: 'value', isDefault: 'default_tax' } };

const handle =
  (fn: Handler): Handler =>
  async (c) => {
    if (c.params.id !== undefined && !c.id) throw new IxError(404, ['Tax not found']);
    try {
      return await fn(c);
    } catch (err) {
      throw taxError(err);
    }
  };

/** InvoiceXpress taxes: the core's taxes (value is the rate; code the SAF-T tax code). */
export function taxRoutes(route: Route): void {
  route('GET', '/taxes', {}, async (c) => {
    const taxes = await c.tx((tx) => listTaxes(tx, c.accountId));
    return { body: { taxes: taxes.map(taxView) } };
  });

  route(
    'POST',
    '/taxes',
    cfg,
    handle(async (c) => {
      const input = readTax(taxRoot(c.body), false);
      const row = await c.tx((tx) => createTax(tx, c.accountId, input));
      return { status: 201, body: { tax: taxView(row) } };
    }),
  );

  route(
    'GET',
    '/taxes/:id',
    cfg,
    handle(async (c) => {
      const row = (await listTaxes(c.db, c.accountId)).find((t) => t.id === c.id);
      if (!row) throw new IxError(404, ['Tax not found']);
      return { body: { tax: taxView(row) } };
    }),
  );

  route(
    'PUT',
    '/taxes/:id',
    cfg,
    handle(async (c) => {
      const input = readTax(taxRoot(c.body), true);
      const row = await c.tx((tx) => updateTax(tx, c.accountId, c.id, input));
      return { body: { tax: taxView(row) } };
    }),
  );

  route(
    'DELETE',
    '/taxes/:id',
    cfg,
    handle(async (c) => {
      await c.tx((tx) => deleteTax(tx, c.accountId, c.id));
      return { status: 200 };
    }),
  );
}
