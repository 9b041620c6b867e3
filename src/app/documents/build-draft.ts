import {
  type DraftAddress,
  type DraftCustomer,
  customerSnapshot as snapshotOf,
  draftDocument,
} from '../../domain/documents/draft.js';
import { regimeOf } from '../../domain/regime/registry.js';
import { beLang } from '../../domain/be/legal-mentions.js';
import type { Ctx, Tx } from '../context.js';
import type { Account, AddressSnapshot, Contact, PartySnapshot, Series } from '../../infra/db/schema.js';
import { type AccountConfig, accountConfig } from '../accounts/account-config.js';
import type { DocumentInput } from './document-input.js';
import { type DraftDocumentRow, type DraftLineRow, draftRows } from './draft-rows.js';
import { normalizeInput } from './normalize-input.js';
import { resolveReferences } from './resolve-references.js';

export type DraftLine = DraftLineRow;

export interface Draft {
  doc: DraftDocumentRow;
  lines: DraftLineRow[];
  /** The account and series rows the draft was built from (finalize reads them too), and the signing key. */
  account: Account;
  series: Series;
  signingKey: AccountConfig['signingKey'];
}

/** The domain's view of a contact as a document's customer. */
export function draftCustomer(contact: Contact): DraftCustomer {
  return {
    id: contact.id,
    code: contact.code,
    name: contact.name,
    taxId: contact.tax_id,
    isFinalConsumer: contact.is_final_consumer,
    country: contact.country,
    street: contact.street,
    postalCode: contact.postal_code,
    city: contact.city,
    email: contact.email,
    phone: contact.phone,
    defaultDiscount: contact.default_discount,
    paymentTermsDays: contact.payment_terms_days,
  };
}

/** `finalConsumerTaxId`: the regime's (`FiscalRegime.finalConsumerTaxId`), Portugal's when not given. */
export function customerSnapshot(
  contact: Contact,
  billing: AddressSnapshot | null,
  finalConsumerTaxId?: string | null,
): PartySnapshot {
  return snapshotOf(draftCustomer(contact), billing as DraftAddress | null, finalConsumerTaxId);
}

/**
 * Resolves a create/update request into the rows of a draft, in four steps: the request checked on its own
 * (`normalizeInput`), its references read in batches (`resolveReferences`), the domain draft with totals and legal
 * checks (`draftDocument`), the rows (`draftRows`).
 * With `readOnly` it writes nothing and throws `WritesNeeded` when an inline customer or item must be written.
 */
export async function buildDraft(
  tx: Tx,
  ctx: Ctx,
  input: DocumentInput,
  opts: { readOnly?: boolean } = {},
): Promise<Draft> {
  // The account's regime gives the legal clock of the default date (the configuration is read once, for both).
  const config = await accountConfig(tx, ctx);
  const regime = regimeOf(config.account);
  const n = normalizeInput(input, regime.today(ctx.now), regime);
  const refs = await resolveReferences(tx, ctx, input, n, opts, config);
  const vatIncluded = input.vatIncluded ?? refs.series.vat_included;
  const draft = draftDocument({
    type: n.type,
    docDate: n.docDate,
    dueDate: n.dueDate,
    loadAt: n.loadAt,
    unloadAt: n.unloadAt,
    loadAddress: n.loadAddress,
    unloadAddress: n.unloadAddress,
    billing: n.billing,
    vehiclePlate: n.text.vehiclePlate,
    vatIncluded,
    globalDiscount: n.globalDiscount,
    withholdingRate: n.withholdingRate,
    roundingAdjustment: n.roundingAdjustment,
    exchangeRate: n.exchangeRate,
    exemptionCode: input.exemptionCode,
    relatedDocumentId: input.relatedDocumentId ?? null,
    customer: draftCustomer(refs.customer),
    regime,
    belgium:
      regime.code === 'BE'
        ? {
            language: beLang(n.language ?? refs.customer.language ?? config.account.default_language),
            customerField: input.customer ? 'customer.taxId' : 'contactId',
          }
        : null,
    lines: n.lines.map((l, i) => {
      const { origin, reference, item, unitSymbol, tax } = refs.lines[i];
      return {
        namesItem: l.input.itemId != null || !!l.input.item,
        code: l.input.code,
        description: l.input.description,
        unit: l.input.unit,
        productType: l.input.productType,
        exemptionCode: l.input.exemptionCode,
        exemptionReason: l.input.exemptionReason,
        vatCategory: l.input.vatCategory,
        vatexCode: l.input.vatexCode,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discounts: l.discounts,
        origin,
        reference,
        item: item && {
          id: item.id,
          code: item.code,
          description: item.description,
          price: item.price,
          priceWithVat: item.price_with_vat ?? null,
          productType: item.product_type,
          unitSymbol,
        },
        tax: {
          id: tax.id,
          type: tax.tax_type as 'IVA',
          region: tax.region,
          code: tax.saft_code,
          rate: tax.rate,
        },
      };
    }),
  });
  const { doc, lines } = draftRows(ctx, input, n, refs, vatIncluded, draft);
  return { doc, lines, account: refs.config.account, series: refs.series, signingKey: refs.config.signingKey };
}
