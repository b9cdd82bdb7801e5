import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { pick } from '../../../shared/text.js';
import { boot } from '../../boot.js';
import { noKeyStore } from '../../doctor/key-store.js';
import { silentLogger } from '../../log.js';
import { soak } from '../../soak/soak.js';
import { CliError, type Command } from '../cli-io.js';

export const soakCommand: Command = {
  name: 'soak',
  summary: { ja: '模擬の1日（来訪・撮影・印刷・アンケート・特典・消去）を通しで実行して計測', en: 'Run a simulated booth day end to end and report its figures' },
  usage:
    'madoguchi soak --visits N [--data-dir EMPTY_DIR] [--json]\n' +
    '  The real services behind the browser host, driven over its WebSocket contract, with simulated\n' +
    '  camera and printers, in a new scratch data folder (a fresh store with a random passphrase).\n' +
    '  Exit 0 when every visit went through and every session wipe was logged, 1 otherwise.',
  options: { visits: { type: 'string' } },
  async run(values, flags, io) {
    const en = flags.lang === 'en';
    const visits = Number(values.visits ?? 60);
    if (!Number.isInteger(visits) || visits < 1 || visits > 10_000) throw new CliError(en ? '--visits must be a whole number 1–10000' : '--visits は 1〜10000 の整数で指定してください');
    const dataDir = flags.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'madoguchi-soak-'));
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new CliError(en ? `soak needs an empty data folder: ${dataDir}` : `空のデータフォルダーを指定してください: ${dataDir}`);
    const passphrase = randomBytes(18).toString('base64url');
    let booted;
    try {
      // The app's own file log, as in a real day: the canary scan reads it afterwards.
      booted = await boot({ dataDir, demo: true, host: 'browser', keyStore: () => noKeyStore, quietSimulators: true, consoleIdleMinutes: 24 * 60, extraWipeRoots: [] });
    } catch (err) {
      if (err instanceof AppError) throw new CliError(pick(err.body.message, flags.lang), 1);
      throw err;
    }
    const rendererDir = path.join(booted.root, 'dist', 'renderer');
    try {
      const canary = { text: `CANARY-${randomBytes(6).toString('hex')}`, kana: 'かなりあそーく', scan: [booted.paths.root] };
      const r = await soak({ visits, app: booted.app, store: booted.store, rendererDir, log: silentLogger, passphrase, canary, onVisit: flags.json ? undefined : (n) => n % 10 === 0 && io.err(`  ${n}/${visits}`) });
      const ok = r.errors.length === 0 && r.sessionWipesLogged === visits && r.remnants.length === 0;
      if (flags.json) io.out(JSON.stringify({ ok, dataDir, ...r }));
      else {
        io.out(`${visits} visits in ${r.seconds} s (${r.visitsPerMinute}/min), ${r.printed} sheets printed, ${r.sessionWipesLogged} session wipes logged`);
        for (const [name, s] of Object.entries(r.steps)) io.out(`  ${name.padEnd(20)} p50 ${s.median} ms  p95 ${s.p95} ms  (${s.runs})`);
        io.out(`  memory (RSS) start ${r.memoryMb.start} MB, after warm-up ${r.memoryMb.afterWarmup} MB, end ${r.memoryMb.end} MB, peak ${r.memoryMb.peak} MB`);
        for (const e of r.errors) io.out(`  ✖ ${e}`);
        io.out(r.remnants.length === 0 ? '  no canary, photo or readable database in the data folder' : `  ✖ ${r.remnants.length} files hold personal data or a photo: ${r.remnants.map((x) => `${x.file} (${x.what})`).join(', ')}`);
      }
      return ok ? 0 : 1;
    } finally {
      await booted.app.close();
    }
  },
};
