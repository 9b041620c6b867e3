import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSharedJson, skipUnlessShared } from '../../../test/support/shared.js';
import { DomainError } from '../errors.js';
import { dec } from '../money/decimal.js';
import {
  QR_ERROR_CORRECTION,
  QR_MIN_SIZE_MM,
  QR_MIN_VERSION,
  buildQrPayload,
  fiscalSpacesFromTaxGroups,
  type QrInput,
  type QrTaxGroup,
} from './qr.js';

const QR_JSON = ['specs', 'pt', 'qr', 'qr_official_examples.json'] as const;

interface OfficialExamples {
  symbol: { ecc: string; minVersion: number; minSizeMm: string };
  examples: { name: string; declaredLength: number; payload: string }[];
}

/** The four examples of QR spec §5, written as builder input. */
const OFFICIAL: Record<string, QrInput> = {
  '5.1': {
    issuerTaxId: '123456789',
    customerTaxId: '999999990',
    customerCountry: 'PT',
    docType: 'FT',
    docStatus: 'N',
    docDate: '2019-12-31',
    docId: 'FT AB2019/0035',
    atcud: 'CSDF7T5H-0035',
    fiscalSpaces: [
      {
        region: 'PT',
        exemptBase: dec('12000'),
        reducedBase: dec('15000'),
        reducedVat: dec('900'),
        intermediateBase: dec('50000'),
        intermediateVat: dec('6500'),
        normalBase: dec('80000'),
        normalVat: dec('18400'),
      },
      {
        region: 'PT-AC',
        exemptBase: dec('10000'),
        reducedBase: dec('25000.56'),
        reducedVat: dec('1000.02'),
        intermediateBase: dec('75000'),
        intermediateVat: dec('6750'),
        normalBase: dec('100000'),
        normalVat: dec('18000'),
      },
      {
        region: 'PT-MA',
        exemptBase: dec('5000'),
        reducedBase: dec('12500'),
        reducedVat: dec('625'),
        intermediateBase: dec('25000'),
        intermediateVat: dec('3000'),
        normalBase: dec('40000'),
        normalVat: dec('8800'),
      },
    ],
    notSubject: dec('100'),
    stampDuty: dec('25'),
    taxPayable: dec('64000.02'),
    grossTotal: dec('513600.58'),
    withholding: dec('100'),
    hashChars: 'kLp0',
    certificateNo: '9999',
    otherInfo: 'TB;PT00000000000000000000000;513500.58',
  },
  '5.2': {
    issuerTaxId: '123456789',
    customerTaxId: '999999990',
    customerCountry: 'PT',
    docType: 'FS',
    docStatus: 'N',
    docDate: '2019-08-12',
    docId: 'FS CDVF/12345',
    atcud: 'CDF7T5HD-12345',
    fiscalSpaces: [{ region: 'PT', normalBase: dec('0.65'), normalVat: dec('0.15') }],
    taxPayable: dec('0.15'),
    grossTotal: dec('0.8'),
    hashChars: 'YhGV',
    certificateNo: '9999',
    otherInfo: 'NU;0.80',
  },
  '5.3': {
    issuerTaxId: '500000000',
    customerTaxId: '123456789',
    customerCountry: 'PT',
    docType: 'PF',
    docStatus: 'N',
    docDate: '2019-01-23',
    docId: 'PF G2019CB/145789',
    atcud: 'HB6FT7RV-145789',
    fiscalSpaces: [
      {
        region: 'PT',
        exemptBase: dec('12345.34'),
        reducedBase: dec('12532.65'),
        reducedVat: dec('751.96'),
        intermediateBase: dec('52789'),
        intermediateVat: dec('6862.57'),
        normalBase: dec('32425.69'),
        normalVat: dec('7457.91'),
      },
    ],
    taxPayable: dec('15072.44'),
    grossTotal: dec('125165.12'),
    hashChars: 'r/fY',
    certificateNo: '9999',
  },
  '5.4': {
    issuerTaxId: '500000000',
    customerTaxId: '123456789',
    customerCountry: 'PT',
    docType: 'GT',
    docStatus: 'N',
    docDate: '2019-07-20',
    docId: 'GT G234CB/50987',
    atcud: 'GTVX4Y8B-50987',
    fiscalSpaces: [],
    taxPayable: dec('0'),
    grossTotal: dec('0'),
    hashChars: '5uIg',
    certificateNo: '9999',
  },
};

const base = (over: Partial<QrInput> = {}): QrInput => ({ ...OFFICIAL['5.2'], ...over });

