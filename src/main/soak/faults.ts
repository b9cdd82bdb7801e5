// Faults for the simulated day: the booth's hardware going wrong the way it does on a shopping-
// centre floor, injected at the device ports so every service above them is the real one. Each
// fault fails as the real adapter reports it (the gphoto2 adapter's own reading of gphoto2's
// error lines, the CUPS adapter's reading of the printer's state, the usblp adapter itself on a
// device node that is gone), so staff see the words they would see at the booth.
import { AppError } from '../../shared/errors.js';
import { seededRandom } from '../../shared/seeded-random.js';
import type { Camera, CardClear, LiveView } from '../devices/camera/camera.js';
import { CAMERA_TIMED_OUT, gphoto2Problem } from '../devices/camera/gphoto2.js';
import type { DeviceSet } from '../devices/devices.js';
import { printerProblem } from '../devices/photo-printer/cups.js';
import { PRINT_NOT_STARTED, type JobState, type PhotoPrinter, type PrintJob, type SpoolPurge } from '../devices/photo-printer/photo-printer.js';
import type { TicketPrinter } from '../devices/ticket-printer/ticket-printer.js';
import { UsblpTicketPrinter } from '../devices/ticket-printer/usblp.js';

export const FAULT_KINDS = [
  /** The USB cable pulled while the citizen is framing: live view ends, the camera is looked for again. */
  'cameraUnpluggedLive',
  /** Pulled during the capture itself. */
  'cameraUnpluggedCapture',
  /** The camera still busy with something else (gphoto2 -110). */
  'cameraBusy',
  /** A capture that never answers until the adapter's timeout kills it. */
  'captureHangs',
  /** The photo printer runs out of paper mid-job; staff load paper and the job carries on. */
  'printerOutOfPaper',
  /** A jammed sheet: the job is stuck until staff clear it and print again. */
  'printerJam',
  /** The photo printer is off or unplugged when the sheet is sent. */
  'printerOffline',
  /** The ticket printer is gone: the ticket is shown on screen instead. */
  'ticketPrinterMissing',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Which visit meets which fault: about one visit in `every` has one, each kind at least twice
 * when there are enough visits, none in the first visit (the day has to start). Seeded.
 */
export function planFaults(visits: number, seed: number, every = 6): Map<number, FaultKind> {
  const rnd = seededRandom(seed);
  const candidates = Array.from({ length: Math.max(0, visits - 1) }, (_, i) => i + 1);
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j] as number, candidates[i] as number];
  }
  // Each kind twice where there are visits enough: staff meet it again, and must be told again.
  const count = Math.min(candidates.length, Math.max(2 * FAULT_KINDS.length, Math.round(visits / every)));
  const plan = new Map<number, FaultKind>();
  candidates.slice(0, count).forEach((visit, k) => plan.set(visit, FAULT_KINDS[k % FAULT_KINDS.length] as FaultKind));
  return plan;
}

/** How long the adapter's capture timeout is stood in for (the real one is 20 s). */
const HANG_MS = 400;

/**
 * The camera, with a fault armed for the next capture or live view. `simulated` is false: it
 * goes away as a real camera does, and the camera service must look for it again.
 */
export class FaultyCamera implements Camera {
  readonly simulated = false;
  private armed: FaultKind | null = null;
  /** Unplugged: not found by the reconnect loop until plugged back in. */
  unplugged = false;
  private live: { end: (err: AppError) => void } | null = null;

  constructor(private readonly inner: Camera) {}

  arm(kind: FaultKind): void {
    this.armed = kind;
  }

  status() {
    return { ...this.inner.status(), simulated: false, name: '模擬カメラ（障害注入）/ simulated camera with faults', state: this.unplugged ? ('offline' as const) : ('ready' as const) };
  }

  preview(): Promise<Buffer> {
    if (this.unplugged) return Promise.reject(new AppError('unavailable', gphoto2Problem('*** Error: No camera found. ***').message));
    return this.inner.preview();
  }

  async capture(): Promise<Buffer> {
    const kind = this.armed;
    if (kind === 'cameraUnpluggedCapture' || kind === 'cameraBusy' || kind === 'captureHangs') this.armed = null;
    if (this.unplugged || kind === 'cameraUnpluggedCapture') {
      this.unplugged = true;
      throw new AppError('unavailable', gphoto2Problem("*** Error (-7: 'I/O problem') ***").message);
    }
    if (kind === 'cameraBusy') throw new AppError('unavailable', gphoto2Problem("*** Error (-110: 'I/O in progress') ***").message);
    if (kind === 'captureHangs') {
      await new Promise((r) => setTimeout(r, HANG_MS));
      throw new AppError('unavailable', CAMERA_TIMED_OUT);
    }
    return this.inner.capture();
  }

  clearCard(): Promise<CardClear> {
    return this.inner.clearCard();
  }

  startLiveView(onFrame: (jpeg: Buffer) => void): LiveView {
    const inner = this.inner.startLiveView(onFrame);
    let end: (err: AppError | null) => void = () => {};
    const ended = new Promise<AppError | null>((resolve) => (end = resolve));
    void inner.ended.then((e) => end(e));
    this.live = {
      end: (err) => {
        void inner.stop();
        end(err);
      },
    };
    return {
      ended,
      stop: async () => {
        this.live = null;
        await inner.stop();
        end(null);
      },
    };
  }

