import { XMLBuilder } from 'fast-xml-parser';
import type {
  AllowanceCharge,
  Einvoice,
  EinvoiceAddress,
  EinvoiceLine,
  EinvoiceParty,
  VatBreakdown,
  VatOfLine,
} from '../../domain/einvoice/model.js';
import { Decimal } from '../../domain/money/decimal.js';
import { PROFILE_IDS, type SerializeOptions } from './profiles.js';
import { el, type Node } from './xml-node.js';

const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  'credit-note': 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  suppressEmptyNode: true,
  format: false,
});

const money = (value: string | null | undefined, currency: string) =>
  value == null ? null : { '#text': value, '@currencyID': currency };

function address(a: EinvoiceAddress): Node {
  return el({
    'cbc:StreetName': a.line1,
    'cbc:CityName': a.city,
    'cbc:PostalZone': a.postalCode,
    'cac:Country': { 'cbc:IdentificationCode': a.country },
  });
}

function party(p: EinvoiceParty): Node {
  return {
    'cac:Party': el({
      'cbc:EndpointID': p.endpoint ? { '#text': p.endpoint.id, '@schemeID': p.endpoint.scheme } : null,
      'cac:PartyName': p.tradeName && p.tradeName !== p.name ? { 'cbc:Name': p.tradeName } : null,
      'cac:PostalAddress': address(p.address),
      'cac:PartyTaxScheme': p.vatId ? { 'cbc:CompanyID': p.vatId, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } : null,
      'cac:PartyLegalEntity': el({
        'cbc:RegistrationName': p.name,
        'cbc:CompanyID': p.legalId
          ? p.legalId.scheme
            ? { '#text': p.legalId.id, '@schemeID': p.legalId.scheme }
            : p.legalId.id
          : null,
      }),
      'cac:Contact': p.contact
        ? el({
            'cbc:Name': p.contact.name,
            'cbc:Telephone': p.contact.phone,
            'cbc:ElectronicMail': p.contact.email,
          })
        : null,
    }),
  };
}

/** Reason texts of the VATEX codes, for CIUS-PT, which takes no VATEX code (DT-CIUS-PT-108: 1 to 5 characters). */
const VATEX_TEXT: Record<string, string> = {
  'VATEX-EU-AE': 'Reverse charge / Autoliquidação',
  'VATEX-EU-IC': 'Intra-Community supply / Isento artigo 14.º do RITI',
  'VATEX-EU-G': 'Export outside the EU / Isento artigo 14.º do CIVA',
  'VATEX-EU-O': 'Not subject to VAT / Não sujeito',
};

function taxCategory(v: VatOfLine, extra: Partial<VatBreakdown> = {}, ciusPt = false): Node {
  const code = ciusPt ? null : extra.exemptionCode;
  const reason = extra.exemptionReason ?? (ciusPt && extra.exemptionCode ? VATEX_TEXT[extra.exemptionCode] : null);
  return el({
    'cbc:ID': v.category,
    'cbc:Percent': v.rate,
    'cbc:TaxExemptionReasonCode': code,
    'cbc:TaxExemptionReason': reason ?? (ciusPt ? extra.exemptionCode : null),
    'cac:TaxScheme': { 'cbc:ID': 'VAT' },
  });
}

function allowanceCharge(a: AllowanceCharge, currency: string): Node {
  return el({
    'cbc:ChargeIndicator': a.charge ? 'true' : 'false',
    'cbc:AllowanceChargeReasonCode': a.reasonCode,
    'cbc:AllowanceChargeReason': a.reason,
    'cbc:MultiplierFactorNumeric': a.percent,
    'cbc:Amount': money(a.amount, currency),
    'cbc:BaseAmount': money(a.baseAmount, currency),
    'cac:TaxCategory': a.vat ? taxCategory(a.vat) : null,
  });
}

/** NOTE: CIUS-PT DT-CIUS-PT-117: a quantity has 2 or 3 decimals. */
function ciusPtQuantity(q: string): string {
  const [, decimals = ''] = q.split('.');
  return decimals.length > 3 ? new Decimal(q).toFixed(3) : q;
}

