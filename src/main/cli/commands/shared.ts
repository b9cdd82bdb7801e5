import { AppError } from '../../../shared/errors.js';
import { pick, type Lang } from '../../../shared/text.js';
import { CliError, type CliIo, type GlobalFlags } from '../cli-io.js';
import { silentLogger } from '../../log.js';
import { dataPaths, resolveDataDir } from '../../paths.js';
import { appRoot } from '../../boot.js';
import { secureNativeBinding } from '../../store/database.js';
import { passphraseWrapper } from '../../store/key-wrap.js';
import { StoreKeeper } from '../../store/store.js';
import { readPassphrase } from '../passphrase.js';

/** Runs a step whose AppError should end the command with its message as the one line. */
export function settingsOrCliError<T>(step: () => T, lang: Lang): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof AppError) throw new CliError(pick(err.body.message, lang), 1);
    throw err;
  }
}

/** Opens the store for a command that reads or writes it: the passphrase from the env or a prompt. */
export async function openStoreForCli(flags: GlobalFlags, io: CliIo): Promise<StoreKeeper> {
  const en = flags.lang === 'en';
  const paths = dataPaths(resolveDataDir(flags.dataDir, io.env));
  const store = new StoreKeeper({ paths, nativeBinding: secureNativeBinding(appRoot()), log: silentLogger });
  const state = store.status().state;
  if (state === 'new') throw new CliError(en ? `No store in ${paths.root} (nothing recorded yet)` : `${paths.root} にデータベースがありません（まだ記録がありません）`, 1);
  if (state === 'wiped') throw new CliError(en ? `This device was wiped; ${paths.root} holds no data` : `この端末は消去済みです（${paths.root} にデータはありません）`, 1);
  const passphrase = await readPassphrase(io.env, en ? 'Store passphrase: ' : 'データベースのパスフレーズ: ', flags.lang);
  try {
    await store.unlock(passphraseWrapper(passphrase));
  } catch (err) {
    if (err instanceof AppError) throw new CliError(pick(err.body.message, flags.lang), 1);
    throw err;
  }
  return store;
}

/** A YYYY-MM-DD option, or undefined; anything else ends the command clearly. */
export function dayOption(name: string, v: unknown, lang: Lang): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
    throw new CliError(lang === 'en' ? `--${name} must be a date like 2026-11-24` : `--${name} は 2026-11-24 のような日付で指定してください`);
  }
  return v;
}
