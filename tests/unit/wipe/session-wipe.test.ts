import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Gphoto2Camera } from '../../../src/main/devices/camera/gphoto2.js';
import { SimulatedCamera } from '../../../src/main/devices/camera/simulated-camera.js';
import type { Camera } from '../../../src/main/devices/camera/camera.js';
import { CupsPhotoPrinter } from '../../../src/main/devices/photo-printer/cups.js';
import type { PhotoPrinter } from '../../../src/main/devices/photo-printer/photo-printer.js';
import { SimulatedPhotoPrinter } from '../../../src/main/devices/photo-printer/simulated-photo-printer.js';
import { EventBus } from '../../../src/main/event-bus.js';
import { silentLogger } from '../../../src/main/log.js';
import type { DataPaths } from '../../../src/main/paths.js';
import { passphraseWrapper } from '../../../src/main/store/key-wrap.js';
import type { StoreKeeper } from '../../../src/main/store/store.js';
import { exec } from '../../../src/main/system/exec.js';
import { VisitService } from '../../../src/main/visit/visit-service.js';
import { scanForRemnants } from '../../../src/main/wipe/scan.js';
import { AppError } from '../../../src/shared/errors.js';
import { demoPhotos, openDay, readyApp, repoRoot, tempDir } from '../../support/test-app.js';
import { keeper, openTestStore, PASSPHRASE, TEST_SCRYPT, testPaths } from '../../support/store.js';

const jpeg = path.join(demoPhotos, 'astronaut-eileen-collins.jpg');
const APPLICATION_ID = '12345678901234567890123';
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.useRealTimers();
});

function service(store: StoreKeeper, paths: DataPaths, camera: Camera = new SimulatedCamera(demoPhotos), printer: PhotoPrinter = new SimulatedPhotoPrinter(path.join(paths.demoOutputDir, 'sheets'))) {
  const bus = new EventBus();
  const events: string[] = [];
  bus.subscribe((n) => events.push(n));
  const tempRoot = tempDir('madoguchi-visit-tmp-');
  const visits = new VisitService({
    camera,
    photoPrinter: printer,
    store,
    resetStation: () => bus.emit('station.reset', {}),
    now: () => new Date(),
    log: silentLogger,
    paths,
    bus,
    tempRoot,
    timeoutMinutes: 30,
  });
  return { visits, events, tempRoot, printer };
}

function useFakeGphoto2(card: string, mode = 'one') {
  process.env.PATH = `${path.join(repoRoot, 'tests', 'support', 'fake-bin')}:${saved.PATH}`;
  process.env.FAKE_GPHOTO2_JPEG = jpeg;
  process.env.FAKE_GPHOTO2_CARD = card;
  process.env.FAKE_GPHOTO2 = mode;
}

