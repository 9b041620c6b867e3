import { cancelDocument } from '../../../app/documents/cancel-document.js';
import { createOpeningBalance } from '../../../app/documents/create-opening-balance.js';
import { defaultDocumentMethods } from '../../../app/documents/default-methods.js';
import { deleteDraft } from '../../../app/documents/delete-draft.js';
import { documentIssue, runIssue } from '../../../app/documents/issue-document.js';
import { getDocument } from '../../../app/documents/get-document.js';
import { type DocumentFilter, listDocuments } from '../../../app/documents/list-documents.js';
import { setInternalNote } from '../../../app/documents/set-internal-note.js';
import { claimDocumentCounterCode } from '../../../app/series/claim-counter-code.js';
import { getSeries } from '../../../app/series/get-series.js';
import { isDocType } from '../../../domain/documents/types.js';
import { BillptError } from '../billpt-error.js';
import type { Call, Route } from '../context.js';
import { billptCounterCode } from '../counter-codes.js';
import { billptTypeByCode, billptTypeById, billptTypeOf, docTypeDetailJson } from '../doc-types.js';
import { documentInput } from '../document-input.js';
import { DOCUMENT_FIELDS } from '../field-names.js';
import { dayOf, emptyPage, jsonNumber, laravelPage, spaced, tSeparated } from '../format.js';
import { isBoolean, isTrue, readPage, readSearch } from '../search.js';
import { documentJson, documentListJson, embeddedSeries } from '../views/documents.js';
import { loadDocument } from './document-loader.js';

const cfg = { billptFields: DOCUMENT_FIELDS };
const bodyDoc = { billptFields: DOCUMENT_FIELDS, billptDocField: 'documento_id' };

const EXACT = [
  'tipo_documento_id',
  'contato_id',
  'terminado',
  'metodo_pagamento_id',
  'serie_id',
  'loja_id',
  'modulo_estado_id',
  'estado',
  'tipificacao',
];
const LIKE: Record<string, 'doc_no' | 'vehicle_plate' | 'reference' | 'customer_name'> = {
  viatura: 'vehicle_plate',
  invoice_number: 'doc_no',
  referencia: 'reference',
  'contatos.nome': 'customer_name',
};
const ORDER: Record<string, NonNullable<DocumentFilter['order']>['field']> = {
  invoice_number: 'doc_no',
  'contatos.nome': 'customer_name',
  invoice_date: 'doc_date',
  prazo_vencimento: 'due_date',
  gross_total: 'gross_total',
  codigo_at: 'at_code',
  system_entry_date: 'system_entry_date',
  id: 'id',
};
const ID_FILTERS: Record<string, 'contactId' | 'paymentMethodId' | 'seriesId' | 'storeId' | 'stateId'> = {
  contato_id: 'contactId',
  metodo_pagamento_id: 'paymentMethodId',
  serie_id: 'seriesId',
  loja_id: 'storeId',
  modulo_estado_id: 'stateId',
};

/** The id of the document a body names (`documento_id`, or `id`). */
function documentIdOf(c: Call): number {
  c.input.require('documento_id', 'id');
  const id = c.input.id('documento_id', 'id');
  c.input.check();
  return id ?? 0;
}

