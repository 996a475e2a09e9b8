/**
 * The desk's live channel (src/desk/live.js): the event-stream parser in any chunking, the
 * reconnect delays, and the stream client resuming with Last-Event-ID, backing off on failures,
 * and reporting a server without the stream as unavailable (the desk then polls).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LiveStream, SseParser, eventData, reconnectDelay } from '../../pwa/src/desk/live.js';

const parse = (chunks) => {
  const events = [];
  const parser = new SseParser((e) => events.push(e));
  for (const c of chunks) parser.push(c);
  return { events, parser };
};

describe('the event-stream parser', () => {
  const text = 'id: 7\nevent: alert\ndata: {"id":"a1"}\n\n: keep-alive\n\nid: 8\nevent: alert_closed\ndata: {"id":"a1",\ndata: "report_id":"r1"}\n\n';

  test('events with id, kind and JSON data, comments skipped, data lines joined', () => {
    const { events, parser } = parse([text]);
    assert.deepEqual(events, [
      { id: '7', event: 'alert', data: '{"id":"a1"}' },
      { id: '8', event: 'alert_closed', data: '{"id":"a1",\n"report_id":"r1"}' },
    ]);
    assert.equal(parser.lastEventId, '8');
    assert.deepEqual(eventData(events[1]), { id: 'a1', report_id: 'r1' });
  });

  test('the same events whatever the chunking, one character at a time included', () => {
    assert.deepEqual(parse([...text]).events, parse([text]).events);
    assert.deepEqual(parse([text.slice(0, 13), text.slice(13, 40), text.slice(40)]).events, parse([text]).events);
  });

  test('CRLF and CR line ends, a CRLF split across chunks counts once', () => {
    const crlf = text.replaceAll('\n', '\r\n');
    const split = crlf.indexOf('\r\n\r\n') + 1;
    assert.deepEqual(parse([crlf.slice(0, split), crlf.slice(split)]).events, parse([text]).events);
    assert.deepEqual(parse([text.replaceAll('\n', '\r')]).events, parse([text]).events);
  });

  test('an event without data is not dispatched, an unterminated one is dropped at the end, the kind defaults to message', () => {
    const { events, parser } = parse(['id: 3\n\ndata: x\n\ndata: cut']);
    assert.deepEqual(events, [{ id: '3', event: 'message', data: 'x' }]);
    parser.end();
    assert.equal(events.length, 1);
  });

  test('retry sets the reconnection time; a bad one is ignored; non-JSON data reads as null', () => {
    const { parser, events } = parse(['retry: 2500\nretry: soon\ndata: not json\n\n']);
    assert.equal(parser.retry, 2500);
    assert.equal(eventData(events[0]), null);
  });
});

describe('reconnect delays', () => {
  test('double from 1 s to a 30 s cap, within the jittered upper half', () => {
    assert.equal(reconnectDelay(0, () => 0), 500);
    assert.equal(reconnectDelay(0, () => 1), 1000);
    assert.equal(reconnectDelay(3, () => 1), 8000);
    assert.equal(reconnectDelay(20, () => 1), 30000);
    assert.equal(reconnectDelay(20, () => 0), 15000);
  });
});

/** A fake server: each call answers the next of `answers` (a status, or a list of text chunks for a 200 stream). */
function fakeServer(answers) {
  const requests = [];
  const fetchImpl = async (url, init) => {
    requests.push({ url, headers: init.headers });
    const answer = answers.shift();
    if (answer === undefined) return new Promise(() => {}); // hangs (stays connected)
    if (answer === 'network') throw new TypeError('network down');
    if (typeof answer === 'number') return new Response('{}', { status: answer, headers: { 'Content-Type': 'application/json' } });
    const body = new ReadableStream({ start(c) { for (const chunk of answer) c.enqueue(new TextEncoder().encode(chunk)); c.close(); } });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };
  return { fetchImpl, requests };
}

function stream(answers) {
  const server = fakeServer(answers);
  const timers = [];
  const events = [];
  const states = [];
  const live = new LiveStream({ url: '/api/v1/events', headers: async () => ({ Authorization: 'Bearer t' }),
    onEvent: (e) => events.push(e), onState: (s) => states.push(s), fetchImpl: server.fetchImpl, random: () => 1,
    setTimer: (fn, ms) => { timers.push({ fn, ms }); return timers.length; }, clearTimer: () => {} });
  const settle = () => new Promise((r) => setTimeout(r, 20));
  /** Run the last scheduled reconnect (not the stall watchdogs, which are 60 s). */
  const reconnect = async () => {
    const next = timers.filter((t) => t.ms !== 60_000).pop();
    timers.length = 0;
    next.fn();
    await settle();
    return next.ms;
  };
  return { live, server, events, states, settle, reconnect, timers };
}

describe('the stream client', () => {
  test('sends the token, reads events, and resumes with Last-Event-ID at once when the server ends the stream', async () => {
    const s = stream([['id: 41\nevent: alert\ndata: {}\n\n'], ['id: 42\nevent: report\ndata: {}\n\n']]);
    s.live.start();
    await s.settle();
    assert.equal(s.server.requests[0].headers.Authorization, 'Bearer t');
    assert.equal(s.server.requests[0].headers['Last-Event-ID'], undefined);
    assert.deepEqual(s.events.map((e) => e.id), ['41']);
    assert.equal(await s.reconnect(), 0);
    assert.equal(s.server.requests[1].headers['Last-Event-ID'], '41');
    assert.deepEqual(s.events.map((e) => e.event), ['alert', 'report']);
    assert.equal(s.live.lastEventId, '42');
    assert.ok(s.states.includes('live'));
    s.live.stop();
  });

  test('network failures and 5xx back off, doubling; a success resets the backoff', async () => {
    const s = stream(['network', 503, ['data: {}\n\n'], 'network']);
    s.live.start();
    await s.settle();
    assert.equal(s.live.state, 'retrying');
    assert.equal(await s.reconnect(), 1000);
    assert.equal(await s.reconnect(), 2000);
    assert.equal(s.events.length, 1);
    assert.equal(await s.reconnect(), 0);
    assert.equal(s.live.state, 'retrying');
    assert.equal(await s.reconnect(), 1000, 'counted from the start again');
    s.live.stop();
  });

  test('a server without the stream (404) is unavailable, checked again only after minutes', async () => {
    const s = stream([404]);
    s.live.start();
    await s.settle();
    assert.equal(s.live.state, 'unavailable');
    assert.ok(s.timers.some((t) => t.ms === 5 * 60 * 1000));
    s.live.stop();
  });

  test('401 stops for good; stop() ends every reconnect', async () => {
    const s = stream([401]);
    s.live.start();
    await s.settle();
    assert.equal(s.live.state, 'auth');
    assert.equal(s.timers.filter((t) => t.ms !== 60_000).length, 0);
    const t = stream(['network']);
    t.live.start();
    await t.settle();
    t.live.stop();
    assert.equal(t.live.state, 'stopped');
  });
});

describe('the VAPID key for PushManager', async () => {
  await import('./support.js');
  const { keyBytes } = await import('../../pwa/src/desk/cues.js');

  test('base64url without padding becomes the raw key bytes', () => {
    const raw = Uint8Array.from({ length: 65 }, (_, i) => (i * 37 + 4) % 256);
    const text = Buffer.from(raw).toString('base64url');
    assert.ok(!text.includes('='));
    assert.deepEqual([...keyBytes(text)], [...raw]);
  });
});