describe('session wipe', () => {
  it('zeroes the visit’s photos and secrets, destroys its files, resets the station, logs once', async () => {
    const { keeper: store, paths } = await openTestStore();
    const { visits, events, tempRoot, printer } = service(store, paths);
    visits.start();
    expect(existsSync(paths.visitMarkerFile)).toBe(true);
    const vault = visits.open();
    const photo = vault.holdPhoto(readFileSync(jpeg));
    const secret = vault.holdSecret(Buffer.from(APPLICATION_ID));
    const tmp = vault.tempFile('jpg');
    writeFileSync(tmp, photo);
    const { jobId } = await printer.print({ document: Buffer.from(photo), mime: 'image/png', media: 'L', title: 'madoguchi sheet' });
    vault.holdPrintJob(jobId);

    const s = await visits.end('ended', 'staff:1');
    expect(s).toMatchObject({ reason: 'ended', photos: 1, secrets: 1, tempFiles: 1, printJobs: 1, stationReset: true, problems: [] });
    expect(photo.every((b) => b === 0)).toBe(true);
    expect(secret.every((b) => b === 0)).toBe(true);
    expect(existsSync(tmp)).toBe(false);
    expect(readdirSync(path.join(paths.demoOutputDir, 'sheets'))).toEqual([]);
    expect(existsSync(paths.visitMarkerFile)).toBe(false);
    expect(events).toContain('station.reset');

    const log = store.get().deletionLog.rows();
    expect(log).toHaveLength(1);
    expect(log[0]!.action).toBe('session_wipe');
    expect(JSON.parse(log[0]!.detail)).toMatchObject({ reason: 'ended', photos: 1, tempFiles: 1, printJobs: 1 });
    expect(JSON.stringify(log)).not.toContain(APPLICATION_ID);
    store.close();
    expect(scanForRemnants([paths.root, tempRoot], [APPLICATION_ID]).findings).toEqual([]);
  });

  it('empties the camera card through gphoto2, and holds the next visit while it cannot', async () => {
    const { keeper: store, paths } = await openTestStore();
    const card = tempDir('madoguchi-card-');
    useFakeGphoto2(card);
    process.env.FAKE_GPHOTO2_LEAVE = '1';
    const camera = new Gphoto2Camera(exec, { model: 'Canon EOS Kiss X10', port: 'usb:001,006' });
    const { visits } = service(store, paths, camera);
    visits.start();
    visits.open().holdPhoto(await camera.capture());
    visits.open().holdPhoto(await camera.capture());
    expect(readdirSync(card)).toHaveLength(2);
    expect(await visits.end('ended', 'staff:1')).toMatchObject({ cameraFiles: 2, cameraRemaining: 0, photos: 2 });
    expect(readdirSync(card)).toEqual([]);

    // A body that refuses to delete: the next visit waits for staff.
    visits.start();
    await camera.capture();
    process.env.FAKE_GPHOTO2 = 'stuck-card';
    const stuck = await visits.end('ended', 'staff:1');
    expect(stuck).toMatchObject({ cameraRemaining: 1, problems: ['camera_card'] });
    expect(visits.isBlocked()).toBe(true);
    const refused = (() => {
      try {
        visits.start();
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(refused?.body.message.ja).toContain('メモリーカード');
    process.env.FAKE_GPHOTO2 = 'one';
    expect(await visits.recheckCamera()).toBe(true);
    expect(visits.start().id).toMatch(/-/);
    expect(JSON.parse(store.get().deletionLog.rows()[1]!.detail)).toMatchObject({ cameraRemaining: 1, problems: 'camera_card' });
  });

  it('cancels the visit’s unprinted jobs, and records what CUPS keeps as kept, never as purged', async () => {
    const { keeper: store, paths } = await openTestStore();
    const lpDir = tempDir();
    process.env.PATH = `${path.join(repoRoot, 'tests', 'support', 'fake-bin')}:${path.join(repoRoot, 'tests', 'support', 'fake-cups')}:${saved.PATH}`;
    process.env.FAKE_LP_DIR = lpDir;
    process.env.FAKE_CUPS_QUEUE = 'DS-RX1';
    const printer = new CupsPhotoPrinter(exec, 'DS-RX1', { L: 'w252h360' });
    const { visits } = service(store, paths, new SimulatedCamera(demoPhotos), printer);
    const sheet = { document: Buffer.from('sheet'), mime: 'application/pdf' as const, media: 'L' as const, title: 'madoguchi sheet' };
    const visit = async (o: { held: boolean }) => {
      if (o.held) mkdirSync(path.join(lpDir, 'jobs'), { recursive: true });
      else rmSync(path.join(lpDir, 'jobs'), { recursive: true, force: true });
      visits.start();
      visits.open().holdPrintJob((await printer.print(sheet)).jobId);
      return visits.end('ended', 'staff:1');
    };

    // CUPS's defaults: a job the printer held is cancelled (it will not print), and CUPS keeps
    // it, as it keeps one that printed; the log says kept, and the wipe says what is wrong.
    expect(await visit({ held: true })).toMatchObject({ printJobs: 0, printJobsKept: 1, problems: ['print_spool_kept'] });
    expect(readFileSync(path.join(lpDir, 'cancel-args'), 'utf8').trim()).toBe('-x DS-RX1-42');
    expect(readdirSync(path.join(lpDir, 'jobs'))).toEqual([]);
    expect(await visit({ held: false })).toMatchObject({ printJobs: 0, printJobsKept: 1, problems: ['print_spool_kept'] });
    expect(JSON.parse(store.get().deletionLog.rows().at(-1)!.detail)).toMatchObject({ printJobs: 0, printJobsKept: 1, problems: 'print_spool_kept' });

    // With PreserveJobHistory No (doctor's fix), nothing is left either way, and nothing to warn of.
    writeFileSync(path.join(lpDir, 'no-history'), '');
    expect(await visit({ held: true })).toMatchObject({ printJobs: 1, printJobsKept: 0, problems: [] });
    expect(await visit({ held: false })).toMatchObject({ printJobs: 1, printJobsKept: 0, problems: [] });
  });

  it('wipes what a crash left at the next start, and logs it once the store opens', async () => {
    const { keeper: first, paths } = await openTestStore();
    first.close();
    writeFileSync(paths.visitMarkerFile, JSON.stringify({ visitId: 'abc', startedAt: new Date().toISOString() }));
    const store = keeper(paths);
    const { visits, tempRoot } = service(store, paths);
    mkdirSync(path.join(tempRoot, 'abc'), { recursive: true });
    writeFileSync(path.join(tempRoot, 'abc', '1.jpg'), readFileSync(jpeg));
    const s = await visits.recoverAfterCrash();
    expect(s).toMatchObject({ reason: 'crash-recovery', tempFiles: 1, problems: ['deletion_log'] });
    expect(readdirSync(tempRoot)).toEqual([]);
    expect(existsSync(paths.visitMarkerFile)).toBe(false);
    await store.unlock(passphraseWrapper(PASSPHRASE, TEST_SCRYPT));
    visits.flushPendingRecovery();
    const rows = store.get().deletionLog.rows();
    expect(rows.map((r) => JSON.parse(r.detail).reason)).toEqual(['crash-recovery']);
    expect(await visits.recoverAfterCrash()).toBeNull();
  });

  it('wipes a visit left open past its time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { keeper: store, paths } = await openTestStore();
    const { visits } = service(store, paths);
    visits.start();
    const photo = visits.open().holdPhoto(Buffer.from('photo bytes'));
    await vi.advanceTimersByTimeAsync(30 * 60_000 + 1);
    expect(visits.current()).toBeNull();
    expect(photo.every((b) => b === 0)).toBe(true);
    expect(JSON.parse(store.get().deletionLog.rows()[0]!.detail).reason).toBe('timeout');
  });

  it('needs the store open before a visit starts', () => {
    const paths = testPaths();
    const { visits } = service(keeper(paths), paths);
    expect(() => visits.start()).toThrow(AppError);
  });
});

describe('visits over the contract', () => {
  it('start, end with a summary, and closing the day ends an open visit', async () => {
    const { app } = await readyApp();
    const ctx = { window: 'console' as const };
    await openDay(app);
    expect(await app.dispatch('visit.start', {}, ctx)).toMatchObject({ ok: true });
    expect(await app.dispatch('visit.start', {}, ctx)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await app.dispatch('visit.end', {}, ctx)).toMatchObject({ ok: true, result: { reason: 'ended', problems: [] } });
    expect(await app.dispatch('visit.end', {}, ctx)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await app.dispatch('visit.start', {}, ctx);
    await app.dispatch('day.close', {}, ctx);
    expect(await app.dispatch('visit.get', {}, ctx)).toEqual({ ok: true, result: { visit: null, record: null, blocked: false } });
    expect(await app.dispatch('visit.start', {}, { window: 'station' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
