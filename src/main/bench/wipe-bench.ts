// Figures for the data rules: the session wipe (target < 1 s), the end-of-event wipe at two data
// sizes side by side (target < 5 s for 1 GB; crypto-erase is constant, the clear scales), and the
// store's encryption overhead against plain SQLite in the same run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { SimulatedCamera } from '../devices/camera/simulated-camera.js';
import { SimulatedPhotoPrinter } from '../devices/photo-printer/simulated-photo-printer.js';
import { EventBus } from '../event-bus.js';
import { silentLogger } from '../log.js';
import { dataPaths, ensureDataPaths, makeDirs } from '../paths.js';
import { openDatabase } from '../store/database.js';
import { newKey, passphraseWrapper } from '../store/key-wrap.js';
import { StoreKeeper } from '../store/store.js';
import { exec } from '../system/exec.js';
import { VisitService } from '../visit/visit-service.js';
import { wipeAll } from '../wipe/event-wipe.js';
import { stats, time, type Stats } from './stats.js';

const CHEAP = { N: 1024, r: 8, p: 1 };

function scratch(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-'));
}

async function openStore(dir: string, nativeBinding: string | undefined) {
  const paths = dataPaths(dir);
  ensureDataPaths(paths);
  const store = new StoreKeeper({ paths, nativeBinding, log: silentLogger, wait: async () => {} });
  await store.unlock(passphraseWrapper('bench passphrase', CHEAP));
  return { paths, store };
}

export async function benchSessionWipe(nativeBinding: string | undefined, demoPhotos: string, runs: number): Promise<Stats> {
  const dir = scratch();
  const { paths, store } = await openStore(dir, nativeBinding);
  const bus = new EventBus();
  const visits = new VisitService({
    camera: new SimulatedCamera(demoPhotos),
    photoPrinter: new SimulatedPhotoPrinter(path.join(paths.demoOutputDir, 'sheets')),
    store,
    resetStation: () => bus.emit('station.reset', {}),
    now: () => new Date(),
    log: silentLogger,
    paths,
    bus,
    tempRoot: path.join(dir, 'visit-tmp'),
    timeoutMinutes: 30,
  });
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    visits.start();
    const vault = visits.open();
    // A 24 MP capture is about 8 MB as JPEG; the sheet and online file add two more buffers.
    const photo = vault.holdPhoto(randomBytes(8 * 1024 * 1024));
    vault.holdPhoto(Buffer.from(photo.subarray(0, 2 * 1024 * 1024)));
    writeFileSync(vault.tempFile('jpg'), photo.subarray(0, 1024 * 1024));
    samples.push(await time(() => visits.end('ended', 'bench')));
  }
  visits.dispose();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return stats(samples);
}

export interface EventWipeFigure {
  dataMb: number;
  totalMs: number;
  cryptoEraseMs: number;
  clearMs: number;
  verifyMs: number;
}

export async function benchEventWipe(nativeBinding: string | undefined, dataMb: number): Promise<EventWipeFigure> {
  const dir = scratch();
  const certDir = scratch();
  const { paths, store } = await openStore(dir, nativeBinding);
  // The bulk: demo output and logs of a long season, in 8 MB files.
  const chunk = randomBytes(8 * 1024 * 1024);
  const sheets = path.join(paths.demoOutputDir, 'photo-sheets');
  makeDirs(sheets);
  for (let mb = 0; mb < dataMb; mb += 8) writeFileSync(path.join(sheets, `sheet-${mb}.png`), chunk.subarray(0, Math.min(8, dataMb - mb) * 1024 * 1024));
  const r = await wipeAll({
    paths,
    store,
    unlock: null,
    withoutExport: false,
    certificateDir: certDir,
    orderedBy: 'bench',
    actor: 'bench',
    place: 'bench',
    canaries: [],
    extraRoots: [],
    exec,
    now: () => new Date(),
    version: 'bench',
    log: silentLogger,
  });
  rmSync(dir, { recursive: true, force: true });
  rmSync(certDir, { recursive: true, force: true });
  if (r.alreadyWiped) throw new Error('unexpected: already wiped');
  const d = r.certificate.certificate.durationsMs;
  return { dataMb, totalMs: d.total ?? NaN, cryptoEraseMs: d.cryptoErase ?? NaN, clearMs: d.clear ?? NaN, verifyMs: d.verify ?? NaN };
}

/**
 * Inserts of visit-sized rows, encrypted vs plain, interleaved in one run: one row per
 * transaction (how the booth writes) or all rows in one transaction (bulk, e.g. an import).
 */
export function benchStoreOverhead(nativeBinding: string | undefined, rows: number, rounds: number, batched = false): { encrypted: Stats; plain: Stats; ratio: number } {
  const dir = scratch();
  const encrypted: number[] = [];
  const plain: number[] = [];
  const row = JSON.stringify({ services: ['form', 'photo', 'envelope'], applicants: 2, ageBands: ['40-44', '70-74'], outcome: 'paper' });
  for (let r = 0; r < rounds; r++) {
    for (const kind of r % 2 === 0 ? (['enc', 'plain'] as const) : (['plain', 'enc'] as const)) {
      const file = path.join(dir, `${kind}-${r}.db`);
      const db = kind === 'enc' ? openDatabase({ file, key: newKey(), nativeBinding }) : new Database(file, nativeBinding ? { nativeBinding } : {});
      if (kind === 'plain') {
        // The same pragmas as the store, so the difference is the cipher alone.
        for (const p of ['journal_mode=WAL', 'temp_store=MEMORY', 'secure_delete=ON', 'foreign_keys=ON']) db.pragma(p);
        db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT');
      }
      const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      const t0 = performance.now();
      const all = () => {
        for (let i = 0; i < rows; i++) insert.run(`v${i}`, row);
      };
      if (batched) db.transaction(all)();
      else all();
      (kind === 'enc' ? encrypted : plain).push(performance.now() - t0);
      db.close();
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const e = stats(encrypted);
  const p = stats(plain);
  return { encrypted: e, plain: p, ratio: Math.round((e.median / p.median) * 100) / 100 };
}
