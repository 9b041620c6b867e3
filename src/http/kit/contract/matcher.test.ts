import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchShape } from './matcher.js';
import { compare, interpolate, runCase } from './run.js';
import { generalize, mergeShapes } from './record.js';
import type { ContractCase, Exchange } from './contract.js';

const shape = {
  id: '{{id as documentId}}',
  invoice_number: 'FT A{{year}}/{{integer}}',
  gross_total: '25.83',
  paid: false,
  date: '{{date}}',
  due: '{{date?}}',
  lines: [{ document_id: '{{=documentId}}', qty: 2 }],
};
const answer = () => ({
  id: 41,
  invoice_number: 'FT A2026/7',
  gross_total: '25.83',
  paid: false,
  date: '2026-12-07',
  due: null,
  lines: [{ document_id: 41, qty: 2 }],
});

test('an answer of the recorded shape matches, and captures what it names', () => {
  const vars: Record<string, unknown> = {};
  assert.deepEqual(matchShape(shape, answer(), vars), []);
  assert.equal(vars.documentId, 41);
});

test('a field added, removed or renamed is a contract change', () => {
  const added = { ...answer(), extra: 1 };
  assert.deepEqual(matchShape(shape, added, {}), ['$.extra: unexpected field (1)']);
  const { paid: _, ...removed } = answer();
  assert.deepEqual(matchShape(shape, removed, {}), ['$.paid: missing']);
});

test('a value of another type or content, or a placeholder not fitting, is a change', () => {
  assert.deepEqual(matchShape(shape, { ...answer(), gross_total: 25.83 }, {}), [
    '$.gross_total: expected "25.83", got 25.83',
  ]);
  assert.equal(matchShape(shape, { ...answer(), id: 'abc' }, {}).length, 2); // and the read-back no longer agrees
  assert.deepEqual(matchShape(shape, { ...answer(), date: '07-12-2026' }, {}), [
    '$.date: expected {{date}}, got "07-12-2026"',
  ]);
  assert.deepEqual(matchShape(shape, { ...answer(), invoice_number: 'FT 2026/7' }, {}), [
    '$.invoice_number: expected "FT A{{year}}/{{integer}}", got "FT 2026/7"',
  ]);
  assert.equal(matchShape(shape, { ...answer(), lines: [] }, {}).length, 1);
  assert.deepEqual(matchShape(shape, { ...answer(), lines: [{ document_id: 40, qty: 2 }] }, {}), [
    '$.lines[0].document_id: expected {{=documentId}}, got 40',
  ]);
  assert.deepEqual(matchShape({ a: '{{nonsense}}' }, { a: 1 }, {}), [
    '$.a: unknown placeholder {{nonsense}} in the contract',
  ]);
});

const exchange = (status: number, body: unknown): Exchange => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  text: JSON.stringify(body),
});

test('a status change is a change, and so is a header that no longer fits', () => {
  const expect = { status: 200, headers: { 'content-type': 'application/json{{any}}' }, body: shape };
  assert.deepEqual(compare(expect, exchange(200, answer()), {}), []);
  assert.deepEqual(compare(expect, exchange(201, answer()), {}), ['status: expected 200, got 201']);
  const xml = { ...exchange(200, answer()), headers: { 'content-type': 'application/xml' } };
  assert.equal(compare(expect, xml, {}).length, 1);
});

test('runCase interpolates captured values into later requests and reports each failing step', async () => {
  const c: ContractCase = {
    name: 'create then read',
    steps: [
      {
        request: { method: 'POST', path: '/docs', body: { contact: '{{contactId}}', note: 'for {{contactId}}' } },
        capture: { docId: 'id' },
        expect: { status: 201, body: { id: '{{=docId}}' } },
      },
      { request: { method: 'GET', path: '/docs/{{docId}}' }, expect: { status: 200, body: { id: '{{=docId}}' } } },
    ],
  };
  const seen: unknown[] = [];
  const failures = await runCase(
    c,
    async (req) => {
      seen.push(req);
      return req.method === 'POST' ? exchange(201, { id: 9 }) : exchange(404, { id: 9 });
    },
    { contactId: 5 },
  );
  assert.deepEqual(seen[0], {
    method: 'POST',
    path: '/docs',
    headers: { 'content-type': 'application/json' },
    body: '{"contact":5,"note":"for 5"}',
  });
  assert.equal((seen[1] as { path: string }).path, '/docs/9');
  assert.deepEqual(failures, ['step 2 (GET /docs/{{docId}}): status: expected 200, got 404']);
  assert.throws(() => interpolate('{{unknown}}', {}), /not known/);
});

test('recording generalises what changes run to run, and two runs keep only what they agree on', () => {
  const vars = { documentId: 41, apiKey: 'k'.repeat(40) };
  const year = new Date().getUTCFullYear();
  const rec = generalize(
    {
      id: 41,
      type_id: 41,
      when: '2026-12-07T10:00:00',
      no: `FT A${year}/1`,
      url: `http://localhost/x?key=${'k'.repeat(40)}`,
      fiscal_id: '123456789',
    },
    '',
    vars,
  );
  assert.deepEqual(rec, {
    id: '{{=documentId}}',
    type_id: '{{=documentId}}',
    when: '{{datetime}}',
    no: 'FT A{{year}}/1',
    url: 'http://localhost/x?key={{=apiKey}}',
    fiscal_id: '123456789',
  });
  // In a second run the type id is still 1 but the document is another: the coincidence goes.
  assert.deepEqual(mergeShapes(rec, { ...(rec as object), type_id: '{{id}}' }), {
    ...(rec as object),
    type_id: '{{id}}',
  });
  assert.equal(mergeShapes('a', 'b'), '{{string}}');
});

test('a capture path `$` takes the whole body (a created id answered as a bare number)', async () => {
  const c: ContractCase = {
    name: 'create, read',
    steps: [
      {
        request: { method: 'POST', path: '/orders' },
        capture: { orderId: '$' },
        expect: { status: 200, body: '{{integer}}' },
      },
      {
        request: { method: 'GET', path: '/orders/{{orderId}}' },
        expect: { status: 200, body: { OrderID: '{{=orderId}}' } },
      },
    ],
  };
  const paths: string[] = [];
  const failures = await runCase(
    c,
    async (req) => {
      paths.push(req.path);
      return req.method === 'POST' ? exchange(200, 1194146) : exchange(200, { OrderID: 1194146 });
    },
    {},
  );
  assert.deepEqual(failures, []);
  assert.equal(paths[1], '/orders/1194146');
  // An id answered as a string is a contract change.
  const asString = await runCase(c, async () => exchange(200, '1194146'), {});
  assert.equal(asString[0], 'step 1 (POST /orders): body: expected {{integer}}, got "1194146"');
});
