import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isContactEmail } from './contact-email.js';

test('a contact e-mail: something@domain.tld without spaces', () => {
  for (const ok of ['a@b.pt', 'joão.silva+x@empresa.co.uk']) assert.ok(isContactEmail(ok), ok);
  for (const bad of ['a@b', 'a b@c.pt', '@b.pt', 'a@@b.pt', 'a@b.pt ', '']) assert.ok(!isContactEmail(bad), bad);
});
