// A simulated booth day: the real services behind the browser host, driven over its WebSocket
// contract as the console and the station would — tickets, visits, captures through the photo
// pipeline, prints, surveys, incentives, session wipes — with every step timed and memory
// sampled. Figures, not assertions: the caller decides what to make of them.
import WebSocket from 'ws';
import type { App } from '../app.js';
import { startBrowserHost } from '../host/browser-host.js';
import type { Logger } from '../log.js';
import type { StoreKeeper } from '../store/store.js';
import { stats, type Stats } from '../bench/stats.js';
import { japanDay } from '../../shared/japan-day.js';
import { SURVEY } from '../../shared/survey.js';
import { scanForRemnants } from '../wipe/scan.js';

export interface SoakOptions {
  visits: number;
  app: App;
  store: StoreKeeper;
  rendererDir: string;
  log: Logger;
  passphrase: string;
  /** Told after each visit (a progress line). */
  onVisit?: (done: number) => void;
  /**
   * Written where personal data would go (staff name, survey comment, inquiry; a kana one for the
   * incentive's name), then looked for in every file of these folders afterwards.
   */
  canary?: { text: string; kana: string; scan: string[] };
}

export interface SoakResult {
  visits: number;
  seconds: number;
  visitsPerMinute: number;
  steps: Record<string, Stats>;
  memoryMb: { start: number; afterWarmup: number; end: number; peak: number; growthAfterWarmup: number };
  errors: string[];
  sessionWipesLogged: number;
  printed: number;
  /** Files that still hold a canary, a JPEG or a readable SQLite database (none expected). */
  remnants: { file: string; what: string }[];
}

/** A window's side of the browser host's WebSocket: calls and their replies. */
export class Client {
  private next = 1;
  private readonly waiting = new Map<number, (m: { ok: boolean; result?: unknown; error?: { code: string; message: { en: string } } }) => void>();
  private closed = false;
  constructor(readonly ws: WebSocket) {
    // The host went away (stopped, or killed): every call still waiting fails, none hangs.
    ws.on('close', () => {
      this.closed = true;
      for (const [, answer] of this.waiting) answer({ ok: false, error: { code: 'closed', message: { en: 'the connection closed' } } });
      this.waiting.clear();
    });
    ws.on('message', (data) => {
      const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data));
      const m = JSON.parse(raw.toString('utf8')) as { kind: string; id: number; ok: boolean };
      if (m.kind === 'reply') this.waiting.get(m.id)?.(m);
    });
  }
  static open(url: string, origin: string): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { Origin: origin } });
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
    });
  }
  call<T>(method: string, payload: unknown): Promise<T> {
    const id = this.next++;
    if (this.closed) return Promise.reject(new Error(`${method}: the connection closed`));
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, (m) => {
        this.waiting.delete(id);
        if (m.ok) resolve(m.result as T);
        else reject(new Error(`${method}: ${m.error?.code} ${m.error?.message.en}`));
      });
      this.ws.send(JSON.stringify({ id, method, payload }));
    });
  }
}

const rssMb = () => Math.round((process.memoryUsage().rss / 1048576) * 10) / 10;

