import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, runCli } from '../../../src/main/cli/main.js';
import { electronBinary } from '../../../src/main/cli/commands/start.js';
import { tempDir } from '../../support/test-app.js';

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env, interrupted: () => Promise.resolve() } };
}

describe('CLI', () => {
  it('has --help for every command', async () => {
    for (const c of commands) {
      const t = io();
      expect(await runCli([c.name, '--help'], t.io)).toBe(0);
      expect(t.out.join('\n')).toContain(`madoguchi ${c.name}`);
    }
  });

  it('answers an unknown command with one line and exit 2', async () => {
    const t = io();
    expect(await runCli(['explode'], t.io)).toBe(2);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toMatch(/^madoguchi: .*explode/);
  });

  it('answers an unknown flag and a bad --lang with one line and exit 2', async () => {
    const a = io();
    expect(await runCli(['doctor', '--frobnicate'], a.io)).toBe(2);
    expect(a.err).toHaveLength(1);
    const b = io();
    expect(await runCli(['doctor', '--lang', 'fr'], b.io)).toBe(2);
    expect(b.err[0]).toContain('--lang');
  });

  it('says which folder it cannot use, and why, instead of "internal error"', async () => {
    const dataDir = tempDir();
    const env = { MADOGUCHI_PASSPHRASE: 'correct horse battery' };
    expect(await runCli(['seed-demo', '--visits', '3', '--data-dir', dataDir], io(env).io)).toBe(0);
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    const t = io(env);
    expect(await runCli(['report', 'weekly', '--out', file, '--data-dir', dataDir], t.io)).toBe(2);
    expect(t.err).toEqual([`madoguchi: ${file} を使えません（ENOTDIR）。途中にフォルダーではなくファイルがあります。`]);
    const en = io(env);
    expect(await runCli(['bundle', 'export', '--out', path.join(file, 'sub'), '--data-dir', dataDir, '--lang', 'en'], en.io)).toBe(2);
    expect(en.err).toEqual([`madoguchi: cannot use ${path.join(file, 'sub')} (ENOTDIR). Part of the path is a file, not a folder.`]);
  });

  it('refuses a bad --port', async () => {
    for (const p of ['abc', '70000', '-1']) {
      const t = io();
      expect(await runCli(['serve', '--port', p, '--data-dir', tempDir()], t.io)).toBe(2);
      expect(t.err).toHaveLength(1);
    }
  });

  it('bench refuses unknown targets and bad numbers in one line', async () => {
    for (const args of [['bench'], ['bench', 'frobnicate'], ['bench', 'wipe', '--runs', '2'], ['bench', 'wipe', '--size-mb', 'lots']]) {
      const t = io();
      expect(await runCli(args, t.io)).toBe(2);
      expect(t.err).toHaveLength(1);
    }
  });

  it('bench says how busy the machine was around its figures', async () => {
    const t = io();
    expect(await runCli(['bench', 'wipe', '--runs', '3', '--size-mb', '8', '--json'], t.io)).toBe(0);
    const out = JSON.parse(t.out[0]!) as { machine: { loadAverage1m: { before: number; after: number }; stealPercent: number | null } };
    expect(out.machine.loadAverage1m.before).toBeGreaterThanOrEqual(0);
    expect(out.machine.loadAverage1m.after).toBeGreaterThanOrEqual(0);
    // Linux counts the hypervisor's share; elsewhere it is not known.
    if (process.platform === 'linux') expect(out.machine.stealPercent).toBeGreaterThanOrEqual(0);
    else expect(out.machine.stealPercent).toBeNull();
  }, 60_000);

  it('reports a broken settings file in one line and leaves it untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, '{"photoPrinterQueue": ');
    const t = io();
    expect(await runCli(['doctor', '--data-dir', dir], t.io)).toBe(1);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toContain('設定ファイルが壊れています');
    expect(readFileSync(file, 'utf8')).toBe('{"photoPrinterQueue": ');
  });

  it('start says where Electron is absent and names the browser host (exit 3)', async () => {
    expect(electronBinary(() => {
      throw new Error('Electron failed to install correctly');
    })).toBeNull();
    if (electronBinary() !== null) return; // a machine with the binary would really start it
    const t = io();
    expect(await runCli(['start', '--lang', 'en'], t.io)).toBe(3);
    expect(t.err).toEqual(['madoguchi: The Electron binary is not installed on this machine. Run the browser host instead: npx madoguchi serve']);
    const j = io();
    expect(await runCli(['start', '--demo', '--data-dir', '/tmp/d'], j.io)).toBe(3);
    expect(j.err[0]).toContain('npx madoguchi serve --demo --data-dir /tmp/d');
  });

  it('runs doctor as JSON on this machine, every line present, exit 0', async () => {
    const t = io({ ...process.env });
    expect(await runCli(['doctor', '--json', '--data-dir', tempDir()], t.io)).toBe(0);
    const report = JSON.parse(t.out.join(''));
    expect(report.lines.map((l: { id: string }) => l.id)).toEqual([
      'runtime', 'camera', 'photoChecks', 'photoPrinter', 'ticketPrinter', 'keyStore', 'printSpool', 'disk', 'diskEncryption', 'antivirus', 'network',
    ]);
    expect(['ok', 'warn', 'fail']).toContain(report.worst);
    // The shipped sample judged for real with the face model from the package (a loaded machine may be slow: warn).
    const photo = report.lines.find((l: { id: string }) => l.id === 'photoChecks');
    expect(['ok', 'warn'], JSON.stringify(photo)).toContain(photo.status);
    expect(photo.detail.ja).toContain('2400万画素');
  });
});
