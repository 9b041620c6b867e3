import type { Ctx, Tx } from '../../app/context.js';
import type { ContactInput } from '../../app/contacts/contact-input.js';
import type { DocumentInput, LineInput } from '../../app/documents/document-input.js';
import { remainingByLine } from '../../app/documents/create-from-origin.js';
import { lineAsInput } from '../../app/documents/line-as-input.js';
import { type DocumentView, getDocument } from '../../app/documents/get-document.js';
import { listSeries } from '../../app/series/list-series.js';
import { listTaxes } from '../../app/taxes/list-taxes.js';
import { DomainError } from '../../domain/errors.js';
import { CONVERTIBLE_FROM, DOC_TYPE_INFO, type DocType } from '../../domain/documents/types.js';
import { dec, parseDecimal } from '../../domain/money/decimal.js';
import { countryCode } from './countries.js';
import { type IxDocType, requestRoots } from './doc-types.js';
import { IxError } from './ix-error.js';
import { IxInput } from './input.js';
import { isContactEmail } from '../../domain/email/contact-email.js';

/** One `items` element, before its tax is resolved against the account's taxes. */
export interface IxLine {
  name: string;
  line: LineInput;
  /** `tax.name` as sent; unknown or absent → the default tax. */
  taxName?: string;
  /** `tax.id` as sent (some clients send only the id); an unknown id is refused. */
  taxId?: number;
}

/** A request body read with InvoiceXpress's semantics; `input` holds only the fields the body carries. */
export interface IxDocumentBody {
  /** The root object (`invoice`, `simplified_invoice`, `estimate`, `shipping`…), for fields of other families. */
  root: IxInput;
  input: Partial<DocumentInput>;
  /** Absent when the body has no `items`. */
  lines?: IxLine[];
  ownerInvoiceId?: number;
  proprietaryUid?: string;
}

/** The body's root: the generic one (`invoice`) or the doc-typed one (`simplified_invoice`, seed 002). */
export function rootOf(body: IxInput, type: IxDocType): IxInput {
  for (const key of requestRoots(type)) {
    const sub = body.sub(key);
    if (sub) return sub;
  }
  throw new IxError(422, [`The ${type.requestRoot} element is missing`]);
}

/** A number sent as a string or a number; `message` when it is not one. */
function number(i: IxInput, key: string, message: string): string | undefined {
  const v = i.raw(key);
  if (v === undefined || v === null || v === '') return undefined;
  const d = parseDecimal(typeof v === 'string' ? v.replace(',', '.') : v);
  if (!d) {
    i.invalid(message);
    return undefined;
  }
  return d.toString();
}

/**
 * InvoiceXpress documents the client's name and code as required (seed 003), and lists "Client is invalid" among
 * a document's errors (seed 002): a client is never invented, nor its code.
 */
function requireClient(root: IxInput, client: IxInput | undefined): void {
  const missing = ['name', 'code'].filter((k) => !client?.text(k)?.trim());
  if (!missing.length) return;
  root.invalid('Client is invalid');
  for (const k of missing) root.invalid(`client ${k} can't be blank`);
}