function issuesOf(fn: () => unknown): { field: string; issue: string }[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DomainError && e.code === 'validation', String(e));
    return e.details.map(({ field, issue }) => ({ field, issue }));
  }
  assert.fail('expected a validation error');
}

test('reproduces the 4 official AT examples exactly', skipUnlessShared(...QR_JSON), () => {
  const { examples } = readSharedJson<OfficialExamples>(...QR_JSON);
  assert.equal(examples.length, 4);
  for (const ex of examples) {
    const id = ex.name.slice(0, 3);
    const payload = buildQrPayload(OFFICIAL[id]);
    assert.equal(payload, ex.payload, ex.name);
    assert.equal(payload.length, ex.declaredLength, ex.name);
  }
});

test('symbol constants match the spec', skipUnlessShared(...QR_JSON), () => {
  const { symbol } = readSharedJson<OfficialExamples>(...QR_JSON);
  assert.equal(QR_ERROR_CORRECTION, symbol.ecc);
  assert.equal(QR_MIN_VERSION, symbol.minVersion);
  assert.equal(`${QR_MIN_SIZE_MM}x${QR_MIN_SIZE_MM}`, symbol.minSizeMm);
});

test('the simplified-invoice example, without shared/', () => {
  assert.equal(
    buildQrPayload(OFFICIAL['5.2']),
    'A:123456789*B:999999990*C:PT*D:FS*E:N*F:20190812*G:FS CDVF/12345*H:CDF7T5HD-12345*I1:PT*I7:0.65*I8:0.15*N:0.15*O:0.80*Q:YhGV*R:9999*S:NU;0.80',
  );
});

test('optional fields are omitted when absent or zero; N and O are always present', () => {
  const payload = buildQrPayload(
    base({
      otherInfo: undefined,
      notSubject: dec(0),
      stampDuty: undefined,
      withholding: dec('0.00'),
      taxPayable: dec(0),
      grossTotal: dec(0),
      fiscalSpaces: [{ region: 'PT', exemptBase: dec('0'), normalBase: dec('0'), normalVat: dec('0') }],
    }),
  );
  assert.equal(
    payload,
    'A:123456789*B:999999990*C:PT*D:FS*E:N*F:20190812*G:FS CDVF/12345*H:CDF7T5HD-12345*I1:PT*N:0.00*O:0.00*Q:YhGV*R:9999',
  );
});

test('money is rounded half-up to 2 decimals, without thousands separators', () => {
  const payload = buildQrPayload(
    base({
      fiscalSpaces: [{ region: 'PT', normalBase: dec('1234567.005'), normalVat: dec('283950.4') }],
      otherInfo: undefined,
    }),
  );
  assert.match(payload, /\*I7:1234567\.01\*I8:283950\.40\*/);
});

test('fields keep table order whatever spaces are given: I, J, K then L, M, N, O, P', () => {
  const payload = buildQrPayload(
    base({
      fiscalSpaces: [
        { region: 'PT-MA', reducedBase: dec(1) },
        { region: 'PT', normalVat: dec(2) },
      ],
      withholding: dec(3),
      notSubject: dec(4),
      stampDuty: dec(5),
      otherInfo: undefined,
    }),
  );
  const codes = payload.split('*').map((f) => f.slice(0, f.indexOf(':')));
  assert.deepEqual(codes, [
    'A',
    'B',
    'C',
    'D',
    'E',
    'F',
    'G',
    'H',
    'I1',
    'I3',
    'J1',
    'J8',
    'L',
    'M',
    'N',
    'O',
    'P',
    'Q',
    'R',
  ]);
});

test('maximum lengths are enforced field by field', () => {
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ customerTaxId: 'X'.repeat(31) }))),
    [{ field: 'B', issue: 'too_long' }],
  );
  assert.doesNotThrow(() => buildQrPayload(base({ customerTaxId: 'X'.repeat(30), customerCountry: 'Desconhecido' })));
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ customerCountry: 'Desconhecido!' }))),
    [{ field: 'C', issue: 'too_long' }],
  );
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ docId: `FT ${'A'.repeat(56)}/1` }))),
    [{ field: 'G', issue: 'too_long' }],
  );
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ atcud: `${'A'.repeat(66)}-1234` }))),
    [{ field: 'H', issue: 'too_long' }],
  );
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ otherInfo: 'x'.repeat(66) }))),
    [{ field: 'S', issue: 'too_long' }],
  );
  assert.doesNotThrow(() => buildQrPayload(base({ otherInfo: 'x'.repeat(65) })));
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ grossTotal: dec('12345678901234.99') }))),
    [{ field: 'O', issue: 'too_long' }],
  );
  assert.doesNotThrow(() => buildQrPayload(base({ grossTotal: dec('1234567890123.99') })));
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ fiscalSpaces: [{ region: 'PT-ACX' }] }))),
    [{ field: 'I1', issue: 'too_long' }],
  );
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ hashChars: 'abcde', certificateNo: '12345' }))),
    [
      { field: 'Q', issue: 'too_long' },
      { field: 'R', issue: 'too_long' },
    ],
  );
});

