import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldIssue } from '../errors.js';
import { formatMailbox, isEmailAddress, parseAddressList, parseMailbox } from './addresses.js';

describe('e-mail addresses', () => {
  test('deliverable addresses only', () => {
    for (const ok of ['a@b.pt', 'joão.silva+faturas@empresa.pt', 'x@[127.0.0.1]', "o'neil@example.co.uk"])
      assert.ok(isEmailAddress(ok), ok);
    for (const bad of [
      'a@b',
      'a b@c.pt',
      '<a@b.pt>',
      'a@b.pt>',
      '.a@b.pt',
      'a..b@c.pt',
      'a@-b.pt',
      '@b.pt',
      'a@b.pt\r\nBcc: c@d.pt',
    ])
      assert.ok(!isEmailAddress(bad), bad);
  });

  test('lists from arrays or separated strings, deduplicated case-insensitively, each bad entry reported', () => {
    const issues: FieldIssue[] = [];
    assert.deepEqual(parseAddressList('a@b.pt; C@D.pt ,a@B.pt,,', 'sendTo', issues), ['a@b.pt', 'C@D.pt']);
    assert.equal(issues.length, 0);
    assert.deepEqual(parseAddressList(['a@b.pt', 'nope', 3], 'to', issues), ['a@b.pt']);
    assert.deepEqual(
      issues.map((i) => [i.field, i.issue]),
      [
        ['to[1]', 'invalid'],
        ['to[2]', 'invalid'],
      ],
    );
  });

  test('mailboxes with display names', () => {
    assert.deepEqual(parseMailbox('Empresa, Lda <f@e.pt>'), { name: 'Empresa, Lda', address: 'f@e.pt' });
    assert.deepEqual(parseMailbox('"A \\"B\\"" <f@e.pt>'), { name: 'A "B"', address: 'f@e.pt' });
    assert.deepEqual(parseMailbox('f@e.pt'), { name: null, address: 'f@e.pt' });
    assert.equal(parseMailbox('Nome <não é>'), null);
    assert.equal(formatMailbox('A "B"', 'f@e.pt'), '"A \\"B\\"" <f@e.pt>');
  });
});
