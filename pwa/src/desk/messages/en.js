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
};
