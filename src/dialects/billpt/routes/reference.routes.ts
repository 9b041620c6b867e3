import { CATALOGS } from '../../../app/reference/catalogs.js';
import { createCatalogEntry } from '../../../app/reference/create-catalog-entry.js';
import { deleteCatalogEntry } from '../../../app/reference/delete-catalog-entry.js';
import { listCatalog } from '../../../app/reference/list-catalog.js';
import { listExemptionReasons } from '../../../app/reference/list-exemption-reasons.js';
import { updateCatalogEntry } from '../../../app/reference/update-catalog-entry.js';
import { usedAmong } from '../../../app/reference/used-ids.js';
import { setDocumentState } from '../../../app/documents/set-document-state.js';
import { BillptError } from '../billpt-error.js';
import type { Call, Route } from '../context.js';
import { BILLPT_DOC_TYPES, docTypeJson } from '../doc-types.js';
import { CATALOG_FIELDS } from '../field-names.js';
import type { Input } from '../input.js';
import {
  categoryJson,
  contactTypeCreatedJson,
  contactTypeJson,
  exemptionJson,
  paymentMethodJson,
  shippingMethodJson,
  stateJson,
  unitJson,
  vehicleJson,
} from '../views/reference.js';

const cfg = { billptFields: CATALOG_FIELDS };

/** The bill.pt flags the core does not keep are read (so that bad values are reported) and otherwise ignored. */
function ignored(i: Input, ...flags: string[]): void {
  for (const f of flags) i.bool(f);
}

/** bill.pt's `visivel` is the core's `archived`, inverted; absent leaves it as it is. */
export function archivedOf(i: Input): boolean | undefined {
  const visible = i.bool('visivel');
  return visible === undefined ? undefined : !visible;
}

