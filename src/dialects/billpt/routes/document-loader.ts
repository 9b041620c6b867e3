import type { Db } from '../../../app/context.js';
import { getContact } from '../../../app/contacts/get-contact.js';
import { type DocumentView, getDocument } from '../../../app/documents/get-document.js';
import { getItem } from '../../../app/items/get-item.js';
import { CATALOGS } from '../../../app/reference/catalogs.js';
import { listCatalog } from '../../../app/reference/list-catalog.js';
import { usedAmong } from '../../../app/reference/used-ids.js';
import { listStores } from '../../../app/stores/list-stores.js';
import type { DocumentExtras } from '../views/documents.js';

type Item = Awaited<ReturnType<typeof getItem>>;

type Unit = { id: number; name: string; symbol: string; is_default: boolean };

/** A document with everything its bill.pt view nests (store, contact, state, items, units). */
export async function loadDocument(
  db: Db,
  accountId: number,
  id: number,
): Promise<{ view: DocumentView; extras: DocumentExtras }> {
  const view = await getDocument(db, accountId, id);
  const d = view.doc;
  const store =
    d.store_id === null ? null : ((await listStores(db, accountId)).find((s) => s.id === d.store_id) ?? null);
  const contact = d.contact_id === null ? null : await getContact(db, accountId, d.contact_id).catch(() => null);
  const state =
    d.state_id === null
      ? null
      : ((
          (await listCatalog(db, accountId, CATALOGS.documentStates)) as unknown as { id: number; name: string }[]
        ).find((s) => s.id === d.state_id) ?? null);
  const items = new Map<number, Item>();
  for (const itemId of new Set(view.lines.map((l) => l.item_id).filter((x): x is number => x !== null))) {
    items.set(itemId, await getItem(db, accountId, itemId));
  }
  const units = new Map(
    ((await listCatalog(db, accountId, CATALOGS.units)) as unknown as Unit[]).map((u) => [u.id, u]),
  );
  const unitIds = [...items.values()].map((i) => i.unit_id).filter((x): x is number => x !== null);
  return {
    view,
    extras: {
      store,
      contact,
      state,
      items,
      units,
      storeUsed: store ? (await usedAmong(db, accountId, 'stores', [store.id])).has(store.id) : false,
      contactUsed: contact ? (await usedAmong(db, accountId, 'contacts', [contact.id])).has(contact.id) : false,
      usedUnits: await usedAmong(db, accountId, 'units', unitIds),
    },
  };
}
