import { getContact } from '../../../app/contacts/get-contact.js';
import { type DocumentView, getDocument } from '../../../app/documents/get-document.js';
import { listDocumentsWithPending, type PendingLine, pendingLinesOf } from '../../../app/documents/list-pending.js';
import { getItem } from '../../../app/items/get-item.js';
import { CATALOGS } from '../../../app/reference/catalogs.js';
import { listCatalog } from '../../../app/reference/list-catalog.js';
import { usedAmong } from '../../../app/reference/used-ids.js';
import { listTaxes } from '../../../app/taxes/list-taxes.js';
import { findExemption } from '../../../domain/pt/exemption-codes.js';
import type { Call, Route } from '../context.js';
import { readDocType } from '../document-input.js';
import { DOCUMENT_FIELDS } from '../field-names.js';
import { fixed, laravelPage, lisbonStamp } from '../format.js';
import { readPage } from '../search.js';
import { itemLong } from '../views/items.js';
import { exemptionId, taxLongJson, unitLongJson } from '../views/reference.js';

type DocumentRow = DocumentView['doc'];
type Item = Awaited<ReturnType<typeof getItem>>;
type Tax = Awaited<ReturnType<typeof listTaxes>>[number];

type Unit = { id: number; name: string; symbol: string; is_default: boolean };

/** Pending entries of documents: what remains of each line to convert (or to credit, for invoices). */
async function pendingJson(c: Call, docs: DocumentRow[], pending: Map<number, PendingLine[]>) {
  const taxes = new Map<number, Tax>((await listTaxes(c.db, c.accountId)).map((t) => [t.id, t]));
  const units = new Map(
    ((await listCatalog(c.db, c.accountId, CATALOGS.units)) as unknown as Unit[]).map((u) => [u.id, u]),
  );
  const items = new Map<number, Item>();
  const all = [...pending.values()].flat();
  for (const id of new Set(all.map((p) => p.line.item_id).filter((x): x is number => x !== null)))
    items.set(id, await getItem(c.db, c.accountId, id));
  const usedTaxes = await usedAmong(c.db, c.accountId, 'taxes', [
    ...new Set(all.map((p) => p.line.tax_id).filter((x): x is number => x !== null)),
  ]);
  const usedUnits = await usedAmong(
    c.db,
    c.accountId,
    'units',
    [...items.values()].map((i) => i.unit_id).filter((x): x is number => x !== null),
  );
  const byId = new Map(docs.map((d) => [d.id, d]));
  const out: Record<string, unknown[]> = {};
  for (const [docId, lines] of pending) {
    const d = byId.get(docId)!;
    out[String(docId)] = lines.map((p) => {
      const l = p.line;
      const tax = l.tax_id === null ? undefined : taxes.get(l.tax_id);
      const item = l.item_id === null ? undefined : items.get(l.item_id);
      const unit = item?.unit_id ? units.get(item.unit_id) : undefined;
      const exemption = l.exemption_code ? findExemption(l.exemption_code) : undefined;
      return {
        id: l.id,
        origem: docId,
        quantidade: fixed(p.quantity.toString(), 5),
        quantidade_movida: fixed(p.moved.toString(), 5),
        lancamento_original: {
          id: l.id,
          documento_id: docId,
          user_id: d.user_id,
          empresa_id: c.accountId,
          item_id: l.item_id,
          imposto_id: l.tax_id,
          motivo_isencao_id: l.exemption_code ? exemptionId(l.exemption_code) : null,
          lancamento_pai_id: l.origin_line_id,
          loja_id: d.store_id,
          nome: l.description,
          referencia_manual: null,
          quantidade: fixed(l.quantity, 10),
          preco_unitario: fixed(l.unit_price, 10),
          desconto_1: fixed(l.discount1, 5),
          desconto_2: fixed(l.discount2, 5),
          desconto_3: fixed(l.discount3, 5),
          net_total: l.net_total,
          tax_total: l.tax_total,
          gross_total: l.gross_total,
          desconto_total: fixed(l.discount_amount, 2),
          retencao_total: '0.00',
          created_at: lisbonStamp(d.created_at),
          updated_at: lisbonStamp(d.updated_at),
          imposto: tax ? taxLongJson(c.accountId, tax, usedTaxes.has(tax.id)) : null,
          motivo_isencao: l.exemption_code
            ? {
                id: exemptionId(l.exemption_code),
                codigo: l.exemption_code,
                motivo: exemption?.text ?? l.exemption_reason ?? '',
              }
            : null,
          item: item
            ? {
                ...itemLong(c.accountId, item, true),
                unidade_medida: unit ? unitLongJson(c.accountId, unit, usedUnits.has(unit.id)) : null,
              }
            : null,
        },
      };
    });
  }
  return out;
}

export function pendingRoutes(route: Route): void {
  // Documents of a contact with movements pending, optionally only those that can become `tipificacao`.
  route('GET', '/movimentos-pendentes', { billptFields: DOCUMENT_FIELDS }, async (c) => {
    c.input.require('contato_id');
    const contactId = c.input.id('contato_id');
    const type = c.input.has('tipificacao', 'tipo_documento_id') ? readDocType(c.input, false) : undefined;
    const page = readPage(c.input, 20);
    c.input.check();
    await getContact(c.db, c.accountId, contactId ?? 0);
    const result = await listDocumentsWithPending(
      c.db,
      c.accountId,
      { contactId: contactId!, target: type?.core },
      page,
    );
    return laravelPage(
      c.request,
      result,
      result.items.map((d) => ({
        id: d.id,
        origem: d.id,
        origem_documento: { id: d.id, invoice_number: d.doc_no, invoice_date: d.doc_date, gross_total: d.gross_total },
      })),
    );
  });

  route(
    'GET',
    '/movimentos-pendentes/multiplos',
    { billptFields: DOCUMENT_FIELDS, billptDocField: 'documentos' },
    async (c) => {
      c.input.require('documentos', 'ids', 'documentos_id');
      const ids = c.input.ids('documentos', 'ids', 'documentos_id') ?? [];
      c.input.check();
      const docs: DocumentRow[] = [];
      for (const id of new Set(ids)) docs.push((await getDocument(c.db, c.accountId, id)).doc);
      return pendingJson(
        c,
        docs,
        await pendingLinesOf(
          c.db,
          c.accountId,
          docs.map((d) => d.id),
        ),
      );
    },
  );

  route('GET', '/movimentos-pendentes/:id', { billptFields: DOCUMENT_FIELDS }, async (c) => {
    const { doc } = await getDocument(c.db, c.accountId, c.id);
    const out = await pendingJson(c, [doc], await pendingLinesOf(c.db, c.accountId, [doc.id]));
    return out[String(doc.id)] ?? [];
  });
}
