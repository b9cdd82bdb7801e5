// The online application through the contract: the ID read and held for the visit only (staff see
// four digits, logs none), the window opened on an allowed host with the visit's photo, the photo
// file destroyed when the window closes, everything gone when the visit ends.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OnlineState } from '../../../src/shared/contract.js';
import type { OnlineWindowOpener } from '../../../src/main/online/online-service.js';
import { defaultSettings } from '../../../src/main/settings/settings.js';
import { createLogger, type Logger } from '../../../src/main/log.js';
import { readyApp } from '../../support/test-app.js';

const ID = '12345678901234567890123';
const QR = `https://apply.example.jp/start?applyId=${ID}`;
const ctx = { window: 'console' as const };

const recordingLog = (lines: string[]): Logger => createLogger((line) => lines.push(line));

describe('online application', () => {
  it('refuses an individual number, opens only allowed hosts, hands over the photo, and forgets it all', async () => {
    const opened: { url: string; photoFile: string | null; onClosed: () => void }[] = [];
    let closedAll = 0;
    const opener: OnlineWindowOpener = { open: (o) => void opened.push(o), closeAll: () => void (closedAll += 1) };
    const logs: string[] = [];
    const { app } = await readyApp({ log: recordingLog(logs), onlineOpener: opener, settings: { ...defaultSettings, onlineApplication: { allowHosts: ['apply.example.jp'], urlTemplate: null } } });
    const call = async <T>(method: string, payload: unknown) => {
      const r = await app.dispatch(method, payload, ctx);
      if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message.ja}`), { code: r.error.code });
      return r.result as T;
    };
    await call('visit.start', {});
    await expect(call('online.begin', { text: '123456789012', source: 'typed' })).rejects.toThrow(/個人番号/);
    // Typed digits need an address template, which is not set: staff are told why.
    const typed = await call<OnlineState>('online.begin', { text: ID, source: 'typed' });
    expect(typed.problem?.ja).toContain('urlTemplate');
    await expect(call('online.open', {})).rejects.toThrow(/urlTemplate/);

    await call('photo.capture', {});
    const scanned = await call<OnlineState>('online.begin', { text: QR, source: 'scanner' });
    expect(scanned).toMatchObject({ id: '•••••••••••••••••••0123', source: 'scanner', host: 'apply.example.jp', window: 'closed', problem: null });
    expect(scanned.photo?.height).toBeGreaterThanOrEqual(480);
    const open = await call<OnlineState>('online.open', {});
    expect(open.window).toBe('open');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.url).toBe(QR);
    const photo = opened[0]!.photoFile!;
    expect(readFileSync(photo).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    opened[0]!.onClosed();
    expect(existsSync(photo)).toBe(false);
    expect((await call<OnlineState>('online.get', {})).window).toBe('closed');

    await call('visit.end', {});
    expect(await call('online.get', {})).toBeNull();
    expect(closedAll).toBeGreaterThan(0);
    // Never in a log line: the ID, its last digits as a run, or the address carrying it.
    expect(logs.join('\n')).not.toContain(ID);
    expect(logs.join('\n')).not.toContain('apply.example.jp/start');
    await app.close();
  });

  it('says plainly when the host is not allowed and when there is no window to open', async () => {
    const { app } = await readyApp();
    await app.dispatch('visit.start', {}, ctx);
    const r = await app.dispatch('online.begin', { text: QR, source: 'scanner' }, ctx);
    expect(r.ok && (r.result as OnlineState).problem?.ja).toContain('allowHosts');
    expect(r.ok && (r.result as OnlineState).window).toBe('unavailable');
    const o = await app.dispatch('online.open', {}, ctx);
    expect(o.ok).toBe(false);
    await app.close();
  });
});
