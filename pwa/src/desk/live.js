/**
 * The desk's live channel (issue 11): the server's push to open desk screens, `GET /api/v1/events`
 * (text/event-stream, docs/desk-api.md), read with fetch streaming so the usual
 * `Authorization: Bearer` header goes with it (EventSource cannot send one).
 *
 * - The server ends a stream after ~25 s: the client reconnects at once, resuming with the
 *   `Last-Event-ID` header (the id of the last event it read), so nothing is missed or repeated.
 * - A network failure or 5xx: reconnect after a backoff with jitter (1 s doubling to 30 s).
 * - 404/405/501 (a server without the stream): `unavailable`, checked again every few minutes.
 * - 401: stop (the desk asks for a new sign-in).
 * The screen polls whenever the state is not `live` (src/desk/screens/queue.js).
 *
 * The parser and the delays are pure and unit-tested (tests/js/desk-live.test.js).
 */
const BASE_MS = 1000;
const MAX_MS = 30_000;
const UNAVAILABLE_RETRY_MS = 5 * 60 * 1000;
const STALL_MS = 60_000; // no byte for this long (not even the server's keep-alive comment): reconnect

/** Delay before reconnect number `attempt` (0-based): doubling from 1 s, capped at 30 s, the upper half jittered. */
export function reconnectDelay(attempt, random = Math.random) {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * An incremental text/event-stream parser (the WHATWG rules the desk needs): feed it text as it
 * arrives in any chunking; `onEvent({id, event, data})` runs per dispatched event (`event`
 * defaults to 'message'; `data` lines joined by '\n'; an event without data is not dispatched).
 * `lastEventId` is the id last set by a field (it persists across events, as the spec says);
 * `retry` holds a server-sent reconnection time in ms, or null.
 */
export class SseParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.skipLf = false;
    this.lastEventId = '';
    this.retry = null;
    this.#reset();
  }

  #reset() {
    this.data = [];
    this.type = '';
  }

  /** Feed a decoded chunk of the stream. */
  push(text) {
    this.buffer += text;
    // A '\r' that ended the previous chunk may be the first half of '\r\n': its '\n' ends nothing.
    if (this.skipLf && this.buffer.startsWith('\n')) this.buffer = this.buffer.slice(1);
    this.skipLf = false;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      if (match[0] === '\r' && this.buffer === '') this.skipLf = true;
      this.#line(line);
    }
  }

  /** The stream ended: an event not closed by a blank line is dropped (spec). */
  end() {
    this.buffer = '';
    this.#reset();
  }

  #line(line) {
    if (line === '') {
      if (this.data.length) this.onEvent({ id: this.lastEventId, event: this.type || 'message', data: this.data.join('\n') });
      this.#reset();
      return;
    }
    if (line.startsWith(':')) return; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.type = value;
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
  }
}

/** Parse an event's JSON data; null when it is not JSON (ignored by the screen). */
export function eventData(event) {
  try {
    return JSON.parse(event.data);
  } catch {
    return null;
  }
}

/**
 * One live connection, kept up until `stop()`. `headers()` gives the request headers (the token is
 * read at each connect); `onEvent({id, event, data})` per event; `onState(state)` on each change:
 * 'connecting' | 'live' | 'retrying' | 'unavailable' | 'auth' | 'stopped'.
 */
export class LiveStream {
  constructor({ url, headers, onEvent, onState = () => {}, fetchImpl = (...a) => fetch(...a), random = Math.random,
    setTimer = (fn, ms) => setTimeout(fn, ms), clearTimer = (id) => clearTimeout(id), lastEventId = '' }) {
    Object.assign(this, { url, headers, onEvent, onState, fetchImpl, random, setTimer, clearTimer });
    this.lastEventId = lastEventId;
    this.state = 'stopped';
    this.failures = 0;
    this.timer = null;
    this.controller = null;
    this.stopped = true;
  }

  /** Connect (once; a running stream is left as it is). */
  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.#connect();
  }

  /** Close the connection and cancel any reconnect. */
  stop() {
    this.stopped = true;
    if (this.timer) this.clearTimer(this.timer);
    this.timer = null;
    this.controller?.abort();
    this.#set('stopped');
  }

  #set(state) {
    if (this.state === state) return;
    this.state = state;
    this.onState(state);
  }

  #later(ms, state) {
    this.#set(state);
    if (this.stopped) return;
    if (this.timer) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.#connect();
    }, ms);
  }

  async #connect() {
    if (this.stopped) return;
    if (this.state !== 'retrying' && this.state !== 'live') this.#set('connecting');
    const controller = new AbortController();
    this.controller = controller;
    let stall = null;
    const watch = () => {
      if (stall) this.clearTimer(stall);
      stall = this.setTimer(() => controller.abort(), STALL_MS);
    };
    let ended = 'retry';
    let parser = null;
    try {
      const headers = { Accept: 'text/event-stream', ...(await this.headers()) };
      if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
      watch();
      const response = await this.fetchImpl(this.url, { headers, signal: controller.signal, cache: 'no-store', credentials: 'omit' });
      if (response.status === 401 || response.status === 403) ended = 'auth';
      else if ([404, 405, 501].includes(response.status)) ended = 'unavailable';
      else if (response.ok && (response.headers.get('Content-Type') || '').includes('text/event-stream') && response.body) {
        this.failures = 0;
        this.#set('live');
        parser = new SseParser((event) => {
          this.lastEventId = parser.lastEventId;
          this.onEvent(event);
        });
        parser.lastEventId = this.lastEventId;
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          watch();
          parser.push(decoder.decode(value, { stream: true }));
        }
        parser.end();
        ended = 'ended';
      }
    } catch {
      ended = 'retry';
    } finally {
      if (stall) this.clearTimer(stall);
    }
    if (this.stopped) return;
    if (ended === 'auth') {
      this.stopped = true;
      this.#set('auth');
    } else if (ended === 'unavailable') {
      this.#later(UNAVAILABLE_RETRY_MS, 'unavailable');
    } else if (ended === 'ended') {
      // The server closes each stream after a while: resume at once where it stopped.
      this.#later(parser?.retry ?? 0, 'live');
    } else {
      this.failures += 1;
      this.#later(Math.max(reconnectDelay(this.failures - 1, this.random), parser?.retry ?? 0), 'retrying');
    }
  }
}
