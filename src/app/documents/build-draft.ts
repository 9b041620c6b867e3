import { DomainError, IssueCollector } from '../../domain/errors.js';
import { type Decimal, ZERO, dec, parseDecimal, round2 } from '../../domain/money/decimal.js';
import { computeTotals } from '../../domain/totals/compute.js';
import { checkDocument, checkLines } from '../../domain/documents/rules.js';
import { DOC_TYPE_INFO, type DocType, isDocType } from '../../domain/documents/types.js';
import { CONSUMIDOR_FINAL_NIF } from '../../domain/pt/nif.js';
import { findExemption, isExemptionValidOn } from '../../domain/pt/exemption-codes.js';
import { addDays, isIsoDate, lisbonDate, normalizeLocalDateTime } from '../../domain/time.js';
import type { Ctx, Tx } from '../context.js';
import type { Account, AddressSnapshot, Contact, PartySnapshot, Series } from '../../infra/db/schema.js';
import { resolveCustomer } from '../contacts/resolve-customer.js';
import { resolveItem } from '../items/resolve-item.js';
import type { AddressInput, DocumentInput } from './document-input.js';
import { TaxResolver } from './resolve-tax.js';
import { resolveSeriesAndStore } from './resolve-series.js';
import { type AccountConfig, accountConfig } from '../accounts/account-config.js';

export interface DraftLine {
  position: number;
  item_id: number | null;
  code: string;
  description: string;
  product_type: string;
  quantity: string;
  unit: string;
  unit_price: string;
  discount1: string;
  discount2: string;
  discount3: string;
  tax_id: number;
  tax_type: string;
  tax_region: string;
  tax_code: string;
  tax_rate: string;
  exemption_code: string | null;
  exemption_reason: string | null;
  net_amount: string;
  unit_net_price: string;
  discount_amount: string;
  net_total: string;
  tax_total: string;
  gross_total: string;
  origin_line_id: number | null;
  origin_document_id: number | null;
}

export interface Draft {
  doc: Record<string, unknown> & {
    doc_type: DocType;
    series_id: number;
    doc_date: string;
    gross_total: string;
    payable_total: string;
    related_document_id: number | null;
  };
  lines: DraftLine[];
  /** The account and series rows the draft was built from (finalize reads them too), and the signing key. */
  account: Account;
  series: Series;
  signingKey: AccountConfig['signingKey'];
}

const str = (v: unknown, max: number, field: string, c: IssueCollector): string | null => {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  if (s.length > max) {
    c.add(field, 'too_long', `At most ${max} characters.`, String(max));
    return null;
  }
  return s || null;
};

function address(a: AddressInput | null | undefined, field: string, c: IssueCollector): AddressSnapshot | null {
  if (!a) return null;
  return {
    street: str(a.street, 200, `${field}.street`, c),
    postalCode: str(a.postalCode, 20, `${field}.postalCode`, c),
    city: str(a.city, 50, `${field}.city`, c),
    country: str(a.country, 2, `${field}.country`, c)?.toUpperCase() ?? 'PT',
  };
}

export function customerSnapshot(contact: Contact, billing: AddressSnapshot | null): PartySnapshot {
  return {
    code: contact.code,
    name: contact.name,
    taxId: contact.tax_id ?? CONSUMIDOR_FINAL_NIF,
    country: billing?.country ?? contact.country,
    street: billing?.street ?? contact.street,
    postalCode: billing?.postalCode ?? contact.postal_code,
    city: billing?.city ?? contact.city,
    email: contact.email,
    phone: contact.phone,
  };
}

/**
 * Resolves a create/update request into the rows of a draft, with totals computed and legal checks run.
 * With `readOnly` it writes nothing and throws `WritesNeeded` when an inline customer or item must be written.
 */
