import { XMLBuilder } from 'fast-xml-parser';
import type {
  AllowanceCharge,
  Einvoice,
  EinvoiceAddress,
  EinvoiceParty,
  VatBreakdown,
  VatOfLine,
} from '../../domain/einvoice/model.js';
import { PROFILE_IDS, type SerializeOptions } from './profiles.js';
import { el, type Node } from './xml-node.js';

const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
};

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true });

/** CII dates: format 102, YYYYMMDD. */
const date = (iso: string, type: 'udt' | 'qdt' = 'udt') => ({
  [`${type}:DateTimeString`]: { '#text': iso.replace(/-/g, ''), '@format': '102' },
});

const indicator = (v: boolean) => ({ 'udt:Indicator': v ? 'true' : 'false' });

function address(a: EinvoiceAddress): Node {
  return el({
    'ram:PostcodeCode': a.postalCode,
    'ram:LineOne': a.line1,
    'ram:CityName': a.city,
    'ram:CountryID': a.country,
  });
}

function party(p: EinvoiceParty): Node {
  return el({
    'ram:Name': p.name,
    'ram:SpecifiedLegalOrganization':
      p.legalId || p.tradeName
        ? el({
            'ram:ID': p.legalId
              ? p.legalId.scheme
                ? { '#text': p.legalId.id, '@schemeID': p.legalId.scheme }
                : p.legalId.id
              : null,
            'ram:TradingBusinessName': p.tradeName && p.tradeName !== p.name ? p.tradeName : null,
          })
        : null,
    'ram:DefinedTradeContact': p.contact
      ? el({
          'ram:PersonName': p.contact.name,
          'ram:TelephoneUniversalCommunication': p.contact.phone ? { 'ram:CompleteNumber': p.contact.phone } : null,
          'ram:EmailURIUniversalCommunication': p.contact.email ? { 'ram:URIID': p.contact.email } : null,
        })
      : null,
    'ram:PostalTradeAddress': address(p.address),
    'ram:URIUniversalCommunication': p.endpoint
      ? { 'ram:URIID': { '#text': p.endpoint.id, '@schemeID': p.endpoint.scheme } }
      : null,
    'ram:SpecifiedTaxRegistration': p.vatId ? { 'ram:ID': { '#text': p.vatId, '@schemeID': 'VA' } } : null,
  });
}

function tradeTax(v: VatOfLine, breakdown?: VatBreakdown): Node {
  return el({
    'ram:CalculatedAmount': breakdown?.tax,
    'ram:TypeCode': 'VAT',
    'ram:ExemptionReason': breakdown?.exemptionReason,
    'ram:BasisAmount': breakdown?.taxable,
    'ram:CategoryCode': v.category,
    'ram:ExemptionReasonCode': breakdown?.exemptionCode,
    'ram:RateApplicablePercent': v.rate,
  });
}

function allowanceCharge(a: AllowanceCharge): Node {
  return el({
    'ram:ChargeIndicator': indicator(a.charge),
    'ram:CalculationPercent': a.percent,
    'ram:BasisAmount': a.baseAmount,
    'ram:ActualAmount': a.amount,
    'ram:ReasonCode': a.reasonCode,
    'ram:Reason': a.reason,
    'ram:CategoryTradeTax': a.vat ? tradeTax(a.vat) : null,
  });
}

/**
 * The UN/CEFACT Cross Industry Invoice (D16B, the EN 16931 CII syntax) of an EN 16931 invoice, elements in the XSD
 * sequence. NOTE: the CII schema requires ApplicableHeaderTradeDelivery even when empty (einvoice.md §3.3).
 */