/**
 * NOTE: CIUS-PT BR-CIUS-PT-17/18: an exempt line names its exemption as an item attribute (BG-32) called
 * #TAXEXEMPTIONREASON@CLASSIFIEDTAXCATEGORY# (its text here). The code attribute (#TAXEXEMPTIONREASONCODE@…#) is
 * left out: DT-CIUS-PT-176 would then want one E breakdown per code with the national code (M07…) as BT-121, which
 * EN 16931 BR-CL-22 (VATEX codes only) and BR-E-08 (one E breakdown) refuse.
 */
function ciusPtExemption(l: EinvoiceLine): Node[] | null {
  if (!l.exemption?.reason || l.vat.category === 'S') return null;
  const reason = l.exemption.code ? `${l.exemption.code} ${l.exemption.reason}` : l.exemption.reason;
  return [{ 'cbc:Name': '#TAXEXEMPTIONREASON@CLASSIFIEDTAXCATEGORY#', 'cbc:Value': reason }];
}

/**
 * NOTE: CIUS-PT DT-CIUS-PT-079.2 accepts only 30, 48, 49, 57, 58 and 59 of UNCL4461 (its SAF-T codes fail EN 16931
 * BR-CL-16): cards are 48 (bank card); cash and the rest have no code there, so no payment means is stated.
 */
function paymentMeansCode(code: string, opts: SerializeOptions): string | null {
  if (opts.profile !== 'cius-pt') return code;
  if (code === '54' || code === '55') return '48';
  return ['30', '48', '49', '57', '58', '59'].includes(code) ? code : null;
}

/** BT-22: Peppol allows one note (PEPPOL-EN16931-R002); CIUS-PT states withholding in its structured notes. */
function notes(inv: Einvoice, opts: SerializeOptions): string[] {
  if (opts.profile === 'cius-pt') {
    const w = inv.withholding;
    const structured = w
      ? [
          `#WITHHOLDINGTAXTYPE@WITHHOLDINGTAX-001#IRF#`,
          `#WITHHOLDINGTAXDESCRIPTION@WITHHOLDINGTAX-001#${w.note}#`,
          `#WITHHOLDINGTAXAMOUNT@WITHHOLDINGTAX-001#${w.amount}#`,
        ]
      : [];
    return [...inv.notes, ...structured];
  }
  const all = [...inv.notes, ...(inv.withholding ? [inv.withholding.note] : [])];
  return all.length ? [all.join('\n')] : [];
}

/**
 * The UBL 2.1 Invoice or CreditNote of an EN 16931 invoice, elements in the XSD sequence (UBL-Invoice-2.1.xsd,
 * UBL-CreditNote-2.1.xsd; einvoice.md §4.7), with the profile's CustomizationID and ProfileID.
 */
