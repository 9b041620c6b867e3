import { getContact } from '../../../app/contacts/get-contact.js';
import { createReceipt, type ReceiptInput } from '../../../app/documents/create-receipt.js';
import { getDocument } from '../../../app/documents/get-document.js';
import { claimDocumentCounterCode } from '../../../app/series/claim-counter-code.js';
import { dec } from '../../../domain/money/decimal.js';
import { BillptError } from '../billpt-error.js';
import type { Call, Route } from '../context.js';
import { billptCounterCode } from '../counter-codes.js';
import { dayOf } from '../format.js';
import { DOCUMENT_FIELDS } from '../field-names.js';
import { issuedJson } from './documents.routes.js';

const fields = {
  ...DOCUMENT_FIELDS,
  documents: { name: 'documentos', fields: { documentId: 'documento_id', amount: 'total' } },
  type: 'tipo_documento_id',
};

export function receiptRoutes(route: Route): void {
  // A receipt settling one or more documents of a contact, fully or partly.
  route('POST', '/recibos', { billptFields: fields, billptDocField: 'documento_id' }, async (c) => {
    const i = c.input;
    i.require('contato_id');
    const contactId = i.id('contato_id');
    const typeId = i.int('tipo_documento_id') ?? 28;
    // NOTE: 29 is a supplier receipt (a purchase document): the core does not issue purchases.
    if (typeId !== 28) i.issues.push('9.tipo_documento_id');
    const docs = i.list('documentos');
    if (!docs?.length) i.issues.push('1.documentos');
    const documents = (docs ?? []).map((d) => {
      d.require('documento_id', 'id');
      const discount = d.decimal('total_desconto', 'desconto');
      // A settlement discount would change what the document owes: the core has no settlement discounts.
      if (discount !== undefined && !dec(discount).isZero()) d.invalid('total_desconto', 'desconto');
      return { documentId: d.id('documento_id', 'id') ?? 0, amount: d.decimal('total', 'valor') ?? null };
    });
    for (const k of ['lingua', 'morada', 'codigo_postal', 'cidade', 'pais']) i.text(k);
    const input: ReceiptInput = {
      type: 'RG',
      date: dayOf(i.text('data')) ?? null,
      seriesId: i.id('serie_id') ?? null,
      paymentMethodId: i.id('metodo_pagamento_id') ?? null,
      observations: i.text('observacoes') ?? null,
      documents,
    };
    i.check(...(docs ?? []));
    await getContact(c.db, c.accountId, contactId!);
    for (const d of documents) {
      const { doc } = await getDocument(c.db, c.accountId, d.documentId);
      if (doc.contact_id !== contactId) throw new BillptError(422, ['9.contato_id']);
    }
    const id = await issueReceipt(c, input);
    return issuedJson(c, id, { withTax: true, withTypeDetail: false });
  });

  // A receipt for everything a document still owes.
  route('POST', '/recibos/pagar/:id', { billptFields: fields }, async (c) => {
    const i = c.input;
    const input: ReceiptInput = {
      type: 'RG',
      date: dayOf(i.text('data')) ?? null,
      seriesId: i.id('serie_id') ?? null,
      paymentMethodId: i.id('metodo_pagamento_id') ?? null,
      observations: i.text('observacoes') ?? null,
      documents: [{ documentId: c.id }],
    };
    i.check();
    const id = await issueReceipt(c, input);
    return issuedJson(c, id, { withTax: true, withTypeDetail: false });
  });
}

/** A receipt, numbered with bill.pt's code for receipts when its counter is new (`BILLPT_COUNTER_CODES`). */
function issueReceipt(c: Call, input: ReceiptInput): Promise<number> {
  return c.docTx(async (tx) => {
    await claimDocumentCounterCode(tx, c.ctx, 'RG', input.seriesId, billptCounterCode('RG')!);
    return createReceipt(tx, c.ctx, input);
  });
}
