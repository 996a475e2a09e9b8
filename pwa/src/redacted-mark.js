/**
 * The mark a redaction leaves in stored text (encounter/redaction.py MARK, read from rules/redaction.json)
 * shown as a word of the reader's language, at the desk and on the phone. The stored text keeps the English
 * mark (it is data: CSV exports and the redaction tool's offsets count it, an answer's receipt hash is of the
 * words received); only what a reader sees is translated.
 */
import { html } from 'lit-html';
import redaction from './rules/redaction.json' with { type: 'json' };

/** The mark as stored; its one home is encounter/redaction.py. */
export const MARK = redaction.mark;

/** `text` cut at each mark: strings for the words, `null` where a mark stood ("a [redacted] b" → ['a ', null, ' b']). */
export function splitAtMarks(text, mark = MARK) {
  const parts = [];
  String(text).split(mark).forEach((words, i) => {
    if (i > 0) parts.push(null);
    if (words) parts.push(words);
  });
  return parts;
}

/**
 * Stored text as lit-html: the words as text (escaped by lit), each mark a styled token saying `word`. The text
 * takes its own direction (`dir="auto"`), with or without a mark: an English question on a Farsi screen would
 * otherwise be laid out right to left, its "?" at the start of the line. The token takes its word's and no part
 * in the text's: a Farsi word in an English text on a Farsi screen would otherwise be laid out right to left with
 * the English words of its line, before them ("?[token] was" for "was [token]?"). Anything but a string (a
 * template, a missing value) is given back as it came.
 */
export function withMarks(text, word) {
  if (typeof text !== 'string') return text;
  return html`<span dir="auto">${text.includes(MARK) ? splitAtMarks(text).map((part) => (part === null
    ? html`<span class="redacted-mark" dir="auto">${word}</span>` : part)) : text}</span>`;
}