/** Contact types, item categories, document states, payment and shipping methods, units, vehicles, exemption reasons, document types. */
export function referenceRoutes(route: Route): void {
  // Contact types (tipos): name and visibility.
  route('GET', '/tipos', cfg, async (c) =>
    (await listCatalog(c.db, c.accountId, CATALOGS.contactTypes)).map((r) =>
      contactTypeJson(c.accountId, r as unknown as { id: number; name: string }),
    ),
  );
  route('POST', '/tipos', cfg, async (c) => {
    const archived = archivedOf(c.input);
    c.input.check();
    const r = await c.tx((tx) =>
      createCatalogEntry(tx, c.accountId, CATALOGS.contactTypes, { name: c.input.text('nome'), archived }),
    );
    return contactTypeCreatedJson(c.accountId, r as unknown as { id: number; name: string });
  });
  route('PATCH', '/tipos/:id', cfg, async (c) => {
    const archived = archivedOf(c.input);
    c.input.check();
    const r = await c.tx((tx) =>
      updateCatalogEntry(tx, c.accountId, CATALOGS.contactTypes, c.id, {
        name: c.input.text('nome') ?? undefined,
        archived,
      }),
    );
    return contactTypeJson(c.accountId, r as unknown as { id: number; name: string });
  });
  route('DELETE', '/tipos/:id', cfg, async (c) => {
    await c.tx((tx) => deleteCatalogEntry(tx, c.accountId, CATALOGS.contactTypes, c.id));
    return c.reply.status(204).send();
  });

  // Item categories (categorias): same shape as contact types.
  route('GET', '/categorias', cfg, async (c) =>
    (await listCatalog(c.db, c.accountId, CATALOGS.itemCategories)).map((r) =>
      categoryJson(c.accountId, r as unknown as { id: number; name: string }),
    ),
  );
  route('POST', '/categorias', cfg, async (c) => {
    const archived = archivedOf(c.input);
    c.input.check();
    const r = await c.tx((tx) =>
      createCatalogEntry(tx, c.accountId, CATALOGS.itemCategories, { name: c.input.text('nome'), archived }),
    );
    return categoryJson(c.accountId, r as unknown as { id: number; name: string });
  });
  route('PATCH', '/categorias/:id', cfg, async (c) => {
    const archived = archivedOf(c.input);
    c.input.check();
    const r = await c.tx((tx) =>
      updateCatalogEntry(tx, c.accountId, CATALOGS.itemCategories, c.id, {
        name: c.input.text('nome') ?? undefined,
        archived,
      }),
    );
    return categoryJson(c.accountId, r as unknown as { id: number; name: string });
  });
  route('DELETE', '/categorias/:id', cfg, async (c) => {
    await c.tx((tx) => deleteCatalogEntry(tx, c.accountId, CATALOGS.itemCategories, c.id));
    return c.reply.status(204).send();
  });

  // Document states (estados), and setting the state of a document.
  const states = async (c: Call) => {
    const rows = (await listCatalog(c.db, c.accountId, CATALOGS.documentStates)) as unknown as {
      id: number;
      name: string;
    }[];
    const used = await usedAmong(
      c.db,
      c.accountId,
      'document_states',
      rows.map((r) => r.id),
    );
    return rows.map((r) => stateJson(c.accountId, r, used.has(r.id)));
  };
  const changeState = async (c: Call) => {
    c.input.require('documento_id', 'id');
    const documentId = c.input.id('documento_id', 'id');
    const stateId = c.input.id('modulo_estado_id', 'estado_id', 'estado');
    c.input.check();
    await c.tx((tx) => setDocumentState(tx, c.accountId, documentId ?? 0, stateId ?? null));
    return {};
  };
  route('GET', '/estados', cfg, states);
  route('POST', '/estados', { ...cfg, billptDocField: 'documento_id' }, async (c) => {
    // Seed 001 documents the state change of a document as a POST to /estados with a document id.
    if (c.input.has('documento_id') && !c.input.has('nome')) return changeState(c);
    ignored(c.input, 'principal');
    const archived = archivedOf(c.input);
    c.input.check();
    const r = await c.tx((tx) =>
      createCatalogEntry(tx, c.accountId, CATALOGS.documentStates, { name: c.input.text('nome'), archived }),
    );
    return stateJson(c.accountId, r as unknown as { id: number; name: string }, false);
  });
  route('POST', '/estados/mudar-estado', { ...cfg, billptDocField: 'documento_id' }, changeState);
  route('PATCH', '/estados/:id', cfg, async (c) => {
    ignored(c.input, 'principal');
    const archived = archivedOf(c.input);
    c.input.check();
    const r = await c.tx((tx) =>
      updateCatalogEntry(tx, c.accountId, CATALOGS.documentStates, c.id, {
        name: c.input.text('nome') ?? undefined,
        archived,
      }),
    );
    const used = await usedAmong(c.db, c.accountId, 'document_states', [c.id]);
    return stateJson(c.accountId, r as unknown as { id: number; name: string }, used.has(c.id));
  });
  route('DELETE', '/estados/:id', cfg, async (c) => {
    await c.tx((tx) => deleteCatalogEntry(tx, c.accountId, CATALOGS.documentStates, c.id));
    return {};
  });

  // Payment methods: read only in bill.pt.
  route('GET', '/metodos-pagamento', cfg, async (c) =>
    (
      (await listCatalog(c.db, c.accountId, CATALOGS.paymentMethods)) as unknown as {
        id: number;
        name: string;
        saft_code: string;
        is_default: boolean;
      }[]
    ).map(paymentMethodJson),
  );

  // Shipping methods.
  type Shipping = { id: number; name: string; is_default: boolean };
  route('GET', '/metodos-expedicao', cfg, async (c) => {
    const rows = (await listCatalog(c.db, c.accountId, CATALOGS.shippingMethods)) as unknown as Shipping[];
    const used = await usedAmong(
      c.db,
      c.accountId,
      'shipping_methods',
      rows.map((r) => r.id),
    );
    return rows.map((r) => shippingMethodJson(r, used.has(r.id)));
  });
  route('POST', '/metodos-expedicao', cfg, async (c) => {
    const archived = archivedOf(c.input);
    const isDefault = c.input.bool('principal');
    c.input.check();
    const r = await c.tx((tx) =>
      createCatalogEntry(tx, c.accountId, CATALOGS.shippingMethods, {
        name: c.input.text('nome'),
        isDefault,
        archived,
      }),
    );
    return shippingMethodJson(r as unknown as Shipping, false);
  });
  route('PATCH', '/metodos-expedicao/:id', cfg, async (c) => {
    const archived = archivedOf(c.input);
    const isDefault = c.input.bool('principal');
    c.input.check();
    const r = await c.tx((tx) =>
      updateCatalogEntry(tx, c.accountId, CATALOGS.shippingMethods, c.id, {
        name: c.input.text('nome') ?? undefined,
        isDefault,
        archived,
      }),
    );
    const used = await usedAmong(c.db, c.accountId, 'shipping_methods', [c.id]);
    return shippingMethodJson(r as unknown as Shipping, used.has(c.id));
  });
  route('DELETE', '/metodos-expedicao/:id', cfg, async (c) => {
    await c.tx((tx) => deleteCatalogEntry(tx, c.accountId, CATALOGS.shippingMethods, c.id));
    return c.reply.status(204).send();
  });

  // Units of measure.
  type Unit = { id: number; name: string; symbol: string; is_default: boolean };
  route('GET', '/unidades-medida', cfg, async (c) => {
    const rows = (await listCatalog(c.db, c.accountId, CATALOGS.units)) as unknown as Unit[];
    const used = await usedAmong(
      c.db,
      c.accountId,
      'units',
      rows.map((r) => r.id),
    );
    return rows.map((r) => unitJson(r, used.has(r.id)));
  });
  route('POST', '/unidades-medida', cfg, async (c) => {
    const archived = archivedOf(c.input);
    const isDefault = c.input.bool('principal');
    c.input.check();
    const r = await c.tx((tx) =>
      createCatalogEntry(tx, c.accountId, CATALOGS.units, {
        name: c.input.text('nome'),
        symbol: c.input.text('simbolo'),
        isDefault,
        archived,
      }),
    );
    return unitJson(r as unknown as Unit, false);
  });
  route('PATCH', '/unidades-medida/:id', cfg, async (c) => {
    const archived = archivedOf(c.input);
    const isDefault = c.input.bool('principal');
    c.input.check();
    const r = await c.tx((tx) =>
      updateCatalogEntry(tx, c.accountId, CATALOGS.units, c.id, {
        name: c.input.text('nome') ?? undefined,
        symbol: c.input.text('simbolo') ?? undefined,
        isDefault,
        archived,
      }),
    );
    const used = await usedAmong(c.db, c.accountId, 'units', [c.id]);
    return unitJson(r as unknown as Unit, used.has(c.id));
  });
  route('DELETE', '/unidades-medida/:id', cfg, async (c) => {
    await c.tx((tx) => deleteCatalogEntry(tx, c.accountId, CATALOGS.units, c.id));
    return c.reply.status(204).send();
  });

  // Vehicles: bill.pt's name is the core's description, its licence plate the plate.
  type Vehicle = { id: number; plate: string; description: string };
  route('GET', '/viaturas', cfg, async (c) =>
    ((await listCatalog(c.db, c.accountId, CATALOGS.vehicles)) as unknown as Vehicle[]).map(vehicleJson),
  );
  route('POST', '/viaturas', { billptFields: { ...CATALOG_FIELDS, description: 'nome' } }, async (c) => {
    ignored(c.input, 'principal');
    const archived = archivedOf(c.input);
    c.input.check();
    const r = await c.tx((tx) =>
      createCatalogEntry(tx, c.accountId, CATALOGS.vehicles, {
        plate: c.input.text('matricula'),
        description: c.input.text('nome'),
        archived,
      }),
    );
    return vehicleJson(r as unknown as Vehicle);
  });
  route('PATCH', '/viaturas/:id', cfg, async (c) => {
    ignored(c.input, 'principal');
    const archived = archivedOf(c.input);
    c.input.check();
    const r = await c.tx((tx) =>
      updateCatalogEntry(tx, c.accountId, CATALOGS.vehicles, c.id, {
        plate: c.input.text('matricula') ?? undefined,
        description: c.input.text('nome') ?? undefined,
        archived,
      }),
    );
    return vehicleJson(r as unknown as Vehicle);
  });
  route('DELETE', '/viaturas/:id', cfg, async (c) => {
    await c.tx((tx) => deleteCatalogEntry(tx, c.accountId, CATALOGS.vehicles, c.id));
    return c.reply.status(204).send();
  });

  route('GET', '/motivos-isencao', cfg, async (c) => (await listExemptionReasons(c.db)).map(exemptionJson));

  route('GET', '/tipos-documento', cfg, async () => BILLPT_DOC_TYPES.map(docTypeJson));
  route('GET', '/tipos-documento/:categoria', cfg, async (c) => {
    const cat = String((c.request.params as { categoria: string }).categoria).toLowerCase();
    const list = BILLPT_DOC_TYPES.filter((d) => d.categoria === cat);
    if (!list.length) throw new BillptError(404, ['9.categoria']);
    return list.map(docTypeJson);
  });
}
