// Figures for the season's paperwork: the weekly report (PDF + XLSX + CSV) over 10 000 visits,
// the final report over 100 000, and the office importing 50 signed bundles. The visits are
// written straight into an encrypted store (the report reads tables, not how they were filled).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGE_BANDS, Service } from '../../shared/contract.js';
import { addDays } from '../../shared/japan-day.js';
import { SURVEY } from '../../shared/survey.js';
import { BUNDLE_FORMAT, importBundle, type BundlePayload } from '../bundles/bundle.js';
import { silentLogger } from '../log.js';
import { dataPaths, ensureDataPaths, makeDirs } from '../paths.js';
import { localFigures } from '../reports/figures-query.js';
import { makeReport } from '../reports/make-report.js';
import { deviceIdentity, fingerprintOf, signDetached } from '../store/device-identity.js';
import { passphraseWrapper } from '../store/key-wrap.js';
import { StoreKeeper } from '../store/store.js';
import { stats, type Stats } from './stats.js';

const CHEAP = { N: 1024, r: 8, p: 1 };
const CHANNELS = ['shoppingCentre', 'supermarket', 'communityCentre', 'workplace'] as const;

async function openStore(nativeBinding: string | undefined): Promise<StoreKeeper> {
  const paths = dataPaths(mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-report-')));
  ensureDataPaths(paths);
  const store = new StoreKeeper({ paths, nativeBinding, log: silentLogger, wait: async () => {} });
  await store.unlock(passphraseWrapper('bench passphrase', CHEAP));
  return store;
}

/** `visits` visits spread over `days` booth days from `first`, four venues in turn. */
function fill(store: StoreKeeper, visits: number, first: string, days: number): void {
  const { db } = store.get();
  let seed = 7;
  const r = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  db.transaction(() => {
    const venue = db.prepare('INSERT INTO venues (name, address, channel, created_at) VALUES (?, ?, ?, ?)');
    const event = db.prepare("INSERT INTO events (venue_id, name, first_day, last_day, opens, closes, counters, created_at, updated_at) VALUES (?, ?, ?, ?, '10:00', '17:00', 2, ?, ?)");
    const boothDay = db.prepare("INSERT INTO booth_days (day, event_id, opened_at, closed_at, staff_ids, counters) VALUES (?, ?, ?, ?, '[1,2,3]', 2)");
    const visit = db.prepare("INSERT INTO visits (id, day, started_at, ended_at, end_reason, services, applicants, age_bands, outcome, event_id) VALUES (?, ?, ?, ?, 'ended', ?, ?, ?, ?, ?)");
    const survey = db.prepare("INSERT INTO survey_answers (day, answered_at, source, answers, age_band, comment, event_id) VALUES (?, ?, 'station', ?, ?, ?, ?)");
    const incentive = db.prepare('INSERT INTO incentives (person, amount_yen, day, paid_at, event_id) VALUES (?, 2000, ?, ?, ?)');
    const now = new Date().toISOString();
    const venues = CHANNELS.map((c, i) => Number(venue.run(`会場 ${i + 1}`, '', c, now).lastInsertRowid));
    const perDay = Math.ceil(visits / days);
    let made = 0;
    for (let d = 0; d < days && made < visits; d++) {
      const day = addDays(first, d);
      const ev = Number(event.run(venues[d % venues.length], `出張申請会 ${d + 1}`, day, day, now, now).lastInsertRowid);
      boothDay.run(day, ev, `${day}T01:00:00.000Z`, `${day}T08:00:00.000Z`);
      for (let i = 0; i < perDay && made < visits; i++, made++) {
        const at = new Date(Date.parse(`${day}T01:00:00Z`) + (i / perDay) * 7 * 3_600_000).toISOString();
        const n = r() < 0.1 ? 0 : r() < 0.8 ? 1 : 2;
        const services = Service.options.filter(() => r() < 0.4);
        const bands = Array.from({ length: n }, () => AGE_BANDS[Math.floor(r() * AGE_BANDS.length)]);
        visit.run(randomUUID(), day, at, at, JSON.stringify(services), n, JSON.stringify(bands), n === 0 ? 'none' : r() < 0.85 ? 'paper' : 'online', ev);
        if (n > 0 && r() < 0.5) survey.run(day, at, JSON.stringify(Object.fromEntries(SURVEY.map((q) => [q.id, q.choices[Math.floor(r() * q.choices.length)]!.id]))), bands[0] ?? null, r() < 0.1 ? '丁寧でした' : null, ev);
        if (n > 0 && r() < 0.3) incentive.run(randomUUID().replace(/-/g, '').padEnd(64, '0'), day, at, ev);
      }
    }
  })();
}

async function reportRuns(store: StoreKeeper, kind: 'weekly' | 'final', period: { from: string; to: string }, runs: number): Promise<{ total: Stats; pdf: Stats; xlsx: Stats; model: Stats }> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-out-'));
  const t: number[] = [];
  const pdf: number[] = [];
  const xlsx: number[] = [];
  const model: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await makeReport({ kind, store, period, outDir: out, now: new Date(), actor: 'bench' });
    t.push(r.ms.total);
    pdf.push(r.ms.pdf);
    xlsx.push(r.ms.xlsx);
    model.push(r.ms.model);
  }
  return { total: stats(t), pdf: stats(pdf), xlsx: stats(xlsx), model: stats(model) };
}

