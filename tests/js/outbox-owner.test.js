/**
 * One owner for the outbox: no module but pwa/src/outbox.js names the outbox store (others read it
 * through outboxReader), outbox.js writes it only through its table, and every move in the table
 * is made by some function (a move that never happens is a table that lies).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import './support.js';
import { EVENTS } from '../../pwa/src/outbox.js';

const SRC = fileURLToPath(new URL('../../pwa/src', import.meta.url));
const OWNER = 'outbox.js';
// The only other places the word appears as a string: the schema, and the Background Sync tag (not a store).
const ALLOWED = [
  { file: 'db.js', line: /createObjectStore\('outbox', \{ keyPath: 'id' \}\)/ },
  { file: 'sw.js', line: /event\.tag === 'outbox'/ },
  { file: 'sw-bridge.js', line: /sync\?\.register\('outbox'\)/ },
];

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.js') ? [path] : [];
  });
}
const FILES = sources(SRC).map((path) => ({ name: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const outbox = FILES.find((f) => f.name === OWNER).text;

test('no module but outbox.js names the outbox store', () => {
  const offenders = [];
  for (const { name, text } of FILES.filter((f) => f.name !== OWNER)) {
    text.split('\n').forEach((line, i) => {
      if (!/(['"`])outbox\1/.test(line)) return;
      if (ALLOWED.some((a) => a.file === name && a.line.test(line))) return;
      offenders.push(`${name}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offenders, [], 'write to the outbox through outbox.js (read it with outboxReader/getRecord)');
});

test('the read-only view other modules get has no way to write', () => {
  const reader = outbox.match(/export function outboxReader[\s\S]*?\n}\n/)[0];
  assert.doesNotMatch(reader, /\b(put|add|delete|clear)\b/);
});

test('outbox.js writes the outbox only in write() and update(), which check the table', () => {
  const body = (name) => outbox.match(new RegExp(`function ${name}\\([\\s\\S]*?\\n}\\n`))[0];
  const gates = body('write') + body('update');
  assert.match(body('write'), /applyMove\(/);
  assert.match(body('update'), /applyMove\(/);
  const rest = outbox.replace(body('write'), '').replace(body('update'), '');
  const writes = rest.split('\n').filter((line) => /\.(put|add|delete|clear)\(/.test(line));
  // What remains writes the drafts store (submit moves a draft out, reopen moves it back), or deletes the
  // half-written copy of an answer as it is queued.
  for (const line of writes) assert.match(line, /objectStore\('drafts'\)\.(put|delete)\(|objectStore\('kv'\)\.delete\(answerDraftKey\(/, line.trim());
  assert.ok(gates.includes('store.put(') && gates.includes('store.delete('));
});

test('every move in the table is made by some function of outbox.js', () => {
  const table = outbox.match(/export const MOVES = \{[\s\S]*?\n};\n/)[0];
  const rest = outbox.replace(table, '');
  const never = EVENTS.filter((event) => !new RegExp(`'${event}'`).test(rest));
  assert.deepEqual(never, []);
});
