// The Windows print spooler adapter, against a stand-in for powershell.exe: the scripts it sends
// (decoded from -EncodedCommand), the values it passes through the environment (never in the
// script), the sheet on stdin, and how it reads what the spooler answers. Windows itself is not
// here to run them; these pin down everything on our side of that boundary.
import { describe, expect, it } from 'vitest';
import { chooseDevices, probeHardware } from '../../../src/main/devices/devices.js';
import { PRINT_NOT_STARTED, PRINTER_PROBLEM } from '../../../src/main/devices/photo-printer/photo-printer.js';
import { AppError } from '../../../src/shared/errors.js';
import {
  KEEPS_SCRIPT,
  PRINT_SCRIPT,
  PROBE_SCRIPT,
  PURGE_SCRIPT,
  STATE_SCRIPT,
  WindowsSpoolerPhotoPrinter,
  parseWindowsPrinters,
  probeWindowsPrinters,
  spoolerProblem,
  windowsMedia,
} from '../../../src/main/devices/photo-printer/windows-spooler.js';
import { TICKET_PRINTER_UNREACHABLE } from '../../../src/main/devices/ticket-printer/ticket-printer.js';
import { RAW_SCRIPT, WindowsRawTicketPrinter, looksLikeWindowsReceiptPrinter } from '../../../src/main/devices/ticket-printer/windows-raw.js';
import { runDoctor, type DoctorEnv } from '../../../src/main/doctor/doctor.js';
import { dataPaths } from '../../../src/main/paths.js';
import { defaultSettings } from '../../../src/main/settings/settings.js';
import type { Exec, ExecOptions, ExecResult } from '../../../src/main/system/exec.js';
import { demoPhotos, tempDir } from '../../support/test-app.js';

const SCRIPTS = { probe: PROBE_SCRIPT, print: PRINT_SCRIPT, state: STATE_SCRIPT, purge: PURGE_SCRIPT, keeps: KEEPS_SCRIPT, raw: RAW_SCRIPT } as const;
type ScriptName = keyof typeof SCRIPTS;

interface Call {
  script: ScriptName;
  env: Record<string, string>;
  input: Buffer | null;
  args: readonly string[];
}

const ok = (stdout: string, code = 0): ExecResult => ({ code, stdout: Buffer.from(stdout, 'utf8'), stderr: code === 0 ? '' : 'Exception calling "Print"', timedOut: false, notFound: false });

