/**
 * Counsel's warrant check on the phone (issue 11): the document photo of an encounter that has an
 * alert is shared with counsel at once, before submit, and counsel's answer shows on the document step.
 * Contract stub: the counsel work fills these in; the checklist's document step calls them.
 */
import { nothing } from 'lit-html';

/** Share a document photo taken on the document step now, when the draft's encounter has an alert. Returns true when queued. */
export async function shareDocumentNow(draft, photo) { // eslint-disable-line no-unused-vars
  return false;
}

/** Counsel's answer about this draft's document, as the phone last pulled it, or null. */
export async function counselAnswer(draftId) { // eslint-disable-line no-unused-vars
  return null;
}

/** The answer as shown on the document step (nothing when there is none). */
export function counselAnswerView(answer, t) { // eslint-disable-line no-unused-vars
  return nothing;
}
