import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CII_NS, detectEinvoice, refuseDoctype, UBL_CREDIT_NOTE_NS, UBL_INVOICE_NS } from './detect.js';
import { EinvoiceInputError } from './input-error.js';
import { pickRulesets } from './rulesets.js';

const PEPPOL = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const CIUS_PT = 'urn:cen.eu:en16931:2017#compliant#urn:feap.gov.pt:CIUS-PT:2.1.1';
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

const refused = (reason: string) => (err: unknown) => err instanceof EinvoiceInputError && err.reason === reason;

test('the syntax and type come from the root element, its namespace and its type code, whatever the prefixes', () => {
  const inv = `<?xml version="1.0"?>\n<!-- c --><ubl:Invoice xmlns:ubl="${UBL_INVOICE_NS}" xmlns:b="${CBC}"><b:CustomizationID>${PEPPOL}</b:CustomizationID><b:InvoiceTypeCode listID="x">380</b:InvoiceTypeCode></ubl:Invoice>`;
  assert.deepEqual(detectEinvoice(inv), {
    syntax: 'ubl',
    documentType: 'invoice',
    typeCode: '380',
    customizationId: PEPPOL,
  });
  const cn = `<CreditNote xmlns="${UBL_CREDIT_NOTE_NS}" xmlns:cbc="${CBC}"><cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode></CreditNote>`;
  assert.deepEqual(detectEinvoice(cn), {
    syntax: 'ubl',
    documentType: 'credit-note',
    typeCode: '381',
    customizationId: null,
  });
  const cii = `<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}" xmlns:ram="r"><rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext><rsm:ExchangedDocument><ram:TypeCode>381</ram:TypeCode></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>`;
  assert.deepEqual(detectEinvoice(cii), {
    syntax: 'cii',
    documentType: 'credit-note',
    typeCode: '381',
    customizationId: 'urn:cen.eu:en16931:2017',
  });
});

test('not well-formed, a DOCTYPE, or another root element: refused with the reason', () => {
  assert.throws(() => detectEinvoice('<a><b></a>'), refused('malformed'));
  assert.throws(() => detectEinvoice('not xml at all'), refused('malformed'));
  assert.throws(() => detectEinvoice(`<Invoice xmlns="urn:other"/>`), refused('not_einvoice'));
  assert.throws(() => detectEinvoice(`<Order xmlns="${UBL_INVOICE_NS}"/>`), refused('not_einvoice'));
  const xxe = `<?xml version="1.0"?>\n<!-- x -->\n<!doctype Invoice [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice xmlns="${UBL_INVOICE_NS}">&e;</Invoice>`;
  assert.throws(() => refuseDoctype(xxe), refused('doctype'));
  assert.throws(() => detectEinvoice(xxe), refused('doctype'));
  // Anywhere, a comment included: skipping comments is not safe (an attribute value may hold `<!--`), and the
  // parser expands the entities of a DOCTYPE inside the root element.
  assert.throws(
    () => refuseDoctype(`<Invoice xmlns="${UBL_INVOICE_NS}"><!-- <!DOCTYPE x> --></Invoice>`),
    refused('doctype'),
  );
  const inRoot = `<Invoice xmlns="${UBL_INVOICE_NS}"><!DOCTYPE x [<!ENTITY e "boom">]><cbc:ID>&e;</cbc:ID></Invoice>`;
  assert.throws(() => detectEinvoice(inRoot), refused('doctype'));
});

test('rule sets: EN 16931 of the syntax always, Peppol and CIUS-PT by CustomizationID or when asked (UBL only)', () => {
  const names = (...a: Parameters<typeof pickRulesets>) => pickRulesets(...a).map((r) => r.name);
  assert.deepEqual(names('ubl', null, undefined), ['EN16931-UBL 1.3.16']);
  assert.deepEqual(names('ubl', PEPPOL, undefined), ['EN16931-UBL 1.3.16', 'PEPPOL-BIS-3.0 2026.5']);
  assert.deepEqual(names('ubl', CIUS_PT, undefined), ['EN16931-UBL 1.3.16', 'CIUS-PT 2.1.1']);
  assert.deepEqual(names('ubl', PEPPOL, ['en16931']), ['EN16931-UBL 1.3.16'], 'asked for: only what is asked');
  assert.deepEqual(names('ubl', null, ['cius-pt']), ['EN16931-UBL 1.3.16', 'CIUS-PT 2.1.1']);
  const selfBilling = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:selfbilling:3.0';
  assert.deepEqual(names('ubl', selfBilling, undefined), ['EN16931-UBL 1.3.16'], 'its rule set is not shipped');
  assert.deepEqual(names('cii', PEPPOL, undefined), ['EN16931-CII 1.3.16'], 'named by a CII document: EN 16931');
  assert.throws(() => pickRulesets('cii', null, ['peppol']), refused('profile_syntax'));
});
