import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CupsPhotoPrinter, parseLpstatDefault, parseLpstatQueues, parsePageSizes, parseResolution, printerProblem } from '../../../src/main/devices/photo-printer/cups.js';
import { PURGE_FAILED } from '../../../src/main/devices/photo-printer/photo-printer.js';
import { SimulatedPhotoPrinter } from '../../../src/main/devices/photo-printer/simulated-photo-printer.js';
import { SimulatedTicketPrinter } from '../../../src/main/devices/ticket-printer/simulated-ticket-printer.js';
import { findUsblpPrinters, parseIeee1284, UsblpTicketPrinter } from '../../../src/main/devices/ticket-printer/usblp.js';
import { appMode, chooseDevices, type HardwareProbe } from '../../../src/main/devices/devices.js';
import { testTicket } from '../../../src/main/app.js';
import { dataPaths } from '../../../src/main/paths.js';
import { defaultSettings } from '../../../src/main/settings/settings.js';
import { exec, type Exec } from '../../../src/main/system/exec.js';
import { AppError } from '../../../src/shared/errors.js';
import { demoPhotos, repoRoot, tempDir } from '../../support/test-app.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('CUPS', () => {
  it('parses queues, the default queue and paper sizes', () => {
    expect(parseLpstatQueues('printer DS-RX1 is idle.  enabled since Mon 23 Nov 2026\nprinter Office disabled since Mon 23 Nov 2026 -\n\treason unknown\n')).toEqual([
      { name: 'DS-RX1', enabled: true, idle: true },
      { name: 'Office', enabled: false, idle: false },
    ]);
    expect(parseLpstatDefault('system default destination: DS-RX1\n')).toBe('DS-RX1');
    expect(parseLpstatDefault('no system default destination\n')).toBeNull();
    const sizes = parsePageSizes('PageSize/Media Size: *w288h432 w252h360 2L A4 Letter\nResolution/Resolution: *300dpi\n');
    expect(sizes.media).toEqual({ KG: 'w288h432', L: 'w252h360', '2L': '2L' });
    expect(parsePageSizes('PageSize/Media Size: *A4 Letter\n').media).toEqual({});
  });

  it('reads the driver’s default resolution where it is square and believable', () => {
    // As Gutenprint's DNP and Canon drivers, an Epson inkjet's, and a driverless queue's name them.
    expect(parseResolution('PageSize/Media Size: *w252h360\nResolution/Resolution: *300x300dpi 300x600dpi\n')).toBe(300);
    expect(parseResolution('Resolution/Output Resolution: 360dpi *720dpi 1440x720dpi\n')).toBe(720);
    expect(parseResolution('Resolution/Resolution: *600dpi\n')).toBe(600);
    // Not square, no default, none at all, or beyond any photo printer: left to the settings.
    expect(parseResolution('Resolution/Resolution: *300x600dpi 300x300dpi\n')).toBeNull();
    expect(parseResolution('Resolution/Resolution: 300dpi 600dpi\n')).toBeNull();
    expect(parseResolution('PageSize/Media Size: *w252h360\n')).toBeNull();
    expect(parseResolution('Resolution/Resolution: *72dpi\n')).toBeNull();
    expect(parseResolution('cupsPrintQuality/Print Quality: Draft *Normal High\n')).toBeNull();
  });

  describe('printing through lp', () => {
    let dir: string;
    beforeEach(() => {
      dir = tempDir();
      process.env.PATH = `${path.join(repoRoot, 'tests', 'support', 'fake-bin')}:${saved.PATH}`;
      process.env.FAKE_LP_DIR = dir;
    });

    it('sends the sheet on stdin at 100 % with the queue’s own paper name', async () => {
      const printer = new CupsPhotoPrinter(exec, 'DS-RX1', { L: 'w252h360' });
      const doc = Buffer.from('%PNG-fake-sheet');
      expect(await printer.print({ document: doc, mime: 'image/png', media: 'L', title: 'madoguchi sheet 1' })).toEqual({ jobId: 'DS-RX1-42' });
      expect(readFileSync(path.join(dir, 'args'), 'utf8').trim()).toBe(
        '-d DS-RX1 -t madoguchi sheet 1 -o media=w252h360 -o print-scaling=none -o fit-to-page=false -',
      );
      expect(readFileSync(path.join(dir, 'stdin')).equals(doc)).toBe(true);
    });

    it('refuses a paper size the queue lacks, and reports a failed lp clearly', async () => {
      const printer = new CupsPhotoPrinter(exec, 'DS-RX1', { L: 'w252h360' });
      await expect(printer.print({ document: Buffer.from('x'), mime: 'image/png', media: 'KG', title: 't' })).rejects.toBeInstanceOf(AppError);
      process.env.FAKE_LP_FAIL = '1';
      const err = (await printer.print({ document: Buffer.from('x'), mime: 'image/png', media: 'L', title: 't' }).catch((e: unknown) => e)) as AppError;
      expect(err.body.message.ja).toContain('印刷');
    });
  });
});

