// A simulated booth day: the real services behind the browser host, driven over its WebSocket
// contract as the console and the station would — tickets, visits, captures through the photo
// pipeline, prints, surveys, incentives, session wipes — with every step timed and memory
// sampled. Figures, not assertions: the caller decides what to make of them. With faults, the
// hardware goes wrong on planned visits and the driver does what staff would on reading the
// screen (plug the camera back in, load paper, press print again); each fault is counted as
// recovered only when the day carried on as it should.
import type { App } from '../app.js';
import { startBrowserHost } from '../host/browser-host.js';
import type { Logger } from '../log.js';
import type { StoreKeeper } from '../store/store.js';
import { stats, type Stats } from '../bench/stats.js';
import { SURVEY } from '../../shared/survey.js';
import { scanForRemnants } from '../wipe/scan.js';
import type { CameraState, IssuedTicket, PrintStatus } from '../../shared/contract.js';
import { FAULT_KINDS, type FaultKind, type FaultyDevices } from './faults.js';
import { CallError, Client, openTodaysDay } from './ws-client.js';

export interface SoakOptions {
  visits: number;
  app: App;
  store: StoreKeeper;
  rendererDir: string;
  log: Logger;
  passphrase: string;
  /** Told after each visit (a progress line). */
  onVisit?: (done: number) => void;
  /**
   * Written where personal data would go (staff name, survey comment, inquiry; a kana one for the
   * incentive's name), then looked for in every file of these folders afterwards.
   */
  canary?: { text: string; kana: string; scan: string[] };
  /** Hardware faults on planned visits (visit index → fault), through these devices. */
  faults?: { plan: Map<number, FaultKind>; devices: FaultyDevices };
}

export interface FaultTally {
  injected: number;
  recovered: number;
  /** What the screen said, in Japanese (the first time). */
  told: string | null;
}

export interface SoakResult {
  visits: number;
  seconds: number;
  visitsPerMinute: number;
  steps: Record<string, Stats>;
  memoryMb: { start: number; afterWarmup: number; end: number; peak: number; growthAfterWarmup: number };
  errors: string[];
  sessionWipesLogged: number;
  printed: number;
  /** Files that still hold a canary, a JPEG or a readable SQLite database (none expected). */
  remnants: { file: string; what: string }[];
  /** Live frames the station received. */
  frames: number;
  /** With faults: each kind, how often injected and recovered, and what staff were told. */
  faults: Partial<Record<FaultKind, FaultTally>> | null;
  /** With faults: sheets that came out on paper (one per visit: none twice) and jobs left in the spool. */
  spool: { sheetsOut: number; leftInSpool: number } | null;
}

/** Asks until the answer is there (a state reached), or fails after a while. */
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const CAPTURE_FAULTS: readonly FaultKind[] = ['cameraUnpluggedCapture', 'cameraBusy', 'captureHangs'];

const rssMb = () => Math.round((process.memoryUsage().rss / 1048576) * 10) / 10;

