// Several booths, one report. Each device exports a signed (Ed25519) bundle of its booth days in
// figures, the opinions staff confirmed, and the incentive hashes (so a person cannot be paid at
// two booths). The office imports bundles from many devices: a bundle seen before counts once,
// a tampered one or one signed by a device the office does not know is refused, saying why.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { DayFigures } from '../../shared/figures.js';
import { text } from '../../shared/text.js';
import { deviceIdentity, fingerprintOf, signDetached, verifyDetached } from '../store/device-identity.js';
import type { StoreKeeper } from '../store/store.js';
import { localFigures, type Period } from '../reports/figures-query.js';
import { reportedOpinions } from '../reports/opinions.js';
import { makeDirs } from '../paths.js';

export const BUNDLE_FORMAT = 'madoguchi.bundle';
/** Larger than any season's bundle (a few hundred KB); a bigger file is not ours. */
export const MAX_BUNDLE_BYTES = 50 * 1024 * 1024;

const Opinion = z.strictObject({ day: z.iso.date(), venue: z.string().max(200), kind: z.enum(['opinion', 'complaint']), text: z.string().max(2000) });
const Payment = z.strictObject({ person: z.string().regex(/^[0-9a-f]{64}$/), day: z.iso.date(), amountYen: z.number().int().positive().max(100_000) });

export const BundlePayload = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  bundleId: z.uuid(),
  deviceId: z.string().min(1).max(64),
  publicKey: z.string().startsWith('-----BEGIN PUBLIC KEY-----').max(1000),
  exportedAt: z.iso.datetime(),
  period: z.strictObject({ from: z.iso.date(), to: z.iso.date() }),
  days: z.array(DayFigures).max(10_000),
  opinions: z.array(Opinion).max(100_000),
  incentives: z.array(Payment).max(1_000_000),
});
export type BundlePayload = z.infer<typeof BundlePayload>;

export const Bundle = BundlePayload.extend({ signature: z.strictObject({ alg: z.literal('Ed25519'), value: z.string().max(200) }) });
export type Bundle = z.infer<typeof Bundle>;

/** The bytes the signature covers: the payload as serialised, in its own key order. */
function signedBytes(payload: BundlePayload): Buffer {
  return Buffer.from(JSON.stringify(payload));
}

export function exportBundle(store: StoreKeeper, period: Period, now: Date, actor = 'cli'): Bundle {
  const { db } = store.get();
  const id = deviceIdentity(db);
  const days = localFigures(store, id.deviceId, period, now);
  const opinions = reportedOpinions(store, period).items.filter((o) => days.some((d) => d.day === o.day && d.venue === o.venue));
  const incentives = (db.prepare('SELECT person, day, amount_yen AS amountYen FROM incentives WHERE day BETWEEN ? AND ? ORDER BY day, id').all(period.from, period.to) as z.infer<typeof Payment>[]).map((p) => ({
    person: p.person,
    day: p.day,
    amountYen: p.amountYen,
  }));
  const payload: BundlePayload = {
    format: BUNDLE_FORMAT,
    version: 1,
    bundleId: randomUUID(),
    deviceId: id.deviceId,
    publicKey: id.publicKeyPem,
    exportedAt: now.toISOString(),
    period,
    days,
    opinions,
    incentives,
  };
  store.get().accessLog.append(now, actor, 'bundle.exported', { bundleId: payload.bundleId, days: days.length });
  return { ...payload, signature: { alg: 'Ed25519', value: signDetached(signedBytes(payload), id.privateKey) } };
}

/** Writes the bundle into a folder (made if need be), named by device and period; answers the file. */
export function writeBundle(bundle: Bundle, dir: string): string {
  makeDirs(dir);
  const file = path.join(dir, `madoguchi-bundle_${bundle.deviceId.slice(0, 8)}_${bundle.period.from}_${bundle.period.to}.json`);
  writeFileSync(file, JSON.stringify(bundle) + '\n');
  return file;
}

