// The queue (⑦): numbered tickets per day, printed on the ticket printer (or shown on screen when
// it is missing or fails), called to a counter, recalled, skipped. The wait estimate is the
// median of recent service times (or the setting, until there are three) times the people ahead,
// spread over the open counters.
import type { IssuedTicket, QueueState, QueueTicket } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import { printReceipt, type TicketPrinter } from '../devices/ticket-printer/ticket-printer.js';
import { EscPos } from '../devices/ticket-printer/escpos.js';
import type { EventBus } from '../event-bus.js';
import type { StoreKeeper } from '../store/store.js';
import { boothDay } from '../day/booth-day.js';

export interface QueueDeps {
  /** The event today's tickets are filed under. */
  eventId: () => number | null;
  store: StoreKeeper;
  printer: TicketPrinter;
  bus: EventBus;
  now: () => Date;
  /** Counters open today (from the day), at least 1. */
  counters: () => number;
  venue: () => string | null;
  /** Minutes per visit until there are enough served tickets to measure it. */
  defaultServiceMinutes: number;
  /** Tells the station its now-serving number may have changed. */
  stationChanged: () => void;
}

interface Row {
  number: number;
  issued_at: string;
  called_at: string | null;
  counter: number | null;
  done_at: string | null;
  skipped: number;
}

export { boothDay };

const CLOCK = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit' });

/** The time on the ticket: the laptop's clock, as the console shows it. */
function hhmm(iso: string): string {
  return CLOCK.format(new Date(iso));
}

const toTicket = (r: Row): QueueTicket => ({ number: r.number, issuedAt: r.issued_at, calledAt: r.called_at, counter: r.counter });

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export function ticketBytes(t: { number: number; issuedAt: string; ahead: number; waitMinutes: number; venue: string | null }): Uint8Array {
  const p = new EscPos().align('center').bold(true).line('マイナンバーカード 出張申請窓口').bold(false).line('My Number Card pop-up counter');
  if (t.venue) p.line(t.venue);
  return p
    .rule()
    .line('整理番号 / Your number')
    .size(4, 4)
    .bold(true)
    .line(String(t.number))
    .bold(false)
    .size(1, 1)
    .line(`発行 ${hhmm(t.issuedAt)}`)
    .line(`お待ちの方 ${t.ahead} 人 / ${t.ahead} ahead`)
    .line(t.ahead === 0 ? 'まもなくお呼びします / Soon' : `待ち時間の目安 約 ${t.waitMinutes} 分 / about ${t.waitMinutes} min`)
    .line('番号が呼ばれるまでお待ちください。')
    .rule()
    .feed(3)
    .cut()
    .bytes();
}

export class QueueService {
  /**
   * The state, kept until the queue changes (everything that changes it goes through here) or the
   * day or the number of open counters does (the estimate depends on both).
   */
  private cached: { key: string; state: QueueState } | null = null;

  constructor(private readonly d: QueueDeps) {}

  private rows(day: string): Row[] {
    return this.d.store.prepare('SELECT number, issued_at, called_at, counter, done_at, skipped FROM queue_tickets WHERE day = ? ORDER BY number').all(day) as Row[];
  }

  /** Median minutes from call to done over the last 20 served tickets. */
  serviceMinutes(): number {
    const recent = this.d.store
      .prepare('SELECT called_at, done_at FROM queue_tickets WHERE done_at IS NOT NULL AND called_at IS NOT NULL AND skipped = 0 ORDER BY done_at DESC LIMIT 20')
      .all() as { called_at: string; done_at: string }[];
    const minutes = recent.map((r) => (Date.parse(r.done_at) - Date.parse(r.called_at)) / 60_000).filter((m) => m > 0 && m < 240);
    return minutes.length >= 3 ? Math.round(median(minutes) * 10) / 10 : this.d.defaultServiceMinutes;
  }

  /** Minutes for `ahead` people at `minutes` each, spread over the open counters. */
  private waitFor(ahead: number, minutes: number): number {
    return Math.ceil((ahead * minutes) / Math.max(1, this.d.counters()));
  }

  state(): QueueState {
    const day = boothDay(this.d.now());
    const key = `${day}|${this.d.counters()}`;
    if (this.cached?.key === key) return this.cached.state;
    const rows = this.rows(day);
    const minutes = this.serviceMinutes();
    const waiting = rows.filter((r) => !r.called_at && !r.skipped);
    const serving = rows.filter((r) => r.called_at && !r.done_at && !r.skipped);
    const lastCalled = [...rows].filter((r) => r.called_at && !r.skipped).sort((a, b) => (a.called_at as string).localeCompare(b.called_at as string)).at(-1);
    const state: QueueState = {
      day,
      waiting: waiting.map(toTicket),
      serving: serving.map(toTicket),
      nowServing: lastCalled && !lastCalled.done_at ? lastCalled.number : (serving.at(-1)?.number ?? null),
      issued: rows.length,
      served: rows.filter((r) => r.done_at && !r.skipped).length,
      skipped: rows.filter((r) => r.skipped).length,
      serviceMinutes: minutes,
      estimatedWaitMinutes: this.waitFor(waiting.length, minutes),
    };
    this.cached = { key, state };
    return state;
  }

