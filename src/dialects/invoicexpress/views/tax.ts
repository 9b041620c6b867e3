import type { listTaxes } from '../../../app/taxes/list-taxes.js';

/** A tax as `/taxes.json` shows it: `value` is a string ("23.0") there, a number inside documents. */
export function taxView(t: Awaited<ReturnType<typeof listTaxes>>[number]) {
  const value = Number(t.rate) % 1 === 0 ? `${Number(t.rate)}.0` : String(Number(t.rate));
  return { id: t.id, name: t.name, value, region: t.region, code: t.saft_code, default_tax: t.is_default ? 1 : 0 };
}
