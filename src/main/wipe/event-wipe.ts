// The end-of-event wipe. In order: export what the office needs (PII-free aggregates and the
// deletion log), crypto-erase (destroy the wrapped database key), clear (overwrite and delete
// every file of the app's), verify (scan what is left), certify (signed PDF + JSON, written
// outside the wiped folders). A second run is harmless: it verifies again and says when the
// device was wiped.
import { localFigures } from '../reports/figures-query.js';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cameraCardAfterWipe } from '../../shared/camera-card.js';
import { spoolAfterWipe } from '../../shared/print-spool.js';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { Logger } from '../log.js';
import type { DataPaths } from '../paths.js';
import { deviceIdentity, type DeviceIdentity } from '../store/device-identity.js';
import type { KeyWrapper } from '../store/key-wrap.js';
import { readWiped, type Open, type StoreKeeper } from '../store/store.js';
import type { AfterWipe } from '../../shared/contract.js';
import type { Exec } from '../system/exec.js';
import { certificatePdf, sha256, signCertificate, type DestroyedItem, type SignedCertificate, type WipeCertificate } from './certificate.js';
import { deviceFacts } from './device-facts.js';
import { scanForRemnants, type ScanResult } from './scan.js';
import { shredIfPresent, shredTree, type ShredCount } from './shred.js';
import { makeDirs } from '../paths.js';

export interface WipeAllOptions {
  paths: DataPaths;
  store: StoreKeeper;
  /** How to open the store for the export; null when it cannot be opened. */
  unlock: KeyWrapper | null;
  /** Go ahead without exporting (the store cannot be opened). Must be asked for explicitly. */
  withoutExport: boolean;
  certificateDir: string;
  orderedBy: string;
  /** Who ran it, as the deletion log names actors ("cli", "staff:3"). */
  actor: string;
  place: string;
  /** Strings the run planted (tests, demos) that must not survive anywhere. */
  canaries: string[];
  /** Other folders of the app's: the RAM-backed Chromium folders, temp folders. */
  extraRoots: string[];
  exec: Exec;
  now: () => Date;
  version: string;
  log: Logger;
}

export type WipeAllResult =
  | { alreadyWiped: true; wipedAt: string; certificateId: string; scan: ScanResult }
  | ({
      alreadyWiped: false;
      certificate: SignedCertificate;
      files: { pdf: string; json: string; exports: string[] };
      scan: ScanResult;
    } & AfterWipe);