function clientOf(i: IxInput): ContactInput {
  const email = i.text('email') ?? undefined;
  if (email && !isContactEmail(email.trim())) i.invalid('email must be an email address');
  const countryName = i.text('country') ?? undefined;
  const country = countryName ? countryCode(countryName) : undefined;
  if (countryName && !country) i.invalid(`Country ${countryName} was not found`);
  const out: ContactInput = {
    name: i.text('name') ?? undefined,
    code: i.text('code') ?? undefined,
    email: email?.trim(),
    street: i.text('address') ?? undefined,
    city: i.text('city') ?? undefined,
    postalCode: i.text('postal_code') ?? undefined,
    country,
    taxId: i.text('fiscal_id') ?? undefined,
    website: i.text('website') ?? undefined,
    phone: i.text('phone') ?? undefined,
    observations: i.text('observations') ?? undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ContactInput;
}

function lineOf(i: IxInput): IxLine {
  const name = i.text('name')?.trim() ?? '';
  if (!name) i.invalid("name can't be blank");
  const description = i.text('description')?.trim() || name;
  // InvoiceXpress sets no minimum on a description; the catalog's (SAF-T ProductDescription) needs 2 characters.
  const productDescription = [description, name, `${name} ${description}`].find((x) => x.length >= 2) ?? description;
  const unitPrice = number(i, 'unit_price', 'unit_price must be a number');
  if (unitPrice === undefined && !i.has('unit_price')) i.invalid('unit_price must be a number');
  else if (unitPrice !== undefined && dec(unitPrice).lt(0))
    i.invalid('unit_price must be a number equal or greater than 0.0');
  const quantity = number(i, 'quantity', 'quantity must be a number greater than 0');
  if (quantity === undefined && !i.has('quantity')) i.invalid('quantity must be a number greater than 0');
  else if (quantity !== undefined && !dec(quantity).gt(0)) i.invalid('quantity must be a number greater than 0');
  const discount = number(i, 'discount', 'discount is not a number');
  if (discount !== undefined && (dec(discount).lt(0) || dec(discount).gt(100)))
    i.invalid('discount must be a value between 0.0 and 100.0');
  const unit = i.text('unit')?.trim() || undefined;
  const tax = i.sub('tax');
  const taxName = tax?.text('name')?.trim() || undefined;
  const taxId = tax?.int('id');
  const line: LineInput = {
    // InvoiceXpress items are keyed by name: found by it (never by description), created, or updated with the new values.
    item: {
      code: name.slice(0, 60),
      description: productDescription,
      price: unitPrice,
      updateExisting: true,
      matchCodeOnly: true,
    },
    code: name.slice(0, 60),
    description,
    quantity: quantity ?? '0',
    unitPrice: unitPrice ?? '0',
    unit,
    discounts: discount !== undefined && !dec(discount).isZero() ? [discount] : [],
  };
  return { name, line, taxName, taxId };
}

/**
 * Reads an InvoiceXpress document body (seed 003's fields; seed 002's XML gives the same tree) into the core's
 * terms, with InvoiceXpress's messages. Every problem is reported at once (422). Nothing is looked up yet:
 * `resolveDocumentInput` does that inside the write transaction. With `update` (PUT), `items` may be left out.
 */
export function readDocumentBody(
  body: IxInput,
  type: IxDocType,
  today: string,
  opts: { update?: boolean } = {},
): IxDocumentBody {
  const root = rootOf(body, type);
  const date = root.date(today, 'date');
  const dueDate = root.date(today, 'due_date');
  const retention = number(root, 'retention', 'Retention must be a number between 0 and 99.99');
  if (retention !== undefined && (dec(retention).lt(0) || dec(retention).gt('99.99')))
    root.invalid('Retention must be a number between 0 and 99.99');
  const exemption = [root.text('tax_exemption'), root.text('tax_exemption_reason')]
    .map((x) => x?.trim().toUpperCase())
    .find((x) => x && x !== 'M00');
  const seriesId = root.int('sequence_id');
  // manual_sequence_number is for non-Portuguese accounts with manual numbering; here numbering is always the
  // core's (no gaps, no repeats), so it is ignored.
  root.raw('manual_sequence_number');
  const ownerInvoiceId = root.int('owner_invoice_id');
  const clientIn = root.sub('client');
  // A note, or an invoice billing a guide or an estimate, takes its owner's client.
  if (!opts.update && ownerInvoiceId === undefined) requireClient(root, clientIn);
  const customer = clientIn ? clientOf(clientIn) : undefined;
  const items = root.has('items') ? root.list('items', 'item') : undefined;
  if (root.raw('items') === undefined || (items && !items.length)) {
    // A note, or an invoice billing an estimate, may carry its owner's lines instead.
    const owned =
      ownerInvoiceId !== undefined && (DOC_TYPE_INFO[type.core].rectifies || OWNED_BY_GUIDE.includes(type.core));
    if (!opts.update && !owned) root.invalid('Items element should be of type array');
  }
  const lines = items?.map(lineOf);
  let globalDiscount: DocumentInput['globalDiscount'];
  const gd = root.sub('global_discount');
  if (gd) {
    const kind = gd.text('value_type')?.trim().toLowerCase() ?? 'percentage';
    const value = number(gd, 'value', 'Global discount value must be a number greater than 0.0');
    if (kind !== 'percentage' && kind !== 'absolute')
      gd.invalid('Global discount value type must be percentage or absolute');
    else if (value !== undefined && dec(value).lt(0))
      gd.invalid('Global discount value must be a number greater than 0.0');
    else if (value !== undefined && kind === 'percentage' && dec(value).gt(100))
      gd.invalid('Global discount value must be between 0.0 and 100.0');
    else if (value !== undefined && !dec(value).isZero())
      globalDiscount = { kind: kind === 'percentage' ? 'percent' : 'amount', value };
  }
  const currency = root.text('currency_code')?.trim().toUpperCase();
  if (currency && !/^[A-Z]{3}$/.test(currency)) root.invalid(`Currency ${currency} was not found`);
  const rate = number(root, 'rate', 'rate is not a number');
  if (root.bool('mb_reference'))
    root.invalid('Option to generate MB reference is set, but EasyPay for this account is not activated');
  const uid = body.text('proprietary_uid') ?? root.text('proprietary_uid') ?? undefined;
  root.check();

  const input: Partial<DocumentInput> = {
    type: type.core,
    date,
    dueDate,
    reference: root.has('reference') ? root.text('reference') : undefined,
    observations: root.has('observations') ? root.text('observations') : undefined,
    withholding: retention === undefined ? undefined : { rate: retention },
    exemptionCode: exemption,
    seriesId,
    customer,
    globalDiscount,
    currency: currency || undefined,
    exchangeRate: rate,
    vatIncluded: false,
    // InvoiceXpress's state table takes only invoice-receipts from draft to settled: a simplified invoice is
    // issued `final` with its amount open, and partial payments (receipts) settle it.
    paidOnIssue: type.core === 'FS' ? false : undefined,
  };
  return {
    root,
    input: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<DocumentInput>,
    lines,
    ownerInvoiceId,
    proprietaryUid: uid?.trim() || undefined,
  };
}

const OWNED_BY_GUIDE: readonly DocType[] = ['FT', 'FS', 'FR'];

/**
 * Completes a read body with what needs the account's data: tax ids and names to taxes (an unknown name or none →
 * the default tax, as InvoiceXpress documents; an unknown id is refused), the sequence, and `owner_invoice_id` (a credit or debit note carries the lines
 * of its invoice it names; an invoice may name the guide it bills, or the quote or proforma it bills, whose pending lines it carries). `base` fills what the body leaves out (PUT).
 */
export async function resolveDocumentInput(
  tx: Tx,
  ctx: Ctx,
  parsed: IxDocumentBody,
  type: IxDocType,
  base: Partial<DocumentInput> = {},
): Promise<DocumentInput> {
  const issues: string[] = [];
  const input: Partial<DocumentInput> = { ...base, ...parsed.input };
  if (parsed.input.seriesId !== undefined && parsed.input.seriesId !== null) {
    const series = await listSeries(tx, ctx.accountId);
    if (!series.some((s) => s.id === parsed.input.seriesId))
      issues.push(`Sequence ${parsed.input.seriesId} was not found`);
  }
  const taxes = await listTaxes(tx, ctx.accountId);
  const fallback = taxes.find((t) => t.is_default && t.valid_to === null) ?? taxes.find((t) => t.is_default);
  const taxIdOf = (l: IxLine) => {
    const byId = l.taxId === undefined ? undefined : taxes.find((t) => t.id === l.taxId);
    if (byId) return byId.id;
    // An id of another system (a client migrating from InvoiceXpress) with a name: the name decides.
    if (l.taxId !== undefined && !l.taxName) {
      issues.push(`Tax ${l.taxId} was not found`);
      return undefined;
    }
    const name = l.taxName;
    return (name ? taxes.find((t) => t.name.toLowerCase() === name.toLowerCase())?.id : undefined) ?? fallback?.id;
  };
  let lines: LineInput[] | undefined = parsed.lines?.map((l) => {
    const taxId = taxIdOf(l);
    return { ...l.line, taxId, item: l.line.item ? { ...l.line.item, taxId } : l.line.item };
  });

  const rectifies = DOC_TYPE_INFO[type.core].rectifies;
  if (rectifies && parsed.ownerInvoiceId === undefined && !base.relatedDocumentId) {
    issues.push('owner_invoice_id is required: a credit or debit note corrects an invoice');
  }
  if (parsed.ownerInvoiceId !== undefined) {
    const owner = await getDocument(tx, ctx.accountId, parsed.ownerInvoiceId).catch((err) => {
      if (err instanceof DomainError && err.code === 'not_found') return undefined;
      throw err;
    });
    const ownerType = owner?.doc.doc_type as DocType | undefined;
    /** The owner's lines the body names (by item name), with the quantities and prices sent; `all` without items. */
    const carry = (o: DocumentView, all: IxLine[]) => {
      const out: LineInput[] = [];
      for (const l of parsed.lines ?? all) {
        const ol = o.lines.find((x) => x.code === l.name) ?? o.lines.find((x) => x.description === l.name);
        if (!ol) {
          issues.push(`Item ${l.name} is not on the owner ${rectifies ? 'invoice' : 'document'}`);
          continue;
        }
        out.push(
          lineAsInput(ol, 'origin', {
            quantity: l.line.quantity,
            unitPrice: l.line.unitPrice,
            discounts: l.line.discounts?.length ? l.line.discounts : undefined,
          }),
        );
      }
      const d = o.doc;
      Object.assign(input, {
        contactId: d.contact_id,
        customer: undefined,
        currency: d.currency,
        exchangeRate: d.exchange_rate,
        globalDiscount:
          parsed.input.globalDiscount ??
          (d.global_discount_kind ? { kind: d.global_discount_kind, value: d.global_discount_value! } : null),
        relatedDocumentId: d.id,
      });
      return out;
    };
    const asLine = (ol: DocumentView['lines'][number], quantity: string): IxLine => ({
      name: ol.code,
      line: { quantity, unitPrice: ol.unit_price } as LineInput,
    });
    if (!owner || !ownerType) issues.push(`Owner invoice ${parsed.ownerInvoiceId} was not found`);
    else if (rectifies) {
      const info = DOC_TYPE_INFO[ownerType];
      if (info.family !== 'invoice' || info.rectifies)
        issues.push('owner_invoice_id must be an invoice, a simplified invoice or an invoice-receipt');
      // A note carries all the invoice's lines in full when the body has no items.
      else
        lines = carry(
          owner,
          owner.lines.map((ol) => asLine(ol, ol.quantity)),
        );
    } else if (OWNED_BY_GUIDE.includes(type.core) && DOC_TYPE_INFO[ownerType].family === 'transport') {
      input.relatedDocumentId = owner.doc.id;
      if (!lines && !base.lines?.length) issues.push('Items element should be of type array');
    } else if (
      OWNED_BY_GUIDE.includes(type.core) &&
      (CONVERTIBLE_FROM[ownerType] ?? []).includes(type.core) &&
      DOC_TYPE_INFO[ownerType].family === 'working'
    ) {
      // A quote, proforma or fees note billed: its lines with what is still pending of each (the core's conversion
      // quantities, checked again at finalize); without items, every line with something pending.
      if (owner.doc.status !== 'final')
        issues.push(
          `Owner document ${owner.doc.id} must be finalized (it is ${owner.doc.status === 'draft' ? 'a draft' : 'canceled'})`,
        );
      else {
        const pending = await remainingByLine(
          tx,
          ctx.accountId,
          owner.lines.map((ol) => ol.id),
          false,
        );
        const open = owner.lines.filter((ol) => pending.get(ol.id)?.gt(0));
        if (!parsed.lines && !open.length)
          issues.push(`Nothing remains to invoice from owner document ${owner.doc.id}`);
        else
          lines = carry(
            owner,
            open.map((ol) => asLine(ol, pending.get(ol.id)!.toString())),
          );
      }
    } else {
      issues.push(
        'owner_invoice_id is only available for credit_notes or debit_notes (or a guide, quote or proforma on invoices)',
      );
    }
  }
  if (issues.length) throw new IxError(422, issues);
  return { ...input, type: type.core, lines: lines ?? base.lines ?? [] } as DocumentInput;
}