export interface ImportResult {
  file: string;
  bundleId: string;
  deviceId: string;
  fingerprint: string;
  /** new: merged; again: the same bundle was imported before (nothing counted twice). */
  status: 'new' | 'again';
  days: number;
  opinions: number;
  incentives: number;
  /** People paid at more than one booth, across everything imported so far. */
  paidTwice: number;
}

const refuse = (ja: string, en: string) => new AppError('bad_request', text(ja, en));

/** Reads and checks one bundle file: size, JSON, shape, signature. Throws a clear error. */
export function readBundle(file: string): { bundle: Bundle; bytes: Buffer } {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppError('not_found', text(`ファイルがありません: ${file}`, `No such file: ${file}`));
  }
  if (size > MAX_BUNDLE_BYTES) throw refuse(`集計ファイルとして大きすぎます（${Math.round(size / 1e6)} MB）: ${file}`, `Too large to be a bundle (${Math.round(size / 1e6)} MB): ${file}`);
  return parseBundle(readFileSync(file), file);
}

/** Checks bundle bytes (from a file or an upload): JSON, shape, signature. Throws a clear error. */
export function parseBundle(bytes: Buffer, file: string): { bundle: Bundle; bytes: Buffer } {
  if (bytes.length > MAX_BUNDLE_BYTES) throw refuse(`集計ファイルとして大きすぎます: ${file}`, `Too large to be a bundle: ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refuse(`集計ファイルが壊れています（途中で切れているか、JSONではありません）: ${file}`, `The bundle is damaged (cut short, or not JSON): ${file}`);
  }
  const parsed = Bundle.safeParse(json);
  if (!parsed.success) {
    const where = [...new Set(parsed.error.issues.map((i) => i.path.slice(0, 2).join('.') || '(root)'))].slice(0, 5).join(', ');
    throw refuse(`集計ファイルの形式が正しくありません（${where}）: ${file}`, `The bundle is not in the expected form (${where}): ${file}`);
  }
  const { signature, ...payload } = parsed.data;
  if (!verifyDetached(signedBytes(payload), signature.value, payload.publicKey)) {
    throw new AppError('forbidden', text(`署名が合いません。集計ファイルが書き換えられています（取り込みません）: ${file}`, `The signature does not match: the bundle was altered (not imported): ${file}`));
  }
  return { bundle: parsed.data, bytes };
}

/**
 * Imports one bundle at the office. A device the office has not registered is refused unless
 * its fingerprint is given as trusted (read from the device's wipe certificate or its screen).
 */
export function importBundle(store: StoreKeeper, file: string, o: { trust: string[]; now: Date; actor: string }): ImportResult {
  return mergeBundle(store, readBundle(file), file, o);
}

/** Who signed these bundle bytes, and whether the office knows the device already. */
export function bundleSigner(store: StoreKeeper, bundle: Bundle): { deviceId: string; fingerprint: string; known: boolean } {
  const known = store.prepare('SELECT 1 FROM bundle_devices WHERE device_id = ?').get(bundle.deviceId) !== undefined;
  return { deviceId: bundle.deviceId, fingerprint: fingerprintOf(bundle.publicKey), known };
}

export function mergeBundle(store: StoreKeeper, read: { bundle: Bundle; bytes: Buffer }, file: string, o: { trust: string[]; now: Date; actor: string }): ImportResult {
  const { bundle, bytes } = read;
  const { db, accessLog } = store.get();
  const self = deviceIdentity(db);
  const fingerprint = fingerprintOf(bundle.publicKey);
  if (bundle.deviceId === self.deviceId) throw refuse('この端末自身が書き出した集計ファイルです（取り込む必要はありません）。', 'This bundle was exported by this device itself (nothing to import).');
  const known = db.prepare('SELECT public_key, fingerprint FROM bundle_devices WHERE device_id = ?').get(bundle.deviceId) as { public_key: string; fingerprint: string } | undefined;
  const norm = (f: string) => f.replace(/\s+/g, '').toLowerCase();
  if (known && known.public_key.trim() !== bundle.publicKey.trim()) {
    throw new AppError('forbidden', text(`登録済みの端末と違う鍵で署名されています（指紋 ${fingerprint}）。取り込みません。`, `Signed with a key other than the registered device's (fingerprint ${fingerprint}). Not imported.`));
  }
  if (!known && !o.trust.some((t) => norm(t) === norm(fingerprint))) {
    throw new AppError(
      'forbidden',
      text(
        `登録されていない端末の署名です（指紋 ${fingerprint}）。端末の指紋を確かめてから --trust で指定してください。`,
        `Signed by a device that is not registered (fingerprint ${fingerprint}). Check the device's fingerprint, then give it with --trust.`,
      ),
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const result = db.transaction((): ImportResult => {
    if (!known) db.prepare('INSERT INTO bundle_devices (device_id, public_key, fingerprint, registered_at) VALUES (?, ?, ?, ?)').run(bundle.deviceId, bundle.publicKey, fingerprint, o.now.toISOString());
    const base = { file, bundleId: bundle.bundleId, deviceId: bundle.deviceId, fingerprint, days: bundle.days.length, opinions: bundle.opinions.length, incentives: bundle.incentives.length };
    if (db.prepare('SELECT 1 FROM bundle_imports WHERE bundle_id = ?').get(bundle.bundleId)) return { ...base, status: 'again', paidTwice: paidTwice(store) };
    const figure = db.prepare('INSERT INTO imported_figures (device_id, event_id, day, figures, bundle_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (device_id, event_id, day) DO UPDATE SET figures = excluded.figures, bundle_id = excluded.bundle_id');
    for (const d of bundle.days) {
      if (d.deviceId !== bundle.deviceId) throw refuse('集計ファイルに別の端末の集計が含まれています。', 'The bundle holds figures of another device.');
      figure.run(bundle.deviceId, d.eventId, d.day, JSON.stringify(d), bundle.bundleId);
    }
    // A newer bundle of the same days replaces the opinions it carries for them.
    const days = [...new Set(bundle.opinions.map((x) => x.day))];
    const clear = db.prepare('DELETE FROM imported_opinions WHERE device_id = ? AND day = ?');
    for (const day of days) clear.run(bundle.deviceId, day);
    const opinion = db.prepare('INSERT OR REPLACE INTO imported_opinions (device_id, source, source_id, day, venue, kind, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
    bundle.opinions.forEach((x, i) => opinion.run(bundle.deviceId, 'bundle', i + 1, x.day, x.venue, x.kind, x.text));
    const payment = db.prepare('INSERT OR IGNORE INTO imported_incentives (person, device_id, day, amount_yen) VALUES (?, ?, ?, ?)');
    for (const p of bundle.incentives) payment.run(p.person, bundle.deviceId, p.day, p.amountYen);
    db.prepare('INSERT INTO bundle_imports (bundle_id, device_id, sha256, exported_at, imported_at, days) VALUES (?, ?, ?, ?, ?, ?)').run(bundle.bundleId, bundle.deviceId, sha256, bundle.exportedAt, o.now.toISOString(), bundle.days.length);
    accessLog.append(o.now, o.actor, 'bundle.imported', { bundleId: bundle.bundleId, deviceId: bundle.deviceId, days: bundle.days.length });
    return { ...base, status: 'new', paidTwice: paidTwice(store) };
  })();
  return result;
}

/** People (keyed hashes) paid on more than one device: this one's payments and the imported ones. */
export function paidTwice(store: StoreKeeper): number {
  const self = deviceIdentity(store.get().db).deviceId;
  return (
    store
      .prepare(
        `SELECT count(*) AS n FROM (
           SELECT person FROM (SELECT person, ? AS device FROM incentives UNION SELECT person, device_id FROM imported_incentives)
           GROUP BY person HAVING count(DISTINCT device) > 1)`,
      )
      .get(self) as { n: number }
  ).n;
}