/** The receipt and opening-balance answer of bill.pt (seed 001): a flat header with numbers as numbers. */
export async function issuedJson(c: Call, id: number, opts: { withTax: boolean; withTypeDetail: boolean }) {
  const { doc: d } = await getDocument(c.db, c.accountId, id);
  const series = await getSeries(c.db, c.accountId, d.series_id);
  const type = billptTypeOf(d.doc_type)!;
  return {
    observacoes: d.observations ?? '',
    invoice_date: d.doc_date,
    ...(opts.withTypeDetail
      ? {
          prazo_vencimento: spaced(
            `${d.due_date ?? d.doc_date} ${(d.system_entry_date ?? '').slice(11, 19) || '00:00:00'}`,
          ),
        }
      : {}),
    system_entry_date: tSeparated(d.system_entry_date),
    status_date: tSeparated(d.status_date),
    cambio: jsonNumber(d.exchange_rate ?? 1),
    moeda: d.currency,
    ...(opts.withTax ? { lingua: d.language } : {}),
    serie_id: d.series_id,
    terminado: d.status !== 'draft',
    serie_counter: d.number,
    contato_id: d.contact_id,
    metodo_pagamento_id: d.payment_method_id,
    contato_header_id: d.contact_id,
    empresa_header_id: c.accountId,
    tipo_documento_id: type.id,
    gross_total: jsonNumber(d.gross_total),
    ...(opts.withTax ? {} : { net_total: jsonNumber(d.net_total) }),
    user_id: d.user_id,
    id: d.id,
    invoice_number: d.doc_no,
    ...(opts.withTax
      ? {
          net_total: jsonNumber(d.net_total),
          tax_total: jsonNumber(d.tax_total),
          desconto_total: jsonNumber(d.discount_total),
          retencao_total: jsonNumber(d.withholding_total),
        }
      : {}),
    serie: embeddedSeries(
      series,
      series.docTypes.some((t) => t.last_number > 0),
      opts.withTax,
    ),
    ...(opts.withTypeDetail ? { tipo_documento: docTypeDetailJson(type) } : {}),
  };
}

