/**
 * Entry for browser tests and benchmarks only (built to dist/seed.js, never precached or
 * loaded by the app): put reports into the outbox through outbox.js, exactly as Submit does,
 * so a test never writes a hand-made copy of the outbox's record. Imported from the page:
 * `const seed = await import('/seed.js')`.
 */
import { currentOwner } from './owner.js';
import { submitDraft } from './submit.js';
import { draftFromBody } from './report.js';

/** Queue report bodies as the signed-in user's submitted reports; returns their outbox records. */
export async function queueReports(bodies, ids = []) {
  const owner = await currentOwner();
  const records = [];
  for (const [i, body] of bodies.entries()) {
    const draft = draftFromBody(body, ids[i] ? { id: ids[i], owner } : { owner });
    records.push(await submitDraft(draft));
  }
  return records;
}
