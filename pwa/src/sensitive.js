/**
 * Free text that looks like what must never be collected (a resident's status, name, address,
 * birth date, nationality, A-number, SSN, document numbers), found by the one pattern set the
 * server also applies: encounter/sensitive.py, exported into rules/sensitive.json. Pure functions, no DOM.
 *
 * Applied exactly as Python applies it (tests/encounter/test_parity.py compares every span):
 * the text is folded one code point for one, characters outside the BMP become U+FFFD (so these
 * UTF-16 offsets are Python's code-point offsets) and invisible ones are left out (their places
 * kept, so spans are in the text as given), each pattern runs with flags `gud` on that
 * text or (case-insensitive rules) on it with ASCII capitals lowered, group 1 is the span when present, `allow` spans shield what they overlap, overlaps go to
 * the earliest start, then the longest, then the first pattern.
 */
import RULES from './rules/sensitive.json' with { type: 'json' };

const FOLD = new Map();
// Latin letters with accents, each as the ASCII letter its canonical decomposition starts with (as the server's fold).
for (const [first, last] of RULES.fold.decomposed) {
  for (let c = first; c <= last; c += 1) {
    const letter = String.fromCharCode(c).normalize('NFD')[0];
    if (letter.length === 1 && letter !== String.fromCharCode(c) && /[A-Za-z]/.test(letter)) FOLD.set(String.fromCharCode(c), letter);
  }
}
[...RULES.fold.from].forEach((c, i) => FOLD.set(c, [...RULES.fold.to][i]));
for (const [first, last, to] of RULES.fold.ranges) {
  for (let c = first; c <= last; c += 1) FOLD.set(String.fromCharCode(c), String.fromCharCode(to + c - first));
}
const IGNORED = new Set(RULES.fold.ignored.flatMap(([first, last]) => (
  Array.from({ length: last - first + 1 }, (_, i) => String.fromCharCode(first + i)))));
// Spaces and tabs past RULES.fold.space_run in a row are read as separators, one for one (encounter/sensitive.py:
// a rule with room for spaces on both sides of an optional word would try every split of a long run).
const LONG_RUN = new RegExp(`[ \\t]{${RULES.fold.space_run + 1},}`, 'g');
const capRuns = (folded) => folded.replace(LONG_RUN, (run) => run.slice(0, RULES.fold.space_run)
  + RULES.fold.separator.repeat(run.length - RULES.fold.space_run));
const PATTERNS = RULES.patterns.map((p) => ({ kind: p.kind, lower: p.text === 'lower', re: new RegExp(p.source, 'gud') }));
const ALLOW = 'allow';
// The second look (encounter/sensitive.py ask_spans): capitalised words no rule refused or shielded.
const ASK = RULES.ask.map((p) => ({ kind: p.kind, lower: false, re: new RegExp(p.source, 'gud') }));

/** The kinds of never-collected data, in the order the server names them. */
export const KINDS = RULES.kinds;

/**
 * The text the patterns run on (one UTF-16 unit per code point kept, accents folded, invisible
 * characters left out) and, for each of its units and its end, the code-point offset in `text`.
 */
export function fold(text) {
  let out = '';
  const at = [];
  let i = 0;
  for (const c of text) {
    if (!IGNORED.has(c)) {
      out += c.length > 1 ? '\uFFFD' : (FOLD.get(c) || c);
      at.push(i);
    }
    i += 1;
  }
  at.push(i);
  return { folded: capRuns(out), at };
}

/** Code-point offsets of a text as given, to UTF-16 offsets (for selection ranges and slicing). */
export function toUnits(text, offset) {
  let units = 0;
  let points = 0;
  for (const c of text) {
    if (points >= offset) break;
    units += c.length;
    points += 1;
  }
  return units;
}

const [MARK_FIRST, MARK_LAST] = RULES.fold.marks;
/** A span's end (code points) moved past the combining accents of its last letter, which go with it. */
function pastAccents(points, end) {
  let after = end;
  while (after < points.length && points[after].codePointAt(0) >= MARK_FIRST && points[after].codePointAt(0) <= MARK_LAST) after += 1;
  return after;
}

/** Every match of `patterns` in the folded text, as spans of the text as given (code points), unresolved. */
function matches(text, patterns, { folded, at }) {
  const lowered = folded.replace(/[A-Z]+/g, (c) => c.toLowerCase());
  const points = [...text];
  const found = [];
  patterns.forEach(({ kind, lower, re }, order) => {
    for (const m of (lower ? lowered : folded).matchAll(re)) {
      const [start, end] = m.indices[1] || m.indices[0];
      if (end > start) found.push({ start: at[start], end: pastAccents(points, at[end - 1] + 1), kind, order });
    }
  });
  return found;
}

