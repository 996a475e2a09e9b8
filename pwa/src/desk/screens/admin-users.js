/** Admin: users — name, username, role, department, active, a local password; and each user's devices. */
import vocabulary from '../../rules/vocabulary.json' with { type: 'json' };
import views from '../../rules/views.json' with { type: 'json' };
import { html } from 'lit-html';
import { showCrud } from '../components/admin-crud.js';
import { devicesOf } from '../components/admin-devices.js';
import { get } from '../api.js';

// The core's roles, in the order an administrator reads them (encounter/views.py).
const ROLES = views.role_order;
// The length the server checks (encounter/vocabulary.py PASSWORD_LENGTH), said before it has to refuse one.
const [PASSWORD_MIN] = vocabulary.password_length;
// A page of users: a department such as Sanitation has thousands, reached by the filters and the pages.
const PAGE_SIZE = 100;

/** The password's hint: what it is for, that a new user may have none and a user changed keeps theirs, how long. */
function passwordHint(t, chosen) {
  return chosen ? `${t('admin.hint.password')} ${t('admin.hint.password_min', { min: PASSWORD_MIN })}`
    : t('admin.hint.password_new', { min: PASSWORD_MIN });
}

/**
 * Whether `chosen`, an active liaison, is their department's last one who may be assigned its reports (asked of
 * the server, whose rule also leaves out one the City's sign-in refuses: the screen shows one page of a search).
 * A failed count answers no: the plain words are still asked where they would be.
 */
async function lastLiaison(chosen) {
  try {
    const liaisons = await get('/admin/users', { department: chosen.department, assignable: true, limit: 1000 });
    return !liaisons.some((user) => user.id !== chosen.id);
  } catch {
    return false;
  }
}

/**
 * Before a change with consequences the form does not show. Deactivating says what happens (signed out on every
 * device, their reports unassigned), more strongly for a department's last active liaison; moving that liaison to
 * another department, or giving them another role, says the department is left with no liaison.
 */
async function confirmChange(body, chosen, t) {
  if (!chosen || !chosen.active) return true;
  const deactivated = !body.active;
  const leaves = chosen.role === 'liaison' && Boolean(chosen.department)
    && (deactivated || body.role !== 'liaison' || body.department !== chosen.department);
  if (!deactivated && !leaves) return true;
  const last = leaves && await lastLiaison(chosen);
  const words = { name: chosen.username, department: chosen.department };
  if (deactivated) {
    return window.confirm(t(last ? 'admin.users.deactivate_last_liaison' : 'admin.users.deactivate_confirm', words));
  }
  return !last || window.confirm(t('admin.users.leave_last_liaison', words));
}

/** The filters: the words searched, a department and a role ("All" sends none); applied together by Search. */
function filters(state, apply, t) {
  const { departments = [] } = state.options;
  const choice = (value, label, chosen) => html`<option value=${value}
    ?selected=${(chosen || '') === value}>${label}</option>`;
  const submit = (event) => {
    event.preventDefault();
    const form = event.target.elements;
    apply({ q: form.namedItem('q').value.trim(), department: form.namedItem('department').value,
      role: form.namedItem('role').value });
  };
  return html`<form class="filters" role="search" @submit=${submit}>
    <div class="filter-grid"><div class="field"><label for="admin-q">${t('admin.users.search')}</label>
      <input id="admin-q" name="q" type="search" .value=${state.q || ''}></div>
    <div class="field"><label for="admin-filter-department">${t('admin.users.filter_department')}</label>
      <select id="admin-filter-department" name="department">
        ${choice('', t('admin.users.all_departments'), state.department)}
        ${departments.map((d) => choice(d.code, `${d.code} — ${d.name}`, state.department))}</select></div>
    <div class="field"><label for="admin-filter-role">${t('admin.users.filter_role')}</label>
      <select id="admin-filter-role" name="role">${choice('', t('admin.users.all_roles'), state.role)}
        ${ROLES.map((r) => choice(r, t(`admin.role.${r}`), state.role))}</select></div></div>
    <div class="actions"><button class="button" type="submit">${t('admin.action.search')}</button></div></form>`;
}

/** Show the users screen. */
export function show(root, params, app) {
  return showCrud(root, params, app, {
    title: 'admin.users.title',
    intro: 'admin.users.intro',
    newTitle: 'admin.users.new',
    path: '/admin/users',
    query: (state) => ({ q: state.q, department: state.department, role: state.role }),
    pageSize: PAGE_SIZE,
    filters: (state, apply) => filters(state, apply, app.t),
    load: async () => ({ departments: await get('/admin/departments') }),
    rowKey: (row) => row.username,
    columns: [
      ['admin.field.username', (row) => row.username],
      ['admin.field.display_name', (row) => row.display_name],
      ['admin.field.role', (row, t) => t(`admin.role.${row.role}`)],
      ['admin.field.department', (row) => row.department || '—'],
      // Active, yet unable to sign in: the City's sign-in refused them as unmapped (nobody may assign them a report).
      ['admin.field.active', (row, t) => t(!row.active ? 'admin.no' : row.sso_unmapped_at ? 'admin.users.sso_refused'
        : 'admin.yes')],
      ['admin.users.devices', (row) => String(row.devices)],
    ],
    fields: ({ departments = [] }, t, chosen) => [
      ['username', 'admin.field.username', { required: true }],
      ['display_name', 'admin.field.display_name', { required: true }],
      ['role', 'admin.field.role', { type: 'select', options: ROLES.map((r) => [r, app.t(`admin.role.${r}`)]) }],
      ['department', 'admin.field.department', {
        type: 'select', options: [['', '—'], ...departments.map((d) => [d.code, `${d.code} — ${d.name}`])] }],
      ['active', 'admin.field.active', { type: 'checkbox', default: true }],
      ['password', 'admin.field.password', { type: 'password', hint: (tr) => passwordHint(tr, chosen) }],
    ],
    toForm: (row) => ({ ...row, department: row.department || '', password: '' }),
    toBody: (v) => ({ ...v, department: v.department || null, password: v.password || null }),
    confirm: (body, chosen) => confirmChange(body, chosen, app.t),
    extra: (row, shown, reload) => devicesOf(row, shown, reload),
  });
}
