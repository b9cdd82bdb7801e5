// Builds the app from a data folder: settings, hardware probe, devices (real or simulated),
// doctor. Used by the CLI's `serve` and by the Electron shell, so both run the same app.
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from './app.js';
import { chooseDevices, probeHardware, type DeviceSet, type HardwareProbe } from './devices/devices.js';
import { systemDoctorEnv } from './doctor/doctor.js';
import type { KeyStoreStatus } from './doctor/key-store.js';
import { createLogger, type Logger } from './log.js';
import { dataPaths, ensureDataPaths, resolveDataDir, type DataPaths } from './paths.js';
import { loadSettings, type Settings } from './settings/settings.js';
import { exec as systemExec, type Exec } from './system/exec.js';

/** The folder holding package.json, resources/ and dist/ (the asar root when packaged). */
export function appRoot(): string {
  // This file is dist/main/boot.js once built.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function appVersion(root = appRoot()): string {
  try {
    return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface BootOptions {
  dataDir?: string;
  /** Use the simulators even where hardware is attached. */
  demo: boolean;
  host: 'electron' | 'browser';
  keyStore: () => KeyStoreStatus;
  exec?: Exec;
  root?: string;
  /** Where log lines go; default: the data folder's log file. */
  log?: Logger;
}

export interface Booted {
  app: App;
  paths: DataPaths;
  settings: Settings;
  devices: DeviceSet;
  probe: HardwareProbe | null;
  log: Logger;
  root: string;
}

export function fileLogger(paths: DataPaths): Logger {
  const file = path.join(paths.logsDir, 'madoguchi.log');
  return createLogger((l) => {
    try {
      appendFileSync(file, l + '\n', { mode: 0o600 });
    } catch {
      // A full or read-only disk must not stop the booth; doctor reports disk space.
    }
  });
}

export async function boot(o: BootOptions): Promise<Booted> {
  const root = o.root ?? appRoot();
  const paths = dataPaths(resolveDataDir(o.dataDir));
  ensureDataPaths(paths);
  const log = o.log ?? fileLogger(paths);
  const settings = loadSettings(paths.settingsFile);
  const exec = o.exec ?? systemExec;
  const probe = o.demo ? null : await probeHardware(exec, settings);
  const devices = chooseDevices(probe, {
    demo: o.demo,
    settings,
    paths,
    exec,
    bundledDemoPhotos: path.join(root, 'resources', 'demo-photos'),
  });
  const doctorEnv = systemDoctorEnv({
    exec,
    probe: () => probeHardware(exec, settings),
    settings,
    dataDir: paths.root,
    keyStore: o.keyStore,
  });
  const app = createApp({ version: appVersion(root), host: o.host, paths, devices, doctorEnv, now: () => new Date(), log });
  log.info('app.boot', { host: o.host, demo: o.demo, camera: devices.camera.simulated ? 'simulated' : 'real' });
  return { app, paths, settings, devices, probe, log, root };
}
