// A photo printer that goes wrong, through the contract: out of paper is said plainly, a second
// print waits for the first, printing again after a stuck job purges that job first (the sheet
// never prints twice), a printer that will not take the job is a clear message, and nothing
// stays in the spool.
import { describe, expect, it } from 'vitest';
import type { JobState, PhotoPrinter, PrintJob } from '../../../src/main/devices/photo-printer/photo-printer.js';
import sharp from 'sharp';
import type { PrinterCalibrationState, PrintStatus } from '../../../src/shared/contract.js';
import { defaultSettings, type Settings } from '../../../src/main/settings/settings.js';
import { text } from '../../../src/shared/text.js';
import { readyApp } from '../../support/test-app.js';

const ctx = { window: 'console' as const };

/** A print system whose jobs do what the test says; it records what it was given. */
class FaultyPrinter implements PhotoPrinter {
  readonly simulated = false;
  constructor(readonly nativeDpi: number | null = null) {}
  printed: PrintJob[] = [];
  purged: string[] = [];
  states = new Map<string, JobState>();
  refuse = false;
  next: JobState = { state: 'queued', problem: null };
  status() {
    return { kind: 'photoPrinter' as const, simulated: false, name: 'FAULTY', state: 'ready' as const, outputDir: null };
  }
  print(job: PrintJob) {
    if (this.refuse) return Promise.reject(new Error('lp: Unable to connect to the printer'));
    this.printed.push(job);
    const jobId = `FAULTY-${this.printed.length}`;
    this.states.set(jobId, this.next);
    return Promise.resolve({ jobId });
  }
  purge(ids: readonly string[]) {
    this.purged.push(...ids);
    for (const id of ids) this.states.delete(id);
    return Promise.resolve({ gone: ids.length, kept: 0 });
  }
  jobState(jobId: string) {
    return Promise.resolve(this.states.get(jobId) ?? { state: 'done' as const, problem: null });
  }
}

/** Takes the job only when the test says. */
class SlowPrinter extends FaultyPrinter {
  open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  private handed!: () => void;
  /** Settles once a job is being handed over. */
  readonly asked = new Promise<void>((resolve) => (this.handed = resolve));
  override async print(job: PrintJob) {
    this.handed();
    await this.gate;
    return super.print(job);
  }
}

