// A window's side of the browser host's WebSocket, for the soak and the fault tests: calls and
// their replies, and the events the host pushes (frames, state changes).
import WebSocket from 'ws';
import { japanDay } from '../../shared/japan-day.js';
import type { Text } from '../../shared/text.js';

interface Reply {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: Text };
}

/** A call the app answered with an error: its code and what the screen would say. */
export class CallError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    readonly told: Text,
  ) {
    super(`${method}: ${code} ${told.en}`);
  }
}

export class Client {
  private next = 1;
  private readonly waiting = new Map<number, (m: Reply) => void>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private closed = false;
  constructor(readonly ws: WebSocket) {
    // The host went away (stopped, or killed): every call still waiting fails, none hangs.
    ws.on('close', () => {
      this.closed = true;
      for (const [, answer] of this.waiting) answer({ ok: false, error: { code: 'closed', message: { ja: '接続が切れました。', en: 'the connection closed' } } });
      this.waiting.clear();
    });
    ws.on('message', (data) => {
      const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data));
      const m = JSON.parse(raw.toString('utf8')) as Reply & { kind: string; id: number; name?: string; payload?: unknown };
      if (m.kind === 'reply') this.waiting.get(m.id)?.(m);
      else if (m.kind === 'event' && m.name) for (const fn of this.listeners.get(m.name) ?? []) fn(m.payload);
    });
  }
  /** The client a window's page would be: its page address carries the origin and, after #token=, the token. */
  static forWindow(pageUrl: string): Promise<Client> {
    const page = new URL(pageUrl);
    const ws = new URL('/ws', page.origin.replace('http', 'ws'));
    ws.searchParams.set('token', page.hash.replace('#token=', ''));
    return Client.open(ws.toString(), page.origin);
  }
  static open(url: string, origin: string): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { Origin: origin } });
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
    });
  }
  /** Listens to one event; the returned function stops listening. */
  on(name: string, fn: (payload: unknown) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(fn);
    this.listeners.set(name, set);
    return () => set.delete(fn);
  }
  call<T>(method: string, payload: unknown): Promise<T> {
    const id = this.next++;
    if (this.closed) return Promise.reject(new CallError(method, 'closed', { ja: '接続が切れました。', en: 'the connection closed' }));
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, (m) => {
        this.waiting.delete(id);
        if (m.ok) resolve(m.result as T);
        else reject(new CallError(method, m.error?.code ?? 'unknown', m.error?.message ?? { ja: '', en: '' }));
      });
      this.ws.send(JSON.stringify({ id, method, payload }));
    });
  }
}

/**
 * The morning over the console's contract, with the store already open: a lead added, signed in
 * and trained today, a venue and an event that runs all of today, and the day opened for it.
 */
export async function openTodaysDay(
  desk: Client,
  o: { lead: string; pin: string; venue: string; channel: string; event: string; counters: number },
): Promise<{ leadId: number; eventId: number }> {
  const lead = await desk.call<{ id: number }>('staff.add', { displayName: o.lead, role: 'lead', pin: o.pin });
  await desk.call('session.signIn', { staffId: lead.id, pin: o.pin });
  const today = japanDay(new Date());
  await desk.call('staff.recordTraining', { staffId: lead.id, heldOn: today, topics: ['conduct', 'ethics', 'privacy', 'procedure'], trainer: '研修 講師' });
  const venue = await desk.call<{ id: number }>('season.saveVenue', { name: o.venue, channel: o.channel });
  const event = await desk.call<{ id: number }>('season.saveEvent', { venueId: venue.id, name: o.event, firstDay: today, lastDay: today, opens: '00:00', closes: '23:59', counters: o.counters });
  await desk.call('day.open', { eventId: event.id, staffIds: [] });
  return { leadId: lead.id, eventId: event.id };
}
