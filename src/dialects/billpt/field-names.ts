/**
 * Core field paths (as DomainError details name them) → the bill.pt names the client sent, so that errors read
 * `1.produtos.0.quantidade` rather than `lines[0].quantity`. An entry with `name: ''` flattens its fields into
 * the parent (bill.pt sends the billing address and a line's new item as plain fields).
 */
export interface FieldMap {
  [core: string]: string | { name: string; fields: FieldMap };
}

export const CONTACT_FIELDS: FieldMap = {
  name: 'nome',
  code: 'codigo',
  taxId: 'nif',
  email: 'email',
  street: 'morada',
  postalCode: 'codigo_postal',
  city: 'cidade',
  country: 'pais',
  phone: 'telefone_contacto',
  website: 'site',
  contactPerson: 'pessoa_contacto',
  paymentTermsDays: 'prazo_vencimento',
  defaultDiscount: 'desconto_padrao',
  withholding: 'retencao',
  language: 'lingua_padrao_documentos',
  typeIds: 'tipos',
  defaultPaymentMethodId: 'metodo_pagamento_id',
  defaultShippingMethodId: 'metodo_expedicao_id',
  observations: 'observacoes',
  kind: 'tipos',
  contactId: 'contato_id',
  id: 'id',
};

export const ITEM_FIELDS: FieldMap = {
  code: 'codigo',
  barcode: 'codigo_barras',
  description: 'descricao',
  longDescription: 'observacoes',
  productType: 'servico',
  unitId: 'unidade_medida_id',
  taxId: 'imposto_id',
  purchaseTaxId: 'iva_compra',
  costPrice: 'preco_custo',
  price: 'precos.0.preco_sem_iva',
  priceWithVat: 'precos.0.preco_com_iva',
  movesStock: 'movimenta_stock',
  categoryIds: 'categorias',
  itemId: 'id',
};

const ITEM_IN_LINE: FieldMap = { ...ITEM_FIELDS, description: 'nome' };

const LINE_FIELDS: FieldMap = {
  itemId: 'item_id',
  item: { name: '', fields: ITEM_IN_LINE },
  code: 'codigo',
  description: 'nome',
  productType: 'servico',
  quantity: 'quantidade',
  unitPrice: 'preco_unitario',
  unit: 'unidade_medida_id',
  discounts: 'desconto',
  taxId: 'imposto_id',
  tax: 'imposto',
  taxRate: 'imposto',
  exemptionCode: 'motivo_isencao_id',
  exemptionReason: 'motivo_isencao',
  originLineId: 'lancamento_pai_id',
  reference: { name: '', fields: { number: 'referencia_manual' } },
};

const address = (prefix: string): { name: string; fields: FieldMap } => ({
  name: '',
  fields: {
    street: `${prefix}morada`,
    postalCode: `${prefix}codigo_postal`,
    city: `${prefix}cidade`,
    country: `${prefix}pais`,
  },
});

export const DOCUMENT_FIELDS: FieldMap = {
  type: 'tipo_documento_id',
  seriesId: 'serie_id',
  storeId: 'loja_id',
  date: 'data',
  dueDate: 'prazo_vencimento',
  contactId: 'contato_id',
  customer: { name: 'contato', fields: CONTACT_FIELDS },
  billingAddress: address(''),
  lines: { name: 'produtos', fields: LINE_FIELDS },
  currency: 'moeda',
  exchangeRate: 'cambio',
  language: 'lingua',
  reference: 'referencia_manual',
  observations: 'observacoes',
  internalNote: 'nota_documento',
  stateId: 'modulo_estado_id',
  paymentMethodId: 'metodo_pagamento_id',
  shippingMethodId: 'metodo_expedicao_id',
  loadAddress: address('carga_'),
  unloadAddress: address('descarga_'),
  loadAt: 'data_carga',
  unloadAt: 'data_descarga',
  vehiclePlate: 'viatura',
  roundingAdjustment: 'arredondamento',
  relatedDocumentId: 'lancamento_pai_id',
  reason: 'motivo',
  id: 'documento_id',
  atCode: 'codigo_at',
  documents: { name: 'documentos', fields: { documentId: 'documento_id', amount: 'total' } },
  amount: 'gross_total',
  kind: 'tipo_documento_id',
  originIds: 'documentos',
  taxPointDate: 'data',
  withholding: 'retencao',
  globalDiscount: 'desconto',
};

export const CATALOG_FIELDS: FieldMap = {
  name: 'nome',
  symbol: 'simbolo',
  isDefault: 'principal',
  saftCode: 'simbolo',
  plate: 'matricula',
  description: 'nome',
  color: 'cor',
};

export const TAX_FIELDS: FieldMap = {
  name: 'nome',
  rate: 'valor',
  isDefault: 'principal',
  code: 'valor',
  region: 'nome',
  type: 'nome',
};
export const SERIES_FIELDS: FieldMap = {
  code: 'nome',
  description: 'nome',
  vatIncluded: 'iva_incluido',
  isDefault: 'principal',
  storeId: 'loja_id',
  status: 'visivel',
};
export const STORE_FIELDS: FieldMap = {
  name: 'nome',
  street: 'morada',
  postalCode: 'codigo_postal',
  city: 'cidade',
  country: 'pais',
  defaultSeriesId: 'serie_id',
  allowNegativeStock: 'stock_negativo',
  isDefault: 'principal',
};
export const AT_FIELDS: FieldMap = {
  username: 'user',
  password: 'password',
  environment: 'ambiente',
  transportEnabled: 'user',
  invoicesEnabled: 'user',
};
export const AUTH_FIELDS: FieldMap = { email: 'email', password: 'password' };

/** `lines[2].item.code` → `produtos.2.codigo` with the map of the request at hand; unknown parts pass through. */
export function billptFieldName(path: string, map: FieldMap): string {
  const out: string[] = [];
  let current: FieldMap | undefined = map;
  const parts = path.split('.');
  for (const [i, part] of parts.entries()) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    const name = m ? m[1] : part;
    const indices = m ? [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => x[1]) : [];
    const entry: FieldMap[string] | undefined = current?.[name];
    if (entry === undefined) {
      out.push(name, ...indices);
      current = undefined;
      continue;
    }
    if (typeof entry === 'string') {
      // discounts[1] → desconto_2
      if (entry === 'desconto' && indices.length) {
        out.push(`desconto_${Number(indices[0]) + 1}`);
        current = undefined;
        continue;
      }
      out.push(entry, ...indices);
      current = undefined;
    } else if (!entry.name && i === parts.length - 1) {
      // A whole flattened group (an address) reads as its first field: loadAddress → carga_morada.
      const first = Object.values(entry.fields)[0];
      out.push(typeof first === 'string' ? first : name);
      current = undefined;
    } else {
      if (entry.name) out.push(entry.name);
      out.push(...indices);
      current = entry.fields;
    }
  }
  return out.filter((p) => p !== '').join('.');
}