describe('usblp ticket printers', () => {
  it('reads IEEE 1284 IDs and picks only receipt printers', async () => {
    const sys = tempDir();
    const add = (name: string, id: string) => {
      mkdirSync(path.join(sys, name, 'device'), { recursive: true });
      writeFileSync(path.join(sys, name, 'device', 'ieee1284_id'), id);
    };
    add('lp0', 'MFG:Canon;CMD:BJL,BJRaster3;MDL:SELPHY CP1500;CLS:PRINTER;');
    add('lp1', 'MFG:EPSON;CMD:ESC/POS;MDL:TM-T88VI;CLS:PRINTER;');
    const found = await findUsblpPrinters(sys, '/dev/usb');
    expect(found).toEqual([
      { device: '/dev/usb/lp0', model: 'Canon SELPHY CP1500', escpos: false },
      { device: '/dev/usb/lp1', model: 'EPSON TM-T88VI', escpos: true },
    ]);
    expect(parseIeee1284('MANUFACTURER:Star;COMMAND SET:STAR;MODEL:TSP143;')).toEqual({ mfg: 'Star', mdl: 'TSP143', cmd: 'STAR' });
    expect(await findUsblpPrinters(path.join(sys, 'missing'))).toEqual([]);
  });

  it('writes the bytes to the device', async () => {
    const dev = path.join(tempDir(), 'lp0');
    writeFileSync(dev, '');
    const bytes = testTicket(new Date());
    expect(await new UsblpTicketPrinter(dev, 'EPSON TM-T88VI').print(bytes)).toEqual({ preview: null });
    expect(readFileSync(dev).equals(Buffer.from(bytes))).toBe(true);
  });

  it('reports a missing device clearly', async () => {
    const err = (await new UsblpTicketPrinter('/nonexistent/lp9', 'x').print(new Uint8Array([1])).catch((e: unknown) => e)) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.body.message.ja).toContain('整理券プリンター');
  });
});

describe('simulated printers', () => {
  it('write what they print to the folder they show', async () => {
    const dir = tempDir();
    const photo = new SimulatedPhotoPrinter(path.join(dir, 'sheets'));
    await photo.print({ document: Buffer.from('png'), mime: 'image/png', media: 'L', title: 't' });
    expect(readdirSync(path.join(dir, 'sheets'))).toHaveLength(1);
    expect(photo.status()).toMatchObject({ simulated: true, outputDir: path.join(dir, 'sheets') });
    const ticket = new SimulatedTicketPrinter(path.join(dir, 'tickets'));
    const { preview } = await ticket.print(testTicket(new Date()));
    expect(preview).toContain('テスト印刷');
    const [file] = readdirSync(path.join(dir, 'tickets'));
    expect(readFileSync(path.join(dir, 'tickets', file!), 'utf8')).toContain('テスト印刷');
  });
});

