// The Electron shell: lifecycle, hardening, windows and IPC around the same app the browser host
// runs. This folder is the only place that imports `electron` (with src/preload).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { app, dialog, safeStorage, type BrowserWindow } from 'electron';
import { boot, type Booted } from '../boot.js';
import { runCli } from '../cli/main.js';
import { wipeArgs } from './shell-args.js';
import { INSECURE_BACKENDS, type KeyStoreStatus } from '../doctor/key-store.js';
import { guardContents } from './hardening.js';
import { forwardEvents, registerIpc } from './ipc.js';
import { registerAppScheme } from './protocol.js';
import { pointChromiumAtRam, type RamPaths } from './ram-paths.js';
import { createConsoleWindow, createStationWindow, renewStationWindow, type WindowDeps } from './windows.js';
import { createOnlineWindowOpener } from './online-window.js';

export interface ShellArgs {
  dataDir: string | undefined;
  demo: boolean;
}

export function parseShellArgs(argv: string[]): ShellArgs {
  // Electron passes its own switches too; keep only ours and ignore the rest.
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, demo: { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
  });
  return { dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined, demo: values.demo === true };
}

export function electronKeyStore(): KeyStoreStatus {
  if (!safeStorage.isEncryptionAvailable()) return { backend: null, secure: false };
  const backend =
    process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'win32' ? 'dpapi' : 'keychain';
  return { backend, secure: !INSECURE_BACKENDS.has(backend) };
}

/** Everything that must happen before `ready`. */
export function prepareShell(): RamPaths {
  const ram = pointChromiumAtRam(app);
  registerAppScheme();
  app.enableSandbox();
  app.commandLine.appendSwitch('disable-http-cache');
  // Japanese first, whatever the laptop's language: dates read 年/月/日 in every form.
  app.commandLine.appendSwitch('lang', 'ja');
  app.on('web-contents-created', (_e, contents) => guardContents(contents));
  // No crash reporter: crashReporter.start() is deliberately never called (dumps hold memory).
  return ram;
}

export interface Shell {
  booted: Booted;
  console: BrowserWindow;
  station: BrowserWindow;
  ram: RamPaths;
}

/**
 * `madoguchi --wipe-all --certificate-dir C [--data-dir D] [--without-export] [--json] …`: the
 * end-of-event wipe without a window, for installs that have no Node (AppImage, deb, NSIS) and
 * for the uninstall hooks. It runs before `ready`, so it needs no display.
 */
export async function runHeadlessWipe(argv: string[]): Promise<number> {
  return runCli(['wipe', '--all', ...wipeArgs(argv)], {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    env: process.env,
    interrupted: () => new Promise(() => {}),
  });
}

export async function runShell(argv: string[]): Promise<Shell | null> {
  if (argv.includes('--wipe-all')) {
    app.exit(await runHeadlessWipe(argv));
    return null;
  }
  const args = parseShellArgs(argv);
  const ram = prepareShell();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  await app.whenReady();
  let booted: Booted;
  try {
    const ks = electronKeyStore();
    booted = await boot({
      dataDir: args.dataDir,
      demo: args.demo,
      host: 'electron',
      keyStore: electronKeyStore,
      extraWipeRoots: [ram.root],
      onlineOpener: createOnlineWindowOpener(),
      // Only a real OS key store protects the database key; basic_text falls back to the passphrase.
      osKeyStore: ks.secure && ks.backend
        ? { backend: ks.backend, encrypt: (s) => safeStorage.encryptString(s), decrypt: (b) => safeStorage.decryptString(b) }
        : undefined,
    });
  } catch (err) {
    dialog.showErrorBox('madoguchi', `起動できませんでした / Could not start:\n${(err as Error).message}`);
    app.exit(1);
    return null;
  }
  booted.log.info('shell.ram_paths', { ramBacked: ram.ramBacked });
  const deps: WindowDeps = {
    preload: path.join(booted.root, 'dist', 'preload', 'index.cjs'),
    rendererDir: path.join(booted.root, 'dist', 'renderer'),
    // Read at each permission request: the lead may turn the webcam on or off on the console.
    policy: {
      get webcamFallback() {
        return booted.app.settings().webcamFallback;
      },
    },
  };
  registerIpc(booted.app, booted.log);
  const shell: Shell = { booted, ram, console: createConsoleWindow(deps), station: createStationWindow(deps) };
  forwardEvents(booted.app, () => ({ console: shell.console, station: shell.station }));
  // Each visit ends in a fresh in-memory session for the station: nothing of it carries over.
  booted.app.bus.subscribe((name) => {
    if (name !== 'station.reset') return;
    void renewStationWindow(shell.station, deps).then(
      (w) => (shell.station = w),
      () => booted.log.error('shell.station_renew_failed'),
    );
  });
  app.on('second-instance', () => {
    if (shell.console.isMinimized()) shell.console.restore();
    shell.console.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void booted.app.close());
  return shell;
}