function inside(child: string, parent: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The PII-free figures the office keeps after the device is gone. */
export function finalAggregates(open: Open, identity: DeviceIdentity, now: Date): Record<string, unknown> {
  const count = (sql: string) => (open.db.prepare(sql).get() as { n: number }).n;
  const staffByRole = open.db.prepare('SELECT role, count(*) AS n FROM staff GROUP BY role ORDER BY role').all() as { role: string; n: number }[];
  return {
    kind: 'madoguchi.final-aggregates',
    version: 1,
    deviceId: identity.deviceId,
    exportedAt: now.toISOString(),
    staff: Object.fromEntries(staffByRole.map((r) => [r.role, r.n])),
    accessLogEntries: count('SELECT count(*) AS n FROM access_log'),
    deletionLogEntries: count('SELECT count(*) AS n FROM deletion_log'),
    accessLogIntact: open.accessLog.verify() === null,
    // The season in figures, day by day (the same figures as the reports and bundles).
    days: localFigures(open, identity.deviceId, { from: '0000-01-01', to: '9999-12-31' }, now),
  };
}

export async function wipeAll(o: WipeAllOptions): Promise<WipeAllResult> {
  const started = performance.now();
  const durations: Record<string, number> = {};
  const lap = (name: string, t0: number) => (durations[name] = Math.round(performance.now() - t0));
  const roots = [o.paths.root, ...o.extraRoots];

  // Refuse before touching anything: the certificate must survive the wipe.
  const certDir = path.resolve(o.certificateDir);
  if (roots.some((r) => inside(certDir, r))) {
    throw new AppError('bad_request', text(`証明書の保存先は消去する場所の外にしてください: ${certDir}`, `The certificate folder must be outside the folders being wiped: ${certDir}`));
  }
  makeDirs(certDir);
  // Asked before the wipe, while the data folder still exists.
  const onThisDisk = sameDisk(certDir, o.paths.root);

  const status = o.store.status();
  if (status.state === 'wiped' || (status.state === 'new' && readWiped(o.paths.wipedFile))) {
    const w = readWiped(o.paths.wipedFile);
    return { alreadyWiped: true, wipedAt: w?.wipedAt ?? '', certificateId: w?.certificateId ?? '', scan: scanForRemnants(roots, o.canaries) };
  }

  // 1. Export, while the store can still be read.
  let t0 = performance.now();
  const now = o.now();
  const certificateId = randomUUID();
  const stamp = now.toISOString().slice(0, 10);
  const tag = `${stamp}-${certificateId.slice(0, 8)}`;
  let open: Open | null = null;
  if (status.state !== 'new') {
    try {
      open = o.store.isOpen() ? o.store.get() : o.unlock ? await o.store.unlock(o.unlock) : null;
    } catch (err) {
      if (!o.withoutExport) throw err;
    }
    if (!open && !o.withoutExport) {
      throw new AppError('forbidden', text('データベースを開けないため、集計を書き出せません。書き出さずに消去するには --without-export を付けてください。', 'The store cannot be opened, so nothing can be exported. To wipe without exporting, add --without-export.'));
    }
  }
  const exports: { file: string; sha256: string }[] = [];
  let identity: DeviceIdentity | null = null;
  let deletionLog: { entries: number; sha256: string | null } = { entries: 0, sha256: null };
  /** Photos the camera wrote to its card (deleted there each time): outside this certificate. */
  let onCameraCard = 0;
  /** Print jobs the print system kept (CUPS's history, perhaps the sheets): outside this certificate. */
  let keptInSpool = 0;
  if (open) {
    identity = deviceIdentity(open.db);
    open.accessLog.append(now, o.actor, 'wipe.all', { certificateId });
    open.deletionLog.append(now, o.actor, 'event_wipe', { certificateId, method: 'crypto-erase+overwrite' });
    const aggregates = JSON.stringify(finalAggregates(open, identity, now), null, 2) + '\n';
    const rows = open.deletionLog.rows();
    onCameraCard = photosOnCameraCard(rows);
    keptInSpool = printJobsKept(rows);
    const logJson = JSON.stringify({ kind: 'madoguchi.deletion-log', deviceId: identity.deviceId, intact: open.deletionLog.verify() === null, rows }, null, 2) + '\n';
    for (const [name, body] of [[`final-aggregates-${tag}.json`, aggregates], [`deletion-log-${tag}.json`, logJson]] as const) {
      const file = path.join(certDir, name);
      writeFileSync(file, body, { mode: 0o600 });
      exports.push({ file, sha256: sha256(body) });
    }
    deletionLog = { entries: rows.length, sha256: sha256(logJson) };
    o.store.close();
  }
  lap('export', t0);

  // 2. Crypto-erase: without the wrapped key the database cannot be read, whatever else remains.
  t0 = performance.now();
  const destroyed: DestroyedItem[] = [];
  const record = (id: string, ja: string, en: string, c: ShredCount, method: DestroyedItem['method'] = 'overwrite-delete') => {
    destroyed.push({ id, label: { ja, en }, files: c.files, bytes: c.bytes, method });
  };
  record('key', 'データベース鍵（ラップ済み）', 'Database key (wrapped)', shredIfPresent(o.paths.keyFile), 'crypto-erase');
  lap('cryptoErase', t0);

  // 3. Clear: every file of the app's.
  t0 = performance.now();
  const dbFiles = ['', '-wal', '-shm', '-journal'].map((s) => shredIfPresent(o.paths.storeFile + s));
  record('database', 'データベース（-wal, -shm, -journal を含む）', 'Database (with -wal, -shm, -journal)', dbFiles.reduce((a, b) => ({ files: a.files + b.files, bytes: a.bytes + b.bytes })));
  const logs = shredTree(o.paths.logsDir);
  const head = shredIfPresent(o.paths.logHeadFile);
  record('logs', 'ログ（操作ログの封印を含む）', 'Logs (with the sealed log heads)', { files: logs.files + head.files, bytes: logs.bytes + head.bytes });
  record('demoOutput', 'デモ出力（模擬プリンター）', 'Demo output (simulated printers)', shredTree(o.paths.demoOutputDir));
  const settings = shredIfPresent(o.paths.settingsFile);
  const guard = shredIfPresent(o.paths.unlockGuardFile);
  record('settings', '設定', 'Settings', { files: settings.files + guard.files, bytes: settings.bytes + guard.bytes });
  let chromium: ShredCount = { files: 0, bytes: 0 };
  for (const r of o.extraRoots) {
    const c = shredTree(r, true);
    chromium = { files: chromium.files + c.files, bytes: chromium.bytes + c.bytes };
  }
  record('profiles', '画面のプロファイル・キャッシュ・一時ファイル', 'Window profiles, caches and temporary files', chromium);
  // Anything else that found its way into the data folder goes too.
  const rest = shredTree(o.paths.root, true);
  record('other', 'その他のファイル', 'Other files', rest);
  lap('clear', t0);

  // 4. Verify.
  t0 = performance.now();
  const scan = scanForRemnants(roots, o.canaries);
  lap('verify', t0);

  // 5. Certify.
  t0 = performance.now();
  const facts = await deviceFacts(o.exec, o.paths.root);
  const notes = [
    'データベースは暗号化されており、その鍵を破棄した時点で復元できなくなります（暗号消去）。 The database was encrypted; destroying its key made it unrecoverable (cryptographic erase).',
    'SSDやコピーオンライト型のファイルシステムでは、上書きが元の領域に届いたことを証明できません。ノートPC全体のディスク暗号化（LUKS / BitLocker / FileVault）が暗号消去を完全なものにします。 On SSDs and copy-on-write file systems an overwrite cannot be proven to reach the old blocks; full-disk encryption of the laptop is what makes the cryptographic erase complete.',
  ];
  if (facts.diskEncrypted === false) notes.push('この端末ではデータフォルダーのディスク全体の暗号化を確認できませんでした。 Full-disk encryption was not found under the data folder on this device.');
  if (onCameraCard > 0) {
    const card = cameraCardAfterWipe(onCameraCard);
    notes.push(`${card.ja}（削除記録の capture_card_clear） ${card.en} (capture_card_clear in the deletion log)`);
  }
  if (keptInSpool > 0) {
    const spool = spoolAfterWipe(keptInSpool);
    notes.push(`${spool.ja}（削除記録の session_wipe の printJobsKept） ${spool.en} (printJobsKept in session_wipe in the deletion log)`);
  }
  if (!open) notes.push('データベースを開けなかったため、集計と削除記録は書き出していません。 The store could not be opened: no aggregates or deletion log were exported.');
  const certificate: WipeCertificate = {
    certificateId,
    app: { name: 'madoguchi', version: o.version },
    tool: 'madoguchi wipe --all',
    performedAt: now.toISOString(),
    place: o.place,
    orderedBy: o.orderedBy,
    device: facts,
    deviceId: identity?.deviceId ?? null,
    deviceKeyFingerprint: identity?.fingerprint ?? null,
    publicKeyPem: identity?.publicKeyPem ?? null,
    sanitization: {
      category: 'Purge（暗号消去 / Cryptographic Erase）の後 Clear（上書き・削除）',
      method: 'アプリの暗号化データベースの鍵を上書き・削除し、続いてアプリのフォルダーの全ファイルを乱数で上書きしてから削除 / Overwrote and deleted the wrapped key of the encrypted store, then overwrote every file in the app’s folders with random data and deleted it',
    },
    destroyed,
    verification: {
      method: '残った全ファイルを読み、既知の目印文字列・SQLiteヘッダー・JPEG署名を検索 / Read every remaining file and searched for the run’s canary strings and SQLite and JPEG signatures',
      roots,
      filesScanned: scan.filesScanned,
      bytesScanned: scan.bytesScanned,
      findings: scan.findings.length,
      result: scan.findings.length === 0 ? 'pass' : 'fail',
    },
    deletionLog,
    exports,
    notes,
    durationsMs: durations,
  };
  const signed = signCertificate(certificate, identity);
  const pdf = await certificatePdf(signed);
  const pdfFile = path.join(certDir, `wipe-certificate-${tag}.pdf`);
  const jsonFile = path.join(certDir, `wipe-certificate-${tag}.json`);
  writeFileSync(pdfFile, pdf);
  writeFileSync(jsonFile, JSON.stringify(signed, null, 2) + '\n');
  lap('certify', t0);
  durations.total = Math.round(performance.now() - started);

  // The one thing left behind: when, which certificate, and what the lead still has to do.
  // Opening the app then says so.
  makeDirs(o.paths.root, 0o700);
  const afterWipe: AfterWipe = { cameraCardPhotos: onCameraCard, spoolKeptJobs: keptInSpool, certificateOnThisDisk: onThisDisk };
  writeFileSync(o.paths.wipedFile, JSON.stringify({ wipedAt: now.toISOString(), certificateId, certificate: pdfFile, afterWipe }) + '\n', { mode: 0o600 });
  o.log.info('wipe.all', { files: destroyed.reduce((n, d) => n + d.files, 0), findings: scan.findings.length, ms: durations.total });
  return { alreadyWiped: false, certificate: signed, files: { pdf: pdfFile, json: jsonFile, exports: exports.map((e) => e.file) }, scan, ...afterWipe };
}

/** Whether a folder still holds anything (used by tests and the CLI's summary). */
export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

type LogRow = { action: string; detail: string };

/**
 * The sum of some counts over the deletion log's entries of one kind (positive numbers only);
 * an entry whose detail cannot be read counts `unreadable`.
 */
function countsIn(rows: readonly LogRow[], action: string, fields: readonly string[], unreadable: number): number {
  let n = 0;
  for (const r of rows) {
    if (r.action !== action) continue;
    try {
      const d = JSON.parse(r.detail) as Record<string, unknown>;
      for (const f of fields) {
        const v = d[f];
        if (typeof v === 'number' && v > 0) n += v;
      }
    } catch {
      n += unreadable;
    }
  }
  return n;
}

/**
 * How many times a photo was on the camera's card: copies a capture left there, and shots that
 * went through it. An entry that cannot be read still says the card was used.
 */
export function photosOnCameraCard(rows: readonly LogRow[]): number {
  return countsIn(rows, 'capture_card_clear', ['deleted', 'throughCard'], 1);
}

/** Print jobs the print system kept after their visits, from the session wipes' entries (one that cannot be read says nothing of the spool). */
export function printJobsKept(rows: readonly LogRow[]): number {
  return countsIn(rows, 'session_wipe', ['printJobsKept'], 0);
}

/** Two folders on one file system (one disk), as the OS numbers them; unknown: not. */
function sameDisk(a: string, b: string): boolean {
  try {
    return statSync(a).dev === statSync(b).dev;
  } catch {
    return false;
  }
}