/** The spans of unresolved matches, overlaps resolved (earliest, longest, first pattern), allow shields dropped. */
function resolve(found) {
  const sorted = [...found].sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || a.order - b.order);
  const out = [];
  let end = -1;
  for (const s of sorted) {
    if (s.start < end) continue;
    end = s.end;
    if (s.kind !== ALLOW) out.push({ start: s.start, end: s.end, kind: s.kind });
  }
  return out;
}

/** Every span any pattern finds, overlaps resolved, before field exemptions (allow shields dropped). */
function allSpans(text) {
  return text ? resolve(matches(text, PATTERNS, fold(text))) : [];
}

/** The kinds a field may keep when the employee confirms them (agents' or staff names). */
export function allowedKinds(field) {
  return RULES.field_allows[field] || [];
}

/**
 * Return the spans of a text that the server refuses in `field`: [{start, end, kind}] in code
 * points, sorted and non-overlapping (what encounter.sensitive.find_spans(text, field) returns).
 */
export function findSpans(text, field) {
  const allowed = allowedKinds(field);
  return allSpans(text).filter((s) => !allowed.includes(s.kind));
}

/**
 * Return the stretches to ask the employee about in `field` (what encounter.sensitive.ask_spans returns):
 * capitalised words that may be a resident's name or an agent's or staff member's, which no rule refused or
 * shielded. None in a field that takes names, where every name is asked about already.
 */
export function askSpans(text, field) {
  if (!text || allowedKinds(field).includes('name')) return [];
  const folding = fold(text);
  return asked(text, folding, matches(text, PATTERNS, folding));
}

/** The asked-about spans of a text whose pattern matches (`found`, every kind, shields included) are known. */
function asked(text, folding, found) {
  const candidates = matches(text, ASK, folding);
  const taken = [...found, ...candidates.filter((s) => s.kind === ALLOW)];
  return candidates.filter((s) => s.kind !== ALLOW && !taken.some((t) => t.start < s.end && s.start < t.end))
    .map(({ start, end, kind }) => ({ start, end, kind }));
}

/**
 * Return every span to show the employee in `field`: refused ones, ones the field allows but only a person can
 * tell apart (a resident's name in the agents' field), marked `allowed: true`, and the ones asked about (`ask: true`).
 */
export function reviewSpans(text, field) {
  if (!text) return [];
  const allowed = allowedKinds(field);
  const folding = fold(text);
  const found = matches(text, PATTERNS, folding);
  const spans = resolve(found).map((s) => (allowed.includes(s.kind) ? { ...s, allowed: true } : s));
  const asks = allowed.includes('name') ? [] : asked(text, folding, found);
  return [...spans, ...asks.map((s) => ({ ...s, allowed: true, ask: true }))].sort((a, b) => a.start - b.start);
}

/** The words of a span (code-point offsets) as typed. */
export function spanWords(text, span) {
  return [...text].slice(span.start, span.end).join('');
}

/**
 * Return the spans of `text` in `field` still waiting for a person's call (reviewSpans), less the ones the field
 * allows whose words were kept (`kept`: words, as `keptWith` adds them). Refused spans always stay: none can be kept.
 * The one rule for a report's fields, an answer to a liaison's question and the desk's boxes.
 */
export function spansLeft(text, field, kept = []) {
  return reviewSpans(text, field).filter((s) => !(s.allowed && kept.includes(spanWords(text, s))));
}

/**
 * Why a text with `spans` left (spansLeft) may not go yet: null when it may, 'refused' when the server would refuse
 * it, 'ask' when only asked-about names wait for a person's call (the server would take them).
 */
export function holdsFor(spans) {
  if (!spans.length) return null;
  return spans.every((s) => s.ask) ? 'ask' : 'refused';
}

/** The kept words with span's added (an allowed span: an agent's or staff member's name); a refused span changes nothing. */
export function keptWith(kept, text, span) {
  return span.allowed ? [...(kept || []), spanWords(text, span)] : (kept || []);
}

/** The text with one span (code-point offsets) taken out, and the spaces around it tidied. */
export function removeSpan(text, span) {
  const a = toUnits(text, span.start);
  const b = toUnits(text, span.end);
  let before = text.slice(0, a).replace(/[ \t]+$/, '');
  const after = text.slice(b).replace(/^[ \t]+/, '');
  if (/[,;:]$/.test(before) && /^[,;:.!?]/.test(after)) before = before.slice(0, -1);
  const glue = before && after && !/^[,.;:!?)]/.test(after) && !/[\s(]$/.test(before) ? ' ' : '';
  return before + glue + after;
}

/** The text with every span taken out (code-point offsets, not overlapping): the last first, so earlier offsets hold. */
export function removeSpans(text, spans) {
  return [...spans].sort((a, b) => b.start - a.start).reduce((rest, span) => removeSpan(rest, span), text);
}