export async function soak(o: SoakOptions): Promise<SoakResult> {
  const host = await startBrowserHost({ app: o.app, rendererDir: o.rendererDir, log: o.log });
  const url = (role: 'console' | 'station') => {
    const token = new URL(host.urls[role]).hash.replace('#token=', '');
    const u = new URL('/ws', host.origin.replace('http', 'ws'));
    u.searchParams.set('token', token);
    return u.toString();
  };
  const desk = await Client.open(url('console'), host.origin);
  const station = await Client.open(url('station'), host.origin);
  const times: Record<string, number[]> = {};
  const errors: string[] = [];
  const step = async <T>(name: string, client: Client, method: string, payload: unknown): Promise<T> => {
    const t0 = performance.now();
    try {
      return await client.call<T>(method, payload);
    } finally {
      (times[name] ??= []).push(performance.now() - t0);
    }
  };
  let printed = 0;
  const started = performance.now();
  const memory = { start: rssMb(), afterWarmup: 0, end: 0, peak: rssMb() };
  try {
    // The morning: the store, the lead (trained), today's event, the day opened.
    await desk.call('store.unlock', { passphrase: o.passphrase });
    const tag = o.canary ? ` ${o.canary.text}` : '';
    const lead = await desk.call<{ id: number }>('staff.add', { displayName: `責任者 ソーク${tag}`, role: 'lead', pin: '482913' });
    await desk.call('session.signIn', { staffId: lead.id, pin: '482913' });
    const today = japanDay(new Date());
    await desk.call('staff.recordTraining', { staffId: lead.id, heldOn: today, topics: ['conduct', 'ethics', 'privacy', 'procedure'], trainer: 'soak' });
    const venue = await desk.call<{ id: number }>('season.saveVenue', { name: `ソーク会場 ${Date.now()}`, channel: 'shoppingCentre' });
    const event = await desk.call<{ id: number }>('season.saveEvent', { venueId: venue.id, name: 'ソーク試験', firstDay: today, lastDay: today, opens: '00:00', closes: '23:59', counters: 2 });
    await desk.call('day.open', { eventId: event.id, staffIds: [] });

    const warmup = Math.max(1, Math.round(o.visits / 10));
    for (let i = 0; i < o.visits; i++) {
      try {
        await step('queue.issue', desk, 'queue.issue', {});
        const q = await step<{ nowServing: number | null }>('queue.callNext', desk, 'queue.callNext', { counter: 1 + (i % 2) });
        await step('visit.start', desk, 'visit.start', q.nowServing ? { ticketNumber: q.nowServing } : {});
        // The citizen at the station: the photo through the pipeline, accepted, printed by staff.
        const shot = await step<{ ok: boolean }>('photo.capture', station, 'photo.capture', {});
        await step('photo.accept', station, 'photo.accept', {});
        await step('photo.print', desk, 'photo.print', { override: !shot.ok });
        for (let k = 0; k < 200; k++) {
          const p = await step<{ state: string } | null>('photo.printStatus', desk, 'photo.printStatus', {});
          if (p?.state === 'done') {
            printed += 1;
            break;
          }
          if (p?.state === 'error') throw new Error('print failed');
          await new Promise((r) => setTimeout(r, 10));
        }
        await step('visit.record', desk, 'visit.record', { services: ['formHelp', 'photo', 'envelope'], applicants: 1, ageBands: ['70-74'], outcome: 'paper' });
        await step('survey.submit', station, 'survey.submit', { answers: Object.fromEntries(SURVEY.map((q2) => [q2.id, q2.choices[i % q2.choices.length]!.id])), source: 'station', ...(i % 5 === 0 ? { comment: `丁寧でした${tag}` } : {}) });
        if (i % 2 === 0) await step('incentive.pay', desk, 'incentive.pay', { nameKana: `${o.canary?.kana ?? 'そーく'} ${String.fromCharCode(0x3042 + (i % 40))}${String.fromCharCode(0x3042 + Math.floor(i / 40) % 40)}`, birthDate: `19${50 + (i % 40)}-01-01`, applicationDate: '2023-01-10' });
        if (i % 10 === 0) await step('inquiry.add', desk, 'inquiry.add', { category: 'card', text: `受け取りの時期について${tag}` });
        await step('visit.end', desk, 'visit.end', {});
      } catch (err) {
        errors.push(`visit ${i + 1}: ${(err as Error).message}`);
        await desk.call('visit.end', {}).catch(() => undefined);
      }
      const rss = rssMb();
      memory.peak = Math.max(memory.peak, rss);
      if (i + 1 === warmup) memory.afterWarmup = rss;
      o.onVisit?.(i + 1);
    }
    await desk.call('day.close', {});
  } catch (err) {
    errors.push(`setup: ${(err as Error).message}`);
  } finally {
    desk.ws.close();
    station.ws.close();
    await host.close();
  }
  globalThis.gc?.();
  memory.end = rssMb();
  const seconds = (performance.now() - started) / 1000;
  const sessionWipesLogged = o.store.isOpen() ? o.store.get().deletionLog.rows().filter((r) => r.action === 'session_wipe').length : 0;
  const remnants = o.canary ? scanForRemnants(o.canary.scan, [o.canary.text, o.canary.kana]).findings.map((f) => ({ file: f.file, what: f.what })) : [];
  return {
    visits: o.visits,
    seconds: Math.round(seconds * 10) / 10,
    visitsPerMinute: Math.round((o.visits / seconds) * 60 * 10) / 10,
    steps: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, stats(v)])),
    memoryMb: { ...memory, growthAfterWarmup: Math.round((memory.end - memory.afterWarmup) * 10) / 10 },
    errors,
    sessionWipesLogged,
    printed,
    remnants,
  };
}
