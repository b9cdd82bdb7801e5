import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedTicketPrinter } from '../../../src/main/devices/ticket-printer/simulated-ticket-printer.js';
import type { TicketPrinter } from '../../../src/main/devices/ticket-printer/ticket-printer.js';
import { EventBus } from '../../../src/main/event-bus.js';
import { boothDay, median, QueueService } from '../../../src/main/queue/queue-service.js';
import { AppError } from '../../../src/shared/errors.js';
import { text } from '../../../src/shared/text.js';
import { openDay, readyApp, testApp } from '../../support/test-app.js';
import { openTestStore } from '../../support/store.js';

async function queue(o: { counters?: number; printer?: TicketPrinter } = {}) {
  let counters = o.counters ?? 1;
  const { keeper, paths } = await openTestStore();
  let now = new Date('2026-11-23T10:00:00+09:00');
  const bus = new EventBus();
  const heard: { name: string; payload: unknown }[] = [];
  bus.subscribe((name, payload) => heard.push({ name, payload }));
  let stationPings = 0;
  const q = new QueueService({
    store: keeper,
    printer: o.printer ?? new SimulatedTicketPrinter(path.join(paths.demoOutputDir, 'tickets')),
    bus,
    now: () => now,
    counters: () => counters,
    eventId: () => null,
    venue: () => '1階 センターコート',
    defaultServiceMinutes: 10,
    stationChanged: () => (stationPings += 1),
  });
  return { q, heard, pings: () => stationPings, advance: (min: number) => (now = new Date(now.getTime() + min * 60_000)), setCounters: (n: number) => (counters = n) };
}

describe('queue tickets', () => {
  it('numbers tickets per booth day, and starts again after midnight in Japan', async () => {
    const { q, advance } = await queue();
    expect((await q.issue()).ticket.number).toBe(1);
    expect((await q.issue()).ticket.number).toBe(2);
    advance(13 * 60 + 59); // 23:59 JST
    expect((await q.issue()).ticket.number).toBe(3);
    advance(2); // 00:01 JST, next day
    expect((await q.issue()).ticket.number).toBe(1);
    expect(boothDay(new Date('2026-11-23T15:30:00Z'))).toBe('2026-11-24');
  });

  it('prints the number, the people ahead and the wait, and estimates across counters', async () => {
    const { q } = await queue({ counters: 2 });
    await q.issue();
    await q.issue();
    await q.issue();
    const t = await q.issue();
    expect(t).toMatchObject({ ahead: 3, estimatedWaitMinutes: 15, printed: false, printerProblem: null });
    expect(t.preview).toContain('お待ちの方 3 人');
    expect(t.preview).toContain('約 15 分');
    expect(t.preview).toMatch(/^\s+\*\*4\*\*\s+\(×4\)$/m);
    expect(t.preview).toContain('1階 センターコート');
  });

  it('updates the estimate when more counters open', async () => {
    const { q, setCounters } = await queue();
    for (let i = 0; i < 4; i++) await q.issue();
    expect(q.state().estimatedWaitMinutes).toBe(40);
    setCounters(2);
    expect(q.state().estimatedWaitMinutes).toBe(20);
  });

  it('learns the service time from the visits it has served', async () => {
    const { q, advance } = await queue();
    for (let i = 0; i < 5; i++) await q.issue();
    q.callNext(1);
    for (const minutes of [6, 8, 12]) {
      advance(minutes);
      q.callNext(1);
    }
    expect(q.serviceMinutes()).toBe(8);
    expect(q.state()).toMatchObject({ served: 3, estimatedWaitMinutes: 8, waiting: [{ number: 5 }], serving: [{ number: 4, counter: 1 }] });
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('calls the next number to a counter, closes the previous one there, and says when nobody waits', async () => {
    const { q, heard, pings } = await queue({ counters: 2 });
    await q.issue();
    await q.issue();
    await q.issue();
    expect(q.callNext(1).nowServing).toBe(1);
    expect(q.callNext(2).serving.map((t) => [t.number, t.counter])).toEqual([[1, 1], [2, 2]]);
    expect(q.callNext(1).serving.map((t) => [t.number, t.counter])).toEqual([[2, 2], [3, 1]]);
    expect(q.nowServing()).toEqual({ number: 3, counter: 1 });
    const e = (() => {
      try {
        q.callNext(2);
      } catch (x) {
        return x as AppError;
      }
    })();
    expect(e?.body).toMatchObject({ code: 'conflict', message: { ja: 'お待ちの方はいません。' } });
    expect(heard.filter((h) => h.name === 'queue.changed').length).toBeGreaterThan(3);
    expect(pings()).toBeGreaterThan(3);
  });

  it('skips a visitor who did not come, and recalls the number at a counter', async () => {
    const { q, heard } = await queue();
    await q.issue();
    await q.issue();
    expect(q.skip(1).skipped).toBe(1);
    expect(q.callNext(1).nowServing).toBe(2);
    q.recall(1);
    expect(heard.at(-1)).toEqual({ name: 'station.recall', payload: { number: 2, counter: 1 } });
    expect(() => q.skip(99)).toThrow(AppError);
    expect(() => q.recall(2)).toThrow(AppError);
  });

  it('shows the ticket on screen when the printer fails, and still counts it', async () => {
    const broken: TicketPrinter = {
      simulated: false,
      status: () => ({ kind: 'ticketPrinter', simulated: false, name: 'TM-T88VI', state: 'offline', outputDir: null }),
      print: () => Promise.reject(new AppError('unavailable', text('整理券プリンターに送れませんでした。', 'Could not reach the ticket printer.'))),
    };
    const { q } = await queue({ printer: broken });
    const t = await q.issue();
    expect(t).toMatchObject({ printed: false, ticket: { number: 1 }, printerProblem: { ja: '整理券プリンターに送れませんでした。' } });
    expect(t.preview).toContain('整理番号');
    expect(q.state().issued).toBe(1);
  });
});

describe('queue over the contract', () => {
  it('needs a signed-in member; the station sees the number being served', async () => {
    const locked = testApp();
    expect(await locked.app.dispatch('queue.issue', {}, { window: 'console' })).toMatchObject({ ok: false });
    const { app } = await readyApp();
    const ctx = { window: 'console' as const };
    await openDay(app, { counters: 2, venue: '米子' });
    expect(await app.dispatch('queue.issue', {}, ctx)).toMatchObject({ ok: true, result: { ticket: { number: 1 } } });
    expect(await app.dispatch('queue.issue', {}, { window: 'station' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await app.dispatch('queue.callNext', { counter: 2 }, ctx);
    expect(await app.dispatch('station.get', {}, { window: 'station' })).toEqual({ ok: true, result: { dayOpen: true, venue: '米子', nowServing: 1, counter: 2, visitOpen: false, idleSeconds: 90 } });
  });
});
