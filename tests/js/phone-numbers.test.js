/**
 * How a stored E.164 number reads (contacts.js `displayNumber`): the phone's call buttons and every telephone
 * column of the desk's admin tables say it the same way; the `tel:` link keeps the stored value.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

const { displayNumber } = await import('../../pwa/src/contacts.js');

describe('a telephone number as people read it', () => {
  test('a US number reads as (213) 555-1234', () => {
    assert.equal(displayNumber('+12135551234'), '(213) 555-1234');
    assert.equal(displayNumber('+13235550199'), '(323) 555-0199');
  });

  test('another country\'s number reads as its code, then groups of three ending in four', () => {
    assert.equal(displayNumber('+442071234567'), '+44 207 123 4567');
    assert.equal(displayNumber('+525555550101'), '+52 555 555 0101');
    assert.equal(displayNumber('+74951234567'), '+7 495 123 4567');
    assert.equal(displayNumber('+35312345678'), '+353 1 234 5678');
    assert.equal(displayNumber('+63281234567'), '+63 28 123 4567');
  });

  test('what is not an E.164 number is shown as given, never half-formatted', () => {
    assert.equal(displayNumber('911'), '911');
    assert.equal(displayNumber('call Maria'), 'call Maria');
    assert.equal(displayNumber(''), '');
  });
});