export function toCii(inv: Einvoice, opts: SerializeOptions): string {
  const ids = PROFILE_IDS[opts.profile];
  const cur = inv.currency;
  const att = opts.attachment;
  const notes = [...inv.notes, ...(inv.withholding ? [inv.withholding.note] : [])];
  const root = {
    '@xmlns:rsm': NS.rsm,
    '@xmlns:ram': NS.ram,
    '@xmlns:udt': NS.udt,
    '@xmlns:qdt': NS.qdt,
    'rsm:ExchangedDocumentContext': el({
      'ram:BusinessProcessSpecifiedDocumentContextParameter': ids.profileId ? { 'ram:ID': ids.profileId } : null,
      'ram:GuidelineSpecifiedDocumentContextParameter': { 'ram:ID': ids.customizationId },
    }),
    'rsm:ExchangedDocument': el({
      'ram:ID': inv.number,
      'ram:TypeCode': inv.typeCode,
      'ram:IssueDateTime': date(inv.issueDate),
      'ram:IncludedNote': notes.map((n) => ({ 'ram:Content': n })),
    }),
    'rsm:SupplyChainTradeTransaction': el({
      'ram:IncludedSupplyChainTradeLineItem': inv.lines.map((l) => ({
        'ram:AssociatedDocumentLineDocument': { 'ram:LineID': l.id },
        'ram:SpecifiedTradeProduct': el({ 'ram:SellerAssignedID': l.sellerItemId, 'ram:Name': l.name }),
        'ram:SpecifiedLineTradeAgreement': { 'ram:NetPriceProductTradePrice': { 'ram:ChargeAmount': l.price } },
        'ram:SpecifiedLineTradeDelivery': { 'ram:BilledQuantity': { '#text': l.quantity, '@unitCode': l.unitCode } },
        'ram:SpecifiedLineTradeSettlement': el({
          'ram:ApplicableTradeTax': tradeTax(l.vat),
          'ram:SpecifiedTradeAllowanceCharge': l.allowances.map(allowanceCharge),
          'ram:SpecifiedTradeSettlementLineMonetarySummation': { 'ram:LineTotalAmount': l.net },
        }),
      })),
      'ram:ApplicableHeaderTradeAgreement': el({
        'ram:BuyerReference': inv.buyerReference,
        'ram:SellerTradeParty': party(inv.seller),
        'ram:BuyerTradeParty': party(inv.buyer),
        'ram:BuyerOrderReferencedDocument': inv.orderReference ? { 'ram:IssuerAssignedID': inv.orderReference } : null,
        'ram:AdditionalReferencedDocument': att
          ? el({
              'ram:IssuerAssignedID': inv.number,
              'ram:TypeCode': '916',
              'ram:Name': att.description,
              'ram:AttachmentBinaryObject': {
                '#text': Buffer.from(att.bytes).toString('base64'),
                '@mimeCode': 'application/pdf',
                '@filename': att.fileName,
              },
            })
          : null,
      }),
      'ram:ApplicableHeaderTradeDelivery': inv.delivery
        ? el({
            'ram:ShipToTradeParty': inv.delivery.address
              ? { 'ram:PostalTradeAddress': address(inv.delivery.address) }
              : null,
            'ram:ActualDeliverySupplyChainEvent': inv.delivery.date
              ? { 'ram:OccurrenceDateTime': date(inv.delivery.date) }
              : null,
          })
        : {},
      'ram:ApplicableHeaderTradeSettlement': el({
        'ram:PaymentReference': inv.payment?.paymentId,
        'ram:TaxCurrencyCode': inv.taxCurrency,
        'ram:InvoiceCurrencyCode': cur,
        'ram:SpecifiedTradeSettlementPaymentMeans': inv.payment
          ? el({
              'ram:TypeCode': inv.payment.meansCode,
              'ram:PayeePartyCreditorFinancialAccount': inv.payment.iban ? { 'ram:IBANID': inv.payment.iban } : null,
              'ram:PayeeSpecifiedCreditorFinancialInstitution':
                inv.payment.iban && inv.payment.bic ? { 'ram:BICID': inv.payment.bic } : null,
            })
          : null,
        'ram:ApplicableTradeTax': inv.vat.map((v) => tradeTax(v, v)),
        'ram:SpecifiedTradeAllowanceCharge': inv.allowancesCharges.map(allowanceCharge),
        'ram:SpecifiedTradePaymentTerms':
          inv.dueDate || inv.paymentTerms
            ? el({
                'ram:Description': inv.paymentTerms,
                'ram:DueDateDateTime': inv.dueDate ? date(inv.dueDate) : null,
              })
            : null,
        'ram:SpecifiedTradeSettlementHeaderMonetarySummation': el({
          'ram:LineTotalAmount': inv.totals.lineNet,
          'ram:ChargeTotalAmount': inv.totals.charges,
          'ram:AllowanceTotalAmount': inv.totals.allowances,
          'ram:TaxBasisTotalAmount': inv.totals.taxExclusive,
          'ram:TaxTotalAmount': [
            { '#text': inv.totals.tax, '@currencyID': cur },
            ...(inv.taxCurrency
              ? [{ '#text': inv.totals.taxInAccountingCurrency, '@currencyID': inv.taxCurrency }]
              : []),
          ],
          'ram:RoundingAmount': inv.totals.rounding,
          'ram:GrandTotalAmount': inv.totals.taxInclusive,
          'ram:TotalPrepaidAmount': inv.totals.prepaid,
          'ram:DuePayableAmount': inv.totals.payable,
        }),
        'ram:InvoiceReferencedDocument': inv.preceding.map((p) =>
          el({
            'ram:IssuerAssignedID': p.number,
            'ram:FormattedIssueDateTime': p.date ? date(p.date, 'qdt') : null,
          }),
        ),
      }),
    }),
  };
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({ 'rsm:CrossIndustryInvoice': root });
}