describe('choosing devices', () => {
  const paths = dataPaths(tempDir());
  const base = { settings: defaultSettings, paths, exec, bundledDemoPhotos: demoPhotos };
  const probe: HardwareProbe = {
    camera: { found: true, cameras: [{ model: 'Canon EOS Kiss X10', port: 'usb:001,006' }] },
    cups: { ok: true, defaultQueue: 'DS-RX1', queues: [{ name: 'DS-RX1', enabled: true, idle: true }] },
    photoQueue: { queue: 'DS-RX1', enabled: true, choices: ['w252h360'], media: { L: 'w252h360' }, dpi: 600 },
    usblp: [{ device: '/dev/usb/lp1', model: 'EPSON TM-T88VI', escpos: true }],
  };

  it('uses real hardware where it was found', () => {
    const d = chooseDevices(probe, { ...base, demo: false });
    expect([d.camera.simulated, d.photoPrinter.simulated, d.ticketPrinter.simulated]).toEqual([false, false, false]);
    expect(appMode(d)).toBe('hardware');
    expect(d.photoPrinter.nativeDpi).toBe(600);
  });

  it('falls back per port and says the mode is mixed', () => {
    const d = chooseDevices({ ...probe, usblp: [], photoQueue: null }, { ...base, demo: false });
    expect([d.camera.simulated, d.photoPrinter.simulated, d.ticketPrinter.simulated]).toEqual([false, true, true]);
    expect(appMode(d)).toBe('mixed');
  });

  it('uses only simulators in demo mode', () => {
    const d = chooseDevices(probe, { ...base, demo: true });
    expect(appMode(d)).toBe('demo');
  });

  it('refuses an empty demo-photo folder with a clear message', () => {
    expect(() => chooseDevices(null, { ...base, demo: true, settings: { ...defaultSettings, demoPhotosDir: tempDir() } })).toThrow(AppError);
  });
});

describe('CUPS job state', () => {
  // As the real lpstat: options are read in order, and the reasons show only with -l before -p.
  const long = (args: readonly string[]) => args.includes('-l') && args.indexOf('-l') < args.indexOf('-p');
  const run = (jobs: string, printer: string): Exec => (_cmd, args) =>
    Promise.resolve({ code: 0, stdout: Buffer.from(args.includes('-o') ? jobs : long(args) ? printer : printer.split('\n')[0]!), stderr: '', timedOut: false, notFound: false });

  it('follows a job from queued to printing to done', async () => {
    const queued = new CupsPhotoPrinter(run('DS-RX1-42 booth 1024 Tue 24 Nov 2026\n', 'printer DS-RX1 is idle.  enabled since Tue\n'), 'DS-RX1', { L: 'L' });
    expect(await queued.jobState('DS-RX1-42')).toEqual({ state: 'queued', problem: null });
    const printing = new CupsPhotoPrinter(run('DS-RX1-42 booth 1024 Tue\n', 'printer DS-RX1 now printing DS-RX1-42.  enabled since Tue\n'), 'DS-RX1', { L: 'L' });
    expect((await printing.jobState('DS-RX1-42')).state).toBe('printing');
    const done = new CupsPhotoPrinter(run('', 'printer DS-RX1 is idle.\n'), 'DS-RX1', { L: 'L' });
    expect(await done.jobState('DS-RX1-42')).toEqual({ state: 'done', problem: null });
  });

  it('says what holds a job up: paper, ribbon, offline', async () => {
    for (const [alert, word] of [
      ['Alerts: media-empty-error', '用紙'],
      ['Alerts: marker-supply-empty-error', 'リボン'],
      ['printer DS-RX1 is idle. Waiting for printer to become available.', '接続'],
      ['Alerts: media-jam-error', '詰まって'],
    ] as const) {
      const p = new CupsPhotoPrinter(run('DS-RX1-42 booth 1024 Tue\n', `printer DS-RX1 now printing DS-RX1-42.\n\t${alert}\n`), 'DS-RX1', { L: 'L' });
      const st = await p.jobState('DS-RX1-42');
      expect(st.state, alert).toBe('error');
      expect(st.problem?.ja, alert).toContain(word);
    }
    expect(printerProblem('printer X is idle.  enabled since Tue')).toBeNull();
  });

  it('says the print system is silent when lpstat fails, never that the job is done', async () => {
    const down: Exec = () => Promise.resolve({ code: 1, stdout: Buffer.alloc(0), stderr: 'lpstat: Scheduler is not running.', timedOut: false, notFound: false });
    expect((await new CupsPhotoPrinter(down, 'DS-RX1', { L: 'L' }).jobState('DS-RX1-42')).state).toBe('error');
  });
});

