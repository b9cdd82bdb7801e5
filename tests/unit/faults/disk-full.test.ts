// The disk fills up during the day. Writes are refused with a clear message, what was committed
// stays, the visit's photo is still wiped, and the day carries on once there is room.
// The full disk is simulated at the store's own limit (SQLite's max_page_count), which fails a
// write exactly as a full disk does; a deletion-log write refused by a full disk is simulated at
// the log itself, since where SQLite still finds room differs from table to table. Where the test
// runs as root and may mount, a real filesystem fills up too: a small tmpfs holding the data folder.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { App } from '../../../src/main/app.js';
import { openDay, readyApp, tempDir } from '../../support/test-app.js';

const ctx = { window: 'console' as const };

/** Issues tickets until a write is refused; the refusal must say the disk is full. Answers how many were issued. */
async function issueUntilFull(app: Pick<App, 'dispatch'>, most: number): Promise<number> {
  let issued = 0;
  let refusal: { code: string; message: { ja: string } } | null = null;
  for (let i = 0; i < most && !refusal; i++) {
    const r = await app.dispatch('queue.issue', {}, ctx);
    if (r.ok) issued += 1;
    else refusal = r.error;
  }
  expect(refusal).toMatchObject({ code: 'unavailable', message: { ja: expect.stringContaining('ディスクがいっぱい') } });
  return issued;
}

describe('disk full', () => {
  it('refuses writes clearly, keeps what was committed, still wipes the visit, and carries on when space is back', async () => {
    const { app, store } = await readyApp();
    await openDay(app);
    await app.dispatch('visit.start', {}, ctx);
    await app.dispatch('photo.capture', {}, ctx);
    const { db } = store.get();
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);

    // Issue tickets until the store cannot grow: the refusal names the problem.
    const issued = await issueUntilFull(app, 5000);
    expect((db.prepare('SELECT count(*) AS n FROM queue_tickets').get() as { n: number }).n).toBe(issued);

    // The visit ends whatever the disk says: the photo's buffers are zeroed (the data rule first).
    const ended = (await app.dispatch('visit.end', {}, ctx)) as { ok: boolean; result?: { photos: number; bytesZeroed: number } };
    expect(ended.ok).toBe(true);
    expect(ended.result!.photos).toBeGreaterThan(0);
    expect(ended.result!.bytesZeroed).toBeGreaterThan(100_000);

    // Room again: the day goes on, the store is intact, both logs verify.
    db.pragma('max_page_count = 1073741823');
    expect(await app.dispatch('queue.issue', {}, ctx)).toMatchObject({ ok: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.get().accessLog.verify()).toBeNull();
    expect(store.get().deletionLog.verify()).toBeNull();
  }, 30_000);

  it('wipes the visit when the deletion log cannot take its entry, and writes the entry as soon as it can', async () => {
    const { app, store } = await readyApp();
    await openDay(app);
    await app.dispatch('visit.start', {}, ctx);
    await app.dispatch('photo.capture', {}, ctx);
    const log = store.get().deletionLog;
    const wipes = () => log.rows().filter((r) => r.action === 'session_wipe');
    const append = log.append.bind(log);
    let refuse = 2; // the wipe's entry, then the retry at the end of the same call
    log.append = (...args: Parameters<typeof append>) => {
      if (refuse > 0) {
        refuse -= 1;
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }
      return append(...args);
    };
    const ended = (await app.dispatch('visit.end', {}, ctx)) as { ok: boolean; result?: { photos: number; problems: string[] } };
    expect(ended).toMatchObject({ ok: true, result: { problems: ['deletion_log'] } });
    expect(ended.result!.photos).toBeGreaterThan(0);
    expect(wipes()).toHaveLength(0);
    // The next visit writes the waiting entry before anything else.
    expect(await app.dispatch('visit.start', {}, ctx)).toMatchObject({ ok: true });
    expect(wipes()).toHaveLength(1);
    expect(wipes()[0]!.detail).toContain('logged late');
    expect(log.verify()).toBeNull();
    await app.dispatch('visit.end', {}, ctx);
    expect(wipes()).toHaveLength(2);
  });

  const mountable = (() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
    const probe = tempDir('madoguchi-mount-probe-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
      execFileSync('umount', [probe], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  })();

  // CI runs as root on a machine that may mount; elsewhere this one says why it did not run.
  it.skipIf(!mountable)('on a real filesystem that fills up: the same clear refusal, the visit wiped, and the day on once space is freed', async () => {
    const dataDir = tempDir('madoguchi-tinyfs-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', dataDir]);
    try {
      const { app, store } = await readyApp({ dataDir });
      await openDay(app);
      await app.dispatch('visit.start', {}, ctx);
      expect(await app.dispatch('photo.capture', {}, ctx)).toMatchObject({ ok: true });

      // Something else on the machine takes every byte left.
      const filler = `${dataDir}/filler`;
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }

      const issued = await issueUntilFull(app, 20_000);
      const ended = (await app.dispatch('visit.end', {}, ctx)) as { ok: boolean; result?: { photos: number; bytesZeroed: number } };
      expect(ended.ok).toBe(true);
      expect(ended.result!.photos).toBeGreaterThan(0);
      expect(ended.result!.bytesZeroed).toBeGreaterThan(100_000);

      rmSync(filler);
      expect(await app.dispatch('queue.issue', {}, ctx)).toMatchObject({ ok: true });
      const { db } = store.get();
      expect((db.prepare('SELECT count(*) AS n FROM queue_tickets').get() as { n: number }).n).toBe(issued + 1);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(store.get().accessLog.verify()).toBeNull();
      expect(store.get().deletionLog.verify()).toBeNull();
      // The wipe's entry is there: at once, or written late once there was room.
      expect(await app.dispatch('visit.start', {}, ctx)).toMatchObject({ ok: true });
      expect(store.get().deletionLog.rows().filter((r) => r.action === 'session_wipe')).toHaveLength(1);
      await app.close();
    } finally {
      execFileSync('umount', ['-l', dataDir]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
