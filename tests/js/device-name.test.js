/**
 * The name a device signs in with (pwa/src/api.js deviceName): the browser and the system, readable in the
 * administrator's device list, never the whole user-agent string with its versions and build numbers.
 */
import './support.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deviceName } from '../../pwa/src/api.js';

const AGENTS = {
  'Chrome · Android': 'Mozilla/5.0 (Linux; Android 14; SM-A546U) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.135 Mobile Safari/537.36',
  'Samsung Internet · Android': 'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-A546U) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  'Safari · iPhone': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Chrome · iPhone': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  'Edge · Windows': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
  'Firefox · Linux': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Chrome · ChromeOS': 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

test('a device is named by its browser and system, readable in the admin list', () => {
  for (const [name, agent] of Object.entries(AGENTS)) assert.equal(deviceName(agent), name, agent);
});

test('no version or build number of the phone is sent, and an unknown agent is just a browser', () => {
  for (const agent of Object.values(AGENTS)) assert.doesNotMatch(deviceName(agent), /\d/);
  assert.equal(deviceName('SomethingNew/1.0'), 'Browser');
  assert.equal(deviceName(''), 'Browser');
});
