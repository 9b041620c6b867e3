import { listTaxes } from '../../../app/taxes/list-taxes.js';
import type { Route } from '../context.js';
import { taxView } from '../views/tax.js';

export function taxRoutes(route: Route): void {
  route('GET', '/taxes', {}, async (c) => {
    const taxes = await c.tx((tx) => listTaxes(tx, c.accountId));
    return { body: { taxes: taxes.map(taxView) } };
  });
}
