/**
 * A user's devices for the administrator: last contact, app version, state; revoke, or revoke with
 * wipe (the phone sends what it still holds, then erases its data and shows the sign-in screen).
 */
import { html, nothing } from 'lit-html';
import { until } from 'lit-html/directives/until.js';
import { dateTime } from '../../components/format.js';
import { get, problem, send } from '../api.js';
import { confirmDialog } from '../screens/checklists.js';
import { deviceName } from './liaison-words.js';

function stateOf(device, t) {
  if (device.wiped_at) return t('admin.devices.wiped', { time: dateTime(device.wiped_at) });
  if (device.wipe_requested_at) return t('admin.devices.wipe_pending');
  if (device.revoked_at) return t('admin.devices.revoked', { time: dateTime(device.revoked_at) });
  return t('admin.devices.active');
}

// The device whose row gets the focus once the table is drawn again: the button pressed is gone after a revoke
// (or both, after a wipe), and a keyboard user would otherwise start again from the top of the page.
let focusAfterReload = null;
// The last revoke the server refused ({userId, text}): said above the table, in the page, until a revoke succeeds
// or another user's devices are shown.
let failed = null;

/** Focus the refusal when there is one, else what is left to do in a device's row, else the devices heading. */
function focusDevice(id) {
  const section = document.getElementById('admin-devices-title');
  const row = [...document.querySelectorAll('tr[data-device]')].find((tr) => tr.dataset.device === id);
  (document.getElementById('admin-devices-error') || row?.querySelector('button') || section)?.focus();
}

async function revoke(user, device, wipe, app, reload) {
  const { t } = app;
  const ok = await confirmDialog({
    title: t(wipe ? 'admin.devices.wipe_title' : 'admin.devices.revoke_title'),
    text: t(wipe ? 'admin.devices.wipe_text' : 'admin.devices.revoke_text'),
    confirm: t(wipe ? 'admin.devices.wipe' : 'admin.devices.revoke'),
    cancel: t('admin.action.cancel'),
    danger: true,
  });
  if (!ok) return;
  try {
    await send(`/admin/devices/${device.id}/revoke`, { wipe });
    failed = null;
  } catch (error) {
    failed = { userId: user.id, text: t('admin.devices.failed', {
      name: deviceName(device.name, device.id), problem: problem(error, t) }) };
  }
  focusAfterReload = device.id;
  await reload();
}

async function table(user, app, reload) {
  const { t } = app;
  const devices = await get('/admin/devices', { user_id: user.id });
  if (focusAfterReload) {
    const id = focusAfterReload;
    focusAfterReload = null;
    setTimeout(() => focusDevice(id)); // after `until` has drawn the rows this answer makes
  }
  if (failed && failed.userId !== user.id) failed = null;
  if (!devices.length) return html`<p>${t('admin.devices.none')}</p>`;
  return html`${failed ? html`<p class="error-box" role="alert" id="admin-devices-error" tabindex="-1">${failed.text}</p>`
    : nothing}<table class="desk-table stack-narrow"><caption class="visually-hidden">${t('admin.devices.title', { name: user.username })}</caption>
    <thead><tr><th scope="col">${t('admin.devices.name')}</th><th scope="col">${t('admin.devices.last_seen')}</th>
      <th scope="col">${t('admin.devices.app_version')}</th><th scope="col">${t('admin.devices.state')}</th>
      <th scope="col"><span class="visually-hidden">${t('admin.devices.actions')}</span></th></tr></thead>
    <tbody>${devices.map((device) => html`<tr data-device=${device.id}>
      <td title=${device.id} data-label=${t('admin.devices.name')}>${deviceName(device.name, device.id)}</td>
      <td data-label=${t('admin.devices.last_seen')}>${device.last_seen_at ? dateTime(device.last_seen_at) : t('admin.devices.never')}</td>
      <td data-label=${t('admin.devices.app_version')}>${device.app_version || '—'}</td>
      <td data-label=${t('admin.devices.state')}>${stateOf(device, t)}</td>
      <td>${device.revoked_at && (device.wipe_requested_at || device.wiped_at) ? nothing : html`
        ${device.revoked_at ? nothing : html`<button type="button" class="button quiet"
          @click=${() => revoke(user, device, false, app, reload)}>${t('admin.devices.revoke')}</button>`}
        <button type="button" class="button danger" @click=${() => revoke(user, device, true, app, reload)}>
          ${t('admin.devices.wipe')}</button>`}</td></tr>`)}</tbody></table>`;
}

/** The devices section under a chosen user. */
export function devicesOf(user, app, reload) {
  return html`<section class="card" aria-labelledby="admin-devices-title">
    <h2 id="admin-devices-title" tabindex="-1">${app.t('admin.devices.title', { name: user.username })}</h2>
    ${until(table(user, app, reload).catch((error) => html`<p class="error-box">${problem(error, app.t)}</p>`),
    html`<p class="loading">${app.t('admin.loading')}</p>`)}</section>`;
}
