/**
 * UBL generation per document (goal: under 2 ms, issue #16): the EN 16931 mapping from the IssuedDocument plus the
 * UBL serialization, without the PDF, on a Belgian Peppol invoice of 2 lines and a Portuguese CIUS-PT invoice of 20
 * lines (discounts, 3 rates, an exemption, withholding). CPU of this process per document over BENCH_EINVOICE_GEN
 * documents (default 2,000) after a warm-up, and the same for CII. `node --import tsx bench/einvoice.ts` runs it
 * alone; bench/run.ts prints it as a section (BENCH_EINVOICE=0 skips it).
 */
import { pathToFileURL } from 'node:url';
import { einvoiceFromIssued } from '../src/domain/einvoice/from-issued.js';
import { serializeEinvoice } from '../src/exports/einvoice/document-einvoice.js';
import { profileMapping, type EinvoiceProfile, type EinvoiceSyntax } from '../src/exports/einvoice/profiles.js';
import { issuedFixture, type FixtureLine } from '../test/einvoice/issued-fixtures.js';
import { nodeCpuMs } from './cpu.js';
import { goalRow, infoRow, printSection, type Row } from './report.js';

const ptLines: FixtureLine[] = Array.from({ length: 20 }, (_, i) =>
  i % 5 === 4
    ? { quantity: '1', price: '40', rate: '0', exemption: { code: 'M07', reason: 'Isento artigo 9.º do CIVA' } }
    : {
        quantity: String(1 + (i % 7)),
        price: (10.333 + i).toFixed(3),
        rate: ['23', '13', '6'][i % 3],
        code: ['NOR', 'INT', 'RED'][i % 3],
        discounts: [i % 2 ? '10' : '0', '0', '0'],
      },
);

const CASES = [
  {
    name: 'BE Peppol invoice, 2 lines',
    profile: 'peppol' as EinvoiceProfile,
    doc: issuedFixture({
      seller: 'BE',
      paymentReference: '+++123/4567/89002+++',
      lines: [
        { quantity: '10', price: '75', rate: '21', category: 'S' },
        { quantity: '2', price: '12.5', rate: '6', category: 'S' },
      ],
    }),
  },
  {
    name: 'PT CIUS-PT invoice, 20 lines',
    profile: 'cius-pt' as EinvoiceProfile,
    doc: issuedFixture({ lines: ptLines, globalDiscount: { kind: 'percent', value: '3' }, withholdingRate: '25' }),
  },
];

export async function benchEinvoice(documents = Number(process.env.BENCH_EINVOICE_GEN ?? 2000)): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of CASES)
    for (const syntax of ['ubl', 'cii'] as EinvoiceSyntax[]) {
      const profile = syntax === 'cii' ? 'en16931' : c.profile;
      const one = () => serializeEinvoice(einvoiceFromIssued(c.doc, profileMapping(profile)), syntax, { profile });
      for (let i = 0; i < 200; i++) one();
      const cpu0 = nodeCpuMs();
      let bytes = 0;
      for (let i = 0; i < documents; i++) bytes += one().length;
      const perDoc = (nodeCpuMs() - cpu0) / documents;
      const label = `${c.name}, ${syntax.toUpperCase()} ${profile}: CPU ms per document (${documents}, ${Math.round(bytes / documents)} B)`;
      rows.push(
        syntax === 'ubl'
          ? goalRow(label, perDoc, { atMost: 2, unit: 'ms', digits: 3 })
          : infoRow(label, perDoc.toFixed(3)),
      );
    }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href)
  printSection('E-invoice generation (bench/einvoice.ts)', await benchEinvoice());