export function documentRoutes(route: Route): void {
  route('GET', '/documentos', cfg, async (c) => {
    const search = readSearch(c.input, { exact: EXACT, like: Object.keys(LIKE), order: Object.keys(ORDER) });
    const page = readPage(c.input, 20);
    c.input.check();
    const f: DocumentFilter = { likes: [] };
    let none = false;
    let statuses: string[] | undefined;
    const narrow = (s: string[]) => {
      statuses = statuses ? statuses.filter((x) => s.includes(x)) : s;
    };
    for (const [field, value] of search.exact) {
      if (ID_FILTERS[field] || field === 'tipo_documento_id') {
        if (!/^\d{1,15}$/.test(value)) throw new BillptError(422, [`7.pesquisa.${field}`]);
        if (field === 'tipo_documento_id') {
          const core = billptTypeById(Number(value))?.core;
          if (!core) none = true;
          else f.types = core === 'RG' ? ['RG', 'RC'] : [core];
        } else f[ID_FILTERS[field]] = Number(value);
      } else if (field === 'tipificacao') {
        const t = billptTypeByCode(value);
        f.types = t?.core === 'RG' ? ['RG', 'RC'] : t?.core ? [t.core] : isDocType(value) ? [value] : ['-'];
      } else if (field === 'terminado') {
        if (!isBoolean(value)) throw new BillptError(422, ['5.pesquisa.terminado']);
        narrow(isTrue(value) ? ['final', 'cancelled'] : ['draft']);
      } else if (field === 'estado') {
        const e = value.toUpperCase();
        if (e === 'A') narrow(['cancelled']);
        else if (e === 'N') narrow(['draft', 'final']);
        else none = true;
      }
    }
    if (statuses) {
      if (!statuses.length) none = true;
      f.statuses = statuses;
    }
    for (const [field, value] of search.like) f.likes!.push({ field: LIKE[field], value });
    if (search.order.length) f.order = { field: ORDER[search.order[0][0]], dir: search.order[0][1] };
    const result = none ? emptyPage(page.perPage) : await listDocuments(c.db, c.accountId, f, page);
    return laravelPage(c.request, result, result.items.map(documentListJson));
  });

  route('GET', '/documentos/:id', cfg, async (c) => {
    const { view, extras } = await loadDocument(c.db, c.accountId, c.id);
    return documentJson(view, extras, 'full');
  });

  // Create a draft or a finalized document; with `id`, replace a draft: bill.pt gives the edited draft a new id,
  // so the draft is deleted and the new one created in the same transaction.
  route('POST', '/documentos', cfg, async (c) => {
    const parsed = documentInput(c.input);
    const { editId } = parsed;
    // bill.pt: a method the request does not name is the customer's, else the company's default one (seed 001).
    const { input } = parsed;
    if (input.paymentMethodId == null || input.shippingMethodId == null) {
      const d = await defaultDocumentMethods(c.db, c.accountId, input.contactId, input.customer);
      input.paymentMethodId ??= d.paymentMethodId ?? undefined;
      input.shippingMethodId ??= d.shippingMethodId ?? undefined;
    }
    const issue = documentIssue(c.writes, c.db, c.ctx, parsed.input);
    const { id } =
      editId === null
        ? await runIssue(c.writes, c.ctx, issue)
        : await c.docTx(async (tx) => {
            await deleteDraft(tx, c.accountId, editId);
            return issue.commit(tx);
          });
    const { view, extras } = await loadDocument(c.db, c.accountId, id);
    return documentJson(view, extras, 'created');
  });

  // Cancel ("anular") a finalized document: PATCH on the collection, with the id and the reason in the body.
  route('PATCH', '/documentos', { ...bodyDoc, billptFields: { ...DOCUMENT_FIELDS, reason: 'motivo' } }, async (c) => {
    const reasonKey = c.input.key('motivo', 'motivo_anular', 'motivo_anulacao') ?? 'motivo';
    const reason = c.input.text('motivo', 'motivo_anular', 'motivo_anulacao');
    c.input.text('data');
    const id = documentIdOf(c);
    if (!reason) throw new BillptError(422, [`1.${reasonKey}`]);
    await c.tx((tx) => cancelDocument(tx, c.ctx, id, reason));
    const { doc } = await getDocument(c.db, c.accountId, id);
    return { id: doc.id, estado: doc.status === 'cancelled' ? 'A' : 'N' };
  });

  route('DELETE', '/documentos/:id', cfg, async (c) => {
    await c.tx((tx) => deleteDraft(tx, c.accountId, c.id));
    return c.reply.status(204).send();
  });

  // Opening balance of a customer (26) or supplier (27).
  route(
    'POST',
    '/documentos/saldo-inicial',
    {
      billptFields: {
        ...DOCUMENT_FIELDS,
        amount: 'gross_total',
        net: 'net_total',
        tax: 'tax_total',
        contactId: 'contato_id',
      },
    },
    async (c) => {
      c.input.require('contato_id');
      const contactId = c.input.id('contato_id');
      const typeId = c.input.int('tipo_documento_id') ?? 26;
      if (typeId !== 26 && typeId !== 27) c.input.issues.push('9.tipo_documento_id');
      const amountKey = c.input.key('gross_total', 'total', 'valor', 'total_com_iva') ?? 'gross_total';
      const amount = c.input.decimal('gross_total', 'total', 'valor', 'total_com_iva');
      const net = c.input.decimal('net_total', 'total_sem_iva');
      const tax = c.input.decimal('tax_total', 'total_iva');
      if (amount === undefined && !c.input.issues.some((x) => x.endsWith(`.${amountKey}`)))
        c.input.issues.push(`1.${amountKey}`);
      const input = {
        kind: typeId === 27 ? ('supplier' as const) : ('customer' as const),
        contactId: contactId ?? 0,
        amount: amount ?? '0',
        net,
        tax,
        date: dayOf(c.input.text('data')),
        dueDate: dayOf(c.input.text('prazo_vencimento')),
        seriesId: c.input.id('serie_id') ?? undefined,
        paymentMethodId: c.input.id('metodo_pagamento_id') ?? undefined,
        observations: c.input.text('observacoes'),
      };
      c.input.check();
      const id = await c.docTx(async (tx) => {
        // bill.pt's code for a customer opening balance when its counter is new (`BILLPT_COUNTER_CODES`).
        if (input.kind === 'customer')
          await claimDocumentCounterCode(tx, c.ctx, 'SIC', input.seriesId, billptCounterCode('SIC')!);
        return createOpeningBalance(tx, c.ctx, input);
      });
      return issuedJson(c, id, { withTax: false, withTypeDetail: true });
    },
  );

  route('POST', '/documentos/nota-documento', bodyDoc, async (c) => {
    const note = c.input.text('nota_documento', 'nota');
    const id = documentIdOf(c);
    await c.tx((tx) => setInternalNote(tx, c.accountId, id, note ?? null));
    const { doc } = await getDocument(c.db, c.accountId, id);
    return { id: doc.id, nota_documento: doc.internal_note ?? '' };
  });
}