export async function soak(o: SoakOptions): Promise<SoakResult> {
  const host = await startBrowserHost({ app: o.app, rendererDir: o.rendererDir, log: o.log });
  const desk = await Client.forWindow(host.urls.console);
  const station = await Client.forWindow(host.urls.station);
  const times: Record<string, number[]> = {};
  const errors: string[] = [];
  const step = async <T>(name: string, client: Client, method: string, payload: unknown): Promise<T> => {
    const t0 = performance.now();
    try {
      return await client.call<T>(method, payload);
    } finally {
      (times[name] ??= []).push(performance.now() - t0);
    }
  };
  let printed = 0;
  let framesSeen = 0;
  const faults: Partial<Record<FaultKind, FaultTally>> = {};
  const started = performance.now();
  const memory = { start: rssMb(), afterWarmup: 0, end: 0, peak: rssMb() };
  try {
    // The morning: the store, the lead (trained), today's event, the day opened.
    await desk.call('store.unlock', { passphrase: o.passphrase });
    const tag = o.canary ? ` ${o.canary.text}` : '';
    await openTodaysDay(desk, { lead: `責任者 ソーク${tag}`, pin: '482913', venue: `ソーク会場 ${Date.now()}`, channel: 'shoppingCentre', event: 'ソーク試験', counters: 2 });

    let frames = 0;
    station.on('camera.frame', () => (frames += 1));
    const cameraIs = (states: CameraState['state'][]) => async () => {
      const c = await station.call<CameraState>('camera.state', {});
      return states.includes(c.state) ? c : null;
    };
    const nextFrame = () => {
      const seen = frames;
      return until('a live frame', () => frames > seen);
    };
    const fd = o.faults?.devices;
    const injected = (kind: FaultKind) => ((faults[kind] ??= { injected: 0, recovered: 0, told: null }).injected += 1);
    const recovered = (kind: FaultKind, told: string) => {
      const t = (faults[kind] ??= { injected: 0, recovered: 0, told: null });
      t.recovered += 1;
      t.told ??= told;
    };

    const warmup = Math.max(1, Math.round(o.visits / 10));
    for (let i = 0; i < o.visits; i++) {
      const fault = o.faults?.plan.get(i) ?? null;
      try {
        if (fault === 'ticketPrinterMissing') {
          fd?.ticketPrinter.arm();
          injected(fault);
        }
        const issued = await step<IssuedTicket>('queue.issue', desk, 'queue.issue', {});
        if (fault === 'ticketPrinterMissing') {
          // The ticket is on screen instead, with the reason; the queue went on.
          if (!issued.printerProblem || !issued.preview.includes(String(issued.ticket.number))) throw new Error('the ticket printer was gone and no ticket was shown on screen');
          recovered(fault, issued.printerProblem.ja);
        }
        const q = await step<{ nowServing: number | null }>('queue.callNext', desk, 'queue.callNext', { counter: 1 + (i % 2) });
        await step('visit.start', desk, 'visit.start', q.nowServing ? { ticketNumber: q.nowServing } : {});

        // The citizen at the station frames the photo on the live view.
        const t0 = performance.now();
        const first = nextFrame();
        await station.call('camera.live', { on: true });
        await first;
        (times['live.firstFrame'] ??= []).push(performance.now() - t0);
        if (fault === 'cameraUnpluggedLive' && fd) {
          injected(fault);
          fd.camera.unplugDuringLiveView();
          const lost = await until('the camera to be reported lost', cameraIs(['reconnecting']));
          // Staff read the station, find the cable, plug it back in; the camera is found again.
          setTimeout(() => fd.camera.plugIn(), 200).unref();
          await until('live view to come back', cameraIs(['live']));
          await nextFrame();
          recovered(fault, lost.problem?.ja ?? '');
        }

        // The shot, through the pipeline; a camera fault is a message, no photo, and a retake.
        if (fault && CAPTURE_FAULTS.includes(fault)) {
          fd?.camera.arm(fault);
          injected(fault);
        }
        let shot: { ok: boolean } | null = null;
        for (let attempt = 0; !shot; attempt++) {
          try {
            shot = await step<{ ok: boolean }>('photo.capture', station, 'photo.capture', {});
          } catch (err) {
            if (!(err instanceof CallError) || !fault || !CAPTURE_FAULTS.includes(fault) || attempt > 0) throw err;
            if ((await station.call<unknown>('photo.get', {})) !== null) throw new Error('a failed capture left a photo in the visit');
            setTimeout(() => fd?.camera.plugIn(), 200).unref();
            await until('the camera to be found again', cameraIs(['ready', 'live']));
            recovered(fault, err.told.ja);
          }
        }
        await station.call('camera.live', { on: false });
        await step('photo.accept', station, 'photo.accept', {});

        // Printed by staff; a printer fault is a message, and staff act on it.
        const printFault = fault === 'printerOffline' || fault === 'printerOutOfPaper' || fault === 'printerJam' ? fault : null;
        if (printFault) {
          fd?.photoPrinter.arm(printFault);
          injected(printFault);
        }
        try {
          await step('photo.print', desk, 'photo.print', { override: !shot.ok });
        } catch (err) {
          if (!(err instanceof CallError) || printFault !== 'printerOffline') throw err;
          // Switched on again, and the sheet sent again.
          await step('photo.print', desk, 'photo.print', { override: !shot.ok });
          recovered(printFault, err.told.ja);
        }
        const deadline = Date.now() + 20000;
        // Staff act once per held job, on what the screen says: load paper, or clear the jam and print again.
        let heldFor: string | null = null;
        const staffAct = printFault === 'printerOutOfPaper' || printFault === 'printerJam' ? printFault : null;
        for (;;) {
          const p = await step<PrintStatus | null>('photo.printStatus', desk, 'photo.printStatus', {});
          if (p?.state === 'done') {
            printed += 1;
            if (staffAct) {
              if (heldFor === null) throw new Error(`${staffAct}: the sheet came out but staff were never told`);
              recovered(staffAct, heldFor);
            }
            break;
          }
          if (p?.state === 'error' && heldFor === null) {
            if (!staffAct) throw new Error(`print failed: ${p.problem?.ja ?? ''}`);
            heldFor = p.problem?.ja ?? '';
            // Said as soon as it is seen, so a run that never recovers still shows what staff read.
            faults[staffAct]!.told ??= heldFor;
            if (staffAct === 'printerOutOfPaper') fd?.photoPrinter.loadPaper();
            // The jammed sheet pulled out; printing again replaces the stuck job.
            else await step('photo.print', desk, 'photo.print', { override: !shot.ok });
          }
          if (Date.now() > deadline) throw new Error(`the print did not finish (${p?.state ?? 'none'})`);
          await new Promise((r) => setTimeout(r, 10));
        }
        await step('visit.record', desk, 'visit.record', { services: ['formHelp', 'photo', 'envelope'], applicants: 1, ageBands: ['70-74'], outcome: 'paper' });
        await step('survey.submit', station, 'survey.submit', { answers: Object.fromEntries(SURVEY.map((q2) => [q2.id, q2.choices[i % q2.choices.length]!.id])), source: 'station', ...(i % 5 === 0 ? { comment: `丁寧でした${tag}` } : {}) });
        if (i % 2 === 0) await step('incentive.pay', desk, 'incentive.pay', { nameKana: `${o.canary?.kana ?? 'そーく'} ${String.fromCharCode(0x3042 + (i % 40))}${String.fromCharCode(0x3042 + Math.floor(i / 40) % 40)}`, birthDate: `19${50 + (i % 40)}-01-01`, applicationDate: '2023-01-10' });
        if (i % 10 === 0) await step('inquiry.add', desk, 'inquiry.add', { category: 'card', text: `受け取りの時期について${tag}` });
        await step('visit.end', desk, 'visit.end', {});
      } catch (err) {
        errors.push(`visit ${i + 1}${fault ? ` (${fault})` : ''}: ${(err as Error).message}`);
        // Whatever broke is put right before the next citizen sits down.
        fd?.camera.plugIn();
        fd?.photoPrinter.loadPaper();
        await station.call('camera.live', { on: false }).catch(() => undefined);
        await desk.call('visit.end', {}).catch(() => undefined);
      }
      const rss = rssMb();
      memory.peak = Math.max(memory.peak, rss);
      if (i + 1 === warmup) memory.afterWarmup = rss;
      o.onVisit?.(i + 1);
    }
    framesSeen = frames;
    await desk.call('day.close', {});
  } catch (err) {
    errors.push(`setup: ${(err as Error).message}`);
  } finally {
    desk.ws.close();
    station.ws.close();
    await host.close();
  }
  globalThis.gc?.();
  memory.end = rssMb();
  const seconds = (performance.now() - started) / 1000;
  const sessionWipesLogged = o.store.isOpen() ? o.store.get().deletionLog.rows().filter((r) => r.action === 'session_wipe').length : 0;
  const remnants = o.canary ? scanForRemnants(o.canary.scan, [o.canary.text, o.canary.kana]).findings.map((f) => ({ file: f.file, what: f.what })) : [];
  return {
    visits: o.visits,
    seconds: Math.round(seconds * 10) / 10,
    visitsPerMinute: Math.round((o.visits / seconds) * 60 * 10) / 10,
    steps: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, stats(v)])),
    memoryMb: { ...memory, growthAfterWarmup: Math.round((memory.end - memory.afterWarmup) * 10) / 10 },
    errors,
    sessionWipesLogged,
    printed,
    remnants,
    frames: framesSeen,
    faults: o.faults ? Object.fromEntries(FAULT_KINDS.filter((k) => faults[k]).map((k) => [k, faults[k]])) : null,
    spool: o.faults ? { sheetsOut: o.faults.devices.photoPrinter.sheetsOut(), leftInSpool: o.faults.devices.photoPrinter.leftInSpool() } : null,
  };
}
