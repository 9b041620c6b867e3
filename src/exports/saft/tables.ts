import { DOC_TYPE_INFO, DOC_TYPES, type DocFamily, type DocType } from '../../domain/documents/types.js';

export type SaftTableName = 'SalesInvoices' | 'MovementOfGoods' | 'WorkingDocuments' | 'Payments';

export interface SaftTable {
  name: SaftTableName;
  types: readonly DocType[];
  /** Types whose lines are exported as DebitAmount: credit notes, and goods coming in. Others use CreditAmount. */
  debitTypes: readonly DocType[];
}

const of = (family: DocFamily) => DOC_TYPES.filter((t) => DOC_TYPE_INFO[t].family === family);

/**
 * NOTE: P302 4.1–4.4 and portugal.md §5.1 — invoices and rectifying documents in SalesInvoices, guides in
 * MovementOfGoods, quotes/pro-formas/orders/work sheets in WorkingDocuments, receipts in Payments. Opening
 * balances (SIC/SIF) are not SAF-T documents. Credit notes are the debit side of SalesInvoices (P302 4.1.4.19.13).
 */
export const SAFT_TABLES: Record<SaftTableName, SaftTable> = {
  SalesInvoices: { name: 'SalesInvoices', types: of('invoice'), debitTypes: ['NC'] },
  MovementOfGoods: {
    name: 'MovementOfGoods',
    types: of('transport'),
    debitTypes: of('transport').filter((t) => DOC_TYPE_INFO[t].stockSign > 0),
  },
  WorkingDocuments: { name: 'WorkingDocuments', types: of('working'), debitTypes: [] },
  Payments: { name: 'Payments', types: of('payment'), debitTypes: [] },
};

/** Every type a SAF-T file carries. */
export const SAFT_TYPES: readonly DocType[] = Object.values(SAFT_TABLES).flatMap((t) => t.types);
