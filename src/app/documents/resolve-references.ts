import { DomainError } from '../../domain/errors.js';
import type { DraftLineRequest, DraftOriginLine } from '../../domain/documents/draft.js';
import type { Contact, Item, Series, Store, Tax } from '../../infra/db/schema.js';
import type { Ctx, Tx } from '../context.js';
import { type AccountConfig, accountConfig } from '../accounts/account-config.js';
import { checkOwned } from '../check-owned.js';
import { resolveCustomer } from '../contacts/resolve-customer.js';
import { ItemFinder } from '../items/resolve-item.js';
import type { DocumentInput } from './document-input.js';
import type { NormalizedInput } from './normalize-input.js';
import { TaxResolver } from './resolve-tax.js';
import { regimeOf } from '../../domain/regime/registry.js';
import { resolveSeriesAndStore } from './resolve-series.js';

export interface ResolvedReferences {
  config: AccountConfig;
  series: Series;
  store: Store | null;
  customer: Contact;
  lines: {
    origin: DraftOriginLine | null;
    reference: DraftLineRequest['reference'];
    item: Item | null;
    unitSymbol: string | null;
    tax: Tax;
  }[];
}

/**
 * What a request refers to: series and store, customer, the ids it names, and each line's origin line, item and tax.
 * Batched: one query for every origin line and one for every item, whatever the number of lines; unknown references
 * are reported in line order (origin, item, tax of line 1, then line 2…), as when they were read one by one.
 * With `readOnly` it writes nothing and throws `WritesNeeded` when an inline customer or item must be written.
 */
export async function resolveReferences(
  tx: Tx,
  ctx: Ctx,
  input: DocumentInput,
  n: NormalizedInput,
  opts: { readOnly?: boolean } = {},
  /** The account's configuration when the caller already read it. */
  known?: AccountConfig,
): Promise<ResolvedReferences> {
  const config = known ?? (await accountConfig(tx, ctx));
  const { series, store } = resolveSeriesAndStore(config, input.seriesId, input.storeId);
  const customer = await resolveCustomer(
    tx,
    ctx.accountId,
    input.contactId,
    input.customer,
    opts.readOnly,
    config.account.country,
  );
  await checkReferences(tx, ctx.accountId, input);

  const originIds = [
    ...new Set(n.lines.flatMap((l) => (l.input.originLineId != null ? [Number(l.input.originLineId)] : []))),
  ];
  const origins = new Map(
    (originIds.length
      ? await tx
          .selectFrom('document_lines')
          .select(['id', 'document_id', 'item_id', 'code', 'description'])
          .where('account_id', '=', ctx.accountId)
          .where('id', 'in', originIds)
          .execute()
      : []
    ).map((o) => [o.id, o]),
  );
  // A line's original named by number: a document of the account with that number stands for it.
  const numbers = [...new Set(n.lines.flatMap((l) => (l.reference ? [l.reference.number] : [])))];
  const byNumber = new Map(
    (numbers.length
      ? await tx
          .selectFrom('documents')
          .select(['id', 'doc_no'])
          .where('account_id', '=', ctx.accountId)
          .where('doc_no', 'in', numbers)
          .execute()
      : []
    ).map((d) => [d.doc_no!, d.id]),
  );
  const namesItem = (l: NormalizedInput['lines'][number]) => l.input.itemId != null || !!l.input.item;
  const itemIdOf = (l: NormalizedInput['lines'][number]) =>
    l.input.itemId ?? (namesItem(l) ? undefined : origins.get(Number(l.input.originLineId))?.item_id);
  const items = await ItemFinder.load(
    tx,
    ctx.accountId,
    n.lines.map((l) => ({ itemId: itemIdOf(l), inline: l.input.item })),
    opts.readOnly,
  );

  const taxes = new TaxResolver(config.taxes, config.account.default_tax_id, regimeOf(config.account).code);
  const lines: ResolvedReferences['lines'] = [];
  for (const [i, l] of n.lines.entries()) {
    const at = `lines[${i}]`;
    let origin: DraftOriginLine | null = null;
    if (l.input.originLineId != null) {
      const o = origins.get(Number(l.input.originLineId));
      if (!o)
        throw new DomainError(
          'not_found',
          `Origin line ${l.input.originLineId} does not exist.`,
          [{ field: `${at}.originLineId`, issue: 'unknown', message: 'Not found in this account.' }],
          { resource: 'document' },
        );
      origin = { id: o.id, documentId: o.document_id, itemId: o.item_id, code: o.code, description: o.description };
    }
    const item = await items.resolve(itemIdOf(l), l.input.item, at);
    const unitSymbol = config.units.find((u) => u.id === item?.unit_id)?.symbol ?? null;
    const reference = l.reference
      ? { documentId: byNumber.get(l.reference.number) ?? null, external: l.reference }
      : null;
    lines.push({ origin, reference, item, unitSymbol, tax: taxes.resolve(l.input, `${at}.taxId`, item?.tax_id) });
  }
  return { config, series, store, customer, lines };
}

function checkReferences(tx: Tx, accountId: number, input: DocumentInput): Promise<void> {
  return checkOwned(tx, accountId, [
    ['paymentMethodId', 'payment_methods', input.paymentMethodId, 'payment method'],
    ['shippingMethodId', 'shipping_methods', input.shippingMethodId, 'shipping method'],
    ['stateId', 'document_states', input.stateId, 'document state'],
    ['relatedDocumentId', 'documents', input.relatedDocumentId, 'document'],
  ]);
}
