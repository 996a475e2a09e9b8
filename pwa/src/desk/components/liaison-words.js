/**
 * Report facts in words for the liaison and Mayor's Office screens: priority with its
 * reason, status, group and flags. Every marker is text (with an icon for scanning),
 * never colour alone.
 */
import { html, nothing } from 'lit-html';
import triage from '../../rules/triage.json' with { type: 'json' };
import views from '../../rules/views.json' with { type: 'json' };
import { pick } from '../../i18n.js';

export const STATUSES = triage.states;
// The core's table of moves (encounter/triage.py), used until a detail says otherwise.
export const MOVES = triage.moves;
/** The priorities a liaison may set by hand (encounter/triage.py), most urgent first. */
export const PRIORITIES = triage.priorities;

/** What a role sees of a report (encounter/views.py): {priority, flags, names, free_text, photos, …}. */
export function roleView(role) {
  return views.roles[role] || views.roles.trainer;
}
const PRIORITY_ICON = { 1: '▲', 2: '◆', 3: '●' };

/** A code in words from the catalog (`${prefix}.${code}`), or the code itself when no catalog has it. */
export function codeText(prefix, code, t) {
  const key = `${prefix}.${code}`;
  const text = t(key);
  return text === key ? String(code ?? '') : text;
}

/** A translated status ("In review"), or the raw code when the catalog lacks it. */
export function statusText(status, t) {
  return codeText('liaison.status', status, t);
}

/**
 * An assignment the server let go with no liaison moving it, and why: "Unassigned: assignee deactivated"
 * (the audit's `released`, a code of encounter/triage.py RELEASES, exported as rules/triage.json `releases`).
 */
export function releasedText(code, t) {
  return t('liaison.history.released', { reason: codeText('liaison.released', code, t) });
}

/** The server's reason for a priority: a string or a {en, es} object. */
export function reasonText(reason) {
  if (!reason) return '';
  return typeof reason === 'string' ? reason : pick(reason);
}

/** "P1 · minutes" with its icon and the reason under it. */
export function priorityView(item, t, { reason = true } = {}) {
  const level = item.priority;
  const why = reasonText(item.priority_reason);
  return html`<span class="priority priority-${level}">
      <span aria-hidden="true">${PRIORITY_ICON[level] || ''}</span>
      <strong>${t('liaison.priority.short', { n: level })}</strong> ${t(`liaison.priority.${level}.when`)}</span>
    ${reason && why ? html`<span class="priority-reason">${why}</span>` : nothing}`;
}

/** The status as a labelled badge. */
export function statusView(status, t) {
  return html`<span class="status status-${status}">${statusText(status, t)}</span>`;
}

/** A short marker for a likely-duplicate group ("Likely duplicate: 2 reports"). */
export function groupView(group, t) {
  if (!group || !group.size) return nothing;
  return html`<span class="marker marker-group"><span aria-hidden="true">≈ </span>${t('liaison.group.marker', { count: group.size })}${
    group.decided ? html` · ${t('liaison.group.decided')}` : nothing}</span>`;
}

/** Flags (possible sensitive text) as labelled markers. */
export function flagsView(flags, t) {
  return (flags || []).map((flag) => {
    const key = `liaison.flag.${flag}`;
    const text = t(key);
    return html`<span class="marker marker-flag"><span aria-hidden="true">⚠ </span>${text === key ? flag : text}</span>`;
  });
}

/**
 * The flag beside one text that looks like it holds never-collected data: ⚠ and what each kind is, in the
 * phone's words (`sensitive.<kind>`); nothing when the text is not flagged. The server says only the kinds
 * (encounter/views.py), never the words, and only on texts the role reads.
 */
export function kindsFlag(kinds, t) {
  if (!kinds?.length) return nothing;
  return html`<span class="marker marker-flag"><span aria-hidden="true">⚠ </span>${
    kinds.map((kind) => t(`sensitive.${kind}`)).join(' ')}</span>`;
}

/** The flagged kinds of a report's texts, by `field` of the body or `target:id:field` of a text beside it. */
export function flaggedTexts(detail) {
  return new Map([
    ...(detail?.sensitive_fields || []).map((f) => [f.field, f.kinds || []]),
    ...(detail?.sensitive_texts || []).map((f) => [`${f.target}:${f.id}:${f.field}`, f.kinds || []]),
  ]);
}

/** The flag beside a text of the report (`key` as in `flaggedTexts`), after a line break, or nothing. */
export function flagBeside(detail, key, t) {
  const kinds = flaggedTexts(detail).get(key);
  return kinds?.length ? html`<br>${kindsFlag(kinds, t)}` : nothing;
}

/**
 * A device as the administrator knows it: the name it signed in with (the devices table's), else the first
 * eight characters of its id; '' for none. The audit trail and the admin's device list both say it this way.
 */
export function deviceName(name, id) {
  return name || (id ? String(id).slice(0, 8) : '');
}

/**
 * A person's name from the server's {id, name} (or a plain string). A role that reads no names (the
 * Mayor's Office) gets {id, name: null}: it is told "a liaison", never the id, a stable handle on one person.
 */
export function personName(person, t) {
  if (!person) return '';
  if (typeof person === 'string') return person;
  return person.name || person.display_name || person.username || (t ? t('liaison.someone') : '');
}
