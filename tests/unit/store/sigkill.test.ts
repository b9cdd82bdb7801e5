// Kill the writing process at random points, twenty times: the store opens, nothing committed is
// lost, the log chain holds, and no plaintext reaches the disk.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { passphraseWrapper } from '../../../src/main/store/key-wrap.js';
import { repoRoot } from '../../support/test-app.js';
import { keeper, nativeBinding, PASSPHRASE, TEST_SCRYPT, testPaths } from '../../support/store.js';

const CANARY = 'カナリアKILL-5e1d';
const writer = path.join(repoRoot, 'tests', 'support', 'store-writer.mjs');

function runAndKill(dir: string, start: number, afterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dir, nativeBinding!, CANARY, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let started = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!started) {
        started = true;
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited ${code}: ${err}`));
      // Only complete lines are committed rows; a torn last line may not be.
      resolve(out.split('\n').slice(0, -1).map(Number));
    });
  });
}

describe('SIGKILL during writes', () => {
  it('loses nothing committed, keeps the chain, and writes no plaintext (20 kills)', async () => {
    if (!existsSync(path.join(repoRoot, 'dist', 'main', 'store', 'store.js'))) throw new Error('run `npm run build` first: the writer runs the built code');
    const paths = testPaths();
    const committed: number[] = [];
    let next = 1;
    for (let round = 0; round < 20; round++) {
      const rows = await runAndKill(paths.root, next, 5 + Math.floor(Math.random() * 120));
      committed.push(...rows);
      const k = keeper(paths);
      const { db, accessLog } = await k.unlock(passphraseWrapper(PASSPHRASE, TEST_SCRYPT));
      const present = new Set((db.prepare("SELECT key FROM meta WHERE key LIKE 'row-%'").all() as { key: string }[]).map((r) => Number(r.key.slice(4))));
      for (const i of committed) expect(present.has(i)).toBe(true);
      expect(accessLog.verify()).toBeNull();
      next = Math.max(next, ...present) + 1;
      k.close();
    }
    expect(committed.length).toBeGreaterThan(20);
    for (const f of readdirSync(paths.root)) {
      const p = path.join(paths.root, f);
      if (!f.startsWith('madoguchi.db')) continue;
      const bytes = readFileSync(p);
      expect(bytes.includes(Buffer.from(CANARY))).toBe(false);
      expect(bytes.includes(Buffer.from('row-1'))).toBe(false);
    }
  }, 120_000);
});
