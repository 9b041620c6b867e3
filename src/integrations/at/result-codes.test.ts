import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFault, classifyHttp, classifyInvoice, classifySeries, classifyTransport } from './result-codes.js';

test('sgdtws: 0 and the -100 alert succeed; -3 succeeds only with the code; internal errors retry; the rest stops', () => {
  assert.equal(classifyTransport([0], true), 'success');
  assert.equal(classifyTransport([0, -100], true), 'success');
  assert.equal(classifyTransport([-3], true), 'success');
  assert.equal(classifyTransport([-3], false), 'permanent');
  assert.equal(classifyTransport([-99], false), 'retryable');
  assert.equal(classifyTransport([-20000], false), 'retryable');
  assert.equal(classifyTransport([-1], false), 'permanent');
  assert.equal(classifyTransport([-20008], false), 'permanent');
  assert.equal(classifyTransport([], false), 'permanent');
});

test('authentication codes: only the transient ones are retried (a wrong password is not hammered)', () => {
  for (const c of [11, 13, 52]) assert.equal(classifyTransport([c], false), 'retryable', String(c));
  for (const c of [1, 4, 8, 16, 17, 33, 50, 54, 99]) assert.equal(classifyInvoice(c), 'permanent', String(c));
});

test('SeriesWS 2001–2004 succeed; fatcorews 0 succeeds', () => {
  for (const c of [2001, 2002, 2003, 2004]) assert.equal(classifySeries(c), 'success');
  assert.equal(classifySeries(3002), 'permanent');
  assert.equal(classifySeries(99), 'permanent');
  assert.equal(classifyInvoice(0), 'success');
  assert.equal(classifyInvoice(-99), 'retryable');
});

test('SOAP faults and bare HTTP answers', () => {
  assert.equal(classifyFault('S:Client'), 'permanent');
  assert.equal(classifyFault('soap:Server'), 'retryable');
  assert.equal(classifyFault(''), 'retryable');
  assert.equal(classifyHttp(503), 'retryable');
  assert.equal(classifyHttp(429), 'retryable');
  assert.equal(classifyHttp(404), 'permanent');
});