export async function benchReports(nativeBinding: string | undefined, runs: number): Promise<Record<string, unknown>> {
  const weekly = await openStore(nativeBinding);
  fill(weekly, 10_000, '2026-10-05', 7);
  const week = await reportRuns(weekly, 'weekly', { from: '2026-10-05', to: '2026-10-11' }, runs);

  const season = await openStore(nativeBinding);
  fill(season, 100_000, '2026-06-01', 140);
  const final = await reportRuns(season, 'final', { from: '2026-06-01', to: addDays('2026-06-01', 139) }, Math.max(3, Math.min(runs, 5)));

  // 50 devices' bundles, each a week of days, signed with its own key; imported by one office.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-bundles-'));
  makeDirs(dir);
  const days = localFigures(weekly, 'template', { from: '2026-10-05', to: '2026-10-11' });
  const files: string[] = [];
  const trust: string[] = [];
  for (let i = 0; i < 50; i++) {
    const keys = generateKeyPairSync('ed25519');
    const deviceId = randomUUID();
    const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const payload: BundlePayload = {
      format: BUNDLE_FORMAT,
      version: 1,
      bundleId: randomUUID(),
      deviceId,
      publicKey,
      exportedAt: new Date().toISOString(),
      period: { from: '2026-10-05', to: '2026-10-11' },
      days: days.map((d) => ({ ...d, deviceId })),
      opinions: [],
      incentives: Array.from({ length: 300 }, (_, k) => ({ person: `${i.toString(16).padStart(4, '0')}${k.toString(16).padStart(60, '0')}`, day: '2026-10-05', amountYen: 2000 })),
    };
    const f = path.join(dir, `b${i}.json`);
    writeFileSync(f, JSON.stringify({ ...payload, signature: { alg: 'Ed25519', value: signDetached(Buffer.from(JSON.stringify(payload)), keys.privateKey) } }));
    files.push(f);
    trust.push(fingerprintOf(publicKey));
  }
  const office = await openStore(nativeBinding);
  deviceIdentity(office.get().db);
  const t0 = performance.now();
  for (const f of files) importBundle(office, f, { trust, now: new Date(), actor: 'bench' });
  const importMs = Math.round((performance.now() - t0) * 10) / 10;
  const t1 = performance.now();
  for (const f of files) importBundle(office, f, { trust: [], now: new Date(), actor: 'bench' });
  const againMs = Math.round((performance.now() - t1) * 10) / 10;
  return {
    weekly10kVisitsMs: week,
    final100kVisitsMs: final,
    import50BundlesMs: importMs,
    import50BundlesAgainMs: againMs,
    bundleDays: days.length,
    targets: { weekly10kVisitsMs: 2000, final100kVisitsMs: 10_000, import50BundlesMs: 1000 },
  };
}
