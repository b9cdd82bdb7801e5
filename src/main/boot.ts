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
import { dataPaths, ensureDataPaths, ramBackedDir, recordDataDir, resolveDataDir, visitTempRoot, type DataPaths } from './paths.js';
import { loadSettings, saveSettings, type Settings } from './settings/settings.js';
import { detectCameras, Gphoto2Camera } from './devices/camera/gphoto2.js';
import type { Camera } from './devices/camera/camera.js';
import { WorkerFaceDetector } from './photo/face-detector.js';
import { photoSelfTest, samplePortrait } from './photo/self-test.js';
import type { OnlineWindowOpener } from './online/online-service.js';
import { exec as systemExec, type Exec } from './system/exec.js';
import { secureNativeBinding } from './store/database.js';
import { osKeyStoreWrapper, passphraseWrapper, type OsKeyStore } from './store/key-wrap.js';
import { StoreKeeper } from './store/store.js';
import { AppError } from '../shared/errors.js';

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
  /** A real OS key store (Electron safeStorage on a secure backend): the store opens with it. */
  osKeyStore?: OsKeyStore;
  /** A passphrase given at start (MADOGUCHI_PASSPHRASE for the CLI): the store opens with it. */
  passphrase?: string;
  /** The app's folders outside the data folder; default: the RAM-backed folder. */
  extraWipeRoots?: string[];
  /** The clock (seed-demo runs a synthetic season on its own). */
  now?: () => Date;
  /** Simulated printers keep their output only in memory (seed-demo: thousands of tickets). */
  quietSimulators?: boolean;
  /** Overrides the setting (seed-demo's synthetic clock jumps hours between calls). */
  consoleIdleMinutes?: number;
  /** The Electron shell's isolated online-application window. */
  onlineOpener?: OnlineWindowOpener;
  /**
   * Puts something between the app and the devices chosen (the soak's injected faults), with the
   * camera service's way of finding the camera again.
   */
  wrapDevices?: (chosen: DeviceSet) => { devices: DeviceSet; reconnectCamera?: () => Promise<Camera | null> };
}

export interface Booted {
  app: App;
  paths: DataPaths;
  settings: Settings;
  devices: DeviceSet;
  probe: HardwareProbe | null;
  log: Logger;
  root: string;
  store: StoreKeeper;
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

/**
 * Opens the store at start when a secret is at hand: the OS key store, or a passphrase from the
 * environment. Otherwise (or when that fails) it stays locked and the console asks the lead.
 */
async function openAtStart(store: StoreKeeper, o: BootOptions, log: Logger): Promise<void> {
  const state = store.status();
  const wrapper = o.osKeyStore && (state.state === 'new' || (state.state === 'locked' && state.wrap === 'os-key-store'))
    ? osKeyStoreWrapper(o.osKeyStore)
    : o.passphrase && state.state !== 'wiped'
      ? passphraseWrapper(o.passphrase)
      : null;
  if (!wrapper) return;
  try {
    await store.unlock(wrapper);
  } catch (err) {
    log.warn('store.open_at_start_failed', { code: err instanceof AppError ? err.body.code : 'internal' });
  }
}

export async function boot(o: BootOptions): Promise<Booted> {
  const root = o.root ?? appRoot();
  const paths = dataPaths(resolveDataDir(o.dataDir));
  ensureDataPaths(paths);
  recordDataDir(paths.root);
  const log = o.log ?? fileLogger(paths);
  const settings = loadSettings(paths.settingsFile);
  const exec = o.exec ?? systemExec;
  const probe = o.demo ? null : await probeHardware(exec, settings);
  const chosen = chooseDevices(probe, {
    quiet: o.quietSimulators === true,
    demo: o.demo,
    settings,
    paths,
    exec,
    bundledDemoPhotos: path.join(root, 'resources', 'demo-photos'),
  });
  const wrapped = o.wrapDevices?.(chosen);
  const devices = wrapped?.devices ?? chosen;
  // Detection in its own thread: the main process keeps serving frames and calls meanwhile.
  const detector = new WorkerFaceDetector(undefined, (reason) => log.warn('photo.detector_in_process', { reason }));
  const doctorEnv = systemDoctorEnv({
    exec,
    probe: () => probeHardware(exec, settings),
    settings,
    dataDir: paths.root,
    keyStore: o.keyStore,
    photoSelfTest: (s) => photoSelfTest(detector, samplePortrait(root), s),
  });
  const store = new StoreKeeper({ paths, nativeBinding: secureNativeBinding(root), log });
  await openAtStart(store, o, log);
  const app = createApp({
    version: appVersion(root),
    host: o.host,
    paths,
    devices,
    doctorEnv,
    now: o.now ?? (() => new Date()),
    log,
    store,
    visitTempRoot: visitTempRoot(paths).dir,
    visitTimeoutMinutes: settings.visitTimeoutMinutes,
    consoleIdleMinutes: o.consoleIdleMinutes ?? settings.consoleIdleMinutes,
    defaultServiceMinutes: settings.defaultServiceMinutes,
    incentiveRules: settings.incentive,
    settings,
    saveSettings: (s) => saveSettings(paths.settingsFile, s),
    detector,
    onlineOpener: o.onlineOpener,
    // A real camera that went away is looked for again; the simulator never goes away.
    reconnectCamera:
      wrapped?.reconnectCamera ??
      (devices.camera.simulated
        ? undefined
        : async () => {
            const found = await detectCameras(exec);
            const cam = found.found ? found.cameras[0] : undefined;
            return cam ? new Gphoto2Camera(exec, cam) : null;
          }),
    extraWipeRoots: o.extraWipeRoots ?? [ramBackedDir()].filter((d): d is string => d !== null),
  });
  await app.recover();
  log.info('app.boot', { host: o.host, demo: o.demo, camera: devices.camera.simulated ? 'simulated' : 'real', store: store.status().state });
  return { app, paths, settings, devices, probe, log, root, store };
}
