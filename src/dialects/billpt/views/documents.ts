import type { DocumentView } from '../../../app/documents/get-document.js';
import { DOC_TYPE_INFO, type DocType } from '../../../domain/documents/types.js';
import { opensBalance, settledOnIssue } from '../../../domain/documents/paid-on-issue.js';
import type { getContact } from '../../../app/contacts/get-contact.js';
import type { listDocuments } from '../../../app/documents/list-documents.js';
import type { getItem } from '../../../app/items/get-item.js';
import { billptTypeOf } from '../doc-types.js';
import { fixed, flag, lisbonStamp, spaced, tSeparated } from '../format.js';
import { contactJson } from './contacts.js';
import { itemBase } from './items.js';
import { exemptionId, type StoreLike, storeJson, unitJson } from './reference.js';

type Contact = Awaited<ReturnType<typeof getContact>>;
type Item = Awaited<ReturnType<typeof getItem>>;
type DocumentRow = Awaited<ReturnType<typeof listDocuments>>['items'][number];
type DocumentLineRow = DocumentView['lines'][number];
type Unit = { id: number; name: string; symbol: string; is_default: boolean };

/** What a full document view needs besides the document: its store, contact, state, items and units. */
export interface DocumentExtras {
  store: StoreLike | null;
  storeUsed: boolean;
  contact: Contact | null;
  contactUsed: boolean;
  state: { id: number; name: string } | null;
  items: Map<number, Item>;
  units: Map<number, Unit>;
  usedUnits: Set<number>;
}

/** bill.pt's estado: N (normal) or A (anulado). */
export const estadoOf = (status: string) => (status === 'cancelled' ? 'A' : 'N');

/** A short row of `GET documentos`. */
export function documentListJson(d: DocumentRow) {
  return {
    id: d.id,
    modulo_estado_id: d.state_id,
    loja_id: d.store_id,
    contato_id: d.contact_id,
    invoice_number: d.doc_no,
    codigo_at: d.at_code ?? '',
    invoice_date: d.doc_date,
    gross_total: d.gross_total,
    prazo_vencimento: d.due_date ?? d.doc_date,
    terminado: flag(d.status !== 'draft'),
    estado: estadoOf(d.status),
    impresso: flag(d.printed_count > 0),
    token_download: d.download_token,
  };
}

function lineJson(d: DocumentRow, l: DocumentLineRow, x: DocumentExtras, full: boolean) {
  const item = l.item_id === null ? undefined : x.items.get(l.item_id);
  const unit = item?.unit_id ? x.units.get(item.unit_id) : undefined;
  return {
    id: l.id,
    documento_id: l.document_id,
    user_id: d.user_id,
    item_id: l.item_id,
    imposto_id: l.tax_id,
    motivo_isencao_id: l.exemption_code ? exemptionId(l.exemption_code) : null,
    lancamento_pai_id: l.origin_line_id,
    loja_id: d.store_id,
    nome: l.description,
    referencia_manual: l.external_reference,
    quantidade: fixed(l.quantity, 10),
    preco_unitario: fixed(l.unit_price, 10),
    desconto_1: fixed(l.discount1, 5),
    desconto_2: fixed(l.discount2, 5),
    desconto_3: fixed(l.discount3, 5),
    net_total: l.net_total,
    tax_total: l.tax_total,
    gross_total: l.gross_total,
    desconto_total: fixed(l.discount_amount, 2),
    // Withholding is computed on the document, not per line.
    retencao_total: '0.00',
    ...(full
      ? { origem: l.origin_line_id === null ? null : { id: l.origin_line_id, documento_id: l.origin_document_id } }
      : {}),
    item: item
      ? {
          ...itemBase(item, true, false),
          ...(full ? { unidade_medida: unit ? unitJson(unit, x.usedUnits.has(unit.id)) : null } : {}),
        }
      : null,
  };
}