export async function buildDraft(
  tx: Tx,
  ctx: Ctx,
  input: DocumentInput,
  opts: { readOnly?: boolean } = {},
): Promise<Draft> {
  const c = new IssueCollector();
  if (!isDocType(input.type)) {
    throw new DomainError('validation', `Unknown document type ${String(input.type)}.`, [
      { field: 'type', issue: 'invalid', message: 'Unknown document type.', value: String(input.type) },
    ]);
  }
  const type = input.type;
  const info = DOC_TYPE_INFO[type];
  if (info.family === 'payment' || info.family === 'opening_balance') {
    throw new DomainError('validation', `${type} documents are created through their own endpoint.`, [
      { field: 'type', issue: 'invalid', message: 'Use the receipts or opening-balance endpoint.' },
    ]);
  }
  if (!Array.isArray(input.lines)) c.add('lines', 'required', 'A document needs at least one line.');
  const docDate = input.date ?? lisbonDate(ctx.now);
  if (!isIsoDate(docDate)) c.add('date', 'invalid', 'Use YYYY-MM-DD.');
  if (input.dueDate != null && !isIsoDate(input.dueDate)) c.add('dueDate', 'invalid', 'Use YYYY-MM-DD.');
  if (input.taxPointDate != null && !isIsoDate(input.taxPointDate)) c.add('taxPointDate', 'invalid', 'Use YYYY-MM-DD.');
  const loadAt = input.loadAt == null ? null : normalizeLocalDateTime(input.loadAt);
  if (input.loadAt != null && !loadAt) c.add('loadAt', 'invalid', 'Use YYYY-MM-DDThh:mm:ss.');
  const unloadAt = input.unloadAt == null ? null : normalizeLocalDateTime(input.unloadAt);
  if (input.unloadAt != null && !unloadAt) c.add('unloadAt', 'invalid', 'Use YYYY-MM-DDThh:mm:ss.');
  const currency = (input.currency ?? 'EUR').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) c.add('currency', 'invalid', 'An ISO 4217 code.');
  let exchangeRate: Decimal | null = null;
  if (currency !== 'EUR') {
    exchangeRate = input.exchangeRate == null ? null : (parseDecimal(input.exchangeRate) ?? null);
    if (!exchangeRate || !exchangeRate.gt(0))
      c.add(
        'exchangeRate',
        'required',
        'A positive exchange rate (units of the currency per euro) is required for a foreign currency.',
      );
  }
  const language = input.language ?? null;
  if (language !== null && !['pt', 'en', 'fr'].includes(language)) c.add('language', 'invalid', 'One of pt, en, fr.');
  const rounding = input.roundingAdjustment == null ? ZERO : parseDecimal(input.roundingAdjustment);
  if (!rounding || rounding.abs().gt('0.03') || rounding.decimalPlaces() > 2)
    c.add('roundingAdjustment', 'out_of_range', 'At most ±0.03.', '0.03');
  let globalDiscount: { kind: 'percent' | 'amount'; value: Decimal } | undefined;
  if (input.globalDiscount) {
    const v = parseDecimal(input.globalDiscount.value);
    if (!['percent', 'amount'].includes(input.globalDiscount.kind))
      c.add('globalDiscount.kind', 'invalid', 'percent or amount.');
    else if (!v || v.lt(0) || (input.globalDiscount.kind === 'percent' && v.gt(100)))
      c.add('globalDiscount.value', 'out_of_range', 'A percentage between 0 and 100, or a positive amount.');
    else globalDiscount = { kind: input.globalDiscount.kind, value: v };
  }
  let withholdingRate: Decimal | undefined;
  if (input.withholding) {
    const r = parseDecimal(input.withholding.rate);
    if (!r || r.lt(0) || r.gte(100)) c.add('withholding.rate', 'out_of_range', 'A percentage between 0 and 99.99.');
    else withholdingRate = r.isZero() ? undefined : r;
    if (input.withholding.type && !['IRS', 'IRC', 'IS'].includes(input.withholding.type))
      c.add('withholding.type', 'invalid', 'IRS, IRC or IS.');
  }
  const billing = address(input.billingAddress, 'billingAddress', c);
  const loadAddress = address(input.loadAddress, 'loadAddress', c);
  const unloadAddress = address(input.unloadAddress, 'unloadAddress', c);
  const text = {
    reference: str(input.reference, 60, 'reference', c),
    observations: str(input.observations, 1000, 'observations', c),
    internal_note: str(input.internalNote, 5000, 'internalNote', c),
    vehicle_plate: str(input.vehiclePlate, 32, 'vehiclePlate', c),
  };
  const rawLines = Array.isArray(input.lines) ? input.lines : [];
  const parsedLines = rawLines.map((l, i) => {
    const at = `lines[${i}]`;
    if (!l || typeof l !== 'object') {
      c.add(at, 'invalid', 'A line object.');
      return null;
    }
    const quantity = parseDecimal(l.quantity);
    if (!quantity) c.add(`${at}.quantity`, 'invalid', 'A decimal number.');
    else if (quantity.decimalPlaces() > 10) c.add(`${at}.quantity`, 'invalid', 'At most 10 decimals.', '10');
    const unitPrice = l.unitPrice == null ? undefined : parseDecimal(l.unitPrice);
    if (l.unitPrice != null && !unitPrice) c.add(`${at}.unitPrice`, 'invalid', 'A decimal number.');
    else if (unitPrice && unitPrice.decimalPlaces() > 10)
      c.add(`${at}.unitPrice`, 'invalid', 'At most 10 decimals.', '10');
    const discounts = (l.discounts ?? []).map((d, j) => {
      const v = parseDecimal(d);
      if (!v) c.add(`${at}.discounts[${j}]`, 'invalid', 'A percentage.');
      return v ?? ZERO;
    });
    return { l, quantity, unitPrice, discounts };
  });
  c.throwIfAny();

  const config = await accountConfig(tx, ctx);
  const { account } = config;
  const { series, store } = resolveSeriesAndStore(config, input.seriesId, input.storeId);
  const contact = await resolveCustomer(tx, ctx.accountId, input.contactId, input.customer, opts.readOnly);
  await checkOwned(tx, ctx.accountId, input);

  const vatIncluded = input.vatIncluded ?? series.vat_included;
  const taxes = new TaxResolver(config.taxes, account.default_tax_id);
  const lines: DraftLine[] = [];
  const lineInputs = [];
  for (const [i, p] of parsedLines.entries()) {
    const { l, quantity, discounts } = p!;
    const at = `lines[${i}]`;
    let origin:
      { id: number; document_id: number; item_id: number | null; code: string; description: string } | undefined;
    if (l.originLineId != null) {
      origin = await tx
        .selectFrom('document_lines')
        .select(['id', 'document_id', 'item_id', 'code', 'description'])
        .where('account_id', '=', ctx.accountId)
        .where('id', '=', Number(l.originLineId))
        .executeTakeFirst();
      if (!origin)
        throw new DomainError(
          'not_found',
          `Origin line ${l.originLineId} does not exist.`,
          [{ field: `${at}.originLineId`, issue: 'unknown', message: 'Not found in this account.' }],
          { resource: 'document' },
        );
    }
    // A line that refers to an origin line and names no item of its own carries the origin's item, code and description.
    const fromOrigin = l.itemId == null && !l.item ? origin : undefined;
    const item = await resolveItem(tx, ctx.accountId, l.itemId ?? fromOrigin?.item_id, l.item, at, opts.readOnly);
    const code = str(l.code, 60, `${at}.code`, c) ?? fromOrigin?.code ?? item?.code ?? null;
    const description =
      str(l.description, 200, `${at}.description`, c) ?? fromOrigin?.description ?? item?.description ?? null;
    if (!code && !description) c.add(`${at}.description`, 'required', 'A line needs an item or a description.');
    const defaultPrice = item ? (vatIncluded ? (item.price_with_vat ?? null) : item.price) : null;
    const unitPrice = p!.unitPrice ?? (defaultPrice !== null ? dec(defaultPrice) : undefined);
    if (!unitPrice) c.add(`${at}.unitPrice`, 'required', 'A unit price is required when the line has no item.');
    const tax = taxes.resolve(l, `${at}.taxId`, item?.tax_id);
    const rate = dec(tax.rate);
    const exemptionCode =
      (l.exemptionCode ?? (rate.isZero() ? input.exemptionCode : null))?.trim().toUpperCase() || null;
    const effectiveDiscounts = discounts.length
      ? discounts
      : Number(contact.default_discount) > 0
        ? [dec(contact.default_discount)]
        : [];
    const unitSymbol = l.unit ?? config.units.find((u) => u.id === item?.unit_id)?.symbol ?? 'UN';
    lineInputs.push({
      quantity: quantity!,
      unitPrice: unitPrice ?? ZERO,
      discounts: effectiveDiscounts,
      tax: { type: tax.tax_type as 'IVA', region: tax.region, code: tax.saft_code, rate },
      exemptionCode,
      productType: l.productType ?? item?.product_type ?? 'P',
      hasOrigin: !!origin,
    });
    lines.push({
      position: i + 1,
      item_id: item?.id ?? null,
      code: code ?? description?.slice(0, 60) ?? '',
      description: description ?? code ?? '',
      product_type: l.productType ?? item?.product_type ?? 'P',
      quantity: quantity!.toString(),
      unit: str(unitSymbol, 20, `${at}.unit`, c) ?? 'UN',
      unit_price: (unitPrice ?? ZERO).toString(),
      discount1: (effectiveDiscounts[0] ?? ZERO).toString(),
      discount2: (effectiveDiscounts[1] ?? ZERO).toString(),
      discount3: (effectiveDiscounts[2] ?? ZERO).toString(),
      tax_id: tax.id,
      tax_type: tax.tax_type,
      tax_region: tax.region,
      tax_code: tax.saft_code,
      tax_rate: rate.toString(),
      exemption_code: exemptionCode,
      exemption_reason: exemptionCode
        ? (str(l.exemptionReason, 60, `${at}.exemptionReason`, c) ?? findExemption(exemptionCode)?.text ?? null)
        : null,
      net_amount: '0',
      unit_net_price: '0',
      net_total: '0',
      tax_total: '0',
      gross_total: '0',
      discount_amount: '0',
      origin_line_id: origin?.id ?? null,
      origin_document_id: origin?.document_id ?? null,
    });
  }
  c.throwIfAny();

  checkLines(
    lineInputs.map((l) => ({ ...l, taxRate: l.tax.rate, taxType: l.tax.type })),
    (code) => isExemptionValidOn(code, docDate),
  );
  const totals = computeTotals({
    lines: lineInputs,
    vatIncluded,
    globalDiscount,
    withholdingRate,
    roundingAdjustment: rounding!,
  });
  totals.lines.forEach((t, i) =>
    Object.assign(lines[i], {
      net_amount: t.net.toString(),
      unit_net_price: t.unitNet.toString(),
      discount_amount: t.discount.toString(),
      net_total: t.netRounded.toFixed(2),
      tax_total: t.tax.toFixed(2),
      gross_total: t.gross.toFixed(2),
    }),
  );

  const relatedDocumentId =
    input.relatedDocumentId ?? lines.find((l) => l.origin_document_id)?.origin_document_id ?? null;
  checkDocument({
    type,
    docDate,
    dueDate: input.dueDate,
    loadAt,
    unloadAt,
    loadAddress,
    unloadAddress,
    vehiclePlate: text.vehicle_plate,
    customerIsFinalConsumer: contact.is_final_consumer || !contact.tax_id || contact.tax_id === '999999990',
    grossTotal: totals.grossTotal,
    payableTotal: totals.payableTotal,
    hasRelatedDocument: relatedDocumentId !== null,
    lines: lineInputs.map((l) => ({ ...l, taxRate: l.tax.rate, taxType: l.tax.type })),
  });

  const exemptionSummary = new Map<string, string | null>();
  lineInputs.forEach((l, i) =>
    exemptionSummary.set(
      `${l.tax.type}|${l.tax.region}|${l.tax.code}|${l.tax.rate.toFixed(4)}`,
      lines[i].exemption_code,
    ),
  );
  const doc = {
    doc_type: type,
    series_id: series.id,
    store_id: store?.id ?? null,
    user_id: ctx.userId,
    doc_date: docDate,
    due_date: input.dueDate ?? (info.receivable ? addDays(docDate, contact.payment_terms_days) : null),
    tax_point_date: input.taxPointDate ?? null,
    contact_id: contact.id,
    customer: JSON.stringify(customerSnapshot(contact, billing)),
    seller: JSON.stringify({}),
    load_address: JSON.stringify(loadAddress),
    unload_address: JSON.stringify(unloadAddress),
    load_at: loadAt,
    unload_at: unloadAt,
    payment_method_id: input.paymentMethodId ?? contact.default_payment_method_id ?? null,
    shipping_method_id: input.shippingMethodId ?? contact.default_shipping_method_id ?? null,
    currency,
    exchange_rate: exchangeRate?.toString() ?? null,
    language: language ?? contact.language ?? account.default_language,
    ...text,
    state_id: input.stateId ?? null,
    vat_included: vatIncluded,
    global_discount_kind: globalDiscount?.kind ?? null,
    global_discount_value: globalDiscount?.value.toString() ?? null,
    withholding_type: withholdingRate ? (input.withholding?.type ?? 'IRS') : null,
    withholding_rate: withholdingRate?.toString() ?? null,
    rounding_adjustment: rounding!.toFixed(2),
    net_total: totals.netTotal.toFixed(2),
    tax_total: totals.taxTotal.toFixed(2),
    gross_total: totals.grossTotal.toFixed(2),
    discount_total: totals.discountTotal.toFixed(2),
    withholding_total: totals.withholdingAmount.toFixed(2),
    payable_total: totals.payableTotal.toFixed(2),
    currency_total: exchangeRate ? round2(totals.grossTotal.times(exchangeRate)).toFixed(2) : null,
    tax_summary: JSON.stringify(
      totals.taxGroups.map((g) => ({
        type: g.type,
        region: g.region,
        code: g.code,
        rate: g.rate.toString(),
        base: g.base.toFixed(2),
        tax: g.tax.toFixed(2),
        exemptionCode: exemptionSummary.get(`${g.type}|${g.region}|${g.code}|${g.rate.toFixed(4)}`) ?? null,
      })),
    ),
    related_document_id: relatedDocumentId,
  };
  return { doc, lines, account, series, signingKey: config.signingKey };
}

async function checkOwned(tx: Tx, accountId: number, input: DocumentInput): Promise<void> {
  const refs = [
    ['paymentMethodId', 'payment_methods', input.paymentMethodId, 'payment method'],
    ['shippingMethodId', 'shipping_methods', input.shippingMethodId, 'shipping method'],
    ['stateId', 'document_states', input.stateId, 'document state'],
    ['relatedDocumentId', 'documents', input.relatedDocumentId, 'document'],
  ] as const;
  for (const [field, table, id, resource] of refs) {
    if (id === undefined || id === null) continue;
    const row = await tx
      .selectFrom(table)
      .select('id')
      .where('account_id', '=', accountId)
      .where('id', '=', Number(id))
      .executeTakeFirst();
    if (!row)
      throw new DomainError(
        'not_found',
        `${resource} ${id} does not exist.`,
        [{ field, issue: 'unknown', message: 'Not found in this account.' }],
        { resource },
      );
  }
}
