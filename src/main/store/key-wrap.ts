// The database key: 32 random bytes, never written in clear. It is kept wrapped in
// <data>/store-key.json, by the OS key store (Electron safeStorage) where a real one is present,
// otherwise by a key derived with scrypt from the lead's passphrase. Destroying that file makes
// the database unreadable (crypto-erase).
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';

export const KEY_BYTES = 32;
const AAD = Buffer.from('madoguchi-store-key-v1');

/** How one wrapped key was wrapped; the file says which unwrapper it needs. */
export const WrappedKeyFile = z.discriminatedUnion('wrap', [
  z.strictObject({
    version: z.literal(1),
    wrap: z.literal('passphrase'),
    scrypt: z.strictObject({ N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
    iv: z.string(),
    tag: z.string(),
    data: z.string(),
    createdAt: z.string(),
  }),
  z.strictObject({
    version: z.literal(1),
    wrap: z.literal('os-key-store'),
    backend: z.string(),
    data: z.string(),
    createdAt: z.string(),
  }),
]);
export type WrappedKeyFile = z.infer<typeof WrappedKeyFile>;

/** Turns the raw key into a wrapped record and back. */
export interface KeyWrapper {
  readonly kind: WrappedKeyFile['wrap'];
  wrap(key: Buffer): Promise<WrappedKeyFile>;
  /** Throws AppError('forbidden') when the secret (passphrase, OS key) does not fit. */
  unwrap(file: WrappedKeyFile): Promise<Buffer>;
}

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** About 100 ms and 32 MiB on the booth laptop: slow for guessing, fine once a day. */
export const DEFAULT_SCRYPT: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

function scrypt(secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const opts: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCb(secret.normalize('NFKC'), salt, KEY_BYTES, opts, (e, k) => (e ? reject(e) : resolve(k))));
}

export const MIN_PASSPHRASE = 8;

export function passphraseWrapper(passphrase: string, cost: ScryptCost = DEFAULT_SCRYPT, now: () => Date = () => new Date()): KeyWrapper {
  return {
    kind: 'passphrase',
    async wrap(key) {
      if (passphrase.normalize('NFKC').length < MIN_PASSPHRASE) {
        throw new AppError('bad_request', text(`パスフレーズは${MIN_PASSPHRASE}文字以上にしてください。`, `The passphrase must have at least ${MIN_PASSPHRASE} characters.`));
      }
      const salt = randomBytes(16);
      const kek = await scrypt(passphrase, salt, cost);
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', kek, iv).setAAD(AAD);
      const data = Buffer.concat([c.update(key), c.final()]);
      kek.fill(0);
      return {
        version: 1,
        wrap: 'passphrase',
        scrypt: { ...cost, salt: salt.toString('base64') },
        iv: iv.toString('base64'),
        tag: c.getAuthTag().toString('base64'),
        data: data.toString('base64'),
        createdAt: now().toISOString(),
      };
    },
    async unwrap(file) {
      if (file.wrap !== 'passphrase') throw wrongWrapper(file.wrap);
      const kek = await scrypt(passphrase, Buffer.from(file.scrypt.salt, 'base64'), file.scrypt);
      try {
        const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(file.iv, 'base64')).setAAD(AAD);
        d.setAuthTag(Buffer.from(file.tag, 'base64'));
        return Buffer.concat([d.update(Buffer.from(file.data, 'base64')), d.final()]);
      } catch {
        throw new AppError('forbidden', text('パスフレーズが違います。', 'Wrong passphrase.'));
      } finally {
        kek.fill(0);
      }
    },
  };
}

/** What the shell hands in from Electron's safeStorage; plain functions, so no electron import. */
export interface OsKeyStore {
  backend: string;
  encrypt(plain: string): Buffer;
  decrypt(wrapped: Buffer): string;
}

export function osKeyStoreWrapper(store: OsKeyStore, now: () => Date = () => new Date()): KeyWrapper {
  return {
    kind: 'os-key-store',
    wrap(key) {
      return Promise.resolve({ version: 1, wrap: 'os-key-store', backend: store.backend, data: store.encrypt(key.toString('base64')).toString('base64'), createdAt: now().toISOString() });
    },
    unwrap(file) {
      if (file.wrap !== 'os-key-store') return Promise.reject(wrongWrapper(file.wrap));
      try {
        return Promise.resolve(Buffer.from(store.decrypt(Buffer.from(file.data, 'base64')), 'base64'));
      } catch {
        return Promise.reject(new AppError('forbidden', text('OSのキーストアで鍵を開けませんでした。', 'The OS key store could not open the key.')));
      }
    },
  };
}

function wrongWrapper(kind: string): AppError {
  return kind === 'passphrase'
    ? new AppError('forbidden', text('この端末のデータはパスフレーズで保護されています。パスフレーズを入力してください。', 'This device’s data is protected by a passphrase. Enter it.'))
    : new AppError('forbidden', text('この端末のデータはOSのキーストアで保護されています。デスクトップアプリで開いてください。', 'This device’s data is protected by the OS key store. Open it in the desktop app.'));
}

export function readWrappedKey(file: string): WrappedKeyFile | null {
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('unavailable', text(`鍵ファイルが壊れています: ${file}`, `The key file is damaged: ${file}`));
  }
  const parsed = WrappedKeyFile.safeParse(json);
  if (!parsed.success) throw new AppError('unavailable', text(`鍵ファイルの形式が正しくありません: ${file}`, `The key file is not in the expected form: ${file}`));
  return parsed.data;
}

/** Written to a temporary name and renamed, so a crash never leaves half a key file. */
export function writeWrappedKey(file: string, wrapped: WrappedKeyFile): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(wrapped, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
