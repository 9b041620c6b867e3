import type { Json } from './fuzz-inputs.js';

// Plausible bodies for the dialect routes (which have no schema to sample), and where their path ids point.

/** The ids of the rows a collection lists (the first array in its answer). */
export function idsIn(body: unknown): number[] {
  const arrays: unknown[][] = [];
  const walk = (v: unknown, depth: number) => {
    if (Array.isArray(v)) arrays.push(v);
    else if (v && typeof v === 'object' && depth < 2) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(body, 0);
  return (arrays[0] ?? [])
    .map((x) => (x as { id?: unknown })?.id)
    .filter((id): id is number => typeof id === 'number')
    .slice(0, 3);
}

/** Which native collection holds the rows a dialect's path id names (documents otherwise). */
export const DIALECT_COLLECTIONS: Record<string, string> = {
  contatos: '/v1/contacts',
  clients: '/v1/contacts',
  items: '/v1/items',
  series: '/v1/series',
  sequences: '/v1/series',
  lojas: '/v1/stores',
  impostos: '/v1/taxes',
  taxes: '/v1/taxes',
  'unidades-medida': '/v1/units',
  viaturas: '/v1/vehicles',
  categorias: '/v1/item-categories',
  tipos: '/v1/contact-types',
  estados: '/v1/document-states',
  'metodos-expedicao': '/v1/shipping-methods',
  orders: '/billit/orders',
};

/** Query parameters the dialects read in their lists. */
export const DIALECT_QUERY = {
  invoicexpress: [
    'page',
    'per_page',
    'type[]',
    'status[]',
    'date[from]',
    'date[to]',
    'text',
    'client_name',
    'month',
    'year',
    'second_copy',
    'non_archived',
  ],
  billit: ['$top', '$skip', '$filter', '$orderby', 'fullTextSearch'],
  billpt: ['pagina', 'limite', 'data_inicio', 'data_fim', 'nome', 'nif', 'tipo', 'estado', 'id', 'ids[]', 'categoria'],
};

const ixItem = {
  name: 'Item Fuzz',
  description: 'x',
  unit_price: '1.5',
  quantity: '1',
  unit: 'unit',
  tax: { name: 'IVA23' },
};

/** An InvoiceXpress body in seed 003's style, under the root its route reads. */
export function ixBody(path: string): Json {
  const tail = path.replace(/^\/invoicexpress\//, '').replace(/\.(json|xml)$/, '');
  const [resource] = tail.split('/');
  const root = resource.replace(/s$/, '');
  if (tail.endsWith('change-state')) return { [root]: { state: 'finalized', message: 'fuzz' } };
  if (/email-(document|invoice)$/.test(tail)) {
    return { message: { client: { email: 'a@example.com', save: '0' }, subject: 'x', body: 'x' } };
  }
  if (tail.endsWith('partial_payments')) {
    return { partial_payment: { amount: '1', payment_mechanism: 'MB', paid_date: '03/12/2025', observations: 'x' } };
  }
  if (resource === 'clients') {
    return { client: { name: 'Cliente Fuzz', code: 'FZ-1', fiscal_id: '123456789', country: 'Portugal' } };
  }
  if (resource === 'items') return { item: { name: 'Item Fuzz', unit_price: '1', tax: { name: 'IVA23' } } };
  if (resource === 'taxes') return { tax: { name: 'FZ', value: '23', region: 'PT' } };
  if (resource === 'sequences') return { sequence: { serie: 'FZX', default_sequence: '0' } };
  return {
    [root]: {
      date: '03/12/2025',
      due_date: '19/12/2025',
      reference: 'fuzz',
      observations: 'fuzz',
      client: { name: 'Cliente Fuzz', code: 'FZ-1', country: 'Portugal' },
      items: [ixItem],
    },
  };
}

/** A bill.pt body for the resource of its route (the token travels in the Authorization header). */
export function billptBody(path: string, ids: Record<string, number[]>): Json {
  const resource = path.replace(/^\/billpt\/api\/1\.0\//, '').split('/')[0];
  const today = new Date().toISOString().slice(0, 10);
  const item = ids['/v1/items']?.[0] ?? 1;
  const product = { item_id: item, nome: 'Produto', quantidade: 1, preco_unitario: 2.23, imposto: 23 };
  switch (resource) {
    case 'contatos':
      return { nome: 'Cliente Fuzz', nif: '123456789', pais: 'PT', codigo: 'FZ1' };
    case 'items':
      return { descricao: 'Produto Fuzz', imposto_id: ids['/v1/taxes']?.[0] ?? 1, movimenta_stock: 0 };
    case 'documentos': {
      const contact = ids['/v1/contacts']?.[0] ?? 1;
      return { tipificacao: 'FT', contato_id: contact, produtos: [product], terminado: 1, data: today };
    }
    case 'recibos':
      return { documentos: [{ id: ids['/v1/documents']?.[0] ?? 1, valor: 1 }], data: today };
    case 'auth':
      return { email: 'nobody@example.com', password: 'x' };
    default:
      return { nome: 'Fuzz', descricao: 'Fuzz', codigo: 'FZ', valor: 1 };
  }
}

/** A Billit order as its own tests send it (docs.billit.be, seed 004). */
export const billitOrder = {
  OrderType: 'Invoice',
  OrderDirection: 'Income',
  OrderDate: '2025-12-03',
  ExpiryDate: '2025-12-31',
  Customer: {
    Name: 'Klant BV',
    VATNumber: 'BE0202239951',
    City: 'Antwerpen',
    CountryCode: 'BE',
    Email: 'a@example.com',
  },
  OrderLines: [{ Quantity: 1, UnitPriceExcl: 100, Description: 'Work', VATPercentage: 21 }],
};

/** A Billit body for the resource of its route (`/billit/v1/<resource>/…`). */
export function billitBody(path: string, ids: Record<string, number[]>): Json {
  const tail = path.replace(/^\/billit\/v1\//, '');
  const order = ids['/billit/orders']?.[0] ?? 1;
  if (tail.startsWith('OAuth2/')) return { grant_type: 'refresh_token', refresh_token: 'x', token: 'x' };
  if (tail === 'orders/commands/send' || tail === 'peppol/sendOrder') {
    return { TransportType: 'SMTP', OrderIDs: [order], OrderID: order };
  }
  if (tail.endsWith('/payments')) return { Amount: 1, PaidDate: '2025-12-03', Description: 'x' };
  if (tail.startsWith('parties')) {
    return { Name: 'Partij BV', VATNumber: 'BE0202239951', PartyType: 'Customer', Email: 'a@example.com' };
  }
  if (tail.startsWith('products')) return { Description: 'Product', UnitPriceExcl: 10, VATPercentage: 21 };
  if (tail.startsWith('account/sequences')) return { SequenceType: 'Income-Invoice', Prefix: 'FZ', Counter: 1 };
  if (tail.startsWith('peppol/inbox')) return { Reason: 'fuzz' };
  if (tail.startsWith('peppol/participants')) return { CompanyID: 1, Registrations: [] };
  if (tail.startsWith('orders/') && !tail.includes('commands')) return { Paid: true, Comments: 'fuzz' };
  return billitOrder;
}
