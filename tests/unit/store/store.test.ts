import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database.js';
import { passphraseWrapper, osKeyStoreWrapper, readWrappedKey, newKey } from '../../../src/main/store/key-wrap.js';
import { migrations } from '../../../src/main/store/migrations/index.js';
import { unlockDelayMs } from '../../../src/main/store/unlock-guard.js';
import { AppError } from '../../../src/shared/errors.js';
import { keeper, nativeBinding, openTestStore, PASSPHRASE, TEST_SCRYPT, testPaths } from '../../support/store.js';

const CANARY = 'カナリア山田CANARY-7f3a';

describe('the encrypted store', () => {
  it('keeps no plaintext on disk and cannot be opened without the key', async () => {
    const { keeper: k, paths } = await openTestStore();
    const { db, accessLog } = k.get();
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('probe', CANARY);
    accessLog.append(new Date(), 'system', 'probe', { note: CANARY });
    k.close();
    for (const f of [paths.storeFile, paths.keyFile, paths.logHeadFile]) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from(CANARY))).toBe(false);
      expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    }
    // Plain SQLite (no key) sees no database.
    const plain = new Database(paths.storeFile);
    expect(() => plain.prepare('SELECT * FROM sqlite_master').all()).toThrow(/not a database/);
    plain.close();
    // And the right passphrase opens it again.
    const again = keeper(paths);
    await again.unlock(passphraseWrapper(PASSPHRASE, TEST_SCRYPT));
    expect(again.get().db.prepare('SELECT value FROM meta WHERE key = ?').get('probe')).toEqual({ value: CANARY });
    again.close();
  });

  it('never writes the key in clear', async () => {
    const { keeper: k, paths } = await openTestStore();
    k.close();
    const wrapped = readWrappedKey(paths.keyFile);
    expect(wrapped?.wrap).toBe('passphrase');
    expect(readFileSync(paths.keyFile, 'utf8')).not.toMatch(/[0-9a-f]{64}/);
  });

  it('asserts its safety pragmas', async () => {
    const { keeper: k } = await openTestStore();
    const { db } = k.get();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(Number(db.pragma('memory_security', { simple: true }))).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    k.close();
  });

  it('refuses a build of SQLite without memory security, with a clear message', () => {
    const paths = testPaths();
    const err = (() => {
      try {
        openDatabase({ file: paths.storeFile, key: newKey() }); // the package's prebuilt binary
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err!.body.message.en).toContain('memory_security');
  });

  it('turns a wrong key into a clear message, not a stack trace', async () => {
    const { keeper: k, paths } = await openTestStore();
    k.close();
    const err = (() => {
      try {
        openDatabase({ file: paths.storeFile, key: newKey(), nativeBinding });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err?.body).toMatchObject({ code: 'forbidden' });
    expect(err?.body.message.ja).toContain('鍵が違う');
    // A file that is not a database at all gets the same clear answer.
    writeFileSync(paths.storeFile + '.junk', 'hello, not a database at all '.repeat(200));
    expect(() => openDatabase({ file: paths.storeFile + '.junk', key: newKey(), nativeBinding })).toThrow(AppError);
  });

  it('answers a wrong passphrase clearly, after a growing delay', async () => {
    const { keeper: k, paths } = await openTestStore();
    k.close();
    const waits: number[] = [];
    const locked = keeper(paths, waits);
    expect(locked.status()).toEqual({ state: 'locked', wrap: 'passphrase' });
    for (let i = 0; i < 4; i++) {
      const err = (await locked.unlock(passphraseWrapper('wrong passphrase', TEST_SCRYPT)).catch((e: unknown) => e)) as AppError;
      expect(err.body).toMatchObject({ code: 'forbidden', message: { ja: 'パスフレーズが違います。' } });
    }
    expect(waits).toEqual([2000, 4000]);
    await locked.unlock(passphraseWrapper(PASSPHRASE, TEST_SCRYPT));
    expect(locked.status()).toEqual({ state: 'open', wrap: 'passphrase' });
    expect(unlockDelayMs(30)).toBe(60_000);
    locked.close();
  });

  it('refuses a passphrase that is too short when creating the key', async () => {
    const k = keeper(testPaths());
    await expect(k.unlock(passphraseWrapper('short', TEST_SCRYPT))).rejects.toThrow(AppError);
    expect(k.status()).toEqual({ state: 'new' });
  });

  it('wraps with the OS key store when one is given', async () => {
    const paths = testPaths();
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    const os = { backend: 'gnome_libsecret', encrypt: (s: string) => xor(Buffer.from(s)), decrypt: (b: Buffer) => xor(b).toString() };
    const k = keeper(paths);
    await k.unlock(osKeyStoreWrapper(os));
    k.close();
    expect(readWrappedKey(paths.keyFile)).toMatchObject({ wrap: 'os-key-store', backend: 'gnome_libsecret' });
    const again = keeper(paths);
    await again.unlock(osKeyStoreWrapper(os));
    // A passphrase cannot open an OS-key-store-wrapped key, and says so.
    again.close();
    const third = keeper(paths);
    await expect(third.unlock(passphraseWrapper(PASSPHRASE, TEST_SCRYPT))).rejects.toThrow(AppError);
  });

  it('numbers its migrations 1, 2, 3 … with no gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) expect(m.name).toMatch(new RegExp(`^${String(m.version).padStart(3, '0')}-`));
  });
});

describe('hash-chained logs', () => {
  async function withRows(n: number) {
    const s = await openTestStore();
    const { accessLog } = s.keeper.get();
    for (let i = 1; i <= n; i++) accessLog.append(new Date(2026, 10, 23, 9, i), `staff:${i}`, 'signin', { role: 'staff' });
    return s;
  }

  it('verifies an intact chain', async () => {
    const { keeper: k } = await withRows(5);
    expect(k.get().accessLog.verify()).toBeNull();
    expect(k.get().deletionLog.verify()).toBeNull();
  });

  it('refuses updates and deletes at the database level', async () => {
    const { keeper: k } = await withRows(2);
    expect(() => k.get().db.prepare("UPDATE access_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => k.get().db.prepare('DELETE FROM access_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('detects an edited line, a removed line and a cut tail, even by someone who drops the triggers', async () => {
    const edited = await withRows(5);
    let db = edited.keeper.get().db;
    db.exec('DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete;');
    db.prepare("UPDATE access_log SET action = 'export' WHERE seq = 3").run();
    expect(edited.keeper.get().accessLog.verify()).toEqual({ seq: 3, problem: 'edited' });

    const removed = await withRows(5);
    db = removed.keeper.get().db;
    db.exec('DROP TRIGGER access_log_no_delete;');
    db.prepare('DELETE FROM access_log WHERE seq = 2').run();
    expect(removed.keeper.get().accessLog.verify()).toEqual({ seq: 2, problem: 'removed' });

    const cut = await withRows(5);
    db = cut.keeper.get().db;
    db.exec('DROP TRIGGER access_log_no_delete;');
    db.prepare('DELETE FROM access_log WHERE seq = 5').run();
    expect(cut.keeper.get().accessLog.verify()).toEqual({ seq: 5, problem: 'head' });

    const sealed = await withRows(3);
    const head = JSON.parse(readFileSync(sealed.paths.logHeadFile, 'utf8'));
    head.access_log.seq = 2;
    writeFileSync(sealed.paths.logHeadFile, JSON.stringify(head));
    expect(sealed.keeper.get().accessLog.verify()?.problem).toBe('head');
  });

  it('refuses personal-looking free text in a log detail', async () => {
    const { keeper: k } = await withRows(0);
    expect(() => k.get().accessLog.append(new Date(), 'system', 'x', { note: 'x'.repeat(500) })).toThrow();
    expect(() => k.get().accessLog.append(new Date(), 'system', 'x', { nested: { a: 1 } } as never)).toThrow();
  });
});
