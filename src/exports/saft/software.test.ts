import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../config.js';
import type { SaftAccount } from '../../app/saft/get-saft-account.js';
import { headerRecord } from './header.js';
import { FATURADOR_SOFTWARE, saftSoftware } from './software.js';

const account = { tax_id: '503340855', legal_name: 'Empresa, Lda', country: 'PT' } as unknown as SaftAccount;
const period = { from: '2026-10-01', to: '2026-10-31' };

test('without configuration the header names Faturador and the issuer as producer', () => {
  const h = headerRecord(account, period, new Date('2026-11-01T10:00:00Z'), saftSoftware(loadConfig({}).software));
  assert.equal(h.ProductID, FATURADOR_SOFTWARE.productId);
  assert.equal(h.ProductCompanyTaxID, '503340855');
});

test('SOFTWARE_PRODUCT_ID and SOFTWARE_PRODUCER_NIF name the certified producer in the header', () => {
  const cfg = loadConfig({
    SOFTWARE_PRODUCT_ID: 'Faturas Rápidas/Software House, Lda',
    SOFTWARE_PRODUCER_NIF: '509999990',
  });
  const h = headerRecord(account, period, new Date('2026-11-01T10:00:00Z'), saftSoftware(cfg.software));
  assert.equal(h.ProductID, 'Faturas Rápidas/Software House, Lda');
  assert.equal(h.ProductCompanyTaxID, '509999990');
  assert.equal(h.ProductVersion, FATURADOR_SOFTWARE.version);
});

test('a malformed product id or producer NIF stops the start', () => {
  assert.throws(() => loadConfig({ SOFTWARE_PRODUCT_ID: 'NoSlash' }), /SOFTWARE_PRODUCT_ID/);
  assert.throws(() => loadConfig({ SOFTWARE_PRODUCER_NIF: '12345' }), /SOFTWARE_PRODUCER_NIF/);
});
