import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrl } from './redact.js';

const T = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718';

test('public download tokens are redacted in every link that carries one', () => {
  assert.equal(redactUrl(`/download/12/${T}`), '/download/12/[REDACTED]');
  assert.equal(redactUrl(`/download/12/${T}?copy=reprint`), '/download/12/[REDACTED]?copy=reprint');
  assert.equal(redactUrl(`/download/12/${T}/qr.png`), '/download/12/[REDACTED]/qr.png');
  assert.equal(redactUrl(`/download/saft/3/${T}`), '/download/saft/3/[REDACTED]');
  assert.equal(redactUrl(`/billpt/documentos/download/7/${T}`), '/billpt/documentos/download/7/[REDACTED]');
  assert.equal(redactUrl(`/documentos/download/7/${T}`), '/documentos/download/7/[REDACTED]');
});

test('credential query parameters are still redacted, and other URLs are left alone', () => {
  assert.equal(
    redactUrl('/invoicexpress/invoices.json?api_key=secret&page=2'),
    '/invoicexpress/invoices.json?api_key=[REDACTED]&page=2',
  );
  assert.equal(redactUrl('/v1/documents/12/pdf?copy=duplicate'), '/v1/documents/12/pdf?copy=duplicate');
  assert.equal(redactUrl('/v1/documents?download=1'), '/v1/documents?download=1');
});

test('the Peppol status-callback token (the secret URL an access point calls) is redacted', () => {
  const token = '12.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
  assert.equal(redactUrl(`/v1/peppol/status/${token}`), '/v1/peppol/status/[REDACTED]');
  assert.equal(redactUrl(`/v1/peppol/status/${token}?x=1`), '/v1/peppol/status/[REDACTED]?x=1');
  assert.equal(redactUrl('/v1/documents/12/peppol'), '/v1/documents/12/peppol');
});

test("MagniFinance's DownloadUrl token (the signed link is the credential) is redacted", () => {
  assert.equal(
    redactUrl('/magnifinance/MagniAPI/Download/42/lq2x3k.AbC-_d'),
    '/magnifinance/MagniAPI/Download/42/[REDACTED]',
  );
});
