// An app wired to simulators and a temporary data folder, for tests of the contract and hosts.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../../src/main/app.js';
import { chooseDevices } from '../../src/main/devices/devices.js';
import { systemDoctorEnv } from '../../src/main/doctor/doctor.js';
import { noKeyStore } from '../../src/main/doctor/key-store.js';
import { silentLogger, type Logger } from '../../src/main/log.js';
import { dataPaths, ensureDataPaths } from '../../src/main/paths.js';
import { defaultSettings, type Settings } from '../../src/main/settings/settings.js';
import type { OnlineWindowOpener } from '../../src/main/online/online-service.js';
import type { Camera } from '../../src/main/devices/camera/camera.js';
import type { PhotoPrinter } from '../../src/main/devices/photo-printer/photo-printer.js';
import type { FaceDetector } from '../../src/main/photo/face-detector.js';
import { exec } from '../../src/main/system/exec.js';
import { secureNativeBinding } from '../../src/main/store/database.js';
import { StoreKeeper } from '../../src/main/store/store.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const demoPhotos = path.join(repoRoot, 'resources', 'demo-photos');

export function tempDir(prefix = 'madoguchi-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestAppOptions {
  log?: Logger;
  now?: () => Date;
  consoleIdleMinutes?: number;
  settings?: Settings;
  onlineOpener?: OnlineWindowOpener;
  /** A camera other than the simulator (the gphoto2 adapter on a fake gphoto2, say). */
  camera?: Camera;
  /** An existing data folder (a restart); default: a fresh one. */
  dataDir?: string;
  /** A photo printer other than the simulator (one that fails on purpose, say). */
  photoPrinter?: PhotoPrinter;
  /** Where changed settings go (boot.ts writes settings.json); default: kept in memory only. */
  saveSettings?: (s: Settings) => void;
  /** The face detector; default: the app's own (human, on the main thread). */
  detector?: FaceDetector;
}

export function testApp(o: TestAppOptions = {}): { app: App; dataDir: string; store: StoreKeeper } {
  const log = o.log ?? silentLogger;
  const paths = dataPaths(o.dataDir ?? tempDir());
  ensureDataPaths(paths);
  const chosen = chooseDevices(null, { demo: true, settings: defaultSettings, paths, exec, bundledDemoPhotos: demoPhotos });
  const devices = { ...chosen, ...(o.camera ? { camera: o.camera } : {}), ...(o.photoPrinter ? { photoPrinter: o.photoPrinter } : {}) };
  const doctorEnv = systemDoctorEnv({
    exec,
    // A tethered camera given to the test is the one auto-detect lists.
    probe: () => Promise.resolve({ camera: { found: true, cameras: o.camera && !o.camera.simulated ? [{ model: o.camera.status().name, port: 'usb:001,006' }] : [] }, cups: { ok: false, reason: 'not_installed', detail: '' }, photoQueue: null, usblp: [] }),
    settings: defaultSettings,
    dataDir: paths.root,
    keyStore: () => noKeyStore,
    // The sample photo judged as the real self-test does (photo/self-test.test.ts runs that one).
    photoSelfTest: () => Promise.resolve({ faces: 1, located: true, ms: 180 }),
  });
  const store = new StoreKeeper({ paths, nativeBinding: secureNativeBinding(repoRoot), log, wait: async () => {} });
  const app = createApp({
    version: '0.0.0-test',
    host: 'browser',
    paths,
    devices,
    doctorEnv,
    now: o.now ?? (() => new Date('2026-11-23T01:00:00Z')),
    log,
    store,
    consoleIdleMinutes: o.consoleIdleMinutes,
    scrypt: { N: 2 ** 10, r: 8, p: 1 },
    visitTempRoot: path.join(paths.root, 'visit-tmp'),
    pinCost: { N: 2 ** 10, r: 8, p: 1 },
    settings: o.settings,
    saveSettings: o.saveSettings,
    onlineOpener: o.onlineOpener,
    ...(o.detector ? { detector: o.detector } : {}),
  });
  return { app, dataDir: paths.root, store };
}

export const LEAD_PIN = '482913';

type Dispatchable = Pick<App, 'dispatch'>;

async function mustCall(app: Dispatchable, method: string, payload: unknown): Promise<unknown> {
  const r = await app.dispatch(method, payload, { window: 'console' });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message.en}`);
  return r.result;
}

/** Records all four training topics for a member, held on this date (by a signed-in lead). */
export async function train(app: Dispatchable, staffId: number, heldOn = '2026-10-01'): Promise<void> {
  await mustCall(app, 'staff.recordTraining', { staffId, heldOn, topics: ['conduct', 'ethics', 'privacy', 'procedure'], trainer: '研修 講師' });
}

/** A venue and an event that runs from this day for 60 days. */
export async function makeEvent(app: Dispatchable, o: { firstDay?: string; name?: string; venue?: string; counters?: number; channel?: string } = {}): Promise<number> {
  const venues = (await mustCall(app, 'season.venues', {})) as { id: number; name: string }[];
  const venueName = o.venue ?? '米子駅前ショッピングセンター';
  const venue = venues.find((v) => v.name === venueName) ?? ((await mustCall(app, 'season.saveVenue', { name: venueName, address: '鳥取県米子市', channel: o.channel ?? 'shoppingCentre' })) as { id: number });
  const first = o.firstDay ?? '2026-11-23';
  const last = new Date(Date.parse(`${first}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
  const e = (await mustCall(app, 'season.saveEvent', { venueId: venue.id, name: o.name ?? '出張申請会', firstDay: first, lastDay: last, opens: '10:00', closes: '17:00', counters: o.counters ?? 1 })) as { id: number };
  return e.id;
}

/** Opens the booth day for a new event that runs today (the signed-in member is on duty). */
export async function openDay(app: Dispatchable, o: { staffIds?: number[]; counters?: number; firstDay?: string; venue?: string } = {}): Promise<number> {
  const eventId = await makeEvent(app, { firstDay: o.firstDay, counters: o.counters, venue: o.venue });
  await mustCall(app, 'day.open', { eventId, staffIds: o.staffIds ?? [], ...(o.counters ? { counters: o.counters } : {}) });
  return eventId;
}

/** An app as the lead leaves it after opening the console: store open, lead signed in and trained. */
export async function readyApp(o: TestAppOptions & { trained?: boolean } = {}) {
  const t = testApp(o);
  const ctx = { window: 'console' as const };
  const must = async (method: string, payload: unknown) => {
    const r = await t.app.dispatch(method, payload, ctx);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message.en}`);
    return r.result;
  };
  await must('store.unlock', { passphrase: 'correct horse battery' });
  const lead = (await must('staff.add', { displayName: '山田 花子', role: 'lead', pin: LEAD_PIN })) as { id: number };
  await must('session.signIn', { staffId: lead.id, pin: LEAD_PIN });
  if (o.trained !== false) await train(t.app, lead.id);
  return { ...t, leadId: lead.id };
}
