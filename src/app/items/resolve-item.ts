import { DomainError } from '../../domain/errors.js';
import { WritesNeeded, type Tx } from '../context.js';
import type { Item } from '../../infra/db/schema.js';
import type { ItemInput } from './item-input.js';
import { createItem } from './create-item.js';
import { updateItem } from './update-item.js';

/**
 * A line's item: by id; or inline, found by code then by description, or created. With `updateExisting`
 * (InvoiceXpress semantics) a found item takes the new values; with `matchCodeOnly` (InvoiceXpress keys items by
 * name) it is never matched by description. With `readOnly`, throws `WritesNeeded` instead of creating or updating.
 */
export async function resolveItem(
  tx: Tx,
  accountId: number,
  itemId: number | null | undefined,
  inline: (ItemInput & { updateExisting?: boolean; matchCodeOnly?: boolean }) | null | undefined,
  path: string,
  readOnly = false,
): Promise<Item | null> {
  const base = tx.selectFrom('items').selectAll().where('account_id', '=', accountId);
  if (itemId !== undefined && itemId !== null) {
    const row = await base.where('id', '=', Number(itemId)).executeTakeFirst();
    if (!row)
      throw new DomainError(
        'not_found',
        `Item ${itemId} does not exist.`,
        [{ field: `${path}.itemId`, issue: 'unknown', message: 'Not found in this account.' }],
        { resource: 'item' },
      );
    return row;
  }
  if (!inline) return null;
  const { updateExisting, matchCodeOnly, ...values } = inline;
  let found: Item | undefined;
  if (values.code) found = await base.where('code', '=', String(values.code).trim()).executeTakeFirst();
  if (!found && values.description && !matchCodeOnly)
    found = await base.where('description', '=', values.description.trim()).orderBy('id').executeTakeFirst();
  if (found) {
    if (!updateExisting) return found;
    if (readOnly) throw new WritesNeeded('item');
    const { code: _code, ...changes } = values;
    return updateItem(tx, accountId, found.id, changes);
  }
  if (readOnly) throw new WritesNeeded('item');
  return createItem(tx, accountId, { ...values, code: values.code ?? values.description?.trim().slice(0, 60) }, path);
}

type InlineItem = (ItemInput & { updateExisting?: boolean; matchCodeOnly?: boolean }) | null | undefined;

/**
 * The items of a whole request read in one query (by id, by code, by description), then resolved line by line as
 * `resolveItem` would. A line whose item is not among them (unknown, or to create or update) goes through
 * `resolveItem`; once that has written, the rest of the request does too, as the query may no longer tell the truth.
 */
export class ItemFinder {
  private byId = new Map<number, Item>();
  private byCode = new Map<string, Item>();
  private byDescription = new Map<string, Item>();
  private current = true;

  private constructor(
    private readonly tx: Tx,
    private readonly accountId: number,
    private readonly readOnly: boolean,
  ) {}

  static async load(
    tx: Tx,
    accountId: number,
    wanted: { itemId: number | null | undefined; inline: InlineItem }[],
    readOnly = false,
  ): Promise<ItemFinder> {
    const f = new ItemFinder(tx, accountId, readOnly);
    const ids = new Set<number>();
    const codes = new Set<string>();
    const descriptions = new Set<string>();
    for (const { itemId, inline } of wanted) {
      if (itemId !== undefined && itemId !== null) ids.add(Number(itemId));
      else if (inline) {
        if (inline.code) codes.add(String(inline.code).trim());
        if (inline.description && !inline.matchCodeOnly) descriptions.add(inline.description.trim());
      }
    }
    if (!ids.size && !codes.size && !descriptions.size) return f;
    const rows = await tx
      .selectFrom('items')
      .selectAll()
      .where('account_id', '=', accountId)
      .where((eb) =>
        eb.or([
          ...(ids.size ? [eb('id', 'in', [...ids])] : []),
          ...(codes.size ? [eb('code', 'in', [...codes])] : []),
          ...(descriptions.size ? [eb('description', 'in', [...descriptions])] : []),
        ]),
      )
      .orderBy('id')
      .execute();
    for (const r of rows) {
      f.byId.set(r.id, r);
      f.byCode.set(r.code, r);
      if (!f.byDescription.has(r.description)) f.byDescription.set(r.description, r);
    }
    return f;
  }

  async resolve(itemId: number | null | undefined, inline: InlineItem, path: string): Promise<Item | null> {
    if (this.current) {
      if (itemId !== undefined && itemId !== null) {
        const row = this.byId.get(Number(itemId));
        if (row) return row;
      } else if (!inline) return null;
      else if (!inline.updateExisting) {
        const found =
          (inline.code ? this.byCode.get(String(inline.code).trim()) : undefined) ??
          (inline.description && !inline.matchCodeOnly ? this.byDescription.get(inline.description.trim()) : undefined);
        if (found) return found;
      }
    }
    const row = await resolveItem(this.tx, this.accountId, itemId, inline, path, this.readOnly);
    if (row && this.byId.get(row.id) !== row) this.current = false;
    return row;
  }
}
