/** English messages of the desk screens (liaison, Mayor's Office, trainer). */
import liaison from './liaison-en.js';
import trainer from './trainer-en.js';
import retention from './retention-en.js';
import admin from './admin-en.js';

export default {
  ...liaison,
  ...trainer,
  ...retention,
  ...admin,
  'desk.not_found': 'This page does not exist.',
  'desk.error.network': 'Could not reach the server. Check the connection and try again.',
  // counsel: desk screen for counsel's warrant check (issue 11)
  'counsel.desk.title': 'Documents for counsel',
  'counsel.desk.intro': 'Photos of documents shown during encounters in progress, in your scope. Answer as soon as you can: the employee sees your answer on the document step. Nothing else of the report is shown here.',
  'counsel.desk.refresh': 'Refresh',
  'counsel.desk.awaiting': 'Awaiting an answer ({count})',
  'counsel.desk.none': 'No document is waiting for an answer.',
  'counsel.desk.answered_title': 'Answered',
  'counsel.desk.where_when': '{site}, {time}',
  'counsel.desk.shared': 'shared {time}',
  'counsel.desk.reply': 'Your answer',
  'counsel.desk.change': 'Change the answer',
  'counsel.desk.note': 'Short note (optional)',
  'counsel.desk.note_hint': 'At most {max} characters. No names, numbers or status of any person.',
  'counsel.desk.sent': 'Answer sent for {site}: {verdict}.',
  'counsel.desk.answered': 'Answered: {verdict} ({time})',
  'counsel.desk.your_note': 'Note: {note}',
  'admin.role.counsel': 'Counsel',
};
