/**
 * Form numbers (I-200, I-205, I-138, I-94) never break across lines after their hyphen: the rule is
 * encounter/form_numbers.py, read here from rules/form_numbers.json (never a copy of the pattern).
 * Catalogs and checklist texts are stored joined; a liaison's question and counsel's note are not, because
 * redaction and the sensitive-text check store offsets into them. So they are joined where they are shown,
 * never in a text box (its offsets count the stored text) nor in anything sent back to the server.
 */
import rule from './rules/form_numbers.json' with { type: 'json' };

const FORM_NUMBER = new RegExp(rule.pattern, 'g');

/** `text` with the word joiner after every form number's hyphen that lacks one (for display only; idempotent). */
export function joinFormNumbers(text) {
  return typeof text === 'string' ? text.replace(FORM_NUMBER, `$&${rule.joiner}`) : text;
}
