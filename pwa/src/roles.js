/**
 * What each role works with in the app: its first screen and its navigation. The server
 * decides what each role may read and change (server/access.py); this only arranges the
 * screens, so a link shown here that the server refuses is a bug here, never a leak.
 */

// [hash, message key, is this link current for a hash?]
const is = (prefix) => (hash) => hash === prefix || hash.startsWith(`${prefix}/`) || hash.startsWith(`${prefix}?`);
const LINKS = {
  report: ['#/report-encounter', 'nav.report', (hash) => hash === '#/report-encounter' || hash.startsWith('#/encounter/')],
  home: ['#/', 'nav.home', (hash) => hash === '' || hash === '#/' || hash.startsWith('#/encounter/')],
  reports: ['#/reports', 'nav.reports', is('#/reports')],
  queue: ['#/desk/queue', 'nav.queue', (hash) => is('#/desk/queue')(hash) || hash.startsWith('#/desk/report/')],
  aggregate: ['#/desk/aggregate', 'nav.aggregate', is('#/desk/aggregate')],
  checklists: ['#/desk/checklists', 'nav.checklists', is('#/desk/checklists')],
  analytics: ['#/desk/analytics', 'nav.analytics', is('#/desk/analytics')],
  settings: ['#/settings', 'nav.settings', is('#/settings')],
  users: ['#/desk/admin/users', 'nav.admin_users', is('#/desk/admin/users')],
  sites: ['#/desk/admin/sites', 'nav.admin_sites', is('#/desk/admin/sites')],
  departments: ['#/desk/admin/departments', 'nav.admin_departments', is('#/desk/admin/departments')],
  server: ['#/desk/admin/server', 'nav.admin_server', is('#/desk/admin/server')],
  counsel: ['#/desk/counsel', 'nav.counsel', is('#/desk/counsel')],
};

const BY_ROLE = {
  field: ['home', 'reports', 'settings'],
  liaison: ['queue', 'report', 'reports', 'settings'],
  mayor_office: ['queue', 'aggregate', 'analytics', 'settings'],
  trainer: ['checklists', 'analytics', 'settings'],
  admin: ['users', 'sites', 'departments', 'server', 'queue', 'aggregate', 'checklists', 'analytics', 'settings'],
  // Counsel reads no report: only the documents shared during encounters in progress (issue 11).
  counsel: ['counsel', 'settings'],
};

// Signed out: Settings only (text size and colours, before signing in); Home and My reports need someone signed in.
const SIGNED_OUT = ['settings'];

/** The navigation links of a role (signed out, `role` null: Settings alone). */
export function navLinks(role) {
  return (role ? BY_ROLE[role] || BY_ROLE.field : SIGNED_OUT).map((name) => LINKS[name]);
}

/** The first screen of a role. */
export function landing(role) {
  const first = (BY_ROLE[role] || BY_ROLE.field)[0];
  return first === 'home' ? '#/' : LINKS[first][0];
}

/** Does this role work at a desk (wide screens, the desk chunk)? */
export function isDeskRole(role) {
  return Boolean(role) && role !== 'field';
}
