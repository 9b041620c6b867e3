import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { checkSaftAsserts } from './check-asserts.js';

const tax = (pct: string) =>
  `<Tax><TaxType>IVA</TaxType><TaxCountryRegion>PT</TaxCountryRegion><TaxCode>NOR</TaxCode><TaxPercentage>${pct}</TaxPercentage></Tax>`;
const file = (...records: string[]) =>
  Readable.from([
    `<?xml version="1.0"?><AuditFile xmlns="urn:OECD:StandardAuditFile-Tax:PT_1.04_01"><SourceDocuments>${records.join('')}</SourceDocuments></AuditFile>`,
  ]);
const invoice = (...lines: string[]) =>
  `<Invoice><InvoiceNo>FT A/1</InvoiceNo>${lines.map((l, i) => `<Line><LineNumber>${i + 1}</LineNumber>${l}</Line>`).join('')}</Invoice>`;
const rules = async (...records: string[]) =>
  (await checkSaftAsserts(file(...records))).map((v) => `${v.document}#${v.line ?? '-'}:${v.rule}`);

test('a taxed line has no exemption; an untaxed one has reason and code', async () => {
  assert.deepEqual(
    await rules(
      invoice(
        `<UnitPrice>1</UnitPrice><CreditAmount>1</CreditAmount>${tax('23')}`,
        `<UnitPrice>1</UnitPrice><CreditAmount>1</CreditAmount>${tax('0')}<TaxExemptionReason>Isento artigo 14.º do CIVA</TaxExemptionReason><TaxExemptionCode>M05</TaxExemptionCode>`,
      ),
    ),
    [],
  );
  assert.deepEqual(
    await rules(
      invoice(
        `<CreditAmount>1</CreditAmount>${tax('23')}<TaxExemptionReason>Isento artigo 14.º do CIVA</TaxExemptionReason><TaxExemptionCode>M05</TaxExemptionCode>`,
        `<CreditAmount>1</CreditAmount>${tax('0.00')}`,
        `<CreditAmount>1</CreditAmount>${tax('0')}<TaxExemptionReason>Isento artigo 14.º do CIVA</TaxExemptionReason>`,
      ),
    ),
    ['FT A/1#1:tax-percentage', 'FT A/1#2:tax-percentage', 'FT A/1#3:exemption-pair'],
  );
});

test('TaxAmount follows the same rule; TaxBase needs a zero price and amount', async () => {
  const stamp = (amount: string) =>
    `<Tax><TaxType>IS</TaxType><TaxCountryRegion>PT</TaxCountryRegion><TaxCode>1</TaxCode><TaxAmount>${amount}</TaxAmount></Tax>`;
  assert.deepEqual(
    await rules(
      invoice(
        `<UnitPrice>0</UnitPrice><TaxBase>10</TaxBase><CreditAmount>0</CreditAmount>${stamp('5')}`,
        `<UnitPrice>2</UnitPrice><TaxBase>10</TaxBase><CreditAmount>3</CreditAmount>${stamp('0')}`,
      ),
    ),
    ['FT A/1#2:tax-amount', 'FT A/1#2:tax-base-price', 'FT A/1#2:tax-base-amount'],
  );
});

test('guides check percentages only when they carry Tax', async () => {
  const movement = (line: string) =>
    `<StockMovement><DocumentNumber>GT A/1</DocumentNumber><Line><LineNumber>1</LineNumber>${line}</Line></StockMovement>`;
  assert.deepEqual(await rules(movement('<CreditAmount>0</CreditAmount>')), []);
  assert.deepEqual(await rules(movement(`<CreditAmount>0</CreditAmount>${tax('0')}`)), ['GT A/1#1:tax-percentage']);
});

test('an RC receipt carries Tax on every line; RG need not', async () => {
  const payment = (type: string, line: string) =>
    `<Payment><PaymentRefNo>${type} A/1</PaymentRefNo><PaymentType>${type}</PaymentType><Line><LineNumber>1</LineNumber>${line}</Line></Payment>`;
  assert.deepEqual(await rules(payment('RG', '<CreditAmount>10</CreditAmount>')), []);
  assert.deepEqual(await rules(payment('RC', `<CreditAmount>10</CreditAmount>${tax('23')}`)), []);
  assert.deepEqual(await rules(payment('RC', '<CreditAmount>10</CreditAmount>')), [
    'RC A/1#1:rc-line-tax',
    'RC A/1#-:rc-tax',
  ]);
});
