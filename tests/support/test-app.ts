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
import { defaultSettings } from '../../src/main/settings/settings.js';
import { exec } from '../../src/main/system/exec.js';
import { secureNativeBinding } from '../../src/main/store/database.js';
import { StoreKeeper } from '../../src/main/store/store.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const demoPhotos = path.join(repoRoot, 'resources', 'demo-photos');

export function tempDir(prefix = 'madoguchi-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function testApp(log: Logger = silentLogger): { app: App; dataDir: string; store: StoreKeeper } {
  const paths = dataPaths(tempDir());
  ensureDataPaths(paths);
  const devices = chooseDevices(null, { demo: true, settings: defaultSettings, paths, exec, bundledDemoPhotos: demoPhotos });
  const doctorEnv = systemDoctorEnv({
    exec,
    probe: () => Promise.resolve({ camera: { found: true, cameras: [] }, cups: { ok: false, reason: 'not_installed', detail: '' }, photoQueue: null, usblp: [] }),
    settings: defaultSettings,
    dataDir: paths.root,
    keyStore: () => noKeyStore,
  });
  const store = new StoreKeeper({ paths, nativeBinding: secureNativeBinding(repoRoot), log, wait: async () => {} });
  const app = createApp({
    version: '0.0.0-test',
    host: 'browser',
    paths,
    devices,
    doctorEnv,
    now: () => new Date('2026-11-23T01:00:00Z'),
    log,
    store,
    scrypt: { N: 2 ** 10, r: 8, p: 1 },
    visitTempRoot: path.join(paths.root, 'visit-tmp'),
  });
  return { app, dataDir: paths.root, store };
}