  /** The number on the station's screen and the counter it is called to. */
  nowServing(): { number: number; counter: number | null } | null {
    if (!this.d.store.isOpen()) return null;
    const s = this.state();
    if (s.nowServing === null) return null;
    return { number: s.nowServing, counter: s.serving.find((t) => t.number === s.nowServing)?.counter ?? null };
  }

  async issue(): Promise<IssuedTicket> {
    const now = this.d.now();
    const day = boothDay(now);
    const { db } = this.d.store.get();
    const ticket = db.transaction(() => {
      const next = ((db.prepare('SELECT max(number) AS n FROM queue_tickets WHERE day = ?').get(day) as { n: number | null }).n ?? 0) + 1;
      db.prepare('INSERT INTO queue_tickets (day, number, issued_at, event_id) VALUES (?, ?, ?, ?)').run(day, next, now.toISOString(), this.d.eventId());
      return { number: next, issuedAt: now.toISOString(), calledAt: null, counter: null };
    })();
    this.cached = null;
    const after = this.state();
    const ahead = after.waiting.length - 1;
    const wait = this.waitFor(ahead, after.serviceMinutes);
    const bytes = ticketBytes({ number: ticket.number, issuedAt: ticket.issuedAt, ahead, waitMinutes: wait, venue: this.d.venue() });
    const receipt = await printReceipt(this.d.printer, bytes, text('整理券を印刷できませんでした。画面の番号をお伝えください。', 'The ticket could not be printed. Tell the visitor the number on screen.'));
    this.announce();
    return { ticket, ahead, estimatedWaitMinutes: wait, printed: receipt.printed, preview: receipt.preview, printerProblem: receipt.problem };
  }

  callNext(counter: number): QueueState {
    const now = this.d.now().toISOString();
    const day = boothDay(this.d.now());
    const { db } = this.d.store.get();
    const called = db.transaction(() => {
      // Whoever this counter was serving is done now.
      db.prepare('UPDATE queue_tickets SET done_at = ? WHERE day = ? AND counter = ? AND called_at IS NOT NULL AND done_at IS NULL AND skipped = 0').run(now, day, counter);
      const next = db.prepare('SELECT number FROM queue_tickets WHERE day = ? AND called_at IS NULL AND skipped = 0 ORDER BY number LIMIT 1').get(day) as { number: number } | undefined;
      if (next) db.prepare('UPDATE queue_tickets SET called_at = ?, counter = ? WHERE day = ? AND number = ?').run(now, counter, day, next.number);
      return next?.number ?? null;
    })();
    this.announce();
    if (called === null) throw new AppError('conflict', text('お待ちの方はいません。', 'Nobody is waiting.'));
    return this.state();
  }

  /** The visit for this number ended: its service is over (if it was still at a counter). */
  finish(number: number): void {
    const day = boothDay(this.d.now());
    const r = this.d.store
      .prepare('UPDATE queue_tickets SET done_at = ? WHERE day = ? AND number = ? AND called_at IS NOT NULL AND done_at IS NULL AND skipped = 0')
      .run(this.d.now().toISOString(), day, number);
    if (r.changes > 0) this.announce();
  }

  /** Closing the day: whoever is still at a counter has been served. */
  closeDay(): void {
    const day = boothDay(this.d.now());
    const r = this.d.store
      .prepare('UPDATE queue_tickets SET done_at = ? WHERE day = ? AND called_at IS NOT NULL AND done_at IS NULL AND skipped = 0')
      .run(this.d.now().toISOString(), day);
    if (r.changes > 0) this.announce();
  }

  recall(counter: number): QueueState {
    const s = this.state();
    const t = s.serving.find((x) => x.counter === counter);
    if (!t) throw new AppError('conflict', text('この窓口で呼び出し中の番号はありません。', 'No number is called at this counter.'));
    this.d.bus.emit('station.recall', { number: t.number, counter });
    return s;
  }

  /** The visitor did not come: their number is passed over. */
  skip(number: number): QueueState {
    const day = boothDay(this.d.now());
    const r = this.d.store.get().db.prepare('UPDATE queue_tickets SET skipped = 1 WHERE day = ? AND number = ? AND done_at IS NULL AND skipped = 0').run(day, number);
    if (r.changes === 0) throw new AppError('not_found', text(`番号 ${number} は待っていません。`, `Number ${number} is not waiting.`));
    this.announce();
    return this.state();
  }

  private announce(): void {
    this.cached = null;
    this.d.bus.emit('queue.changed', this.state());
    this.d.stationChanged();
  }
}