async function must<T>(app: Awaited<ReturnType<typeof readyApp>>['app'], method: string, payload: unknown): Promise<T> {
  const r = await app.dispatch(method, payload, ctx);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message.ja}`);
  return r.result as T;
}

async function settle(app: Awaited<ReturnType<typeof readyApp>>['app'], until: (p: PrintStatus | null) => boolean): Promise<PrintStatus | null> {
  for (let i = 0; i < 100; i++) {
    const p = await must<PrintStatus | null>(app, 'photo.printStatus', {});
    if (until(p)) return p;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('print state did not settle');
}

describe('photo printer faults', () => {
  it('prints the sheet once when two presses arrive together (the station and the console), and the calibration sheet too', async () => {
    const printer = new FaultyPrinter();
    const { app } = await readyApp({ photoPrinter: printer });
    await must(app, 'visit.start', {});
    await must(app, 'photo.capture', {});
    printer.next = { state: 'done', problem: null };
    // Both are sent before the print system has answered either.
    const both = await Promise.all([app.dispatch('photo.print', { override: true, spoolConfirmed: true }, ctx), app.dispatch('photo.print', { override: true, spoolConfirmed: true }, ctx)]);
    expect(both.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(both.find((r) => !r.ok)).toMatchObject({ error: { code: 'conflict', message: { ja: '前の印刷が終わっていません。' } } });
    expect(printer.printed).toHaveLength(1);
    await settle(app, (p) => p?.state === 'done');
    await must(app, 'visit.end', {});
    const calibration = await Promise.all([app.dispatch('printer.printCalibrationSheet', {}, ctx), app.dispatch('printer.printCalibrationSheet', {}, ctx)]);
    expect(calibration.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(printer.printed).toHaveLength(2);
    await app.close();
  });

  it('keeps the shot a sheet is being sent from: a turn finishing meanwhile and a retake are refused, and the document is printed whole', async () => {
    const printer = new SlowPrinter();
    const { app } = await readyApp({ photoPrinter: printer });
    await must(app, 'visit.start', {});
    await must(app, 'photo.capture', {});
    // Staff turn the photo, and print before the turned photo is ready.
    const turning = app.dispatch('photo.turn', { degrees: 180 }, ctx);
    const printing = app.dispatch('photo.print', { override: true, spoolConfirmed: true }, ctx);
    const turned = await turning;
    expect(turned).toMatchObject({ ok: false, error: { code: 'conflict', message: { ja: '印刷中です。印刷が終わってから回してください。' } } });
    printer.open();
    expect((await printing).ok).toBe(true);
    const document = printer.printed[0]!.document;
    expect(document.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(document.some((b) => b !== 0)).toBe(true);

    // A retake pressed while the next sheet is handed over waits too; once handed over, it is taken.
    const again = new SlowPrinter();
    const second = await readyApp({ photoPrinter: again });
    await must(second.app, 'visit.start', {});
    await must(second.app, 'photo.capture', {});
    const sending = second.app.dispatch('photo.print', { override: true, spoolConfirmed: true }, ctx);
    expect(await second.app.dispatch('photo.retake', {}, ctx)).toMatchObject({ ok: false, error: { code: 'conflict', message: { ja: '印刷を始めています。少し待ってから撮り直してください。' } } });
    again.open();
    expect((await sending).ok).toBe(true);
    expect(again.printed[0]!.document.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await second.app.dispatch('photo.retake', {}, ctx)).ok).toBe(true);
    await app.close();
    await second.app.close();
  });

  it('asks before ending a visit whose sheet is printing, and cancels it when told, leaving nothing in the spool', async () => {
    const printer = new SlowPrinter();
    const { app } = await readyApp({ photoPrinter: printer });
    await must(app, 'visit.start', {});
    await must(app, 'photo.capture', {});
    const cancelled = { ok: false, error: { code: 'conflict', message: { ja: '印刷の途中で受付が終了したため、印刷を取り消しました。' } } };
    const asked = { ok: false, error: { code: 'conflict', message: { ja: '写真のシートがまだ印刷されていません。印刷が終わってから受付を終えてください（いま終えると印刷を取り消します）。' }, issues: [{ path: 'cancelPrint' }] } };
    // Ended while the print system takes the job: staff are asked first; told to cancel, the job
    // is purged as soon as it has a name (the wipe could not know it yet).
    const sending = app.dispatch('photo.print', { override: true, spoolConfirmed: true }, ctx);
    await printer.asked;
    expect(await app.dispatch('visit.end', {}, ctx)).toMatchObject(asked);
    await must(app, 'visit.end', { cancelPrint: true });
    printer.open();
    expect(await sending).toMatchObject(cancelled);
    expect(printer.printed).toHaveLength(1);
    expect(printer.purged).toEqual(['FAULTY-1']);
    expect(printer.states.size).toBe(0);
    expect(await must(app, 'photo.printStatus', {})).toBeNull();
    // Ended before the sheet's document was made: nothing reaches the print system.
    await must(app, 'visit.start', {});
    await must(app, 'photo.capture', {});
    const early = app.dispatch('photo.print', { override: true, spoolConfirmed: true }, ctx);
    await must(app, 'visit.end', { cancelPrint: true });
    expect(await early).toMatchObject(cancelled);
    expect(printer.printed).toHaveLength(1);
    // A sheet waiting in the print system's queue is asked about too; once printed, the visit ends at once.
    await must(app, 'visit.start', {});
    await must(app, 'photo.capture', {});
    await must(app, 'photo.print', { override: true, spoolConfirmed: true });
    expect(await app.dispatch('visit.end', {}, ctx)).toMatchObject(asked);
    printer.states.set('FAULTY-2', { state: 'done', problem: null });
    const done = await new Promise<PrintStatus>((resolve) => {
      const off = app.bus.subscribe((name, p) => {
        if (name === 'print.changed' && (p as PrintStatus).state === 'done') {
          off();
          resolve(p as PrintStatus);
        }
      });
    });
    expect(done.jobId).toBe('FAULTY-2');
    expect((await app.dispatch('visit.end', {}, ctx)).ok).toBe(true);
    // The next visit starts with no print of its own, and a sheet cancelled with its visit does
    // not hold the next one's end.
    await must(app, 'visit.start', {});
    expect(await must(app, 'photo.printStatus', {})).toBeNull();
    await must(app, 'photo.capture', {});
    await must(app, 'photo.print', { override: true, spoolConfirmed: true });
    const told: PrintStatus[] = [];
    const off = app.bus.subscribe((name, p) => name === 'print.changed' && told.push(p as PrintStatus));
    await must(app, 'visit.end', { cancelPrint: true });
    expect(printer.purged).toContain('FAULTY-3');
    await must(app, 'visit.start', {});
    expect(await must(app, 'photo.printStatus', {})).toBeNull();
    // The cancelled job leaves the queue; the next citizen's screens are not told it "printed".
    await new Promise((r) => setTimeout(r, 1800));
    off();
    expect(told).toEqual([]);
    expect((await app.dispatch('visit.end', {}, ctx)).ok).toBe(true);
    // The calibration sheet is not the citizen's: it does not hold the visit's end.
    await must(app, 'visit.start', {});
    await must(app, 'printer.printCalibrationSheet', {});
    expect((await app.dispatch('visit.end', {}, ctx)).ok).toBe(true);
    await app.close();
  });

  it('says what holds the job up, waits for it, and prints again without printing twice', async () => {
    const printer = new FaultyPrinter();
    const { app } = await readyApp({ photoPrinter: printer });
    await must(app, 'visit.start', {});
    await must(app, 'photo.capture', {});

    // The first job sits in the queue: a second press waits for it.
    await must(app, 'photo.print', { override: true, spoolConfirmed: true });
    expect(await app.dispatch('photo.print', { override: true, spoolConfirmed: true }, ctx)).toMatchObject({ ok: false, error: { code: 'conflict', message: { ja: '前の印刷が終わっていません。' } } });
    expect(printer.printed).toHaveLength(1);

    // Out of paper: the job is held, and staff are told why.
    printer.states.set('FAULTY-1', { state: 'error', problem: text('用紙がありません。L判の用紙を補充してください。', 'Out of paper.') });
    const held = await new Promise<PrintStatus>((resolve) => {
      const off = app.bus.subscribe((name, p) => {
        if (name === 'print.changed' && (p as PrintStatus).state === 'error') {
          off();
          resolve(p as PrintStatus);
        }
      });
    });
    expect(held).toMatchObject({ jobId: 'FAULTY-1', state: 'error', problem: { ja: '用紙がありません。L判の用紙を補充してください。' } });

    // Printing again purges the stuck job first: one sheet on paper, not two.
    printer.next = { state: 'done', problem: null };
    await must(app, 'photo.print', { override: true, spoolConfirmed: true });
    expect(printer.purged[0]).toBe('FAULTY-1');
    expect(printer.printed).toHaveLength(2);
    expect(await settle(app, (p) => p?.state === 'done')).toMatchObject({ jobId: 'FAULTY-2', problem: null });
    // The finished job is purged too: nothing of the photo stays in the spool.
    await settle(app, () => printer.purged.includes('FAULTY-2'));
    expect(printer.states.size).toBe(0);
    expect(printer.printed.every((j) => j.title.startsWith('madoguchi sheet ') && j.mime === 'application/pdf')).toBe(true);
  });

  it('answers a printer that will not take the job with a clear message, and the shot stays for a retry', async () => {
    const printer = new FaultyPrinter();
    printer.refuse = true;
    const { app } = await readyApp({ photoPrinter: printer });
    await must(app, 'visit.start', {});
    await must(app, 'photo.capture', {});
    expect(await app.dispatch('photo.print', { override: true, spoolConfirmed: true }, ctx)).toMatchObject({ ok: false, error: { code: 'unavailable', message: { ja: '印刷を始められませんでした。プリンターを確認してください。' } } });
    expect(await app.dispatch('photo.get', {}, ctx)).toMatchObject({ ok: true, result: { shot: 1 } });
    printer.refuse = false;
    printer.next = { state: 'done', problem: null };
    expect(await app.dispatch('photo.print', { override: true, spoolConfirmed: true }, ctx)).toMatchObject({ ok: true, result: { jobId: 'FAULTY-1' } });
    expect(printer.printed).toHaveLength(1);
  });

  it('draws the sheet at the resolution the printer’s driver names, unless the settings say otherwise', async () => {
    const sheetWidth = async (settings?: Settings) => {
      const printer = new FaultyPrinter(600);
      printer.next = { state: 'done', problem: null };
      const { app } = await readyApp({ photoPrinter: printer, ...(settings ? { settings } : {}) });
      const state = await must<PrinterCalibrationState>(app, 'printer.calibration', {});
      await must(app, 'visit.start', {});
      await must(app, 'photo.capture', {});
      await must(app, 'photo.print', { override: true, spoolConfirmed: true });
      const raster = printer.printed[0]?.raster;
      const width = raster ? (await sharp(raster.png).metadata()).width : null;
      await app.close();
      return { width, dpi: state.dpi, from: state.dpiFrom };
    };
    // L paper, 89 mm across: 2102 px at 600 dpi, 1051 at 300.
    expect(await sheetWidth()).toEqual({ width: 2102, dpi: 600, from: 'driver' });
    expect(await sheetWidth({ ...defaultSettings, printerCalibration: { FAULTY: { dpi: 300, papers: {} } } })).toEqual({ width: 1051, dpi: 300, from: 'settings' });
  });
});
