import type { AddressInput, DocumentInput, LineInput } from '../../app/documents/document-input.js';
import { BillptError } from './billpt-error.js';
import { type BillptDocType, billptTypeByCode, billptTypeById } from './doc-types.js';
import { dayOf, localDateTime } from './format.js';
import type { Input } from './input.js';
import { contactInput } from './views/contacts.js';
import { itemInput } from './views/items.js';
import { exemptionCodeOf } from './views/reference.js';

/** `tipo_documento_id`, else `tipificacao` (FT, ORC, NENC… or the SAF-T code); a type the core does not issue is refused. */
export function readDocType(i: Input, required = true): BillptDocType | undefined {
  const id = i.int('tipo_documento_id');
  const code = i.text('tipificacao', 'tipificação');
  if (id === undefined && !code) {
    if (required) i.issues.push('1.tipo_documento_id');
    return undefined;
  }
  const t = id !== undefined ? billptTypeById(id) : billptTypeByCode(code!);
  const field = id !== undefined ? 'tipo_documento_id' : 'tipificacao';
  // Purchases, supplier receipts and stock documents are not issued by this server.
  if (!t || !t.core) throw new BillptError(422, [`9.${field}`], `Document type ${id ?? code} is not issued here.`);
  return t;
}

function address(i: Input, prefix: string): AddressInput | undefined {
  const a: AddressInput = {
    street: i.text(`${prefix}morada`) ?? undefined,
    postalCode: i.text(`${prefix}codigo_postal`) ?? undefined,
    city: i.text(`${prefix}cidade`) ?? undefined,
    country: i.text(`${prefix}pais`) ?? undefined,
  };
  return Object.values(a).some((v) => v !== undefined) ? a : undefined;
}

/** bill.pt currencies are ISO codes, sometimes with the symbol (`EUR_€`, as the SDKs list them). */
const currencyOf = (v: string | null | undefined) => (v ? v.split('_')[0].trim().toUpperCase() : undefined);

function lineInput(p: Input, rectifies: boolean): LineInput {
  const itemId = p.id('item_id');
  const taxId = p.id('imposto_id');
  const hasDiscount = ['desconto_1', 'desconto_2', 'desconto_3'].some((k) => p.key(k) !== undefined);
  const exemptionId = p.int('motivo_isencao_id');
  const exemptionRaw = exemptionId === undefined ? p.text('motivo_isencao') : undefined;
  const exemptionCode = exemptionId
    ? exemptionCodeOf(exemptionId)
    : exemptionRaw
      ? /^\d+$/.test(exemptionRaw)
        ? exemptionCodeOf(Number(exemptionRaw))
        : exemptionRaw
      : undefined;
  const service = p.bool('servico');
  const manualRef = rectifies ? p.text('referencia_manual') : undefined;
  p.require('quantidade');
  const line: LineInput = {
    itemId: itemId ?? undefined,
    // A line without item_id that gives a product code: the product is found by code, else created (bill.pt
    // behaviour); a line with only a name is free text.
    item: !itemId && p.has('codigo') ? itemInput(p, { descriptionKeys: ['nome', 'descricao'] }) : undefined,
    description: p.text('nome', 'descricao') ?? undefined,
    quantity: p.decimal('quantidade') ?? '',
    unitPrice: p.decimal('preco_unitario', 'preco'),
    discounts: hasDiscount
      ? [p.decimal('desconto_1') ?? '0', p.decimal('desconto_2') ?? '0', p.decimal('desconto_3') ?? '0']
      : undefined,
    taxId: taxId ?? undefined,
    // `imposto` is the rate (23 for 23%) when no tax id is sent.
    taxRate: taxId ? undefined : p.decimal('imposto', 'taxa'),
    exemptionCode,
    originLineId: p.id('lancamento_pai_id') ?? undefined,
    // bill.pt's first way to credit an invoice: its number (one issued before this system, or one of it).
    reference: manualRef ? { number: manualRef } : undefined,
    productType: service === undefined ? undefined : service ? 'S' : 'P',
  };
  return Object.fromEntries(Object.entries(line).filter(([, v]) => v !== undefined)) as unknown as LineInput;
}

export interface ParsedDocument {
  input: DocumentInput;
  type: BillptDocType;
  /** `id` of a draft being edited (bill.pt gives the edited draft a new id). */
  editId: number | null;
}

/** A `POST documentos` body as the core's DocumentInput. */
export function documentInput(i: Input): ParsedDocument {
  const editId = i.id('id') ?? null;
  const type = readDocType(i);
  const contactId = i.id('contato_id');
  const contato = contactId ? undefined : i.sub('contato', 'cliente');
  const produtos = i.list('produtos', 'lancamentos');
  if (!produtos) i.require('produtos');
  const rectifies = type?.core === 'NC' || type?.core === 'ND';
  const lines = (produtos ?? []).map((p) => lineInput(p, rectifies));
  // Other documents' lines may carry it too: the first one is the document's reference, as before.
  const lineRef = rectifies ? undefined : (produtos ?? []).map((p) => p.text('referencia_manual')).find((r) => !!r);
  const input: DocumentInput = {
    type: type?.core ?? '',
    storeId: i.id('loja_id') ?? undefined,
    seriesId: i.id('serie_id') ?? undefined,
    paymentMethodId: i.id('metodo_pagamento_id') ?? undefined,
    shippingMethodId: i.id('metodo_expedicao_id') ?? undefined,
    date: dayOf(i.text('data', 'invoice_date')),
    dueDate: dayOf(i.text('prazo_vencimento')),
    contactId: contactId ?? undefined,
    customer: contato ? contactInput(contato) : undefined,
    billingAddress: address(i, ''),
    loadAddress: address(i, 'carga_'),
    unloadAddress: address(i, 'descarga_'),
    loadAt: localDateTime(i.text('data_carga')),
    unloadAt: localDateTime(i.text('data_descarga')),
    vehiclePlate: i.text('viatura') ?? undefined,
    currency: currencyOf(i.text('moeda')),
    exchangeRate: i.decimal('cambio'),
    observations: i.text('observacoes') ?? undefined,
    internalNote: i.text('nota_documento') ?? undefined,
    stateId: i.id('modulo_estado_id') ?? undefined,
    language: (i.text('lingua') ?? undefined) as DocumentInput['language'],
    roundingAdjustment: i.decimal('arredondamento'),
    reference: i.text('referencia_manual') ?? lineRef ?? undefined,
    finalize: i.bool('terminado') ?? false,
    lines,
  };
  i.check(contato, ...(produtos ?? []));
  return {
    input: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as unknown as DocumentInput,
    type: type!,
    editId,
  };
}
