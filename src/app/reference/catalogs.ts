import { IssueCollector } from '../../domain/errors.js';

/** Simple per-account reference tables: same verbs, different fields. */
export interface CatalogField {
  column: string;
  required?: boolean;
  max?: number;
  oneOf?: readonly string[];
  kind?: 'text' | 'boolean';
}

export interface Catalog {
  table:
    | 'units'
    | 'payment_methods'
    | 'shipping_methods'
    | 'vehicles'
    | 'document_states'
    | 'contact_types'
    | 'item_categories';
  resource: string;
  fields: Record<string, CatalogField>;
  /** Columns of documents/items/contacts that reference the table, to refuse deleting what is used. */
  usedBy: { table: 'documents' | 'contacts' | 'items'; column: string; array?: boolean }[];
  hasDefault: boolean;
}

const name = { column: 'name', required: true, max: 100 } as const;
const isDefault = { column: 'is_default', kind: 'boolean' } as const;
/** Hidden from pickers (bill.pt `visivel: 0`); still usable by id. */
const archived = { column: 'archived', kind: 'boolean' } as const;

export const CATALOGS = {
  units: {
    table: 'units',
    resource: 'unit',
    hasDefault: true,
    fields: { name, symbol: { column: 'symbol', required: true, max: 20 }, isDefault, archived },
    usedBy: [{ table: 'items', column: 'unit_id' }],
  },
  paymentMethods: {
    table: 'payment_methods',
    resource: 'payment method',
    hasDefault: true,
    // NOTE: SAF-T PaymentMechanism codes (P302 4.1.4.20.6).
    fields: {
      name,
      saftCode: {
        column: 'saft_code',
        required: true,
        oneOf: ['CC', 'CD', 'CH', 'CI', 'CO', 'CS', 'DE', 'LC', 'MB', 'NU', 'OU', 'PR', 'TB', 'TR'],
      },
      isDefault,
      archived,
    },
    usedBy: [
      { table: 'documents', column: 'payment_method_id' },
      { table: 'contacts', column: 'default_payment_method_id' },
    ],
  },
  shippingMethods: {
    table: 'shipping_methods',
    resource: 'shipping method',
    hasDefault: true,
    fields: { name, isDefault, archived },
    usedBy: [
      { table: 'documents', column: 'shipping_method_id' },
      { table: 'contacts', column: 'default_shipping_method_id' },
    ],
  },
  vehicles: {
    table: 'vehicles',
    resource: 'vehicle',
    hasDefault: false,
    fields: {
      plate: { column: 'plate', required: true, max: 32 },
      description: { column: 'description', max: 200 },
      archived,
    },
    usedBy: [],
  },
  documentStates: {
    table: 'document_states',
    resource: 'document state',
    hasDefault: false,
    fields: { name, color: { column: 'color', max: 20 }, archived },
    usedBy: [{ table: 'documents', column: 'state_id' }],
  },
  contactTypes: {
    table: 'contact_types',
    resource: 'contact type',
    hasDefault: false,
    fields: { name, archived },
    usedBy: [{ table: 'contacts', column: 'type_ids', array: true }],
  },
  itemCategories: {
    table: 'item_categories',
    resource: 'item category',
    hasDefault: false,
    fields: { name, archived },
    usedBy: [{ table: 'items', column: 'category_ids', array: true }],
  },
} satisfies Record<string, Catalog>;

export type CatalogName = keyof typeof CATALOGS;

export function catalogValues(cat: Catalog, input: Record<string, unknown>, partial: boolean): Record<string, unknown> {
  const c = new IssueCollector();
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(cat.fields)) {
    const v = input[key];
    if (v === undefined || v === null || v === '') {
      if (f.required && !partial) c.add(key, 'required', `${key} is required.`);
      continue;
    }
    if (f.kind === 'boolean') {
      out[f.column] = v === true || v === 1 || v === '1' || v === 'true';
      continue;
    }
    const s = String(v).trim();
    if (f.max && s.length > f.max) c.add(key, 'too_long', `At most ${f.max} characters.`, String(f.max));
    else if (f.oneOf && !f.oneOf.includes(s.toUpperCase())) c.add(key, 'invalid', `One of ${f.oneOf.join(', ')}.`);
    else out[f.column] = f.oneOf ? s.toUpperCase() : s;
  }
  c.throwIfAny();
  return out;
}
