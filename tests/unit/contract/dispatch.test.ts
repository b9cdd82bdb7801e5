import { describe, expect, it, vi } from 'vitest';
import { calls } from '../../../src/shared/contract.js';
import { AppError } from '../../../src/shared/errors.js';
import { text } from '../../../src/shared/text.js';
import { createDispatch, type Handlers } from '../../../src/main/contract/dispatch.js';
import { exceedsSize } from '../../../src/main/contract/payload-size.js';
import { silentLogger } from '../../../src/main/log.js';
import { makeEvent, readyApp, testApp } from '../../support/test-app.js';

const consoleCtx = { window: 'console' as const };
const stationCtx = { window: 'station' as const };

describe('dispatch: malformed calls get a typed error and never reach a service', () => {
  it('answers an unknown method with unknown_method', async () => {
    const { app } = testApp();
    const r = await app.dispatch('day.explode', {}, consoleCtx);
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    if (!r.ok) expect(r.error.message.ja).toMatch(/操作/);
  });

  it('refuses non-string and prototype method names', async () => {
    const { app } = testApp();
    for (const m of [42, null, undefined, {}, '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await app.dispatch(m, {}, consoleCtx)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('answers a wrong type with bad_request naming the field', async () => {
    const { app } = testApp();
    const r = await app.dispatch('season.saveEvent', { venueId: 1, name: 'x', firstDay: '2026-11-23', lastDay: '2026-11-23', opens: '10:00', closes: '17:00', counters: 'two' }, consoleCtx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad_request');
    expect(r.error.issues?.map((i) => i.path)).toContain('counters');
  });

  it('answers a missing field with bad_request', async () => {
    const { app } = testApp();
    const r = await app.dispatch('season.saveVenue', { name: 'x', address: 'y' }, consoleCtx);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'channel' }] } });
  });

  it('refuses unknown extra fields (strict schemas)', async () => {
    const { app } = testApp();
    const r = await app.dispatch('season.saveVenue', { name: 'x', channel: 'other', mynumber: '123456789012' }, consoleCtx);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('refuses a 10 MB string with too_large, without calling the service', async () => {
    const open = vi.fn();
    const { app } = testApp();
    const handlers = { ...app.handlers, 'season.saveVenue': open } as unknown as Handlers;
    const dispatch = createDispatch(handlers, silentLogger);
    const huge = 'あ'.repeat(10 * 1024 * 1024);
    const r = await dispatch('season.saveVenue', { name: huge, channel: 'other' }, consoleCtx);
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses a call the window may not make with forbidden', async () => {
    const { app } = testApp();
    const r = await app.dispatch('day.open', { eventName: 'x', venue: 'y', staff: ['a'], counters: 1 }, stationCtx);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('day.get', {}, consoleCtx)).toEqual({ ok: true, result: null });
  });

  it('keeps serving after a service throws, and hides the internal message', async () => {
    const { app } = testApp();
    const boom = vi.fn(() => {
      throw new Error('secret input 山田太郎');
    });
    const dispatch = createDispatch({ ...app.handlers, 'day.get': boom }, silentLogger);
    const r = await dispatch('day.get', {}, consoleCtx);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('山田太郎');
    expect(await dispatch('station.get', {}, consoleCtx)).toMatchObject({ ok: true });
  });

  it('passes an AppError through with its code and words', async () => {
    const { app } = testApp();
    const dispatch = createDispatch(
      {
        ...app.handlers,
        'day.get': () => {
          throw new AppError('unavailable', text('カメラがありません', 'No camera'));
        },
      },
      silentLogger,
    );
    expect(await dispatch('day.get', {}, consoleCtx)).toEqual({ ok: false, error: { code: 'unavailable', message: { ja: 'カメラがありません', en: 'No camera' } } });
  });

  it('treats a service answer outside the contract as internal', async () => {
    const { app } = testApp();
    const dispatch = createDispatch({ ...app.handlers, 'station.get': () => ({ dayOpen: 'yes' }) } as unknown as Handlers, silentLogger);
    expect(await dispatch('station.get', {}, consoleCtx)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('logs method and code, never the payload', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../../src/main/log.js');
    const { app } = testApp({ log: createLogger((l) => lines.push(l)) });
    await app.dispatch('season.saveVenue', { name: 'カナリア山田', address: 1, channel: 'other' }, consoleCtx);
    expect(lines.join('\n')).toContain('contract.bad_request');
    expect(lines.join('\n')).not.toContain('カナリア山田');
  });

  it('opens the day only for a signed-in member', async () => {
    const { app } = testApp();
    expect(await app.dispatch('day.open', { eventId: 1, staffIds: [] }, consoleCtx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('opens and closes the day through the contract, for an event scheduled today', async () => {
    const { app } = await readyApp();
    const later = await makeEvent(app, { firstDay: '2026-12-05', name: '年末の出張申請会' });
    expect(await app.dispatch('day.open', { eventId: later, staffIds: [] }, consoleCtx)).toMatchObject({ ok: false, error: { code: 'conflict', message: { ja: '「年末の出張申請会」は 2026-12-05〜2027-02-03 の予定です。本日（2026-11-23）は開始できません。' } } });
    expect(await app.dispatch('day.open', { eventId: 999, staffIds: [] }, consoleCtx)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const eventId = await makeEvent(app, { venue: '米子', counters: 2 });
    expect(await app.dispatch('day.open', { eventId, staffIds: [77] }, consoleCtx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const opened = await app.dispatch('day.open', { eventId, staffIds: [1, 1] }, consoleCtx);
    expect(opened).toMatchObject({ ok: true, result: { eventName: '出張申請会', venue: '米子', staff: ['山田 花子'], counters: 2, day: '2026-11-23' } });
    expect(await app.dispatch('day.open', { eventId, staffIds: [] }, consoleCtx)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await app.dispatch('station.get', {}, stationCtx)).toEqual({ ok: true, result: { dayOpen: true, venue: '米子', nowServing: null, counter: null, visitOpen: false, idleSeconds: 90 } });
    expect(await app.dispatch('day.close', {}, consoleCtx)).toMatchObject({ ok: true, result: { venue: '米子', minutesOpen: 0 } });
    expect(await app.dispatch('day.close', {}, consoleCtx)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('every call in the contract has a handler and at least one window', () => {
    const { app } = testApp();
    for (const [name, def] of Object.entries(calls)) {
      expect(typeof (app.handlers as Record<string, unknown>)[name]).toBe('function');
      expect(def.windows.length).toBeGreaterThan(0);
    }
  });
});

describe('exceedsSize', () => {
  it('measures UTF-8 bytes, stops early, and refuses cycles', () => {
    expect(exceedsSize({ a: 'x'.repeat(100) }, 200)).toBe(false);
    expect(exceedsSize({ a: 'あ'.repeat(100) }, 200)).toBe(true); // 300 bytes in UTF-8
    expect(exceedsSize(new Uint8Array(1000), 500)).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(exceedsSize(cyclic, 1e6)).toBe(true);
    expect(exceedsSize(Array.from({ length: 10_000 }, () => 1), 1000)).toBe(true);
  });
});

describe('CSP reports', () => {
  it('logs the directive and the origin only, a few a minute per window', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../../src/main/log.js');
    const { app } = testApp({ log: createLogger((l) => lines.push(l)) });
    expect(await app.dispatch('app.cspViolation', { directive: 'script-src-elem', blocked: 'https://evil.example/steal?id=12345678901234567890123' }, stationCtx)).toEqual({ ok: true, result: null });
    expect(await app.dispatch('app.cspViolation', { directive: 'script-src', blocked: 'inline' }, consoleCtx)).toEqual({ ok: true, result: null });
    const logged = lines.filter((l) => l.includes('csp.violation'));
    expect(logged).toHaveLength(2);
    expect(logged[0]).toContain('"blocked":"https://evil.example"');
    expect(logged.join('\n')).not.toContain('steal');
    expect(logged.join('\n')).not.toContain('12345678901234567890123');
    for (let i = 0; i < 50; i++) await app.dispatch('app.cspViolation', { directive: 'script-src', blocked: 'eval' }, stationCtx);
    expect(lines.filter((l) => l.includes('csp.violation') && l.includes('"window":"station"'))).toHaveLength(20);
  });
});