/** powershell.exe as far as the adapter can see it: answers per script, records each call. */
function fakePowershell(answer: (script: ScriptName, env: Record<string, string>) => ExecResult): { exec: Exec; calls: Call[] } {
  const calls: Call[] = [];
  const exec: Exec = (cmd: string, args: readonly string[], o: ExecOptions) => {
    // Anything else (gphoto2 for the camera) is not installed here.
    if (cmd !== 'powershell.exe') return Promise.resolve({ code: null, stdout: Buffer.alloc(0), stderr: '', timedOut: false, notFound: true });
    expect(args.slice(0, -1)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    const text = Buffer.from(args.at(-1) ?? '', 'base64').toString('utf16le');
    const script = (Object.keys(SCRIPTS) as ScriptName[]).find((k) => SCRIPTS[k] === text);
    if (!script) throw new Error(`unknown script: ${text.slice(0, 80)}`);
    const env = Object.fromEntries(Object.entries(o.env ?? {}).filter(([k]) => k.startsWith('MADOGUCHI_'))) as Record<string, string>;
    calls.push({ script, env, input: o.input ? Buffer.from(o.input) : null, args });
    return Promise.resolve(answer(script, env));
  };
  return { exec, calls };
}

// Sizes in hundredths of an inch, as .NET's PaperSize gives them (a Canon SELPHY's driver).
const SELPHY = {
  name: 'Canon SELPHY CP1500 写真',
  driver: 'Canon SELPHY CP1500',
  isDefault: true,
  offline: false,
  keepPrintedJobs: false,
  dpi: 300,
  papers: [
    { name: 'ポストカード 100x148mm', w: 394, h: 583 },
    { name: 'L判 89x127mm', w: 350, h: 500 },
    { name: 'KGサイズ 4x6', w: 400, h: 600 },
    { name: 'A4', w: 827, h: 1169 },
  ],
};

describe('Windows print spooler', () => {
  it('finds the printers, their booth sheets by size whatever the driver calls them, and who keeps documents', async () => {
    const office = { name: 'Office', isDefault: false, offline: true, keepPrintedJobs: true, papers: { name: 'A4', w: 827, h: 1169 } };
    const { exec, calls } = fakePowershell(() => ok(JSON.stringify([SELPHY, office])));
    const probe = await probeWindowsPrinters(exec);
    expect(calls[0]).toMatchObject({ script: 'probe', env: {}, input: null });
    expect(probe.ok && probe.printers.map((p) => [p.name, p.isDefault, p.offline, p.keepPrintedJobs, p.papers.length, p.dpi])).toEqual([
      ['Canon SELPHY CP1500 写真', true, false, false, 4, 300],
      // A resolution of kind High or Draft gives no figure: none.
      ['Office', false, true, true, 1, null],
    ]);
    // A figure no photo printer has is not believed.
    expect(parseWindowsPrinters(JSON.stringify({ ...SELPHY, dpi: -3 }))[0]?.dpi).toBeNull();
    expect(windowsMedia(SELPHY.papers)).toEqual({ L: 'L判 89x127mm', KG: 'KGサイズ 4x6' });
    // Landscape sizes count too; a size 2 mm off does not.
    expect(windowsMedia([{ name: '2L横', w: 700, h: 500 }, { name: 'almost L', w: 358, h: 500 }])).toEqual({ '2L': '2L横' });
    // One printer: PowerShell writes an object, not a list.
    expect(parseWindowsPrinters(JSON.stringify(SELPHY)).map((p) => p.name)).toEqual([SELPHY.name]);
    expect(parseWindowsPrinters('null')).toEqual([]);
  });

  it('says so when PowerShell or the spooler cannot answer', async () => {
    const gone: Exec = () => Promise.resolve({ code: null, stdout: Buffer.alloc(0), stderr: '', timedOut: false, notFound: true });
    expect(await probeWindowsPrinters(gone)).toMatchObject({ ok: false, reason: 'not_installed' });
    const { exec } = fakePowershell(() => ({ ...ok('', 1), stderr: 'Get-CimInstance : The RPC server is unavailable.\nmore' }));
    expect(await probeWindowsPrinters(exec)).toEqual({ ok: false, reason: 'error', detail: 'Get-CimInstance : The RPC server is unavailable.' });
    const bad = fakePowershell(() => ok('not json'));
    expect(await probeWindowsPrinters(bad.exec)).toMatchObject({ ok: false, reason: 'error' });
  });

  it('is what the booth prints through on Windows, and what doctor checks there', async () => {
    const { exec } = fakePowershell((script) => (script === 'probe' ? ok(JSON.stringify([{ ...SELPHY, keepPrintedJobs: true }])) : ok('')));
    const probe = await probeHardware(exec, defaultSettings, 'win32');
    expect(probe).toMatchObject({ spooler: 'windows', cups: { ok: true, defaultQueue: SELPHY.name }, photoQueue: { queue: SELPHY.name, enabled: true, media: { L: 'L判 89x127mm', KG: 'KGサイズ 4x6' }, keepsPrintedJobs: true }, usblp: [] });
    const d = chooseDevices(probe, { demo: false, settings: defaultSettings, paths: dataPaths(tempDir()), exec, bundledDemoPhotos: demoPhotos });
    expect(d.photoPrinter).toBeInstanceOf(WindowsSpoolerPhotoPrinter);
    expect(d.photoPrinter.status()).toMatchObject({ name: SELPHY.name, simulated: false });
    expect(d.photoPrinter.nativeDpi).toBe(300);

    const windowsEnv: DoctorEnv = {
      exec: () => Promise.resolve(ok('')),
      probe: () => Promise.resolve(probe),
      // Calibrated on L (the printer's name is the key, as the app keeps it).
      settings: { ...defaultSettings, printerCalibration: { [SELPHY.name]: { dpi: 300, papers: { L: { scaleX: 1, scaleY: 1, offsetXMm: 0.2, offsetYMm: 0, measuredAt: '2026-11-22T00:00:00.000Z' } } } } },
      dataDir: 'C:\\madoguchi',
      keyStore: () => ({ backend: 'dpapi', secure: true }),
      photoSelfTest: () => Promise.resolve({ faces: 1, located: true, ms: 180 }),
      versions: { ...process.versions, node: '22.23.3' },
      platform: 'win32',
      now: () => new Date('2026-11-23T10:00:00Z'),
      readText: () => Promise.reject(new Error('ENOENT')),
      freeBytes: () => Promise.resolve(50 * 1024 ** 3),
      networkInterfaces: () => ({}),
      diskEncryption: () => Promise.resolve({ encrypted: true, detail: 'BitLocker' }),
    };
    const report = await runDoctor(windowsEnv);
    const by = Object.fromEntries(report.lines.map((l) => [l.id, l]));
    expect(by.photoPrinter).toMatchObject({ status: 'ok', detail: { en: `${SELPHY.name} (L, KG)` } });
    expect(by.printSpool).toMatchObject({ status: 'fail', fix: { ja: expect.stringContaining('印刷後ドキュメントを残す') } });
    // No gphoto2 on Windows: the advice is the webcam, not apt.
    expect(by.camera).toMatchObject({ status: 'fail', fix: { ja: expect.stringContaining('「Webカメラで撮影」で「使う」') } });
    expect(JSON.stringify(by.camera)).not.toContain('apt');
    const withWebcam = await runDoctor({ ...windowsEnv, settings: { ...windowsEnv.settings, webcamFallback: true } });
    expect(withWebcam.lines.find((l) => l.id === 'camera')).toMatchObject({ status: 'ok', detail: { ja: expect.stringContaining('Webカメラ') } });
  });

  it('prints the sheet from stdin at its size in millimetres, every value through the environment', async () => {
    const { exec, calls } = fakePowershell((script) => (script === 'print' ? ok(`job 17\r\n`) : ok(JSON.stringify({ job: null, printer: 'Normal' }))));
    const printer = new WindowsSpoolerPhotoPrinter(exec, "Canon SELPHY 'x'; Remove-Item C:\\", { L: 'L判 89x127mm' });
    const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
    const { jobId } = await printer.print({ document: Buffer.from('%PDF'), mime: 'application/pdf', raster: { png, widthMm: 127, heightMm: 89, landscape: true }, media: 'L', title: 'madoguchi sheet 3' });
    expect(jobId).toBe("Canon SELPHY 'x'; Remove-Item C:\\#17");
    const call = calls[0]!;
    expect(call.input).toEqual(png);
    expect(call.env).toMatchObject({ MADOGUCHI_PRINTER: "Canon SELPHY 'x'; Remove-Item C:\\", MADOGUCHI_PAPER: 'L判 89x127mm', MADOGUCHI_LANDSCAPE: '1', MADOGUCHI_WIDTH_MM: '127', MADOGUCHI_HEIGHT_MM: '89' });
    // A neutral title of our own, unique so the job can be found again.
    expect(call.env.MADOGUCHI_TITLE).toMatch(/^madoguchi sheet 3 [0-9a-f]{8}$/);
    // The printer's name never becomes part of the script.
    expect(Buffer.from(call.args.at(-1)!, 'base64').toString('utf16le')).not.toContain('Remove-Item');
    // Scaling off: the raster is drawn at its size from the paper's corner, margins zero.
    expect(PRINT_SCRIPT).toContain('Margins(0, 0, 0, 0)');
    expect(PRINT_SCRIPT).toContain('GraphicsUnit]::Millimeter');
    expect(PRINT_SCRIPT).toContain('HardMarginX * 0.254');
  });

  it('refuses clearly: a paper size the printer lacks, a job the spooler would not take', async () => {
    const { exec } = fakePowershell(() => ok('', 1));
    const printer = new WindowsSpoolerPhotoPrinter(exec, 'SELPHY', { L: 'L判' });
    const job = { document: Buffer.alloc(1), mime: 'application/pdf' as const, raster: { png: Buffer.alloc(1), widthMm: 89, heightMm: 127, landscape: false }, title: 'madoguchi sheet 1' };
    await expect(printer.print({ ...job, media: '2L' })).rejects.toMatchObject({ body: { code: 'unavailable', message: { ja: 'プリンター SELPHY は 2L 判の用紙に対応していません。' } } });
    await expect(printer.print({ ...job, media: 'L' })).rejects.toMatchObject({ body: { code: 'unavailable', message: PRINT_NOT_STARTED } });
    // Printed so fast it left the queue before it could be named: done.
    const quick = new WindowsSpoolerPhotoPrinter(fakePowershell(() => ok('job gone\n')).exec, 'SELPHY', { L: 'L判' });
    const { jobId } = await quick.print({ ...job, media: 'L' });
    expect(await quick.jobState(jobId)).toEqual({ state: 'done', problem: null });
  });

  it('follows the job: queued, printing, held with the reason in Japanese, done when it leaves or is kept as printed', async () => {
    let answer = { job: 'Spooling' as string | null, printer: 'Normal' };
    const { exec, calls } = fakePowershell(() => ok(JSON.stringify(answer)));
    const printer = new WindowsSpoolerPhotoPrinter(exec, 'SELPHY', { L: 'L判' });
    expect(await printer.jobState('SELPHY#17')).toEqual({ state: 'queued', problem: null });
    expect(calls.at(-1)).toMatchObject({ script: 'state', env: { MADOGUCHI_PRINTER: 'SELPHY', MADOGUCHI_JOB: '17' } });
    answer = { job: 'Printing', printer: 'Printing' };
    expect(await printer.jobState('SELPHY#17')).toEqual({ state: 'printing', problem: null });
    answer = { job: 'Error, Printing, PaperOut', printer: 'PaperOut' };
    expect(await printer.jobState('SELPHY#17')).toEqual({ state: 'error', problem: PRINTER_PROBLEM.paperOut });
    answer = { job: 'Normal', printer: 'Offline' };
    expect(await printer.jobState('SELPHY#17')).toEqual({ state: 'error', problem: PRINTER_PROBLEM.offline });
    answer = { job: 'Printed, Retained', printer: 'Normal' };
    expect(await printer.jobState('SELPHY#17')).toEqual({ state: 'done', problem: null });
    answer = { job: null, printer: 'Normal' };
    expect(await printer.jobState('SELPHY#17')).toEqual({ state: 'done', problem: null });
    // Another printer's job is none of ours.
    const before = calls.length;
    expect(await printer.jobState('Office#3')).toEqual({ state: 'done', problem: null });
    expect(calls).toHaveLength(before);
    const silent = new WindowsSpoolerPhotoPrinter(() => Promise.resolve({ code: null, stdout: Buffer.alloc(0), stderr: '', timedOut: true, notFound: false }), 'SELPHY', {});
    expect(await silent.jobState('SELPHY#17')).toMatchObject({ state: 'error', problem: { ja: '印刷システムが応答しません。責任者に連絡してください。' } });
  });

  it('reads the spooler’s status words as staff need them', () => {
    expect(spoolerProblem('PaperJam')).toBe(PRINTER_PROBLEM.jam);
    expect(spoolerProblem('Error, NoToner')).toBe(PRINTER_PROBLEM.ribbon);
    expect(spoolerProblem('DoorOpen')).toBe(PRINTER_PROBLEM.cover);
    expect(spoolerProblem('Paused')).toBe(PRINTER_PROBLEM.paused);
    expect(spoolerProblem('UserIntervention')).toBe(PRINTER_PROBLEM.error);
    expect(spoolerProblem('TonerLow')).toBeNull();
    expect(spoolerProblem('Normal')).toBeNull();
    expect(spoolerProblem('')).toBeNull();
  });

  it('purges its own jobs, and asks the lead when it cannot tell whether documents are kept', async () => {
    let keeps = 'clean';
    let code = 0;
    let left = 'kept 0';
    const { exec, calls } = fakePowershell((script) => (script === 'keeps' ? ok(keeps, code) : ok(left)));
    const printer = new WindowsSpoolerPhotoPrinter(exec, 'SELPHY', { L: 'L判' });
    expect(await printer.purge(['SELPHY#17', 'SELPHY#done', 'Office#3', 'SELPHY#18', 'SELPHY#18'])).toEqual({ gone: 2, kept: 0 });
    expect(calls.at(-1)).toMatchObject({ script: 'purge', env: { MADOGUCHI_PRINTER: 'SELPHY', MADOGUCHI_JOBS: '17,18' } });
    expect(await printer.purge(['SELPHY#done'])).toEqual({ gone: 0, kept: 0 });
    // A job the spooler would not remove is still listed: kept, not counted as purged.
    left = 'kept 1';
    expect(await printer.purge(['SELPHY#17', 'SELPHY#18'])).toEqual({ gone: 1, kept: 1 });
    // An answer without the count is not taken as done.
    left = 'purged';
    await expect(printer.purge(['SELPHY#17'])).rejects.toThrow(AppError);
    expect(await printer.keepsPrintedJobs()).toBe(false);
    keeps = 'keeps';
    expect(await printer.keepsPrintedJobs()).toBe(true);
    keeps = '';
    code = 1;
    expect(await printer.keepsPrintedJobs()).toBe(true);
  });

  it('sends tickets RAW to a receipt printer installed on Windows, and never photos to it', async () => {
    const tm = { name: 'EPSON TM-T88VI Receipt', driver: 'EPSON TM-T88VI Receipt5', isDefault: true, offline: false, keepPrintedJobs: false, papers: [{ name: 'Roll Paper 80 x 297 mm', w: 315, h: 1169 }] };
    let sent = 'sent';
    const { exec, calls } = fakePowershell((script) => (script === 'probe' ? ok(JSON.stringify([tm, { ...SELPHY, isDefault: false }])) : ok(sent, sent === 'sent' ? 0 : 5)));
    const probe = await probeHardware(exec, defaultSettings, 'win32');
    // The receipt printer is the default, but photos go to the photo printer.
    expect(probe.photoQueue?.queue).toBe(SELPHY.name);
    expect(probe.usblp).toEqual([{ device: tm.name, model: tm.driver, escpos: true }]);
    const d = chooseDevices(probe, { demo: false, settings: defaultSettings, paths: dataPaths(tempDir()), exec, bundledDemoPhotos: demoPhotos });
    expect(d.ticketPrinter).toBeInstanceOf(WindowsRawTicketPrinter);
    expect(d.ticketPrinter.status().name).toBe('EPSON TM-T88VI Receipt (EPSON TM-T88VI Receipt5)');

    const bytes = new Uint8Array([0x1b, 0x40, 0x41, 0x0a, 0x1d, 0x56, 0x00]);
    expect(await d.ticketPrinter.print(bytes)).toEqual({ preview: null });
    expect(calls.at(-1)).toMatchObject({ script: 'raw', env: { MADOGUCHI_PRINTER: tm.name }, input: Buffer.from(bytes) });
    expect(RAW_SCRIPT).toContain('info.pDataType = "RAW"');
    sent = '';
    await expect(d.ticketPrinter.print(bytes)).rejects.toMatchObject({ body: { code: 'unavailable', message: TICKET_PRINTER_UNREACHABLE } });
  });

  it('knows a receipt printer by its name or driver', () => {
    expect(looksLikeWindowsReceiptPrinter('EPSON TM-m30II', '')).toBe(true);
    expect(looksLikeWindowsReceiptPrinter('受付レシート', 'Generic / Text Only')).toBe(true);
    expect(looksLikeWindowsReceiptPrinter('Star TSP143IIIU', 'Star TSP100 Cutter (TSP143)')).toBe(true);
    expect(looksLikeWindowsReceiptPrinter('Canon SELPHY CP1500', 'Canon SELPHY CP1500')).toBe(false);
    expect(looksLikeWindowsReceiptPrinter('Microsoft Print to PDF', 'Microsoft Print To PDF')).toBe(false);
  });
});
