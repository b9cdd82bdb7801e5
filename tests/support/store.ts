import path from 'node:path';
import { dataPaths, ensureDataPaths, type DataPaths } from '../../src/main/paths.js';
import { silentLogger } from '../../src/main/log.js';
import { passphraseWrapper } from '../../src/main/store/key-wrap.js';
import { StoreKeeper } from '../../src/main/store/store.js';
import { secureNativeBinding } from '../../src/main/store/database.js';
import { repoRoot, tempDir } from './test-app.js';

/** Cheap scrypt for tests; the product uses DEFAULT_SCRYPT. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const PASSPHRASE = 'correct horse battery'; // also in store-writer.mjs

export const nativeBinding = secureNativeBinding(repoRoot);
if (!nativeBinding) throw new Error('native/better_sqlite3.node is missing: run scripts/setup/build-sqlite.sh');

export function testPaths(dir = tempDir()): DataPaths {
  const p = dataPaths(dir);
  ensureDataPaths(p);
  return p;
}

export function keeper(paths: DataPaths, waits: number[] = []): StoreKeeper {
  return new StoreKeeper({ paths, nativeBinding, log: silentLogger, wait: async (ms) => void waits.push(ms) });
}

export async function openTestStore(paths = testPaths()) {
  const k = keeper(paths);
  await k.unlock(passphraseWrapper(PASSPHRASE, TEST_SCRYPT));
  return { keeper: k, paths, file: path.join(paths.root, 'madoguchi.db') };
}
