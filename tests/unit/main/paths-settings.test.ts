import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirRegistry, defaultDataDir, makeDirs, ramBackedDir, recordDataDir, resolveDataDir, tmpfsMounts } from '../../../src/main/paths.js';
import { readFileSync as readText } from 'node:fs';
import { calibrationFor, defaultSettings, loadSettings } from '../../../src/main/settings/settings.js';
import { AppError } from '../../../src/shared/errors.js';
import { tempDir } from '../../support/test-app.js';

describe('data folder', () => {
  it('takes --data-dir, then MADOGUCHI_DATA_DIR, then the OS default', () => {
    expect(resolveDataDir('/a', { MADOGUCHI_DATA_DIR: '/b' })).toBe('/a');
    expect(resolveDataDir(undefined, { MADOGUCHI_DATA_DIR: '/b' })).toBe('/b');
    expect(resolveDataDir(undefined, {})).toBe(defaultDataDir());
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/x' })).toBe('/x/madoguchi');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' })).toContain('madoguchi');
  });
});

describe('the list of data folders used', () => {
  it('records each folder once, outside the default data folder', () => {
    const reg = path.join(tempDir(), 'cfg', 'madoguchi', 'data-dirs.txt');
    recordDataDir('/srv/booth-a', reg);
    recordDataDir('/srv/booth-b', reg);
    recordDataDir('/srv/booth-a', reg);
    expect(readText(reg, 'utf8')).toBe('/srv/booth-a\n/srv/booth-b\n');
    expect(dataDirRegistry({ XDG_CONFIG_HOME: '/c' }, 'linux')).toBe('/c/madoguchi/data-dirs.txt');
    expect(dataDirRegistry({ LOCALAPPDATA: 'L', APPDATA: 'R' }, 'win32')).toContain('L');
  });
});

