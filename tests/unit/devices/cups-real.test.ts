// The CUPS adapter against a real scheduler: Debian's cupsd in a private folder with the stock
// access policy (tests/support/cups-scheduler.ts), driven through the real lp, lpstat, lpoptions
// and cancel. The fakes elsewhere answer as these tests show CUPS 2.4 does.
//
// What only the real scheduler showed: lpstat reads its options in order, so `lpstat -p Q -l`
// lists no reasons (out of paper was never seen); and `cancel -x` purges nothing of a single job
// (it refuses a finished one outright), so what is left of a sheet depends on cupsd.conf alone,
// and the app can only tell it truly.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeHardware } from '../../../src/main/devices/devices.js';
import { CupsPhotoPrinter } from '../../../src/main/devices/photo-printer/cups.js';
import { PRINTER_PROBLEM, type JobState, type PrintJob, type SpoolPurge } from '../../../src/main/devices/photo-printer/photo-printer.js';
import { cupsSpoolKeeps, runDoctor, SPOOL_FIX, spoolKeeps, systemDoctorEnv } from '../../../src/main/doctor/doctor.js';
import { sheetPdf } from '../../../src/main/photo/print-document.js';
import { storedPng } from '../../../src/main/photo/png.js';
import { defaultSettings } from '../../../src/main/settings/settings.js';
import { exec } from '../../../src/main/system/exec.js';
import { cupsdUnavailable, startCups, type PrivateCups } from '../../support/cups-scheduler.js';
import { tempDir } from '../../support/test-app.js';

const why = cupsdUnavailable();
// CI installs cups-daemon and runs as root: there it must run, never quietly skip.
if (why && process.env.CI) throw new Error(`the real CUPS tests cannot run: ${why}`);

async function sheet(): Promise<Buffer> {
  // An L sheet at 300 dpi, as the app renders it (a plain grey stands in for the photos).
  const width = 1051;
  const height = 1500;
  const png = storedPng({ data: new Uint8Array(width * height * 3).fill(200), width, height }, 300);
  return sheetPdf(png, 'L', false);
}

