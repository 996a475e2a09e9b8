/** Desk routes of the administrator's screens: [pattern over the path after '#/desk/', screen module, param names]. */
import * as departments from './screens/admin-departments.js';
import * as sites from './screens/admin-sites.js';
import * as users from './screens/admin-users.js';
import * as server from './screens/admin-server.js';

export default [
  [/^admin\/departments$/, departments],
  [/^admin\/sites$/, sites],
  [/^admin\/users$/, users],
  [/^admin\/server$/, server],
];
