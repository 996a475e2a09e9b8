/**
 * What the server refused, in the phone's words (src/refusals.js): loaded only when a screen has a refusal
 * to show. `refusal.item.*` is an item's generic line; `refusal.<code>` (and `_min`, `_max`, `_between`) says
 * one field message by its code (server/field_codes.py, src/field-errors.js). Shown under the field or after
 * its label ("Site: No longer active. Choose another."). `refusal.envelope` and `refusal.envelope_taken` say an
 * item's envelope refused (its id, kind, version), whatever the code: the app out of date, or an id refused.
 * `refusal.length_equal` says a photo reference of the wrong length (the app's hashes never are one: only a record
 * damaged on the phone sends it).
 */
export default {
  'refusal.item.rejected': 'The server stored nothing. Change what is marked and send it again.',
  'refusal.item.sensitive_text': 'The server stored nothing: some words look like what the City never collects. Remove them and send it again.',
  'refusal.item.too_large': 'Too large to send. Make it shorter and send it again.',
  'refusal.item.too_large_report': 'The report is too large to send. Shorten the notes and submit again.',
  'refusal.item.too_large_alert': 'It holds only the site and time, so there is nothing to shorten: the server is set to take less. Make the call instead.',
  'refusal.item.too_large_answer': 'Too large for the server. Write a shorter answer below.',
  'refusal.item.conflict': 'The server holds something different under the same id, so nothing was overwritten. It stays on this phone.',
  'refusal.required': 'Required: fill this in.',
  'refusal.type': 'Not a value the server takes here. Change it.',
  'refusal.unknown': 'The server no longer takes this. Leave it out.',
  'refusal.one_of': 'This choice is no longer offered. Choose another.',
  'refusal.blank': 'Write words, not only spaces.',
  'refusal.pattern': 'Not in the form the server expects. Change it.',
  'refusal.not_found': 'Not found on the server. It may have been removed.',
  'refusal.answered': 'This question already has an answer, from another phone or sent earlier. Nothing more to do.',
  'refusal.not_allowed': 'Not allowed here.',
  'refusal.duplicate': 'Given twice. Give it once.',
  'refusal.inactive': 'No longer active. Choose another.',
  'refusal.never_collected': 'The City never collects this. Leave it out.',
  'refusal.sensitive': 'Looks like what the City never collects. Remove the marked words.',
  'refusal.before_start': 'Earlier than the start. Check the times.',
  'refusal.future': "Later than now. Check the date and time.",
  'refusal.too_old': "More than {days} days ago. Check the date; for an older encounter, call your liaison.",
  'refusal.length_max': 'Too long: at most {max} characters.',
  'refusal.length_min': 'Too short: at least {min} characters.',
  'refusal.length_between': 'From {min} to {max} characters.',
  'refusal.count_between': 'From {min} to {max} items.',
  'refusal.count_one': 'Choose at least one.',
  'refusal.range_between': 'Must be from {min} to {max}.',
  'refusal.range_min': 'Must be at least {min}.',
  'refusal.range_max': 'Must be at most {max}.',
  'refusal.envelope': 'The app and the server do not agree on how to send it: the app may be out of date. Open the app again while online and send it again. If this stays, call your liaison.',
  'refusal.envelope_taken': 'The server cannot take it under the number this phone gave it. It stays on this phone: call your liaison.',
  'refusal.uuid': 'The app sent a wrong reference. Open the app again while online and send it again. If this stays, call your liaison.',
  'refusal.years': "Not a possible date: the phone's date and time may be wrong. Set them right in the phone's settings, then check this time.",
  'refusal.count_max': 'Too many: at most {max}.',
  'refusal.count_min': 'Too few: at least {min}.',
  'refusal.length_equal': 'A photo was damaged on this phone and cannot be sent. Remove any photo that shows no picture, take it again if you still can, and submit the report again.',
  'refusal.photo.not_accepted': "Photo {n} was not accepted by the server.",
  'refusal.photo.too_large': "It is larger than the server takes.",
  'refusal.photo.unsupported_type': "The server does not take this kind of file.",
  'refusal.photo.refused': "The server will not take it.",
  'refusal.photo.kept': "It stays on this phone: show it to your liaison. The rest of the report reached the server.",
  'refusal.answer.final': "Not accepted, and writing it again would not be accepted either. Nothing more to do here.",
};
