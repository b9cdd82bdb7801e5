// One data folder holds everything the app writes (settings, store, logs, demo output), so that
// tests, demos and the wipe can point at one place. A RAM-backed folder holds what Chromium
// insists on writing (caches, session data) where the OS has one.
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text, type Text } from '../shared/text.js';

export interface DataPaths {
  root: string;
  settingsFile: string;
  logsDir: string;
  /** Where simulated printers write what they would have printed. */
  demoOutputDir: string;
  /** The encrypted database (with its -wal and -shm beside it). */
  storeFile: string;
  /** The database key, wrapped (never in clear). */
  keyFile: string;
  /** The sealed heads of the hash-chained logs. */
  logHeadFile: string;
  /** Failed passphrase attempts, for the growing delay. */
  unlockGuardFile: string;
  /** Left by the end-of-event wipe: when, the certificate's id, and what the lead still has to do (counts). Nothing personal. */
  wipedFile: string;
  /** Present while a visit is open, so a restart after a crash knows to wipe its leftovers. */
  visitMarkerFile: string;
}

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'madoguchi');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'madoguchi');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'madoguchi');
}

/** --data-dir wins, then MADOGUCHI_DATA_DIR, then the OS's per-user app-data folder. */
export function resolveDataDir(flag: string | undefined, env = process.env): string {
  const chosen = flag ?? env.MADOGUCHI_DATA_DIR ?? defaultDataDir(process.platform, env);
  return path.resolve(chosen);
}

export function dataPaths(root: string): DataPaths {
  return {
    root,
    settingsFile: path.join(root, 'settings.json'),
    logsDir: path.join(root, 'logs'),
    demoOutputDir: path.join(root, 'demo-output'),
    storeFile: path.join(root, 'madoguchi.db'),
    keyFile: path.join(root, 'store-key.json'),
    logHeadFile: path.join(root, 'log-head.json'),
    unlockGuardFile: path.join(root, 'unlock-guard.json'),
    wipedFile: path.join(root, 'wiped.json'),
    visitMarkerFile: path.join(root, 'visit-open.json'),
  };
}

export function ensureDataPaths(p: DataPaths): void {
  for (const dir of [p.root, p.logsDir, p.demoOutputDir]) makeDirs(dir, 0o700);
}

/**
 * A folder and the folders above it, as `mkdir -p`. Not Node's own recursive mkdir: where mkdir
 * answers ENOENT below a folder that exists (anywhere under /proc), Node 22's loops for ever at
 * full CPU, deaf to SIGTERM (measured on 22.23: `--out /proc/x` hung the photo command). Here a
 * folder that cannot be made is an error with its code, and one that exists as a file is ENOTDIR.
 */
export function makeDirs(dir: string, mode?: number): void {
  const target = path.resolve(dir);
  const missing: string[] = [];
  for (let at = target; !existsSync(at); ) {
    missing.push(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d, mode === undefined ? undefined : { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  if (!statSync(target).isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${target}'`), { code: 'ENOTDIR', path: target, syscall: 'mkdir' });
  }
}

/** Mount points of tmpfs file systems, from /proc/mounts (Linux only). */
export function tmpfsMounts(mountsText: string): string[] {
  return mountsText
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f.length >= 3 && (f[2] === 'tmpfs' || f[2] === 'ramfs'))
    .map((f) => (f[1] ?? '').replace(/\\040/g, ' '));
}

/**
 * A RAM-backed folder for this user, or null where the OS has none (Windows, macOS by default).
 * Prefers the per-user runtime dir ($XDG_RUNTIME_DIR, mode 0700) over the shared /dev/shm.
 */
export function ramBackedDir(
  env = process.env,
  platform: NodeJS.Platform = process.platform,
  readMounts: () => string = () => readFileSync('/proc/mounts', 'utf8'),
): string | null {
  if (platform !== 'linux') return null;
  let mounts: string[];
  try {
    mounts = tmpfsMounts(readMounts());
  } catch {
    return null;
  }
  const onTmpfs = (dir: string) => mounts.some((m) => dir === m || dir.startsWith(m.endsWith('/') ? m : `${m}/`));
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const candidates = [env.XDG_RUNTIME_DIR, '/dev/shm'].filter((d): d is string => !!d);
  for (const dir of candidates) {
    if (onTmpfs(dir)) return path.join(dir, `madoguchi-${uid}`);
  }
  return null;
}

/** Where a visit's unavoidable temporary files go: RAM where the OS has it, else the data folder. */
export function visitTempRoot(paths: DataPaths, ram: string | null = ramBackedDir()): { dir: string; ramBacked: boolean } {
  return ram ? { dir: path.join(ram, 'visit-tmp'), ramBacked: true } : { dir: path.join(paths.root, 'tmp'), ramBacked: false };
}

/**
 * The per-user list of data folders this app has used (paths only), so that the uninstaller can
 * find and wipe folders chosen with --data-dir too. MADOGUCHI_REGISTRY_FILE overrides (tests).
 */
export function dataDirRegistry(env = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MADOGUCHI_REGISTRY_FILE) return env.MADOGUCHI_REGISTRY_FILE;
  const home = os.homedir();
  // Never inside the default data folder: the uninstaller reads the list before wiping that.
  const config =
    platform === 'win32' ? (env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local')) : platform === 'darwin' ? path.join(home, 'Library', 'Preferences') : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(config, 'madoguchi', 'data-dirs.txt');
}

export function recordDataDir(root: string, registry = dataDirRegistry()): void {
  try {
    const known = existsSync(registry) ? readFileSync(registry, 'utf8').split('\n') : [];
    if (known.includes(root)) return;
    makeDirs(path.dirname(registry), 0o700);
    appendFileSync(registry, root + '\n', { mode: 0o600 });
  } catch {
    // Not being able to list the folder must not stop the booth; doctor shows the data folder.
  }
}

const PATH_ADVICE: Record<string, Text> = {
  ENOENT: text('フォルダーがあるか、USB メモリーが差し込まれているか確かめてください。', 'Check that the folder exists and that the USB stick is plugged in.'),
  ENOTDIR: text('途中にフォルダーではなくファイルがあります。', 'Part of the path is a file, not a folder.'),
  EACCES: text('書き込む権限がありません。', 'No permission to write there.'),
  EPERM: text('書き込む権限がありません。', 'No permission to write there.'),
  EROFS: text('読み取り専用の場所です。', 'It is read-only.'),
  ENOSPC: text('空き容量がありません。', 'The disk is full.'),
};

/**
 * A file or folder that could not be used (a mistyped folder, a USB stick not plugged in, a
 * read-only or full stick), in words with what to check; null for any other error. `known`:
 * the code is one the words say what to do about.
 */
export function pathProblem(err: unknown): { code: string; path: string; known: boolean; message: Text } | null {
  const e = err as NodeJS.ErrnoException | null;
  if (!e || typeof e.code !== 'string' || !/^E[A-Z]+$/.test(e.code) || typeof e.path !== 'string') return null;
  const advice = PATH_ADVICE[e.code];
  return {
    code: e.code,
    path: e.path,
    known: advice !== undefined,
    message: text(`${e.path} を使えません（${e.code}）。${advice?.ja ?? ''}`, `cannot use ${e.path} (${e.code}).${advice ? ` ${advice.en}` : ''}`),
  };
}
