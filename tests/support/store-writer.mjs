// A child process that writes to the store as fast as it can, printing each committed row's
// number, until it is killed. Used by the SIGKILL test; runs the built code in dist/.
import { dataPaths } from '../../dist/main/paths.js';
import { silentLogger } from '../../dist/main/log.js';
import { passphraseWrapper } from '../../dist/main/store/key-wrap.js';
import { StoreKeeper } from '../../dist/main/store/store.js';

const [dir, nativeBinding, canary, startText] = process.argv.slice(2);
const store = new StoreKeeper({ paths: dataPaths(dir), nativeBinding, log: silentLogger, wait: async () => {} });
const { db, accessLog } = await store.unlock(passphraseWrapper('correct horse battery', { N: 1024, r: 8, p: 1 }));
const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
for (let i = Number(startText); ; i++) {
  insert.run(`row-${i}`, `${canary}-${i}-${'x'.repeat(200)}`);
  accessLog.append(new Date(), 'system', 'probe', { i });
  process.stdout.write(`${i}\n`);
  if (i % 25 === 0) await new Promise((r) => setImmediate(r));
}
