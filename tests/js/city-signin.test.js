/** Sign-in with the City account, the phone's side: the binding value kept across the trip, used once. */
import { USER, answer, wipe } from './support.js';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';

const { getKv, setKv } = await import('../../pwa/src/db.js');
const { finishCitySignIn, startCitySignIn } = await import('../../pwa/src/city-signin.js');

let requests;
/** Answer each request with the next of `answers`, recording what was sent. */
function server(...answers) {
  requests = [];
  globalThis.fetch = async (url, init) => {
    requests.push({ url, body: init.body ? JSON.parse(init.body) : null });
    return answers.shift();
  };
}

describe('City sign-in', () => {
  beforeEach(async () => {
    await wipe();
    await setKv('device_id', 'device-1');
  });

  test('start keeps a random binding, sends it with the device id and goes to the provider', async () => {
    server(answer(200, { authorize_url: 'https://login.lacity.example/authorize?x=1' }));
    let went = null;
    await startCitySignIn((url) => { went = url; });
    const sent = requests[0];
    assert.equal(sent.url, '/api/v1/auth/oidc/start');
    assert.equal(sent.body.device_id, 'device-1');
    assert.ok(sent.body.binding.length >= 32);
    assert.equal(await getKv('sso_binding'), sent.body.binding);
    assert.equal(went, 'https://login.lacity.example/authorize?x=1');
  });

  test('an answer that is not a web address is never followed', async () => {
    server(answer(200, { authorize_url: 'javascript:alert(1)' }));
    let went = null;
    await assert.rejects(startCitySignIn((url) => { went = url; }));
    assert.equal(went, null);
  });

  test('finish redeems the hand-off with the kept binding once and keeps the session', async () => {
    await setKv('sso_binding', 'b'.repeat(64));
    server(answer(200, { token: 't'.repeat(43), user: USER, expires_at: '2099-01-01T00:00:00Z', wipe_after_days: 30 }));
    const user = await finishCitySignIn('handoff-1');
    assert.deepEqual(requests[0].body, { handoff: 'handoff-1', binding: 'b'.repeat(64), device_id: 'device-1' });
    assert.equal(user.id, USER.id);
    assert.equal((await getKv('session')).token, 't'.repeat(43));
    assert.equal(await getKv('sso_binding'), undefined);
  });

  test('a refused hand-off keeps no session', async () => {
    await setKv('sso_binding', 'b'.repeat(64));
    server(answer(401, { reason: 'sso_expired', message: 'expired' }));
    await assert.rejects(finishCitySignIn('handoff-1'), (error) => error.reason === 'sso_expired');
    assert.equal(await getKv('session'), undefined);
  });
});
