import { test } from 'node:test';
import assert from 'node:assert/strict';
import { opensBalance, paidOnIssueProblem, settledOnIssue } from './paid-on-issue.js';

test('an FS is paid on issue unless it says otherwise; an FR always; an FT never', () => {
  assert.equal(settledOnIssue('FS', null), true);
  assert.equal(settledOnIssue('FS', true), true);
  assert.equal(settledOnIssue('FS', false), false);
  assert.equal(settledOnIssue('FR', false), true);
  assert.equal(settledOnIssue('FT', true), false);
  assert.equal(settledOnIssue('FT', undefined), false);
});

test('an FS issued unpaid opens its amount like an FT; a paid one, an FR or a quote opens nothing', () => {
  assert.equal(opensBalance('FS', false), true);
  assert.equal(opensBalance('FS', null), false);
  assert.equal(opensBalance('FS', true), false);
  assert.equal(opensBalance('FR', false), false);
  assert.equal(opensBalance('FT', null), true);
  assert.equal(opensBalance('ND', null), true);
  assert.equal(opensBalance('OR', null), false);
});

test('paidOnIssue is refused where the type fixes it the other way', () => {
  assert.equal(paidOnIssueProblem('FS', false), null);
  assert.equal(paidOnIssueProblem('FS', true), null);
  assert.equal(paidOnIssueProblem('FR', true), null);
  assert.equal(paidOnIssueProblem('FT', false), null);
  assert.equal(paidOnIssueProblem('FT', undefined), null);
  assert.match(paidOnIssueProblem('FR', false)!, /always paid on issue/);
  assert.match(paidOnIssueProblem('FT', true)!, /never paid on issue: a receipt settles it/);
  assert.match(paidOnIssueProblem('OR', true)!, /never paid on issue\./);
});