  /** Pulls the cable now: a running live view ends with gphoto2's USB error. Answers whether one was running. */
  unplugDuringLiveView(): boolean {
    this.unplugged = true;
    this.armed = null;
    const live = this.live;
    this.live = null;
    live?.end(new AppError('unavailable', gphoto2Problem("*** Error (-7: 'I/O problem') ***").message));
    return live !== null;
  }

  plugIn(): void {
    this.unplugged = false;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

interface SpooledJob {
  id: string;
  state: JobState['state'];
  /** The printer's complaint while the job is held. */
  problem: string | null;
  purged: boolean;
}

/**
 * The photo printer behind a print system that can go wrong. It keeps its own spool so a test
 * can count what came out on paper (a job that reached done) and what was left behind.
 */
export class FaultyPhotoPrinter implements PhotoPrinter {
  readonly simulated: boolean;
  readonly nativeDpi: number | null;
  private armed: FaultKind | null = null;
  private readonly jobs = new Map<string, SpooledJob>();
  private n = 0;

  constructor(private readonly inner: PhotoPrinter) {
    this.simulated = inner.simulated;
    this.nativeDpi = inner.nativeDpi;
  }

  arm(kind: FaultKind): void {
    this.armed = kind;
  }

  status() {
    return { ...this.inner.status(), name: '模擬写真プリンター（障害注入）/ simulated photo printer with faults' };
  }

  async print(job: PrintJob): Promise<{ jobId: string }> {
    if (this.armed === 'printerOffline') {
      this.armed = null;
      throw new AppError('unavailable', PRINT_NOT_STARTED);
    }
    // Staff cleared the jam before sending again: a jammed job still in the spool now prints, so
    // a sheet sent again without purging it first comes out twice.
    for (const j of this.jobs.values()) {
      if (j.problem?.includes('jam') && !j.purged) {
        j.problem = null;
        j.state = 'done';
      }
    }
    await this.inner.print(job);
    this.n += 1;
    const id = `FAULTY-${this.n}`;
    const kind = this.armed;
    this.armed = null;
    const problem = kind === 'printerOutOfPaper' ? 'printer is out of paper: media-empty-error' : kind === 'printerJam' ? 'media-jam-error' : null;
    this.jobs.set(id, { id, state: problem ? 'queued' : 'done', problem, purged: false });
    return { jobId: id };
  }

  jobState(jobId: string): Promise<JobState> {
    const j = this.jobs.get(jobId);
    if (!j || j.purged) return Promise.resolve({ state: 'done', problem: null });
    if (j.problem) return Promise.resolve({ state: 'error', problem: printerProblem(j.problem) });
    return Promise.resolve({ state: j.state, problem: null });
  }

  /** Staff loaded paper: held jobs carry on and come out. */
  loadPaper(): void {
    for (const j of this.jobs.values()) {
      if (j.problem?.includes('out of paper')) {
        j.problem = null;
        j.state = 'done';
      }
    }
  }

  purge(jobIds: readonly string[]): Promise<SpoolPurge> {
    let n = 0;
    for (const id of jobIds) {
      const j = this.jobs.get(id);
      if (j && !j.purged) {
        j.purged = true;
        n += 1;
      }
    }
    return this.inner.purge(jobIds).then(() => ({ gone: n, kept: 0 }));
  }

  /** Sheets that came out on paper: jobs that reached done before anyone purged them. */
  sheetsOut(): number {
    return [...this.jobs.values()].filter((j) => j.state === 'done').length;
  }

  /** Jobs still in the spool (never purged): none is expected once every visit has ended. */
  leftInSpool(): number {
    return [...this.jobs.values()].filter((j) => !j.purged).length;
  }
}

/** The ticket printer, unplugged on demand: then the real usblp adapter on a device node that is gone. */
export class FaultyTicketPrinter implements TicketPrinter {
  private armed = false;
  private readonly gone = new UsblpTicketPrinter('/dev/usb/madoguchi-unplugged-lp', 'unplugged', 1000);
  constructor(private readonly inner: TicketPrinter) {}
  get simulated(): boolean {
    return this.inner.simulated;
  }
  arm(): void {
    this.armed = true;
  }
  status() {
    return this.inner.status();
  }
  print(bytes: Uint8Array): Promise<{ preview: string | null }> {
    if (!this.armed) return this.inner.print(bytes);
    this.armed = false;
    return this.gone.print(bytes);
  }
}

export interface FaultyDevices {
  devices: DeviceSet;
  camera: FaultyCamera;
  photoPrinter: FaultyPhotoPrinter;
  ticketPrinter: FaultyTicketPrinter;
  /** The camera service's reconnect: finds the camera again once it is plugged back in. */
  reconnectCamera: () => Promise<Camera | null>;
}

export function faultyDevices(chosen: DeviceSet): FaultyDevices {
  const camera = new FaultyCamera(chosen.camera);
  const photoPrinter = new FaultyPhotoPrinter(chosen.photoPrinter);
  const ticketPrinter = new FaultyTicketPrinter(chosen.ticketPrinter);
  return {
    devices: { camera, photoPrinter, ticketPrinter },
    camera,
    photoPrinter,
    ticketPrinter,
    reconnectCamera: () => Promise.resolve(camera.unplugged ? null : camera),
  };
}
