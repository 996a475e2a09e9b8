/**
 * Submit: a draft becomes a report in the outbox (src/outbox.js queueDraft, one transaction), its body
 * built by the report's rules (src/report.js). Apart from the outbox so that the service worker, which
 * imports the outbox to push it, does not download those rules with it.
 */
import { queueDraft } from './outbox.js';
import { buildBody, summarize } from './report.js';

/** Thrown, nothing queued, when the stored draft keeps a time typed that is not one instant yet (src/report.js withTyped). */
export class TimePending extends Error {}

/** Move a draft into the outbox; returns the record (the one already there on a second tap). */
export function submitDraft(draft, now = new Date()) {
  return queueDraft(draft, now, (latest) => {
    // Typed in another tab after the review was drawn: the body would carry the instant that time is to replace.
    if (latest.typed_times) throw new TimePending(Object.keys(latest.typed_times).join());
    const body = buildBody(latest, now);
    return { body, summary: summarize(body) };
  });
}
