import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.js';
import { isOwnParticipant, registrationTargets } from './registration-targets.js';

const OWN = { scheme: '0208', value: '0412345614' };

test('by default the own id under every scheme it is reached by; a non-Belgian id alone', () => {
  assert.deepEqual(registrationTargets(OWN, undefined), [OWN, { scheme: '9925', value: 'BE0412345614' }]);
  assert.deepEqual(registrationTargets(OWN, []), registrationTargets(OWN, undefined));
  const nl = { scheme: '9944', value: 'NL123456789B01' };
  assert.deepEqual(registrationTargets(nl, undefined), [nl]);
});

test('the ids asked, each the own number under any scheme, once each; another company refused naming it', () => {
  const vat = { scheme: '9925', value: 'BE0412345614' };
  assert.ok(isOwnParticipant(OWN, vat));
  assert.deepEqual(registrationTargets(OWN, [vat, vat, OWN]), [vat, OWN]);
  assert.throws(
    () => registrationTargets(OWN, [vat, { scheme: '0208', value: '0563846944' }]),
    (e: unknown) =>
      e instanceof DomainError &&
      e.code === 'validation' &&
      e.details.length === 1 &&
      e.details[0]!.value === '0208:0563846944',
  );
  assert.equal(isOwnParticipant(OWN, { scheme: '0088', value: 'ABC' }), false, 'no digits: never the own number');
});
