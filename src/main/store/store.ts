// The store's keeper: knows whether the database is new, locked or open, unlocks it with the
// right key wrapper (creating the key on first use), and hands the open database to the
// aggregate modules. Every other module reaches the database only through here.
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AfterWipe } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { Logger } from '../log.js';
import type { DataPaths } from '../paths.js';
import { HashChain } from './chain.js';
import { cachedPrepare, checkpoint, openDatabase, type Db, type Statement } from './database.js';
import { newKey, readWrappedKey, writeWrappedKey, type KeyWrapper, type WrappedKeyFile } from './key-wrap.js';
import { fileUnlockGuard, type UnlockGuard } from './unlock-guard.js';

export type StoreState =
  | { state: 'new' }
  | { state: 'locked'; wrap: WrappedKeyFile['wrap'] }
  | { state: 'open'; wrap: WrappedKeyFile['wrap'] }
  | { state: 'wiped'; wipedAt: string; certificate: string | null; afterWipe: AfterWipe };

export interface Open {
  db: Db;
  prepare: (sql: string) => Statement;
  accessLog: HashChain;
  deletionLog: HashChain;
  wrap: WrappedKeyFile['wrap'];
}

export interface StoreKeeperOptions {
  paths: DataPaths;
  nativeBinding: string | undefined;
  log: Logger;
  /** Injected for tests so the growing delay does not slow them. */
  wait?: (ms: number) => Promise<unknown>;
  guard?: UnlockGuard;
}

export function readWiped(file: string): { wipedAt: string; certificateId: string; certificate: string | null; afterWipe: AfterWipe } | null {
  if (!existsSync(file)) return null;
  try {
    const w = JSON.parse(readFileSync(file, 'utf8')) as { wipedAt?: unknown; certificateId?: unknown; certificate?: unknown; afterWipe?: Partial<Record<keyof AfterWipe, unknown>> };
    const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0);
    return typeof w.wipedAt === 'string'
      ? {
          wipedAt: w.wipedAt,
          certificateId: typeof w.certificateId === 'string' ? w.certificateId : '',
          certificate: typeof w.certificate === 'string' ? w.certificate : null,
          // Absent in a file from before it was kept: nothing to say.
          afterWipe: { cameraCardPhotos: count(w.afterWipe?.cameraCardPhotos), spoolKeptJobs: count(w.afterWipe?.spoolKeptJobs), certificateOnThisDisk: w.afterWipe?.certificateOnThisDisk === true },
        }
      : null;
  } catch {
    return null;
  }
}

export class StoreKeeper {
  private open_: Open | null = null;
  private pending: Promise<Open> | null = null;
  private readonly guard: UnlockGuard;
  private readonly wait: (ms: number) => Promise<unknown>;

  constructor(private readonly o: StoreKeeperOptions) {
    this.guard = o.guard ?? fileUnlockGuard(o.paths.unlockGuardFile);
    this.wait = o.wait ?? ((ms) => sleep(ms));
  }

  status(): StoreState {
    if (this.open_) return { state: 'open', wrap: this.open_.wrap };
    const wrapped = readWrappedKey(this.o.paths.keyFile);
    if (wrapped) return { state: 'locked', wrap: wrapped.wrap };
    const wiped = readWiped(this.o.paths.wipedFile);
    if (wiped && !existsSync(this.o.paths.storeFile)) return { state: 'wiped', wipedAt: wiped.wipedAt, certificate: wiped.certificate, afterWipe: wiped.afterWipe };
    return { state: 'new' };
  }

  /**
   * Opens the store with this wrapper's secret. On a new data folder it creates the key and the
   * database. A wrong secret answers after a growing delay, with a clear message.
   */
  async unlock(wrapper: KeyWrapper): Promise<Open> {
    if (this.open_) return this.open_;
    // One attempt at a time: a second caller waits for the first and then tries its own secret.
    const previous = this.pending;
    const attempt = (async () => {
      await previous?.catch(() => {});
      return this.open_ ?? (await this.unlockNow(wrapper));
    })();
    this.pending = attempt;
    try {
      return await attempt;
    } finally {
      if (this.pending === attempt) this.pending = null;
    }
  }

  /** Milliseconds the next passphrase attempt will wait (growing after wrong ones). */
  retryDelayMs(): number {
    return this.guard.delayMs();
  }

  private async unlockNow(wrapper: KeyWrapper): Promise<Open> {
    const wrapped = readWrappedKey(this.o.paths.keyFile);
    let key: Buffer;
    if (!wrapped) {
      if (existsSync(this.o.paths.storeFile)) {
        // A database without its key is unreadable by design (crypto-erased or key lost).
        throw new AppError('forbidden', text('データベースの鍵がありません。このデータは開けません。', 'The database key is missing; this data cannot be opened.'));
      }
      key = newKey();
      writeWrappedKey(this.o.paths.keyFile, await wrapper.wrap(key));
      this.o.log.info('store.created', { wrap: wrapper.kind });
    } else {
      const delay = this.guard.delayMs();
      if (delay > 0) await this.wait(delay);
      try {
        key = await wrapper.unwrap(wrapped);
      } catch (err) {
        this.guard.failed();
        this.o.log.warn('store.unlock_failed', { wrap: wrapped.wrap, failures: this.guard.failures() });
        throw err;
      }
    }
    try {
      const db = openDatabase({ file: this.o.paths.storeFile, key, nativeBinding: this.o.nativeBinding });
      const prepare = cachedPrepare(db);
      const seal = HashChain.sealKeyFrom(key);
      this.open_ = {
        db,
        wrap: wrapper.kind,
        prepare,
        accessLog: new HashChain(db, prepare, 'access_log', this.o.paths.logHeadFile, seal),
        deletionLog: new HashChain(db, prepare, 'deletion_log', this.o.paths.logHeadFile, seal),
      };
      for (const chain of [this.open_.accessLog, this.open_.deletionLog]) {
        if (chain.reconcileHead()) this.o.log.warn('store.log_head_resealed', {});
      }
    } finally {
      key.fill(0);
    }
    this.guard.succeeded();
    this.o.log.info('store.opened', { wrap: wrapper.kind });
    return this.open_;
  }

  /** The open store, or a clear refusal while it is locked. */
  get(): Open {
    if (!this.open_) {
      throw new AppError('unavailable', text('データベースがロックされています。責任者がパスフレーズで開いてください。', 'The database is locked. The lead must open it with the passphrase.'));
    }
    return this.open_;
  }

  isOpen(): boolean {
    return this.open_ !== null;
  }

  /** A prepared statement for the open store, made once per SQL text. */
  prepare(sql: string): Statement {
    return this.get().prepare(sql);
  }

  checkpoint(): void {
    if (this.open_) checkpoint(this.open_.db);
  }

  close(): void {
    if (!this.open_) return;
    checkpoint(this.open_.db);
    this.open_.db.close();
    this.open_ = null;
  }
}
