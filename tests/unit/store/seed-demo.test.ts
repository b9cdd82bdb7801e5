// Seed a season with canary names and photos through the real services: nothing personal is
// readable anywhere in the data folder, and every visit's wipe is in the deletion log.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.js';
import { passphraseWrapper } from '../../../src/main/store/key-wrap.js';
import { scanForRemnants } from '../../../src/main/wipe/scan.js';
import { tempDir } from '../../support/test-app.js';
import { keeper, PASSPHRASE, TEST_SCRYPT } from '../../support/store.js';
import { dataPaths } from '../../../src/main/paths.js';

const CANARY = 'カナリア佐々木CANARY-seed';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('seed-demo', () => {
  it('fills a season through the real services, leaving no canary, photo or readable database', async () => {
    const dataDir = tempDir('madoguchi-seed-');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['seed-demo', '--visits', '120', '--photos', '5', '--canary', CANARY, '--data-dir', dataDir, '--json'], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      env: { ...process.env, MADOGUCHI_PASSPHRASE: PASSPHRASE },
      interrupted: () => Promise.resolve(),
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ visits: 120, photos: 5, staff: 4, tickets: 120, sessionWipes: 120 });

    // Nothing readable: no canary, no JPEG, no SQLite header in any file.
    expect(scanForRemnants([dataDir], [CANARY]).findings).toEqual([]);
    for (const f of files(dataDir)) expect(readFileSync(f).includes(Buffer.from('JFIF'))).toBe(false);
    const plain = new Database(path.join(dataDir, 'madoguchi.db'));
    expect(() => plain.prepare('SELECT count(*) FROM visits').get()).toThrow(/not a database/);
    plain.close();

    // And through the key: the season is there, the canary is where a name belongs, each visit wiped.
    const store = keeper(dataPaths(dataDir));
    const { db, deletionLog, accessLog } = await store.unlock(passphraseWrapper(PASSPHRASE, TEST_SCRYPT));
    expect((db.prepare('SELECT count(*) AS n FROM visits WHERE ended_at IS NOT NULL').get() as { n: number }).n).toBe(120);
    expect((db.prepare('SELECT count(*) AS n FROM staff WHERE display_name LIKE ?').get(`%${CANARY}%`) as { n: number }).n).toBe(4);
    const wipes = deletionLog.rows().filter((r) => r.action === 'session_wipe').map((r) => JSON.parse(r.detail) as { photos: number });
    expect(wipes).toHaveLength(120);
    expect(wipes.slice(0, 5).every((w) => w.photos === 1)).toBe(true);
    expect(wipes.slice(5).every((w) => w.photos === 0)).toBe(true);
    expect(deletionLog.verify()).toBeNull();
    expect(accessLog.verify()).toBeNull();
    const bands = db.prepare("SELECT age_bands FROM visits WHERE age_bands != '[]'").all() as { age_bands: string }[];
    expect(bands.length).toBeGreaterThan(60);
    // Surveys with comments, inquiries and incentives are there, the canary in the free text only.
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM survey_answers')).toBeGreaterThan(30);
    expect(count(`SELECT count(*) AS n FROM survey_answers WHERE comment LIKE '%${CANARY}%'`)).toBeGreaterThan(3);
    expect(count(`SELECT count(*) AS n FROM inquiries WHERE text LIKE '%${CANARY}%'`)).toBeGreaterThan(3);
    expect(count('SELECT count(*) AS n FROM incentives')).toBeGreaterThan(20);
    store.close();
  }, 60_000);

  it('refuses a data folder that already has staff', async () => {
    const dataDir = tempDir('madoguchi-seed-');
    const env = { ...process.env, MADOGUCHI_PASSPHRASE: PASSPHRASE };
    const io = { out: () => {}, err: () => {}, env, interrupted: () => Promise.resolve() };
    expect(await runCli(['seed-demo', '--visits', '3', '--data-dir', dataDir], io)).toBe(0);
    const err: string[] = [];
    expect(await runCli(['seed-demo', '--visits', '3', '--data-dir', dataDir], { ...io, err: (s: string) => err.push(s) })).toBe(1);
    expect(err[0]).toContain('already has staff');
    expect(await runCli(['seed-demo', '--visits', 'many', '--data-dir', dataDir], io)).toBe(2);
  }, 60_000);
});