test('"*" is rejected in S (and anywhere else); a bad date, empty required fields and a 4th space are rejected', () => {
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ otherInfo: 'MB;123*456' }))),
    [{ field: 'S', issue: 'invalid' }],
  );
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ docId: 'FT A*1/1' }))),
    [{ field: 'G', issue: 'invalid' }],
  );
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ docDate: '12/08/2019' }))),
    [
      { field: 'F', issue: 'invalid' },
      { field: 'F', issue: 'too_long' },
    ],
  );
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ atcud: '' }))),
    [{ field: 'H', issue: 'required' }],
  );
  const four = ['PT', 'PT-AC', 'PT-MA', 'ES'].map((region) => ({ region }));
  assert.deepEqual(
    issuesOf(() => buildQrPayload(base({ fiscalSpaces: four }))),
    [{ field: 'fiscalSpaces', issue: 'too_many' }],
  );
});

const g = (type: QrTaxGroup['type'], region: string, code: string, rate: string, b: string, t: string): QrTaxGroup => ({
  type,
  region,
  code,
  rate: dec(rate),
  base: dec(b),
  tax: dec(t),
});
const plain = (v: object): unknown => JSON.parse(JSON.stringify(v));

test('fiscalSpacesFromTaxGroups maps codes to fields, regions in order of first appearance', () => {
  const summary = fiscalSpacesFromTaxGroups([
    g('IVA', 'PT-AC', 'NOR', '16', '100', '16'),
    g('IVA', 'PT', 'RED', '6', '10', '0.6'),
    g('IVA', 'PT', 'ISE', '0', '5', '0'),
    g('IVA', 'PT', 'OUT', '0', '2', '0'),
    g('IVA', 'PT', 'INT', '13', '20', '2.6'),
    g('IVA', 'PT-AC', 'NOR', '16', '50', '8'),
    g('NS', 'PT', 'NS', '0', '7', '0'),
    g('IS', 'PT', '1.1', '10', '30', '3'),
  ]);
  assert.deepEqual(plain(summary), {
    fiscalSpaces: [
      { region: 'PT-AC', normalBase: '150', normalVat: '24' },
      {
        region: 'PT',
        reducedBase: '10',
        reducedVat: '0.6',
        exemptBase: '37',
        intermediateBase: '20',
        intermediateVat: '2.6',
      },
    ],
    notSubject: '7',
    stampDuty: '3',
  });
});

test('a fully non-subject invoice still names its fiscal space; no groups give no space (I1:0)', () => {
  const ns = fiscalSpacesFromTaxGroups([g('NS', 'PT', 'NS', '0', '100', '0')]);
  assert.deepEqual(plain(ns), { fiscalSpaces: [{ region: 'PT' }], notSubject: '100' });
  const payload = buildQrPayload(base({ ...ns, taxPayable: dec(0), grossTotal: dec(100), otherInfo: undefined }));
  assert.match(payload, /\*I1:PT\*L:100\.00\*N:0\.00\*O:100\.00\*/);
  assert.deepEqual(fiscalSpacesFromTaxGroups([]), { fiscalSpaces: [] });
});

test('fiscalSpacesFromTaxGroups output feeds the builder (FS example)', () => {
  const { fiscalSpaces } = fiscalSpacesFromTaxGroups([g('IVA', 'PT', 'NOR', '23', '0.65', '0.15')]);
  assert.equal(buildQrPayload(base({ fiscalSpaces })), buildQrPayload(OFFICIAL['5.2']));
});

test('more than 3 regions or an unknown VAT code is a validation error', () => {
  const regions = ['PT', 'PT-AC', 'PT-MA', 'ES'].map((r) => g('IVA', r, 'ISE', '0', '1', '0'));
  assert.throws(
    () => fiscalSpacesFromTaxGroups(regions),
    (e: unknown) => e instanceof DomainError && e.code === 'validation',
  );
  assert.doesNotThrow(() => fiscalSpacesFromTaxGroups(regions.slice(0, 3)));
  assert.throws(
    () => fiscalSpacesFromTaxGroups([g('IVA', 'PT', 'XXX', '0', '1', '0')]),
    (e: unknown) => e instanceof DomainError && e.code === 'validation',
  );
});
