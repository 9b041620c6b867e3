import { claimCounterCode } from '../../../app/series/claim-counter-code.js';
import { createSeries } from '../../../app/series/create-series.js';
import { deleteSeries } from '../../../app/series/delete-series.js';
import { listSeries } from '../../../app/series/list-series.js';
import { getSeries } from '../../../app/series/get-series.js';
import { updateSeries } from '../../../app/series/update-series.js';
import { createStore } from '../../../app/stores/create-store.js';
import { deleteStore } from '../../../app/stores/delete-store.js';
import { listStores } from '../../../app/stores/list-stores.js';
import { updateStore } from '../../../app/stores/update-store.js';
import { createTax } from '../../../app/taxes/create-tax.js';
import { deleteTax } from '../../../app/taxes/delete-tax.js';
import { listTaxes } from '../../../app/taxes/list-taxes.js';
import { updateTax } from '../../../app/taxes/update-tax.js';
import { usedAmong } from '../../../app/reference/used-ids.js';
import type { StoreInput } from '../../../app/stores/store-input.js';
import { BillptError } from '../billpt-error.js';
import type { Call, Route } from '../context.js';
import { BILLPT_COUNTER_CODES } from '../counter-codes.js';
import { SERIES_FIELDS, STORE_FIELDS, TAX_FIELDS } from '../field-names.js';
import type { Input } from '../input.js';
import { seriesJson, storeJson, taxJson } from '../views/reference.js';

type SeriesRow = Awaited<ReturnType<typeof getSeries>>;
/** A series is used once it has numbered a document. */
const seriesUsed = (s: SeriesRow) => s.docTypes.some((t) => t.last_number > 0);

function storeInput(i: Input): StoreInput {
  i.bool('visivel');
  i.bool('activo');
  const out: StoreInput = {
    name: i.text('nome') as string | undefined,
    street: i.text('morada'),
    postalCode: i.text('codigo_postal'),
    city: i.text('cidade'),
    country: i.text('pais') ?? undefined,
    defaultSeriesId: i.id('serie_id'),
    allowNegativeStock: i.bool('stock_negativo'),
    isDefault: i.bool('principal'),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as StoreInput;
}

async function storeView(c: Call, id: number) {
  const s = (await listStores(c.db, c.accountId)).find((x) => x.id === id)!;
  const used = await usedAmong(c.db, c.accountId, 'stores', [id]);
  return storeJson(s, used.has(id));
}

/** Series, taxes and stores (lojas). */
export function settingsRoutes(route: Route): void {
  const series = { billptFields: SERIES_FIELDS };
  route('GET', '/series', series, async (c) =>
    (await listSeries(c.db, c.accountId)).map((s) => seriesJson(s, seriesUsed(s))),
  );
  route('POST', '/series', series, async (c) => {
    const input = {
      code: c.input.text('nome') ?? undefined,
      vatIncluded: c.input.bool('iva_incluido'),
      isDefault: c.input.bool('principal'),
    };
    c.input.bool('visivel');
    c.input.check();
    const s = await c.tx(async (tx) => {
      const row = await createSeries(tx, c.accountId, input);
      for (const { type, code } of BILLPT_COUNTER_CODES) await claimCounterCode(tx, c.accountId, row.id, type, code);
      return row;
    });
    return seriesJson(await getSeries(c.db, c.accountId, s.id), false);
  });
  route('PATCH', '/series/:id', series, async (c) => {
    const input = {
      code: c.input.text('nome') ?? undefined,
      vatIncluded: c.input.bool('iva_incluido'),
      isDefault: c.input.bool('principal'),
    };
    // Hiding a series is not kept; finalizing one is an irreversible legal act, done through the native API.
    c.input.bool('visivel');
    c.input.check();
    // `nome` is the series identifier: renamed while the series is unused, refused (222) once it has documents.
    await c.tx((tx) => updateSeries(tx, c.accountId, c.id, input));
    const s = await getSeries(c.db, c.accountId, c.id);
    return seriesJson(s, seriesUsed(s));
  });
  route('DELETE', '/series/:id', series, async (c) => {
    await c.tx((tx) => deleteSeries(tx, c.accountId, c.id));
    return c.reply.status(204).send();
  });

  const taxes = { billptFields: TAX_FIELDS };
  route('GET', '/impostos', taxes, async (c) => {
    const rows = await listTaxes(c.db, c.accountId);
    const used = await usedAmong(
      c.db,
      c.accountId,
      'taxes',
      rows.map((r) => r.id),
    );
    return rows.map((r) => taxJson(r, used.has(r.id)));
  });
  route('POST', '/impostos', taxes, async (c) => {
    const input = {
      name: c.input.text('nome') ?? undefined,
      rate: c.input.decimal('valor'),
      isDefault: c.input.bool('principal'),
    };
    c.input.bool('visivel');
    if (!c.input.has('valor')) c.input.require('valor');
    c.input.check();
    const tax = await c.tx((tx) => createTax(tx, c.accountId, input));
    return taxJson(tax, false);
  });
  route('PATCH', '/impostos/:id', taxes, async (c) => {
    const input = {
      name: c.input.text('nome') ?? undefined,
      rate: c.input.decimal('valor'),
      isDefault: c.input.bool('principal') || undefined,
    };
    c.input.bool('visivel');
    c.input.check();
    const tax = await c.tx((tx) => updateTax(tx, c.accountId, c.id, input));
    const used = await usedAmong(c.db, c.accountId, 'taxes', [tax.id]);
    return taxJson(tax, used.has(tax.id));
  });
  route('DELETE', '/impostos/:id', taxes, async (c) => {
    await c.tx((tx) => deleteTax(tx, c.accountId, c.id));
    return c.reply.status(204).send();
  });

  const stores = { billptFields: STORE_FIELDS };
  route('GET', '/lojas', stores, async (c) => {
    const rows = await listStores(c.db, c.accountId);
    const used = await usedAmong(
      c.db,
      c.accountId,
      'stores',
      rows.map((r) => r.id),
    );
    return rows.map((r) => storeJson(r, used.has(r.id)));
  });
  route('POST', '/lojas', stores, async (c) => {
    const input = storeInput(c.input);
    c.input.check();
    const s = await c.tx((tx) => createStore(tx, c.accountId, input));
    return storeView(c, s.id);
  });
  route('PATCH', '/lojas/:id', stores, async (c) => {
    const input = storeInput(c.input);
    c.input.check();
    await c.tx((tx) => updateStore(tx, c.accountId, c.id, input));
    return storeView(c, c.id);
  });
  route('DELETE', '/lojas/:id', stores, async (c) => {
    await c.tx((tx) => deleteStore(tx, c.accountId, c.id));
    return c.reply.status(204).send();
  });
}
