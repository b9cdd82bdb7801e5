// The deb pre-removal hook, run as it is shipped, against seeded data folders of two users. The
// app binary is stood in for by a script that runs the same wipe command the binary's
// --wipe-all runs (runHeadlessWipe → runCli(['wipe', '--all', …])).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wipeArgs } from '../../../src/main/shell/shell-args.js';
import { repoRoot, tempDir } from '../../support/test-app.js';
import { openTestStore, testPaths } from '../../support/store.js';

const hook = path.join(repoRoot, 'scripts', 'packaging', 'deb-before-remove.sh');

async function seededDataDir(dir: string) {
  const { keeper } = await openTestStore(testPaths(dir));
  keeper.get().accessLog.append(new Date(), 'system', 'probe', {});
  keeper.close();
}

function fakeApp(dir: string): string {
  const app = path.join(dir, 'madoguchi');
  writeFileSync(
    app,
    `#!/bin/bash
echo "$*" >> "${dir}/calls"
args=(); for a in "$@"; do case "$a" in --no-sandbox|--wipe-all) ;; *) args+=("$a") ;; esac; done
exec "${process.execPath}" "${path.join(repoRoot, 'bin', 'madoguchi.js')}" wipe --all "\${args[@]}"
`,
  );
  chmodSync(app, 0o755);
  return app;
}

describe('deb pre-removal hook', () => {
  it('keeps the data on upgrade, and wipes every user’s data folders on remove', async () => {
    if (!existsSync(path.join(repoRoot, 'dist', 'main', 'cli', 'run.js'))) throw new Error('run `npm run build` first');
    const root = tempDir('madoguchi-hook-');
    const homes = path.join(root, 'home');
    const alice = path.join(homes, 'alice', '.local', 'share', 'madoguchi');
    const bobData = path.join(root, 'srv', 'bob-booth');
    mkdirSync(alice, { recursive: true });
    mkdirSync(bobData, { recursive: true });
    await seededDataDir(alice);
    await seededDataDir(bobData);
    const bobRegistry = path.join(homes, 'bob', '.config', 'madoguchi', 'data-dirs.txt');
    mkdirSync(path.dirname(bobRegistry), { recursive: true });
    writeFileSync(bobRegistry, `${bobData}\n/nonexistent/folder\n`);
    const bin = tempDir('madoguchi-hook-bin-');
    const certRoot = path.join(root, 'var', 'lib', 'madoguchi');
    const env = { ...process.env, MADOGUCHI_APP: fakeApp(bin), MADOGUCHI_HOME_ROOT: homes, MADOGUCHI_ROOT_HOME: path.join(root, 'root'), MADOGUCHI_CERT_ROOT: certRoot };

    execFileSync('bash', [hook, 'upgrade'], { env });
    expect(existsSync(path.join(bin, 'calls'))).toBe(false);
    expect(existsSync(path.join(alice, 'store-key.json'))).toBe(true);

    const out = execFileSync('bash', [hook, 'remove'], { env, encoding: 'utf8' });
    expect(out).toContain('wiped 2 data folder(s), 0 failed');
    expect(readdirSync(alice)).toEqual(['wiped.json']);
    expect(readdirSync(bobData)).toEqual(['wiped.json']);
    const calls = readFileSync(path.join(bin, 'calls'), 'utf8').trim().split('\n');
    expect(calls).toHaveLength(2);
    for (const c of calls) expect(c).toMatch(/^--no-sandbox --wipe-all --without-export --data-dir \S+ --certificate-dir \S+ --ordered-by package removal/);
    const certs = readdirSync(certRoot).filter((f) => f !== 'uninstall.log');
    expect(certs).toHaveLength(2);
    for (const c of certs) expect(readdirSync(path.join(certRoot, c)).some((f) => f.endsWith('.pdf'))).toBe(true);
    expect(existsSync(bobRegistry)).toBe(false);
  }, 60_000);
});

describe('the app binary’s --wipe-all', () => {
  it('keeps the wipe command’s flags and drops Electron’s switches', () => {
    expect(
      wipeArgs(['--no-sandbox', '--wipe-all', '--without-export', '--data-dir', '/d', '--certificate-dir=/c', '--enable-logging', '--canary', 'x', '--json', '--inspect=9229']),
    ).toEqual(['--without-export', '--data-dir', '/d', '--certificate-dir=/c', '--canary', 'x', '--json']);
  });
});
