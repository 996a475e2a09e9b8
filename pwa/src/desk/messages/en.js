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
  'desk.error.signin_again': 'Please sign in again. Copy what you typed first: leaving this screen discards it.',
  'desk.error.device_revoked': 'An administrator revoked this browser\'s sign-in. Copy what you typed, then sign in again.',
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
  // alertapp: alerts and the live queue (issue 11)
  'liaison.alert.title': 'Alert — agents here now',
  'liaison.alert.at': 'Alert at',
  'liaison.alert.agency_unknown': 'Agency not given yet',
  'liaison.alert.report_pending': 'The report has not arrived yet.',
  'liaison.alert.count.one': '1 open alert at the top.',
  'liaison.alert.count.other': '{count} open alerts at the top.',
  'liaison.live.cue.alert': 'Agents at {site} now (since {time}).',
  'liaison.live.cue.report': 'A new urgent report from {site}.',
  'liaison.live.report_title': 'New P1 report',
  'liaison.live.dismiss': 'Dismiss',
  'liaison.live.controls': 'Alerts on this desk',
  'liaison.live.on': 'Live: alerts and urgent reports appear here at once.',
  'liaison.live.off': 'Checked every 10 seconds.',
  'liaison.live.sound': 'Sound on new alerts',
  'liaison.notify.ask': 'Show notifications when this tab is hidden',
  'liaison.notify.on': 'Notifications are on for this tab.',
  'liaison.notify.blocked': 'Notifications are blocked in this browser\'s settings.',
  'liaison.push.toggle': 'Notify me when the desk is closed',
  'liaison.push.on': 'On: this browser hears of alerts and P1 reports even when the desk is closed.',
  'liaison.push.body': 'Open the desk to see it.',
};
