import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { zonedDateTime } from '../../src/domain/time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createBelgianAccount } from './belgian-account.js';

// Two Belgian defaults (#16 §1) through the native API, on PGlite and PostgreSQL: an inline customer without a
// country is Belgian on a Belgian account, and a cancellation's status date is on the Brussels clock.
let t: TestApp;
let key: string;
before(async () => {
  t = await startTestApp();
  const a = await createBelgianAccount(t, 'be-loose');
  key = a.apiKey;
});
after(async () => {
  await t?.close();
});

const call = (method: string, url: string, body?: unknown) => t.call(method, url, body, { key });
const lines = [{ description: 'Service', quantity: '1', unitPrice: '100', taxRate: '21' }];

test('the wall clock of a zone: Brussels is an hour ahead of Lisbon in winter, across a year end', () => {
  const i = new Date('2026-12-31T23:30:05Z');
  assert.equal(zonedDateTime(i, 'Europe/Brussels'), '2027-01-01T00:30:05');
  assert.equal(zonedDateTime(i, 'Europe/Lisbon'), '2026-12-31T23:30:05');
});

test('an inline customer without a country on a BE account is Belgian: its enterprise number checked as BE', async () => {
  const r = await call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    customer: { name: 'Klant Zonder Land BV', taxId: '0202.239.951', city: 'Gent' },
    lines,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.customer.country, 'BE');
  const contact = await call('GET', `/v1/contacts/${r.body.contactId}`);
  assert.equal(contact.status, 200, JSON.stringify(contact.body));
  assert.equal(contact.body.country, 'BE');
});

test('a cancelled BE invoice: its status date is Brussels wall-clock time', async () => {
  const inv = await call('POST', '/v1/documents', {
    type: 'FT',
    finalize: true,
    customer: { name: 'Client NV', taxId: 'BE0202239951', country: 'BE' },
    lines,
  });
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  const before = zonedDateTime(new Date(), 'Europe/Brussels');
  const c = await call('POST', `/v1/documents/${inv.body.id}/cancel`, { reason: 'Erreur de prix' });
  const after = zonedDateTime(new Date(), 'Europe/Brussels');
  assert.equal(c.status, 200, JSON.stringify(c.body));
  const got = (await call('GET', `/v1/documents/${inv.body.id}`)).body;
  assert.equal(got.status, 'cancelled');
  assert.ok(got.statusDate >= before && got.statusDate <= after, `${before} ≤ ${got.statusDate} ≤ ${after}`);
});
