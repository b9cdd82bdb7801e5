import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { pick } from '../../../shared/text.js';
import { boot } from '../../boot.js';
import { noKeyStore } from '../../doctor/key-store.js';
import { silentLogger } from '../../log.js';
import { FAULT_KINDS, faultyDevices, planFaults, type FaultyDevices } from '../../soak/faults.js';
import { soak } from '../../soak/soak.js';
import { CliError, type Command } from '../cli-io.js';

export const soakCommand: Command = {
  name: 'soak',
  summary: { ja: '模擬の1日（来訪・撮影・印刷・アンケート・特典・消去）を通しで実行して計測', en: 'Run a simulated booth day end to end and report its figures' },
  usage:
    'madoguchi soak --visits N [--faults [--seed N]] [--data-dir EMPTY_DIR] [--json]\n' +
    '  The real services behind the browser host, driven over its WebSocket contract, with simulated\n' +
    '  camera and printers, in a new scratch data folder (a fresh store with a random passphrase).\n' +
    '  --faults: the camera unplugged (live view, capture), busy and hanging, the photo printer\n' +
    '  offline, out of paper and jammed, the ticket printer gone, on about one visit in six (each\n' +
    '  kind at least twice; --seed picks the visits), each handled as staff would.\n' +
    '  Exit 0 when every visit went through, every session wipe was logged, every fault was\n' +
    '  recovered, one sheet came out per visit and nothing stayed in the spool; 1 otherwise.',
  options: { visits: { type: 'string' }, faults: { type: 'boolean' }, seed: { type: 'string' } },
  async run(values, flags, io) {
    const en = flags.lang === 'en';
    const visits = Number(values.visits ?? 60);
    if (!Number.isInteger(visits) || visits < 1 || visits > 10_000) throw new CliError(en ? '--visits must be a whole number 1–10000' : '--visits は 1〜10000 の整数で指定してください');
    const seed = Number(values.seed ?? 1);
    if (!Number.isInteger(seed) || seed < 0) throw new CliError(en ? '--seed must be a whole number' : '--seed は 0 以上の整数で指定してください');
    if (values.faults === true && visits < FAULT_KINDS.length + 1) throw new CliError(en ? `--faults needs at least ${FAULT_KINDS.length + 1} visits` : `--faults には ${FAULT_KINDS.length + 1} 件以上の来訪が必要です`);
    const dataDir = flags.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'madoguchi-soak-'));
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new CliError(en ? `soak needs an empty data folder: ${dataDir}` : `空のデータフォルダーを指定してください: ${dataDir}`);
    const passphrase = randomBytes(18).toString('base64url');
    let booted;
    let faulty: FaultyDevices | null = null;
    try {
      // The app's own file log, as in a real day: the canary scan reads it afterwards.
      booted = await boot({
        dataDir,
        demo: true,
        host: 'browser',
        keyStore: () => noKeyStore,
        quietSimulators: true,
        consoleIdleMinutes: 24 * 60,
        extraWipeRoots: [],
        // The faults sit between the app and the simulated devices.
        ...(values.faults === true ? { wrapDevices: (chosen) => (faulty = faultyDevices(chosen)) } : {}),
      });
    } catch (err) {
      if (err instanceof AppError) throw new CliError(pick(err.body.message, flags.lang), 1);
      throw err;
    }
    const rendererDir = path.join(booted.root, 'dist', 'renderer');
    try {
      // Letters only: a run of digits could read as an individual number, which the survey refuses.
      const canary = { text: `CANARY-${[...randomBytes(10)].map((b) => String.fromCharCode(0x61 + (b % 26))).join('')}`, kana: 'かなりあそーく', scan: [booted.paths.root] };
      const faults = faulty ? { plan: planFaults(visits, seed), devices: faulty } : undefined;
      const r = await soak({ visits, app: booted.app, store: booted.store, rendererDir, log: silentLogger, passphrase, canary, faults, onVisit: flags.json ? undefined : (n) => n % 10 === 0 && io.err(`  ${n}/${visits}`) });
      const faultsHeld = Object.values(r.faults ?? {}).every((t) => t.recovered === t.injected) && (!r.spool || (r.spool.sheetsOut === visits && r.spool.leftInSpool === 0));
      const ok = r.errors.length === 0 && r.sessionWipesLogged === visits && r.remnants.length === 0 && faultsHeld;
      if (flags.json) io.out(JSON.stringify({ ok, dataDir, ...r }));
      else {
        io.out(`${visits} visits in ${r.seconds} s (${r.visitsPerMinute}/min), ${r.printed} sheets printed, ${r.sessionWipesLogged} session wipes logged`);
        for (const [name, s] of Object.entries(r.steps)) io.out(`  ${name.padEnd(20)} p50 ${s.median} ms  p95 ${s.p95} ms  (${s.runs})`);
        io.out(`  memory (RSS) start ${r.memoryMb.start} MB, after warm-up ${r.memoryMb.afterWarmup} MB, end ${r.memoryMb.end} MB, peak ${r.memoryMb.peak} MB`);
        for (const [kind, t] of Object.entries(r.faults ?? {})) io.out(`  ${t.recovered === t.injected ? '✔' : '✖'} ${kind}: ${t.injected} injected, ${t.recovered} recovered — 「${t.told ?? ''}」`);
        if (r.spool) io.out(`  sheets out ${r.spool.sheetsOut} for ${visits} visits, jobs left in the spool ${r.spool.leftInSpool}`);
        for (const e of r.errors) io.out(`  ✖ ${e}`);
        io.out(r.remnants.length === 0 ? '  no canary, photo or readable database in the data folder' : `  ✖ ${r.remnants.length} files hold personal data or a photo: ${r.remnants.map((x) => `${x.file} (${x.what})`).join(', ')}`);
      }
      return ok ? 0 : 1;
    } finally {
      await booted.app.close();
    }
  },
};