describe('CUPS purge', () => {
  /**
   * cancel and lpstat as CUPS 2.4 answers them: a queued or held job is cancelled and then kept
   * among the ended jobs (CUPS's defaults) or dropped (`keepsNothing`: PreserveJobHistory No); a
   * finished one is refused.
   */
  function cups(o: { queued?: string[]; held?: string[]; history?: string[]; refuse?: string; keepsNothing?: boolean }): { exec: Exec; calls: string[][] } {
    const queued = new Set(o.queued ?? []);
    const held = new Set(o.held ?? []);
    const history = new Set(o.history ?? []);
    const calls: string[][] = [];
    const exec: Exec = (cmd, args) => {
      calls.push([cmd, ...args]);
      const answer = (code: number, stdout: string, stderr = '') => Promise.resolve({ code, stdout: Buffer.from(stdout), stderr, timedOut: false, notFound: false });
      const lines = (ids: Iterable<string>) => [...ids].map((id) => `${id}  booth  1024  Tue 24 Nov 2026\n`).join('');
      if (cmd === 'lpstat') return answer(0, args.includes('-W') ? lines(history) : lines([...queued, ...held]));
      const id = args[1]!;
      const n = id.split('-').at(-1);
      if (o.refuse) return answer(1, '', o.refuse);
      if (queued.delete(id) || held.delete(id)) {
        if (!o.keepsNothing) history.add(id);
        return answer(0, '');
      }
      if (history.has(id)) return answer(1, '', `cancel: cancel-job failed: Job #${n} is already completed - can't cancel.`);
      return answer(1, '', `cancel: cancel-job failed: Job #${n} does not exist.`);
    };
    return { exec, calls };
  }

  it('cancels what has not printed, and answers each job CUPS keeps as kept, one it dropped as gone', async () => {
    const { exec, calls } = cups({ queued: ['DS-RX1-6'], held: ['DS-RX1-7'], history: ['DS-RX1-8'] });
    const printer = new CupsPhotoPrinter(exec, 'DS-RX1', { L: 'L' });
    expect(await printer.purge(['DS-RX1-6', 'DS-RX1-7', 'DS-RX1-8', 'DS-RX1-9', 'DS-RX1-9', 'not a job'])).toEqual({ gone: 1, kept: 3 });
    expect(calls).toEqual([
      ['cancel', '-x', 'DS-RX1-6'],
      ['cancel', '-x', 'DS-RX1-7'],
      ['cancel', '-x', 'DS-RX1-8'],
      ['cancel', '-x', 'DS-RX1-9'],
      ['lpstat', '-o', 'DS-RX1'],
      ['lpstat', '-W', 'completed', '-o', 'DS-RX1'],
    ]);
    const clean = cups({ queued: ['DS-RX1-6'], held: ['DS-RX1-7'], keepsNothing: true });
    expect(await new CupsPhotoPrinter(clean.exec, 'DS-RX1', { L: 'L' }).purge(['DS-RX1-6', 'DS-RX1-7'])).toEqual({ gone: 2, kept: 0 });
    expect(await printer.purge([])).toEqual({ gone: 0, kept: 0 });
  });

  it('fails clearly when CUPS refuses the purge itself', async () => {
    const { exec } = cups({ queued: ['DS-RX1-7'], refuse: 'cancel: cancel-job failed: Forbidden' });
    await expect(new CupsPhotoPrinter(exec, 'DS-RX1', { L: 'L' }).purge(['DS-RX1-7'])).rejects.toMatchObject({ body: { message: PURGE_FAILED } });
  });
});

