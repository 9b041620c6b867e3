import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNameable, isStalePlanError, transactionControl } from './statement-names.js';

test('plain data statements are named; lists whose length follows the data, scripts, DDL and SET are not', () => {
  assert.ok(isNameable('select "id" from "api_keys" where "key_hash" = $1'));
  assert.ok(isNameable('insert into "documents" ("a", "b") values ($1, $2) returning "id"'));
  assert.ok(isNameable('with x as (select 1) update "t" set "a" = $1'));
  assert.ok(isNameable('select * from "t" where "a" in (select "b" from "u" where "c" = $1)'));
  assert.ok(!isNameable('select * from "t" where "id" in ($1, $2, $3)'));
  assert.ok(!isNameable('insert into "t" ("a", "b") values ($1, $2), ($3, $4)'));
  assert.ok(!isNameable('select 1; select 2'));
  assert.ok(!isNameable('create table "t" ("a" int)'));
  assert.ok(!isNameable('set local statement_timeout = 1000'));
  assert.ok(!isNameable('begin'));
  assert.ok(!isNameable(`select ${'1,'.repeat(10_000)}1`));
});

test('a stale prepared plan is recognised by its code and message', () => {
  assert.ok(isStalePlanError({ code: '0A000', message: 'cached plan must not change result type' }));
  assert.ok(!isStalePlanError({ code: '0A000', message: 'something else not supported' }));
  assert.ok(!isStalePlanError(new Error('cached plan must not change result type')));
});

test('transaction control is told from data statements', () => {
  for (const t of ['begin', 'BEGIN ISOLATION LEVEL REPEATABLE READ', 'start transaction read only'])
    assert.equal(transactionControl(t), 'begin', t);
  for (const t of ['commit', 'ROLLBACK', 'end', 'abort ']) assert.equal(transactionControl(t), 'end', t);
  for (const t of ['select 1', 'rollback to savepoint a', 'commit_log', 'update begin_at set x = 1'])
    assert.equal(transactionControl(t), undefined, t);
});
