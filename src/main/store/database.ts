// The encrypted SQLite store (SQLite3MultipleCiphers through better-sqlite3-multiple-ciphers).
// The key is set before any other statement; the pragmas that keep plaintext off the disk are
// set and then read back, because build options and defaults are not to be trusted.
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import { migrations } from './migrations/index.js';

export type Db = Database.Database;
export type Statement = Database.Statement<unknown[], unknown>;

/** Our own build of the add-on, with SQLITE3MC_SECURE_MEMORY (scripts/setup/build-sqlite.sh). */
export function secureNativeBinding(root: string): string | undefined {
  // Packaged, the add-on sits beside the archive in app.asar.unpacked (electron-builder.yml).
  const unpacked = root.replace(/app\.asar$/, 'app.asar.unpacked');
  for (const base of [unpacked, root]) {
    const p = path.join(base, 'native', 'better_sqlite3.node');
    if (existsSync(p)) return p;
  }
  return undefined;
}

export interface OpenOptions {
  file: string;
  key: Buffer;
  nativeBinding?: string;
}

function pragmaValue(db: Db, statement: string): unknown {
  return db.pragma(statement, { simple: true });
}

function assertPragma(db: Db, name: string, expected: unknown): void {
  const actual = pragmaValue(db, name);
  if (String(actual).toLowerCase() !== String(expected).toLowerCase()) {
    throw new AppError(
      'unavailable',
      text(`データベースの安全設定を確認できません（${name}=${String(actual)}）。`, `The database safety setting is not in force (${name}=${String(actual)}, expected ${String(expected)}).`),
    );
  }
}

/** A prepare that makes each statement once per SQL text, for one open database. */
export function cachedPrepare(db: Db): (sql: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sql) => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare<unknown[], unknown>(sql)));
    return st;
  };
}

export function isNotADb(err: unknown): boolean {
  return (err as { code?: string })?.code === 'SQLITE_NOTADB';
}

export function openDatabase(o: OpenOptions): Db {
  let db: Db;
  try {
    db = new Database(o.file, o.nativeBinding ? { nativeBinding: o.nativeBinding } : {});
  } catch {
    throw new AppError('unavailable', text(`データベースを開けません: ${o.file}`, `Cannot open the database: ${o.file}`));
  }
  try {
    // Zero freed memory inside the cipher library. Set before the key, asserted after.
    pragmaValue(db, 'memory_security=fill');
    assertPragma(db, 'memory_security', 1);
    db.key(o.key);
    // The first read proves the key: a wrong or missing key fails here with SQLITE_NOTADB.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    pragmaValue(db, 'journal_mode=WAL');
    assertPragma(db, 'journal_mode', 'wal');
    pragmaValue(db, 'temp_store=MEMORY'); // temp tables are not encrypted: keep them in memory
    assertPragma(db, 'temp_store', 2);
    pragmaValue(db, 'secure_delete=ON'); // ON, not FAST: deleted content is overwritten
    assertPragma(db, 'secure_delete', 1);
    pragmaValue(db, 'foreign_keys=ON');
    assertPragma(db, 'foreign_keys', 1);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (isNotADb(err)) {
      throw new AppError(
        'forbidden',
        text('データベースを開けません。鍵が違うか、ファイルが暗号化されたデータベースではありません。', 'Cannot open the database: the key is wrong, or the file is not an encrypted database.'),
      );
    }
    throw err;
  }
}

export function migrate(db: Db): number {
  const current = Number(pragmaValue(db, 'user_version'));
  const pending = migrations.filter((m) => m.version > current);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return pending.length;
}

/** Moves the WAL into the database and truncates it, so no old page lingers beside it. */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
