// Re-copies the e-invoice validation artefacts that ship with the package into assets/einvoice/ from the shared
// specs folder (by default ../shared/specs/eu, as a first argument otherwise). The application reads them only from
// assets/einvoice/ (copied to dist/assets/einvoice by copy-assets.mjs), never from the specs folder.
//
// Where each comes from (see ../shared/reference/einvoice.md §1 and §2.3):
// - sef/EN16931-{UBL,CII}-validation: the CEN/TC 434 EN 16931 validation artefacts 1.3.16
//   (ConnectingEurope/eInvoicing-EN16931 @ b6c9e06, ubl/xslt and cii/xslt; EUPL-1.2), compiled with xslt3 2.7.0.
// - sef/PEPPOL-EN16931-UBL: Peppol BIS Billing 3.0 rules, release 2026.5 = BIS 3.0.21, mandatory from 2026-08-17
//   (phax/phive-rules @ 432f0e9, openpeppol/2026.5/xslt), compiled with xslt3 2.7.0.
// - sef/urn_feap.gov.pt_CIUS-PT_2.1.1: the Portuguese CIUS-PT 2.1.1 (phax/phive-rules @ 432f0e9), compiled likewise.
// - xsd/ubl-2.1: OASIS UBL 2.1 OS runtime schemas (xsdrt, no annotations; kduvekot/ubl-release-package @ 69d9f20),
//   only the Invoice and CreditNote main documents and the common modules they import.
// - xsd/cii-d16b: UN/CEFACT CII D16B SCRDM subset, uncoupled code lists (from the EN 16931 repository,
//   cii/schema/D16B SCRDM (Subset)/uncoupled clm/CII).
// The SEF files are stored gzipped (7 to 9 MB of JSON each, 0.1 to 0.3 MB gzipped); the validator gunzips them.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const specs = resolve(process.argv[2] ?? '../shared/specs/eu');
const out = resolve('assets/einvoice');

const SEF = [
  'EN16931-UBL-validation.sef.json',
  'EN16931-CII-validation.sef.json',
  'PEPPOL-EN16931-UBL.sef.json',
  'urn_feap.gov.pt_CIUS-PT_2.1.1.sef.json',
];

rmSync(join(out, 'sef'), { recursive: true, force: true });
rmSync(join(out, 'xsd'), { recursive: true, force: true });
mkdirSync(join(out, 'sef'), { recursive: true });
for (const name of SEF) {
  // mtime 0: the same input gives the same bytes.
  writeFileSync(join(out, 'sef', `${name}.gz`), gzipSync(readFileSync(join(specs, 'sef', name)), { level: 9 }));
}

const ubl = join(specs, 'ubl-2.1/xsdrt');
mkdirSync(join(out, 'xsd/ubl-2.1/maindoc'), { recursive: true });
for (const main of ['UBL-Invoice-2.1.xsd', 'UBL-CreditNote-2.1.xsd']) {
  cpSync(join(ubl, 'maindoc', main), join(out, 'xsd/ubl-2.1/maindoc', main));
}
cpSync(join(ubl, 'common'), join(out, 'xsd/ubl-2.1/common'), { recursive: true });

const cii = join(specs, 'en16931-1.3.16/cii/schema/D16B SCRDM (Subset)/uncoupled clm/CII');
cpSync(cii, join(out, 'xsd/cii-d16b'), { recursive: true, filter: (src) => !/\.docx?$/.test(src) });

mkdirSync(join(out, 'licenses'), { recursive: true });
cpSync(join(specs, 'en16931-1.3.16/LICENSE.txt'), join(out, 'licenses/EUPL-1.2.txt'));

const count = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(dir, e.name)) : 1), 0);
console.log(`assets/einvoice: ${count(out)} files from ${specs}`);