describe('making folders', () => {
  it('makes a folder and those above it with the mode asked, and is content with one that exists', () => {
    const root = tempDir();
    const deep = path.join(root, 'a', 'b', 'c');
    makeDirs(deep, 0o700);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(statSync(path.join(root, 'a')).mode & 0o777).toBe(0o700);
    expect(() => makeDirs(deep)).not.toThrow();
  });

  it('answers a file in the way, or a place no folder can be made, with the error’s code', () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'file'), 'x');
    expect(() => makeDirs(path.join(root, 'file'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => makeDirs(path.join(root, 'file', 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    // Node's own recursive mkdir loops for ever here (see makeDirs); this answers at once.
    if (process.platform === 'linux') expect(() => makeDirs('/proc/madoguchi-test/x')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('RAM-backed folder', () => {
  const mounts = 'sysfs /sys sysfs rw 0 0\ntmpfs /run/user/1000 tmpfs rw,nosuid 0 0\ntmpfs /dev/shm tmpfs rw 0 0\n/dev/sda1 / ext4 rw 0 0\n';
  it('prefers the per-user runtime folder on tmpfs, then /dev/shm, else none', () => {
    expect(tmpfsMounts(mounts)).toEqual(['/run/user/1000', '/dev/shm']);
    expect(ramBackedDir({ XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux', () => mounts)).toMatch(/^\/run\/user\/1000\/madoguchi-\d+$/);
    expect(ramBackedDir({}, 'linux', () => mounts)).toMatch(/^\/dev\/shm\/madoguchi-\d+$/);
    expect(ramBackedDir({ XDG_RUNTIME_DIR: '/home/u/run' }, 'linux', () => '/dev/sda1 / ext4 rw 0 0\n')).toBeNull();
    expect(ramBackedDir({}, 'win32', () => mounts)).toBeNull();
  });
});

describe('settings', () => {
  it('uses defaults when there is no file, and reads a valid one', () => {
    const dir = tempDir();
    expect(loadSettings(path.join(dir, 'settings.json'))).toEqual(defaultSettings);
    writeFileSync(path.join(dir, 's.json'), JSON.stringify({ photoPrinterQueue: 'DS-RX1' }));
    expect(loadSettings(path.join(dir, 's.json')).photoPrinterQueue).toBe('DS-RX1');
  });

  it('refuses broken or unknown entries with a clear message', () => {
    const dir = tempDir();
    const f = path.join(dir, 's.json');
    writeFileSync(f, '{');
    expect(() => loadSettings(f)).toThrow(AppError);
    writeFileSync(f, JSON.stringify({ webcamFallback: 'yes' }));
    try {
      loadSettings(f);
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).body.message.ja).toContain('webcamFallback');
    }
    writeFileSync(f, JSON.stringify({ citizenName: '山田' }));
    expect(() => loadSettings(f)).toThrow(AppError);
  });

  it('keeps a printer correction per paper, and reads a file from before with its one correction under the paper it was measured on', () => {
    const dir = tempDir();
    const f = path.join(dir, 's.json');
    const l = { scaleX: 1.01, scaleY: 0.99, offsetXMm: 0.5, offsetYMm: -0.3, measuredAt: '2026-11-20T01:00:00.000Z' };
    const big = { scaleX: 1.004, scaleY: 1, offsetXMm: -1.2, offsetYMm: 0, measuredAt: '2026-11-24T03:00:00.000Z' };
    writeFileSync(f, JSON.stringify({ photoPaper: 'KG', printerCalibration: { 'DS-RX1': { dpi: 300, papers: { L: l, '2L': big } } } }));
    const s = loadSettings(f);
    // Each paper its own; a paper never measured borrows the latest measured (and says which).
    expect(calibrationFor(s, 'DS-RX1', 'L')).toEqual({ dpi: 300, ...l, measuredOn: 'L' });
    expect(calibrationFor(s, 'DS-RX1', '2L')).toEqual({ dpi: 300, ...big, measuredOn: '2L' });
    expect(calibrationFor(s, 'DS-RX1', 'KG')).toEqual({ dpi: 300, ...big, measuredOn: '2L' });
    expect(calibrationFor(s, 'other', 'KG')).toEqual({ dpi: 300, scaleX: 1, scaleY: 1, offsetXMm: 0, offsetYMm: 0, measuredAt: null, measuredOn: null });
    // The resolution: the settings' where given, else the driver's default, else 300.
    expect(calibrationFor(s, 'DS-RX1', 'L', 600).dpi).toBe(300);
    expect(calibrationFor(s, 'other', 'L', 600).dpi).toBe(600);

    // The older file: one flat correction per printer.
    const flat = { dpi: 600, scaleX: 1.01, scaleY: 0.99, offsetXMm: 0.5, offsetYMm: -0.3, measuredAt: l.measuredAt };
    writeFileSync(f, JSON.stringify({ photoPaper: 'KG', printerCalibration: { a: { ...flat, measuredOn: '2L' }, b: flat, c: { dpi: 400 }, d: { ...flat, dpi: 300 } } }));
    const old = loadSettings(f);
    expect(old.printerCalibration).toEqual({
      a: { dpi: 600, papers: { '2L': { ...l } } },
      // From before the paper was kept: the booth's paper.
      b: { dpi: 600, papers: { KG: { ...l } } },
      // Never measured: nothing to keep but the resolution.
      c: { dpi: 400, papers: {} },
      // 300 was the old default, written with every correction: the driver's is used from now.
      d: { dpi: null, papers: { KG: { ...l } } },
    });
    expect(calibrationFor(old, 'd', 'KG', 600).dpi).toBe(600);
    expect(calibrationFor(old, 'a', '2L')).toMatchObject({ dpi: 600, scaleX: 1.01, measuredOn: '2L' });
    // A correction out of bounds is refused as before, whichever shape it came in.
    writeFileSync(f, JSON.stringify({ printerCalibration: { a: { scaleX: 1.5, measuredAt: l.measuredAt } } }));
    expect(() => loadSettings(f)).toThrow(/printerCalibration\.a\.papers\.L\.scaleX/);
    writeFileSync(f, JSON.stringify({ printerCalibration: { a: { papers: { A4: l } } } }));
    expect(() => loadSettings(f)).toThrow(/printerCalibration\.a\.papers/);
  });
});
