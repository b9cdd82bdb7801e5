// Chromium writes caches and session files under userData whatever the session; point those
// folders at RAM where the OS has it, so nothing of a visit lands on the disk.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App as ElectronApp } from 'electron';
import { makeDirs, ramBackedDir } from '../paths.js';
import { shredTree } from '../wipe/shred.js';

export const CHROMIUM_PATHS = ['userData', 'sessionData', 'crashDumps', 'temp'] as const;

export interface RamPaths {
  root: string;
  /** False where the OS has no RAM-backed folder (Windows, macOS): a private temp folder instead. */
  ramBacked: boolean;
}

export function pointChromiumAtRam(app: Pick<ElectronApp, 'setPath'>, ramDir: string | null = ramBackedDir()): RamPaths {
  const root = ramDir ?? mkdtempSync(path.join(os.tmpdir(), 'madoguchi-'));
  // Whatever a previous run left (a crash, or the end-of-event wipe while Chromium held its
  // files open) goes before Chromium starts.
  shredTree(root, true);
  for (const name of CHROMIUM_PATHS) {
    const dir = path.join(root, name);
    makeDirs(dir, 0o700);
    app.setPath(name, dir);
  }
  return { root, ramBacked: ramDir !== null };
}
