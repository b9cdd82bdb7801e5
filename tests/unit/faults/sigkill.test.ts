// The laptop loses power (SIGKILL) at random moments of a busy day, five times. Each restart opens
// the store, resumes the day, wipes the visit that was open and logs it; nothing committed is lost,
// no visit is left without an end, and the store and both logs stay whole.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client, openTodaysDay } from '../../../src/main/soak/ws-client.js';
import { seededRandom } from '../../../src/shared/seeded-random.js';
import { passphraseWrapper } from '../../../src/main/store/key-wrap.js';
import { dataPaths } from '../../../src/main/paths.js';
import { keeper, PASSPHRASE, TEST_SCRYPT } from '../../support/store.js';
import { repoRoot, tempDir } from '../../support/test-app.js';

const LEAD_PIN = '482913';

function serve(dataDir: string): Promise<{ child: ChildProcess; desk: Client; station: Client }> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'madoguchi.js'), 'serve', '--demo', '--json', '--data-dir', dataDir], {
    env: { ...process.env, MADOGUCHI_PASSPHRASE: PASSPHRASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      const urls = JSON.parse(line) as { console: string; station: string };
      Promise.all([Client.forWindow(urls.console), Client.forWindow(urls.station)]).then(([desk, station]) => resolve({ child, desk, station }), reject);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

describe('power lost mid-day (SIGKILL)', () => {
  it('recovers five times: store opens, day resumes, the open visit is wiped and logged, nothing committed lost', async () => {
    const dataDir = tempDir('madoguchi-sigkill-');
    // The kill moments are random but the same on every run.
    const r = seededRandom(20261124);
    let ended = 0;
    let leadId = 0;
    for (let round = 0; round < 6; round++) {
      const { child, desk, station } = await serve(dataDir);
      if (round === 0) {
        ({ leadId } = await openTodaysDay(desk, { lead: '山田 花子', pin: LEAD_PIN, venue: '会場', channel: 'supermarket', event: '停電試験', counters: 1 }));
      } else {
        // After a restart: nobody is signed in; the day is the same day.
        await desk.call('session.signIn', { staffId: leadId, pin: LEAD_PIN });
        expect(await desk.call('day.get', {})).toMatchObject({ eventName: '停電試験' });
        expect(await desk.call('visit.get', {})).toMatchObject({ visit: null });
      }
      if (round === 5) {
        child.kill('SIGTERM');
        await new Promise((res) => child.once('exit', res));
        break;
      }
      // A busy stretch, killed at a random moment (0.2–2.5 s in).
      const killAt = 200 + r() * 2300;
      const killer = setTimeout(() => child.kill('SIGKILL'), killAt);
      const exited = new Promise((res) => child.once('exit', res));
      try {
        for (let n = 0; ; n++) {
          // Every kind of write a day makes: tickets, the visit, its photo, surveys, incentives, inquiries.
          await desk.call('queue.issue', {});
          const q = await desk.call<{ nowServing: number | null }>('queue.callNext', { counter: 1 });
          await desk.call('visit.start', q.nowServing ? { ticketNumber: q.nowServing } : {});
          await station.call('photo.capture', {});
          await desk.call('visit.record', { services: ['photo'], applicants: 1, ageBands: ['65-69'], outcome: 'paper' });
          await station.call('survey.submit', { answers: { satisfaction: '5' }, source: 'station' });
          await desk.call('incentive.pay', { nameKana: `ていでん ${String.fromCharCode(0x3042 + ((round * 50 + n) % 46))}${String.fromCharCode(0x3042 + Math.floor((round * 50 + n) / 46) % 46)}`, birthDate: '1950-01-01', applicationDate: '2023-01-10' });
          await desk.call('inquiry.add', { category: 'card', text: '受け取りについて' });
          await desk.call('visit.end', {});
          ended += 1;
        }
      } catch {
        // the connection dies with the process
      }
      clearTimeout(killer);
      await exited;
    }

    // The store afterwards, opened directly: whole, every visit ended, every recovery logged.
    const store = keeper(dataPaths(dataDir));
    const { db, accessLog, deletionLog } = await store.unlock(passphraseWrapper(PASSPHRASE, TEST_SCRYPT));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(accessLog.verify()).toBeNull();
    expect(deletionLog.verify()).toBeNull();
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM visits WHERE ended_at IS NULL')).toBe(0);
    expect(count("SELECT count(*) AS n FROM visits WHERE end_reason = 'ended'")).toBeGreaterThanOrEqual(ended);
    // Each visit the power cut short was wiped at the restart and logged (a cut during a visit's own
    // end is wiped again at the restart too, so there may be more recoveries than such visits);
    // at most one recovery per restart.
    const recoveries = deletionLog.rows().filter((x) => x.action === 'session_wipe' && x.detail.includes('crash-recovery'));
    expect(recoveries.length).toBeGreaterThanOrEqual(count("SELECT count(*) AS n FROM visits WHERE end_reason = 'crash-recovery'"));
    expect(recoveries.length).toBeGreaterThan(0);
    expect(recoveries.length).toBeLessThanOrEqual(5);
    expect(count('SELECT count(*) AS n FROM booth_days WHERE closed_at IS NULL')).toBe(1);
    // Each committed fact is whole: a survey, an incentive or an inquiry only for visits that began.
    expect(count('SELECT count(*) AS n FROM survey_answers')).toBeGreaterThanOrEqual(ended);
    expect(count('SELECT count(*) AS n FROM incentives')).toBeGreaterThanOrEqual(ended);
    expect(count('SELECT count(*) AS n FROM incentives')).toBe(count('SELECT count(DISTINCT person) AS n FROM incentives'));
    expect(count('SELECT count(*) AS n FROM queue_tickets')).toBeGreaterThanOrEqual(count('SELECT count(*) AS n FROM visits'));
    store.close();
  }, 180_000);
});
