import { describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../../electron/contract/client';
import { reconnectDelay } from './backoff';
import { createEventSocket, eventSocketUrl, parseFrame, type NetworkStatus, type SocketLike, type Timers } from './event-socket';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closed = false;
  constructor(readonly url: string) {}
  open(): void {
    this.onopen?.(new Event('open'));
  }
  send(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) } as MessageEvent);
  }
  drop(): void {
    this.onerror?.(new Event('error'));
    this.onclose?.({} as CloseEvent);
  }
  close(): void {
    this.closed = true;
  }
}

/** Timers that only fire when the test says how much time passed. */
class ManualTimers implements Timers {
  private now = 0;
  private next = 1;
  private pending = new Map<number, { at: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }
  delays(): number[] {
    return [...this.pending.values()].map((timer) => timer.at - this.now);
  }
}

function setup(options: { online?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const timers = new ManualTimers();
  let online = options.online ?? true;
  const onlineListeners = new Set<() => void>();
  const network: NetworkStatus = {
    isOnline: () => online,
    onOnline(listener) {
      onlineListeners.add(listener);
      return () => onlineListeners.delete(listener);
    },
  };
  const events = createEventSocket({
    url: 'ws://127.0.0.1:7300/api/events',
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    network,
    timers,
    staleAfterMs: 15_000,
  });
  const states: ConnectionState[] = [];
  const last = (): FakeSocket => sockets[sockets.length - 1]!;
  const goOnline = (): void => {
    online = true;
    onlineListeners.forEach((listener) => listener());
  };
  const goOffline = (): void => {
    online = false;
  };
  return { events, sockets, timers, states, last, goOnline, goOffline };
}

describe('the event socket', () => {
  it('opens nothing until someone listens', () => {
    const { sockets, events, states } = setup();
    expect(sockets).toHaveLength(0);
    events.onStateChange((state) => states.push(state));
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.url).toBe('ws://127.0.0.1:7300/api/events');
    expect(states).toEqual(['connecting']);
  });

  it('goes connecting -> connected and delivers frames to the listeners of that event only', () => {
    const { events, states, last } = setup();
    events.onStateChange((state) => states.push(state));
    const beats: unknown[] = [];
    const other: unknown[] = [];
    events.subscribe('onHeartbeat', (payload) => beats.push(payload));
    events.subscribe('onJournalAppended', (payload) => other.push(payload));
    last().open();
    last().send({ event: 'onHeartbeat', payload: { at: '2026-11-24T15:00:05.000Z' } });
    expect(states).toEqual(['connecting', 'connected']);
    expect(beats).toEqual([{ at: '2026-11-24T15:00:05.000Z' }]);
    expect(other).toEqual([]);
  });

  it('ignores malformed frames and keeps going', () => {
    const { events, last } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const beats: unknown[] = [];
    events.subscribe('onHeartbeat', (payload) => beats.push(payload));
    last().open();
    last().send('not json');
    last().send({ payload: 1 });
    last().send({ event: 'onHeartbeat', payload: 1 });
    expect(beats).toEqual([1]);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('isolates a throwing listener from the others', () => {
    const { events, last } = setup();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: unknown[] = [];
    events.subscribe('onHeartbeat', () => {
      throw new Error('bad listener');
    });
    events.subscribe('onHeartbeat', (payload) => seen.push(payload));
    last().open();
    last().send({ event: 'onHeartbeat', payload: 'x' });
    expect(seen).toEqual(['x']);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it('reconnects with a doubling backoff capped at 10 s, and resets it once connected', () => {
    const { events, states, sockets, timers, last } = setup();
    events.onStateChange((state) => states.push(state));
    last().open();
    last().drop();
    expect(states).toEqual(['connecting', 'connected', 'reconnecting']);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      delays.push(...timers.delays().filter((delay) => delay !== 15_000));
      timers.advance(timers.delays().filter((delay) => delay !== 15_000)[0]!);
      last().drop();
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(sockets).toHaveLength(8);
    timers.advance(10_000);
    last().open();
    expect(states[states.length - 1]).toBe('connected');
    last().drop();
    expect(timers.delays()).toContain(500);
  });

  it('counts a handshake that never completes as a failure', () => {
    const { events, states, sockets, timers } = setup();
    events.onStateChange((state) => states.push(state));
    timers.advance(15_000);
    expect(sockets[0]?.closed).toBe(true);
    expect(states).toEqual(['connecting', 'reconnecting']);
  });

  it('drops a connection that has gone silent and dials again', () => {
    const { events, states, sockets, timers, last } = setup();
    events.onStateChange((state) => states.push(state));
    last().open();
    timers.advance(10_000);
    last().send({ event: 'onHeartbeat', payload: {} });
    timers.advance(10_000);
    expect(states[states.length - 1]).toBe('connected');
    timers.advance(5_000);
    expect(sockets[0]?.closed).toBe(true);
    expect(states[states.length - 1]).toBe('reconnecting');
    timers.advance(500);
    expect(sockets).toHaveLength(2);
  });

  it('says offline when the machine has no network, and retries at once when it returns', () => {
    const { events, states, sockets, timers, last, goOnline, goOffline } = setup();
    events.onStateChange((state) => states.push(state));
    last().open();
    goOffline();
    last().drop();
    expect(states[states.length - 1]).toBe('offline');
    expect(timers.delays().filter((delay) => delay !== 15_000)).toEqual([10_000]);
    goOnline();
    expect(sockets).toHaveLength(2);
    last().open();
    expect(states[states.length - 1]).toBe('connected');
  });

  it('stops for good on close', () => {
    const { events, states, sockets, timers, last } = setup();
    events.onStateChange((state) => states.push(state));
    last().open();
    events.close();
    expect(sockets[0]?.closed).toBe(true);
    timers.advance(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('unsubscribes', () => {
    const { events, last } = setup();
    const seen: unknown[] = [];
    const stop = events.subscribe('onHeartbeat', (payload) => seen.push(payload));
    last().open();
    stop();
    last().send({ event: 'onHeartbeat', payload: 1 });
    expect(seen).toEqual([]);
  });

  it('never connects without a usable URL, and says so by staying off connected', () => {
    const opened: string[] = [];
    const timers = new ManualTimers();
    const events = createEventSocket({ url: null, openSocket: (url) => (opened.push(url), new FakeSocket(url)), timers });
    const states: ConnectionState[] = [];
    events.onStateChange((state) => states.push(state));
    timers.advance(30_000);
    expect(opened).toEqual([]);
    expect(states).toEqual(['connecting', 'reconnecting']);
  });
});

describe('frames and URLs', () => {
  it('parses {event, payload} frames only', () => {
    expect(parseFrame('{"event":"onHeartbeat","payload":{"at":"x"}}')).toEqual({ event: 'onHeartbeat', payload: { at: 'x' } });
    expect(parseFrame('{"event":3}')).toBeNull();
    expect(parseFrame('[]')).toBeNull();
    expect(parseFrame(new ArrayBuffer(2))).toBeNull();
  });

  it('derives ws:// and wss:// from the page origin', () => {
    expect(eventSocketUrl('http://127.0.0.1:7300')).toBe('ws://127.0.0.1:7300/api/events');
    expect(eventSocketUrl('https://sietch.example:8443')).toBe('wss://sietch.example:8443/api/events');
    expect(eventSocketUrl('null')).toBeNull();
    expect(eventSocketUrl('file://')).toBeNull();
  });

  it('backs off 0.5 s doubling to 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((attempt) => reconnectDelay(attempt))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });
});
