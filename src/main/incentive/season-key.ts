// The season's secret for the incentive's keyed hash. Made with the store; for several booths the
// office makes one and hands it to every device sealed under a passphrase, so the same person
// hashes alike everywhere and a second payment is refused at any booth once bundles are merged.
import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import { passphraseWrapper, WrappedKeyFile, type ScryptCost, DEFAULT_SCRYPT } from '../store/key-wrap.js';
import type { StoreKeeper } from '../store/store.js';

const KEY = 'incentive_secret';

export function seasonSecret(store: StoreKeeper): Buffer {
  const row = store.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'hex');
  const s = randomBytes(32);
  store.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(KEY, s.toString('hex'));
  return s;
}

/** Seals this device's season secret under a passphrase, for the other booths. */
export async function exportSeasonKey(store: StoreKeeper, file: string, passphrase: string, now: Date, cost: ScryptCost = DEFAULT_SCRYPT): Promise<void> {
  const secret = seasonSecret(store);
  const sealed = await passphraseWrapper(passphrase, cost, () => now).wrap(secret);
  writeFileSync(file, JSON.stringify({ kind: 'madoguchi.season-key', ...sealed }, null, 2) + '\n', { mode: 0o600 });
  store.get().accessLog.append(now, 'cli', 'season_key.exported', {});
}

/**
 * Takes the office's season secret. Refused once this device has paid anyone under its own
 * secret: those hashes would no longer match, and a second payment could slip through.
 */
export async function importSeasonKey(store: StoreKeeper, file: string, passphrase: string, now: Date): Promise<'set' | 'same'> {
  let parsed;
  try {
    const { kind, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as { kind?: string };
    if (kind !== 'madoguchi.season-key') throw new Error('kind');
    parsed = WrappedKeyFile.parse(rest);
  } catch {
    throw new AppError('bad_request', text(`シーズン鍵のファイルではありません: ${file}`, `Not a season key file: ${file}`));
  }
  const secret = await passphraseWrapper(passphrase).unwrap(parsed);
  const current = store.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (current?.value === secret.toString('hex')) return 'same';
  const paid = (store.prepare('SELECT count(*) AS n FROM incentives').get() as { n: number }).n;
  if (paid > 0) {
    throw new AppError('conflict', text(`この端末ではすでに特典を ${paid} 件記録しているため、シーズン鍵を入れ替えられません。`, `This device has already recorded ${paid} incentive payments; its season key cannot be replaced.`));
  }
  store.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(KEY, secret.toString('hex'));
  store.get().accessLog.append(now, 'cli', 'season_key.imported', {});
  return 'set';
}
