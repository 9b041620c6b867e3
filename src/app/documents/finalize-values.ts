import type { KeyObject } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import { opensBalance, settledOnIssue } from '../../domain/documents/paid-on-issue.js';
import type { DocType } from '../../domain/documents/types.js';
import type { FiscalRegime } from '../../domain/regime/fiscal-regime.js';
import type { Account, PartySnapshot, Series } from '../../infra/db/schema.js';

/** What finalize needs of the account and the series, read before the counter row is locked. */
export interface FinalizeHead {
  sandbox: boolean;
  legal_name: string;
  trade_name: string | null;
  tax_id: string;
  country: string;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  company_registry: string | null;
  iban: string | null;
  bic: string | null;
  series_code: string;
  series_kind: 'N' | 'F' | 'R';
  series_status: string;
}

/** The (series, type) counter row locked until commit, `last_number` being the number to give. */
export interface CounterRow {
  last_number: number;
  last_hash: string;
  last_doc_date: string | null;
  validation_code: string | null;
  /** The internal code the counter prints before its numbers; null: the type's code (migration 0022). */
  prefix?: string | null;
  /** The system entry time of the documents the counter numbers next, read under the counter's lock (`entryTime`). */
  entry_time: string;
}

/** What finalize takes from the account (the seller snapshot, sandbox) and the series. */
export function finalizeHead(a: Account, s: Series): FinalizeHead {
  return {
    sandbox: a.sandbox,
    legal_name: a.legal_name,
    trade_name: a.trade_name,
    tax_id: a.tax_id,
    country: a.country,
    street: a.street,
    postal_code: a.postal_code,
    city: a.city,
    email: a.email,
    phone: a.phone,
    website: a.website,
    company_registry: a.company_registry,
    iban: a.iban ?? null,
    bic: a.bic ?? null,
    series_code: s.code,
    series_kind: s.kind,
    series_status: s.status,
  };
}

export function checkSeriesActive(head: FinalizeHead): void {
  if (head.series_status !== 'active')
    throw new DomainError('series_inactive', `Series ${head.series_code} is finalized and cannot be used.`);
}

/**
 * The values a document takes when it is finalized with the number the locked counter gave it: number (text from
 * the regime), system entry date, chain signature and document code (the regime's), seller snapshot, open balance,
 * and whether it is settled on issue (the draft's word, else its type's default), which the row then keeps.
 * Throws when the date goes back in the series.
 */
export function finalizeValues(
  regime: FiscalRegime,
  doc: {
    doc_type: string;
    doc_date: string;
    gross_total: string;
    payable_total: string;
    /** What the draft said of its payment on issue; null or absent: the type's default. */
    settled_on_issue?: boolean | null;
  },
  head: FinalizeHead,
  counter: CounterRow,
  key: { version: number; key: KeyObject } | null,
) {
  const type = doc.doc_type as DocType;
  // NOTE: D8632 §1.6, §3.4.3 — numbering follows date order: no document dated before the last one of its series/type.
  if (counter.last_doc_date && doc.doc_date < counter.last_doc_date) {
    throw new DomainError(
      'date_before_last_in_series',
      `The series already has a document dated ${counter.last_doc_date}.`,
      [
        {
          field: 'date',
          issue: 'out_of_range',
          message: 'Must be on or after the last document of the series.',
          value: counter.last_doc_date,
        },
      ],
      { lastDate: counter.last_doc_date },
    );
  }

  const number = counter.last_number;
  const docNo = regime.documentNumber(counter.prefix ?? type, head.series_code, number);
  const systemEntryDate = counter.entry_time;
  const atcud = regime.documentCode({
    type,
    validationCode: counter.validation_code,
    sequence: number,
    sandbox: head.sandbox,
    training: head.series_kind === 'F',
  });

  let hash: string | null = null;
  let keyVersion: number | null = null;
  if (key) {
    hash = regime.sign(
      {
        docDate: doc.doc_date,
        systemEntryDate,
        docNo,
        grossTotal: doc.gross_total,
        previousHash: counter.last_hash,
      },
      key.key,
    );
    keyVersion = key.version;
  }

  const seller: PartySnapshot = {
    name: head.trade_name ?? head.legal_name,
    legalName: head.legal_name,
    tradeName: head.trade_name,
    taxId: head.tax_id,
    country: head.country,
    street: head.street,
    postalCode: head.postal_code,
    city: head.city,
    email: head.email,
    phone: head.phone,
    website: head.website,
    companyRegistry: head.company_registry,
    // The bank account the document asks to be paid into is part of what was issued: a reprint or a later e-invoice
    // shows this one, not the account's current one. Left out when none is set, so such snapshots stay as before.
    ...(head.iban ? { iban: head.iban, bic: head.bic } : {}),
  };
  const settled = settledOnIssue(type, doc.settled_on_issue);
  const receivable = opensBalance(type, settled);
  const openBalance = receivable ? doc.payable_total : '0.00';
  return {
    document: {
      status: 'final' as const,
      number,
      doc_no: docNo,
      system_entry_date: systemEntryDate,
      status_date: systemEntryDate,
      hash,
      hash_control: keyVersion === null ? null : String(keyVersion),
      key_version: keyVersion,
      atcud,
      seller: JSON.stringify(seller),
      open_balance: openBalance,
      paid: settled || (receivable && Number(openBalance) === 0),
      settled_on_issue: settled,
    },
    /** The counter row's new chain state. */
    series: {
      ...(hash !== null ? { last_hash: hash } : {}),
      last_doc_date: doc.doc_date,
      last_system_entry: systemEntryDate,
    },
  };
}