export function toUbl(inv: Einvoice, opts: SerializeOptions): string {
  const cur = inv.currency;
  const credit = inv.kind === 'credit-note';
  const ids = PROFILE_IDS[opts.profile];
  const att = opts.attachment;
  const meansCode = inv.payment ? paymentMeansCode(inv.payment.meansCode, opts) : null;
  const header = el({
    '@xmlns': NS[inv.kind],
    '@xmlns:cac': NS.cac,
    '@xmlns:cbc': NS.cbc,
    'cbc:CustomizationID': ids.customizationId,
    'cbc:ProfileID': ids.profileId,
    'cbc:ID': inv.number,
    'cbc:IssueDate': inv.issueDate,
    'cbc:DueDate': credit ? null : inv.dueDate,
    ...(credit
      ? { 'cbc:TaxPointDate': inv.taxPointDate, 'cbc:CreditNoteTypeCode': inv.typeCode }
      : { 'cbc:InvoiceTypeCode': inv.typeCode }),
    'cbc:Note': notes(inv, opts),
    ...(credit ? {} : { 'cbc:TaxPointDate': inv.taxPointDate }),
    'cbc:DocumentCurrencyCode': cur,
    'cbc:TaxCurrencyCode': inv.taxCurrency,
    // NOTE: PEPPOL-EN16931-R003: a buyer reference or an order reference is required; without either, "N/A".
    'cbc:BuyerReference': inv.buyerReference ?? (inv.orderReference || opts.profile !== 'peppol' ? null : 'N/A'),
    'cac:OrderReference': inv.orderReference ? { 'cbc:ID': inv.orderReference } : null,
    'cac:BillingReference': inv.preceding.map((p) => ({
      'cac:InvoiceDocumentReference': el({ 'cbc:ID': p.number, 'cbc:IssueDate': p.date }),
    })),
    'cac:AdditionalDocumentReference': att
      ? el({
          'cbc:ID': inv.number,
          'cbc:DocumentDescription': att.description,
          'cac:Attachment': {
            'cbc:EmbeddedDocumentBinaryObject': {
              '#text': Buffer.from(att.bytes).toString('base64'),
              '@mimeCode': 'application/pdf',
              '@filename': att.fileName,
            },
          },
        })
      : null,
    'cac:AccountingSupplierParty': party(inv.seller),
    'cac:AccountingCustomerParty': party(inv.buyer),
    'cac:Delivery': inv.delivery
      ? el({
          'cbc:ActualDeliveryDate': inv.delivery.date,
          'cac:DeliveryLocation': inv.delivery.address ? { 'cac:Address': address(inv.delivery.address) } : null,
        })
      : null,
    'cac:PaymentMeans': meansCode
      ? el({
          'cbc:PaymentMeansCode': meansCode,
          'cbc:PaymentDueDate': credit ? inv.dueDate : null,
          'cbc:PaymentID': inv.payment?.paymentId,
          'cac:PayeeFinancialAccount': inv.payment?.iban
            ? el({
                'cbc:ID': inv.payment.iban,
                'cac:FinancialInstitutionBranch': inv.payment.bic ? { 'cbc:ID': inv.payment.bic } : null,
              })
            : null,
        })
      : null,
    'cac:PaymentTerms': inv.paymentTerms ? { 'cbc:Note': inv.paymentTerms } : null,
    'cac:AllowanceCharge': inv.allowancesCharges.map((a) => allowanceCharge(a, cur)),
    'cac:TaxTotal': [
      {
        'cbc:TaxAmount': money(inv.totals.tax, cur),
        'cac:TaxSubtotal': inv.vat.map((v) => ({
          'cbc:TaxableAmount': money(v.taxable, cur),
          'cbc:TaxAmount': money(v.tax, cur),
          'cac:TaxCategory': taxCategory(v, v, opts.profile === 'cius-pt'),
        })),
      },
      // NOTE: PEPPOL-EN16931-R054/BR-53: the VAT total in the accounting currency is a second TaxTotal, no subtotals.
      ...(inv.taxCurrency ? [{ 'cbc:TaxAmount': money(inv.totals.taxInAccountingCurrency, inv.taxCurrency) }] : []),
    ],
    'cac:LegalMonetaryTotal': el({
      'cbc:LineExtensionAmount': money(inv.totals.lineNet, cur),
      'cbc:TaxExclusiveAmount': money(inv.totals.taxExclusive, cur),
      'cbc:TaxInclusiveAmount': money(inv.totals.taxInclusive, cur),
      'cbc:AllowanceTotalAmount': money(inv.totals.allowances, cur),
      'cbc:ChargeTotalAmount': money(inv.totals.charges, cur),
      'cbc:PrepaidAmount': money(inv.totals.prepaid, cur),
      'cbc:PayableRoundingAmount': money(inv.totals.rounding, cur),
      'cbc:PayableAmount': money(inv.totals.payable, cur),
    }),
    [credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine']: inv.lines.map((l) =>
      el({
        'cbc:ID': l.id,
        [credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity']: {
          '#text': opts.profile === 'cius-pt' ? ciusPtQuantity(l.quantity) : l.quantity,
          '@unitCode': l.unitCode,
        },
        'cbc:LineExtensionAmount': money(l.net, cur),
        'cac:AllowanceCharge': l.allowances.map((a) => allowanceCharge(a, cur)),
        'cac:Item': el({
          'cbc:Name': l.name,
          'cac:SellersItemIdentification': l.sellerItemId ? { 'cbc:ID': l.sellerItemId } : null,
          'cac:ClassifiedTaxCategory': taxCategory(l.vat),
          'cac:AdditionalItemProperty': opts.profile === 'cius-pt' ? ciusPtExemption(l) : null,
        }),
        'cac:Price': { 'cbc:PriceAmount': money(l.price, cur) },
      }),
    ),
  });
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({ [credit ? 'CreditNote' : 'Invoice']: header });
}
