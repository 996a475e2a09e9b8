/**
 * The offsets the desk sends for words selected in a redaction box (pwa/src/desk/components/liaison-redact.js
 * selectionIn) count code points of the text as the server stores it, not of the box's value: a text box holds
 * each CR LF of the stored text as one LF, so offsets read from it fell one short per line break before them,
 * and the server removed other characters (words partly kept).
 */
import './support.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectionIn } from '../../pwa/src/desk/components/liaison-redact.js';

/** A text box as the browser makes one of `stored`: its value with line breaks normalized, `words` selected. */
function box(stored, words) {
  const value = stored.replace(/\r\n?/g, '\n');
  const start = value.indexOf(words);
  return { value, selectionStart: start, selectionEnd: start + words.length };
}

test('words after CR LF line breaks are counted in the stored text', () => {
  const stored = 'Line one\r\nLine two\r\nCall the blue truck driver';
  const chosen = selectionIn(box(stored, 'blue truck'), stored);
  assert.deepEqual(chosen, { start: stored.indexOf('blue truck'), end: stored.indexOf('blue truck') + 10,
    words: 'blue truck' });
});

test('a lone CR, an emoji before the words, and a selection spanning a CR LF', () => {
  const stored = 'Old Mac\rline 🚚 then\r\nthe blue truck';
  const chosen = selectionIn(box(stored, 'then\nthe blue'), stored);
  const start = [...stored.slice(0, stored.indexOf('then'))].length; // code points: the emoji is one
  assert.deepEqual(chosen, { start, end: start + 'then\r\nthe blue'.length, words: 'then\r\nthe blue' });
});

test('nothing selected is null', () => {
  assert.equal(selectionIn({ value: 'abc', selectionStart: 1, selectionEnd: 1 }, 'abc'), null);
});