async function until(printer: CupsPhotoPrinter, jobId: string, done: (s: JobState) => boolean, cups: PrivateCups): Promise<JobState> {
  let st: JobState = { state: 'queued', problem: null };
  for (let i = 0; i < 150; i += 1) {
    st = await printer.jobState(jobId);
    if (done(st)) return st;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} stayed ${JSON.stringify(st)}\n${cups.errorLog()}`);
}

/** What `look` finds once it finds nothing, or after 5 s: the scheduler removes files after the job ends. */
async function settled(look: () => string[]): Promise<string[]> {
  let left = look();
  for (let i = 0; i < 50 && left.length > 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = look();
  }
  return left;
}

/** cupsd.conf as a booth laptop's user finds it once cupsd has rewritten it (root:lp 0640). */
const unreadable = () => Promise.reject(Object.assign(new Error("EACCES: permission denied, open '/etc/cups/cupsd.conf'"), { code: 'EACCES' }));

/** What the test printer has printed. */
const printedFiles = (cups: PrivateCups) => readdirSync(cups.out).filter((f) => f.endsWith('.out')).sort();

/** doctor's spool line, on this machine, with cupsd.conf unreadable. */
async function spoolLine(cups: PrivateCups) {
  const env = systemDoctorEnv({ exec, probe: () => probeHardware(exec, defaultSettings, 'linux'), settings: defaultSettings, dataDir: tempDir(), keyStore: () => ({ backend: 'basic_text', secure: false }), photoSelfTest: () => Promise.resolve({ faces: 1, located: true, ms: 180 }) });
  const report = await runDoctor({ ...env, readText: (f) => (f === '/etc/cups/cupsd.conf' ? unreadable() : env.readText(f)) });
  const found = report.lines.find((l) => l.id === 'printSpool');
  if (!found) throw new Error(`no spool line\n${cups.errorLog()}`);
  return found;
}

const jobNumber = (jobId: string) => jobId.split('-').at(-1)!;
const spoolNumber = (jobId: string) => jobNumber(jobId).padStart(5, '0');
/** The job's document in the spool, as cupsd names it. */
const spoolFile = (jobId: string) => `d${spoolNumber(jobId)}-001`;

describe.skipIf(why !== null)('CUPS, a real scheduler', () => {
  const saved = process.env.CUPS_SERVER;
  let cups: PrivateCups;
  let document: Buffer;
  let printer: CupsPhotoPrinter;
  const job = (title: string): PrintJob => ({ document, mime: 'application/pdf', media: 'L', title });
  // A test that fails while the printer reports a problem must not hold up the next one.
  afterEach(() => rmSync(path.join(cups.out, 'state'), { force: true }));

  /**
   * A sheet the printer holds up (`reason`, as staff are told `problem`), purged while held: the
   * purge answers `expected`, and the sheet never prints once the printer is put right.
   */
  async function purgedWhileHeld(reason: string, problem: JobState['problem'], title: string, expected: SpoolPurge): Promise<string> {
    writeFileSync(path.join(cups.out, 'state'), reason);
    const { jobId } = await printer.print(job(title));
    await until(printer, jobId, (s) => s.problem === problem, cups);
    expect(await printer.purge([jobId])).toEqual(expected);
    rmSync(path.join(cups.out, 'state'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(existsSync(path.join(cups.out, `job-${jobNumber(jobId)}.out`))).toBe(false);
    return jobId;
  }

  /** A scheduler of its own for the tests of one block, the CUPS tools pointed at it meanwhile. */
  function onScheduler(): void {
    beforeAll(async () => {
      cups = await startCups();
      process.env.CUPS_SERVER = cups.server;
      document ??= await sheet();
      printer = new CupsPhotoPrinter(exec, 'DS-RX1', { L: 'w252h360' });
    }, 30_000);
    afterAll(async () => {
      if (saved === undefined) delete process.env.CUPS_SERVER;
      else process.env.CUPS_SERVER = saved;
      await cups?.stop();
    });
  }

  describe('with CUPS’s own defaults (job files and history kept)', () => {
    onScheduler();

    it('finds the queue and its booth paper sizes through lpstat and lpoptions', async () => {
      const probe = await probeHardware(exec, defaultSettings, 'linux');
      expect(probe.cups).toMatchObject({ ok: true, defaultQueue: null, queues: [{ name: 'DS-RX1', enabled: true, idle: true }] });
      expect(probe.photoQueue).toMatchObject({ queue: 'DS-RX1', enabled: true, media: { L: 'w252h360', KG: 'w288h432', '2L': 'w360h504' }, dpi: 300 });
      printer = new CupsPhotoPrinter(exec, 'DS-RX1', probe.photoQueue!.media);
    });

    it('prints the sheet at 100 % on L paper under a neutral title, and follows it to done', async () => {
      const { jobId } = await printer.print(job('madoguchi sheet 1'));
      expect(jobId).toMatch(/^DS-RX1-\d+$/);
      await until(printer, jobId, (s) => s.state === 'done', cups);
      const n = jobNumber(jobId);
      // The printer got the PDF as it was sent: no filter touched it.
      expect(readFileSync(path.join(cups.out, `job-${n}.out`)).equals(document)).toBe(true);
      expect(readFileSync(path.join(cups.out, `job-${n}.title`), 'utf8')).toBe('madoguchi sheet 1');
      const options = readFileSync(path.join(cups.out, `job-${n}.options`), 'utf8');
      expect(options).toMatch(/(?:^| )(?:media|PageSize)=w252h360(?: |$)/);
      expect(options).toContain('print-scaling=none');
    });

    it('tells staff the printer is out of paper, out of ribbon or offline, and the sheet comes out once it is put right', async () => {
      writeFileSync(path.join(cups.out, 'state'), 'media-empty-error');
      const { jobId } = await printer.print(job('madoguchi sheet 2'));
      const held = await until(printer, jobId, (s) => s.state === 'error', cups);
      expect(held.problem).toEqual(PRINTER_PROBLEM.paperOut);
      writeFileSync(path.join(cups.out, 'state'), 'marker-supply-empty-error');
      expect((await until(printer, jobId, (s) => s.problem === PRINTER_PROBLEM.ribbon, cups)).state).toBe('error');
      // Unplugged or switched off, as a USB backend reports it.
      writeFileSync(path.join(cups.out, 'state'), 'offline-report');
      expect((await until(printer, jobId, (s) => s.problem === PRINTER_PROBLEM.offline, cups)).state).toBe('error');
      rmSync(path.join(cups.out, 'state'));
      expect(await until(printer, jobId, (s) => s.state === 'done', cups)).toEqual({ state: 'done', problem: null });
      expect(existsSync(path.join(cups.out, `job-${jobNumber(jobId)}.out`))).toBe(true);
    });

    it('cancels a queued job so it never prints; CUPS keeps its file, and the purge says kept', async () => {
      // A stopped printer (the lead paused it) queues jobs without starting them.
      const admin = { ...process.env, ...cups.adminEnv };
      const stop = await exec('cupsdisable', ['DS-RX1'], { timeoutMs: 10000, env: admin });
      expect(stop.code, stop.stderr).toBe(0);
      let jobId = '';
      try {
        ({ jobId } = await printer.print(job('madoguchi sheet 3')));
        const paused = await until(printer, jobId, (s) => s.state === 'error', cups);
        expect(paused.problem).toEqual(PRINTER_PROBLEM.paused);
        expect(cups.spooled()).toContain(spoolFile(jobId));
        expect(await printer.purge([jobId])).toEqual({ gone: 0, kept: 1 });
      } finally {
        await exec('cupsenable', ['DS-RX1'], { timeoutMs: 10000, env: admin });
      }
      expect(await printer.jobState(jobId)).toEqual({ state: 'done', problem: null });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(existsSync(path.join(cups.out, `job-${jobNumber(jobId)}.out`))).toBe(false);
      expect(cups.spooled()).toContain(spoolFile(jobId));
    });

    it('cancels a sheet the printer is holding, so it never prints; CUPS keeps its file, and the purge says kept', async () => {
      const jobId = await purgedWhileHeld('media-jam-error', PRINTER_PROBLEM.jam, 'madoguchi sheet 4', { gone: 0, kept: 1 });
      expect(cups.spooled()).toContain(spoolFile(jobId));
    }, 30_000);

    it('asks the scheduler whether it keeps ended jobs where cupsd.conf cannot be read, printing nothing', async () => {
      const printedBefore = printedFiles(cups);
      expect(await printer.keepsEndedJobs()).toBe(true);
      expect(await cupsSpoolKeeps(unreadable, printer)).toEqual(SPOOL_FIX);
      expect(await spoolLine(cups)).toMatchObject({ status: 'fail', detail: { ja: expect.stringContaining('CUPSに確かめました') } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(printedFiles(cups)).toEqual(printedBefore);
    }, 30_000);

    it('answers a printed sheet CUPS keeps as kept: its owner cannot purge it', async () => {
      const { jobId } = await printer.print(job('madoguchi sheet 5'));
      await until(printer, jobId, (s) => s.state === 'done', cups);
      expect(cups.spooled()).toContain(spoolFile(jobId));
      expect(await printer.purge([jobId])).toEqual({ gone: 0, kept: 1 });
      expect(cups.spooled()).toContain(spoolFile(jobId));
      // Which is what doctor reads from a cupsd.conf without the directives.
      expect(spoolKeeps('').keeps).toEqual(expect.arrayContaining(['PreserveJobFiles', 'PreserveJobHistory']));
    }, 30_000);

    it('is emptied by the administrator’s command the end-of-event certificate gives (sudo cancel -a -x)', async () => {
      expect(cups.spooled().length).toBeGreaterThan(0);
      const purged = await exec('cancel', ['-a', '-x'], { timeoutMs: 10000, env: { ...process.env, ...cups.adminEnv } });
      expect(purged.code, purged.stderr).toBe(0);
      expect(await settled(() => cups.spooled())).toEqual([]);
    });
  });

  describe('after doctor’s fix (cupsctl PreserveJobFiles=No PreserveJobHistory=No)', () => {
    onScheduler();

    it('leaves nothing of a printed sheet in the spool, and the purge finds nothing kept', async () => {
      // The command doctor gives the lead, as the lead would run it (here against this scheduler).
      const fixed = await exec('cupsctl', ['PreserveJobFiles=No', 'PreserveJobHistory=No'], { timeoutMs: 10000, env: { ...process.env, ...cups.adminEnv } });
      expect(fixed.code, fixed.stderr).toBe(0);
      let running = false;
      for (let i = 0; i < 100 && !running; i += 1) {
        const r = await exec('lpstat', ['-r'], { timeoutMs: 2000 });
        running = /scheduler is running/.test(r.stdout.toString('utf8'));
        if (!running) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const { jobId } = await printer.print(job('madoguchi sheet 5'));
      await until(printer, jobId, (s) => s.state === 'done', cups);
      expect(existsSync(path.join(cups.out, `job-${jobNumber(jobId)}.out`))).toBe(true);
      expect(await settled(() => cups.spooled())).toEqual([]);
      expect(await printer.purge([jobId])).toEqual({ gone: 1, kept: 0 });
      // Asked, the scheduler now says it keeps nothing: printing need not wait on the lead, and doctor is content.
      expect(await printer.keepsEndedJobs()).toBe(false);
      expect(await cupsSpoolKeeps(unreadable, printer)).toBeNull();
      expect(await spoolLine(cups)).toMatchObject({ status: 'ok' });
      expect(await settled(() => cups.spooled())).toEqual([]);
    }, 30_000);

    it('leaves nothing of a sheet the printer was holding once it is purged', async () => {
      await purgedWhileHeld('media-empty-error', PRINTER_PROBLEM.paperOut, 'madoguchi sheet 6', { gone: 1, kept: 0 });
      expect(await settled(() => cups.spooled())).toEqual([]);
    }, 30_000);
  });
});
