/**
 * "Attach my location": optional, only when the employee asks, and removable. Nothing is
 * attached until they tap the button; the state is always said in words.
 */
import { html, nothing } from 'lit-html';
import { locationParams } from './report-fields.js';

// The geolocation request outlives a redraw, so its progress is kept per page, not per render.
const pending = { busy: false, problem: null };

/** Read the device position once and hand {lat, lon, accuracy_m} to onChange. */
function attach(onChange, redraw) {
  if (!navigator.geolocation) {
    pending.problem = 'location.unsupported';
    redraw();
    return;
  }
  pending.busy = true;
  pending.problem = null;
  redraw();
  navigator.geolocation.getCurrentPosition((position) => {
    pending.busy = false;
    const { latitude, longitude, accuracy } = position.coords;
    // Five decimals is about a metre: more precision says nothing more and only looks exact.
    const round = (x) => Math.round(x * 1e5) / 1e5;
    onChange({ lat: round(latitude), lon: round(longitude), accuracy_m: Math.min(Math.round(accuracy), 100000) });
  }, (error) => {
    pending.busy = false;
    pending.problem = error.code === 1 ? 'location.denied' : 'location.failed';
    redraw();
  }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
}

/** The location part of the report form. */
export function locationBlock({ location, t, error, onChange, redraw }) {
  let status = location ? t('location.attached', locationParams(location)) : t('location.none');
  if (pending.busy) status = t('location.reading');
  return html`
    <div class="field location ${error ? 'has-error' : ''}" id="field-location" role="group" aria-labelledby="location-label">
      <p class="label" id="location-label">${t('field.location')}</p>
      <p class="hint">${t('field.location.hint')}</p>
      ${error ? html`<p class="error">${error}</p>` : nothing}
      <p role="status" class=${location ? 'ok' : ''}>${status}</p>
      ${pending.problem ? html`<p class="error" role="alert">${t(pending.problem)}</p>` : nothing}
      <div class="actions">
        ${location
          ? html`<button type="button" class="button" @click=${() => { pending.problem = null; onChange(null); }}>${t('location.remove')}</button>`
          : html`<button type="button" class="button" ?disabled=${pending.busy} @click=${() => attach(onChange, redraw)}>${t('location.attach')}</button>`}
      </div>
    </div>`;
}
