/**
 * Warnings for free text that looks like it holds what must never be collected:
 * immigration or citizenship status, a resident's name, a date of birth, an A-number.
 * A warning, not a block: the employee knows the context; the point is to make them look.
 */
import ENCOUNTER from './encounter.json' with { type: 'json' };

const PATTERNS = {
  status: /\b(immigration status|undocumented|illegal alien|illegals?|citizen(ship)?|green card|visa|daca|deport\w*|asylum|papers|indocumentad[oa]s?|ciudadan[oa]s?|ciudadan[ií]a|residencia|sin papeles|estatus migratorio)\b/i,
  birth: /\b(dob|d\.o\.b\.|date of birth|born (on|in)|fecha de nacimiento|naci[oó] el)\b|\b\d{1,2}[/-]\d{1,2}[/-](19|20)\d{2}\b/i,
  name: /\b(named|name is|his name|her name|their name|se llama|su nombre|nombre es)\b|\b(Mr|Mrs|Ms|Sr|Sra|Srta)\.?\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+/,
  a_number: /\bA[-\s]?\d{8,9}\b/,
};

/** Return the kinds of sensitive content found in a text (e.g. ["status", "name"]). */
export function sensitiveKinds(text) {
  if (!text) return [];
  return Object.entries(PATTERNS).filter(([, re]) => re.test(text)).map(([kind]) => kind);
}

const FOLD = new Map([...ENCOUNTER.sensitive.fold.from].map((c, i) => [c, ENCOUNTER.sensitive.fold.to[i]]));
const RULES = ENCOUNTER.sensitive.patterns.map((p) => ({ kind: p.kind, re: new RegExp(p.source, `${p.flags}g`) }));

/**
 * Return the spans of a text that look like never-collected data: [{start, end, kind}],
 * sorted and non-overlapping, from the one pattern set the server also applies
 * (encounter/sensitive.py, exported to encounter.json). `field` selects per-field exemptions.
 */
// eslint-disable-next-line no-unused-vars
export function findSpans(text, field) {
  if (!text) return [];
  const folded = [...text].map((c) => FOLD.get(c) || c).join('');
  const found = [];
  for (const { kind, re } of RULES) {
    re.lastIndex = 0;
    for (const m of folded.matchAll(re)) found.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const out = [];
  for (const s of found) if (!out.length || s.start >= out[out.length - 1].end) out.push(s);
  return out;
}