/** The document header with its lines: `created` as `POST documentos` answers, `full` as `GET documentos/{id}`. */
export function documentJson(v: DocumentView, x: DocumentExtras, variant: 'created' | 'full') {
  const d = v.doc;
  const full = variant === 'full';
  const load = d.load_address ?? {};
  const unload = d.unload_address ?? {};
  const info = DOC_TYPE_INFO[d.doc_type as DocType];
  const header = {
    id: d.contact_id,
    contato_id: d.contact_id,
    nif: d.customer.taxId ?? '',
    codigo: d.customer.code ?? '',
    nome: d.customer.name,
    morada: d.customer.street ?? '',
    codigo_postal: d.customer.postalCode ?? '',
    cidade: d.customer.city ?? '',
    pais: d.customer.country,
    retencao: flag(x.contact?.withholding),
    ...(full ? { origem: x.contact ? contactJson(x.contact, x.contactUsed, { numeric: false }) : null } : {}),
  };
  const type = d.doc_type as DocType;
  const paidOnIssue = !!info && d.status === 'final' && settledOnIssue(type, d.settled_on_issue);
  return {
    id: d.id,
    estado: estadoOf(d.status),
    tipo_documento_id: billptTypeOf(d.doc_type)?.id ?? null,
    user_id: d.user_id,
    contato_id: d.contact_id,
    serie_id: d.series_id,
    metodo_expedicao_id: d.shipping_method_id,
    metodo_pagamento_id: d.payment_method_id,
    loja_id: d.store_id,
    prazo_vencimento: d.due_date ?? d.doc_date,
    viatura: d.vehicle_plate ?? '',
    observacoes: d.observations ?? '',
    motivo: d.cancel_reason ?? '',
    moeda: d.currency === 'EUR' ? '' : d.currency,
    cambio: fixed(d.exchange_rate, 4),
    invoice_number: d.doc_no,
    invoice_date: d.doc_date,
    system_entry_date: tSeparated(d.system_entry_date),
    status_date: tSeparated(d.status_date),
    impresso: flag(d.printed_count > 0),
    data_carga: spaced(d.load_at),
    carga_morada: load.street ?? '',
    carga_cidade: load.city ?? '',
    carga_codigo_postal: load.postalCode ?? '',
    carga_pais: d.load_address ? (load.country ?? '') : '',
    data_descarga: spaced(d.unload_at),
    descarga_morada: unload.street ?? '',
    descarga_cidade: unload.city ?? '',
    descarga_codigo_postal: unload.postalCode ?? '',
    descarga_pais: d.unload_address ? (unload.country ?? '') : '',
    arredondamento: fixed(d.rounding_adjustment, 4),
    net_total: d.net_total,
    tax_total: d.tax_total,
    gross_total: d.gross_total,
    desconto_total: d.discount_total,
    retencao_total: d.withholding_total,
    comunicado: flag(!!d.at_code),
    codigo_at: d.at_code ?? '',
    terminado: flag(d.status !== 'draft'),
    modulo_estado_id: d.state_id,
    nota_documento: d.internal_note ?? '',
    lingua: d.language,
    token_download: d.download_token,
    ...(full ? { loja: x.store ? storeJson(x.store, x.storeUsed) : null } : {}),
    contato: header,
    ...(full ? { modulo_estado: x.state ? { id: x.state.id, nome: x.state.name } : null } : {}),
    lancamentos: v.lines.map((l) => lineJson(d, l, x, full)),
    ...(full
      ? {
          divida:
            info && opensBalance(type, d.settled_on_issue) && d.status === 'final'
              ? {
                  id: d.id,
                  documento_id: d.id,
                  total_divida: d.open_balance,
                  data_finalizado: d.paid ? lisbonStamp(d.updated_at) : null,
                }
              : null,
          pagou: [
            ...(paidOnIssue
              ? [
                  {
                    id: d.id,
                    documento_id: d.id,
                    documento_relacionado_id: null,
                    total: d.payable_total,
                    documento_relacionado: null,
                  },
                ]
              : []),
            ...(info?.family === 'payment'
              ? []
              : v.settlements
                  .filter((s) => s.status === 'final')
                  .map((s) => ({
                    id: s.id,
                    documento_id: d.id,
                    documento_relacionado_id: s.receiptId,
                    total: s.amount,
                    documento_relacionado: { id: s.receiptId, invoice_number: s.docNo },
                  }))),
          ],
        }
      : {}),
  };
}

/** The series as receipts and opening balances embed it. */
export const embeddedSeries = (
  s: { id: number; code: string; vat_included: boolean; status: string; is_default: boolean },
  used: boolean,
  withCae: boolean,
) => ({
  id: s.id,
  nome: s.code,
  iva_incluido: flag(s.vat_included),
  usado: flag(used),
  visivel: flag(s.status === 'active'),
  principal: flag(s.is_default),
  ...(withCae ? { cae: '' } : {}),
});
