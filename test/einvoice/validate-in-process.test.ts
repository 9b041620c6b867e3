import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  closeEinvoiceValidation,
  configureEinvoiceValidation,
  einvoiceValidationCounts,
  validateEinvoice,
} from '../../src/exports/einvoice/validate/index.js';
import { readShared, skipUnlessShared } from '../support/shared.js';

// EINVOICE_THREADS=0 (and threads that cannot start) validate on the main thread: the XSD engine must load there too.
const BE = 'specs/eu/examples-be';
after(() => closeEinvoiceValidation());

test(
  'with 0 threads the broken Belgian invoice is validated in-process, with its known findings',
  skipUnlessShared(BE),
  async () => {
    configureEinvoiceValidation({ threads: 0 });
    const broken = await validateEinvoice(readShared(`${BE}/be-invoice-broken.xml`));
    assert.equal(broken.xsd.valid, true);
    assert.deepEqual(
      broken.findings
        .filter((f) => f.flag === 'fatal')
        .map((f) => f.id)
        .sort(),
      ['BR-CO-14', 'BR-CO-16', 'PEPPOL-COMMON-R043', 'PEPPOL-EN16931-R003'],
    );
    const xsdBroken = await validateEinvoice(readShared(`${BE}/be-invoice-xsd-broken.xml`));
    assert.equal(xsdBroken.xsd.valid, false);
    assert.equal(xsdBroken.xsd.errors.length, 2);
    assert.deepEqual(einvoiceValidationCounts(), { onThreads: 0, inProcess: 2 });
  },
);
