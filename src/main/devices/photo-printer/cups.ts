// Photo printing through the OS print system on Linux and macOS (the CUPS client tools lp and
// lpstat). The document goes to lp on stdin, so the app writes no file of its own.
import type { DeviceStatus } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { Text } from '../../../shared/text.js';
import type { Exec } from '../../system/exec.js';
import { believableDpi, NOTHING_TO_PURGE, noPaperSize, PRINT_NOT_STARTED, PRINT_SYSTEM_SILENT, PRINTER_PROBLEM, PURGE_FAILED, type JobState, type PhotoPrinter, type PrintJob, type SheetMedia, type SpoolPurge } from './photo-printer.js';

export interface CupsQueue {
  name: string;
  enabled: boolean;
  idle: boolean;
}

export type CupsProbe =
  | { ok: true; defaultQueue: string | null; queues: CupsQueue[] }
  | { ok: false; reason: 'not_installed' | 'no_scheduler' | 'error'; detail: string };

export function parseLpstatQueues(out: string): CupsQueue[] {
  return out
    .split('\n')
    .map((l) => /^printer (\S+) (?:is )?(.*)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      name: m[1] ?? '',
      enabled: !/disabled/.test(m[2] ?? ''),
      idle: /idle/.test(m[2] ?? ''),
    }));
}

export function parseLpstatDefault(out: string): string | null {
  const m = /system default destination: (\S+)/.exec(out);
  return m ? (m[1] ?? null) : null;
}

export async function probeCups(exec: Exec): Promise<CupsProbe> {
  const r = await exec('lpstat', ['-r'], { timeoutMs: 5000 });
  if (r.notFound) return { ok: false, reason: 'not_installed', detail: 'lpstat not found' };
  const running = r.stdout.toString('utf8');
  if (r.code !== 0 || /not running/.test(running)) {
    return { ok: false, reason: 'no_scheduler', detail: running.trim() || r.stderr.trim() };
  }
  const [queues, def] = await Promise.all([
    exec('lpstat', ['-p'], { timeoutMs: 5000 }),
    exec('lpstat', ['-d'], { timeoutMs: 5000 }),
  ]);
  return {
    ok: true,
    queues: parseLpstatQueues(queues.stdout.toString('utf8')),
    defaultQueue: parseLpstatDefault(def.stdout.toString('utf8')),
  };
}

const MEDIA_PATTERNS: Record<SheetMedia, RegExp> = {
  L: /^(L|3\.5x5|89x127mm|w252h360)(\.|$)|(^|_)l_3\.5x5in|89x127/i,
  '2L': /^(2L|5x7|127x178mm|w360h504)(\.|$)|(^|_)5x7in|127x178/i,
  KG: /^(KG|4x6|102x152mm|w288h432)(\.|$)|(^|_)4x6in|102x152/i,
};

/** The PageSize choices of a queue (`lpoptions -p Q -l`), and which booth sheets they cover. */
export function parsePageSizes(lpoptionsOut: string): { choices: string[]; media: Partial<Record<SheetMedia, string>> } {
  const line = lpoptionsOut.split('\n').find((l) => /^(PageSize|media)\//.test(l));
  const choices = line ? (line.split(':')[1] ?? '').trim().split(/\s+/).map((c) => c.replace(/^\*/, '')).filter(Boolean) : [];
  const media: Partial<Record<SheetMedia, string>> = {};
  for (const size of Object.keys(MEDIA_PATTERNS) as SheetMedia[]) {
    const found = choices.find((c) => MEDIA_PATTERNS[size].test(c));
    if (found) media[size] = found;
  }
  return { choices, media };
}

/**
 * The driver's default resolution (`lpoptions -p Q -l`: "Resolution/Output Resolution: 300dpi
 * *600x600dpi"), in dots per inch; null when the driver names none, or its default is not square
 * (300x600dpi: the sheet is drawn with square pixels, so that is left to the settings).
 */
export function parseResolution(lpoptionsOut: string): number | null {
  const line = lpoptionsOut.split('\n').find((l) => /^Resolution\//.test(l));
  const chosen = line ? (line.split(':')[1] ?? '').trim().split(/\s+/).find((c) => c.startsWith('*')) : undefined;
  const m = chosen ? /^\*(\d+)(?:x(\d+))?dpi$/i.exec(chosen) : null;
  if (!m) return null;
  const x = Number(m[1]);
  const y = m[2] === undefined ? x : Number(m[2]);
  return x === y ? believableDpi(x) : null;
}

/** A queue's paper sizes and default resolution, as its driver offers them (`lpoptions -p Q -l`). */
export async function queueOptions(exec: Exec, queue: string): Promise<{ choices: string[]; media: Partial<Record<SheetMedia, string>>; dpi: number | null }> {
  const out = (await exec('lpoptions', ['-p', queue, '-l'], { timeoutMs: 5000 })).stdout.toString('utf8');
  return { ...parsePageSizes(out), dpi: parseResolution(out) };
}

/** What the printer says is wrong (`lpstat -l -p Q`: state line, reasons and alerts), for staff. */
export function printerProblem(lpstatLong: string): Text | null {
  const t = lpstatLong.toLowerCase();
  if (/media-empty|media-needed|out of paper|paper out/.test(t)) return PRINTER_PROBLEM.paperOut;
  if (/media-jam|paper jam/.test(t)) return PRINTER_PROBLEM.jam;
  if (/marker-supply-empty|ribbon|toner-empty|ink-empty|marker-supply-low-error/.test(t)) return PRINTER_PROBLEM.ribbon;
  if (/cover-open|door-open/.test(t)) return PRINTER_PROBLEM.cover;
  if (/offline|not connected|unable to (?:connect|locate|open)|waiting for printer to become available/.test(t)) return PRINTER_PROBLEM.offline;
  if (/disabled|paused|stopped/.test(t)) return PRINTER_PROBLEM.paused;
  return null;
}

/** The retention check's page: one blank PDF page. Held from the start and cancelled, it never prints. */
const BLANK_PAGE = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 252 360]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
/** The title of the retention check's job, as it shows in CUPS's job list. */
export const RETENTION_CHECK_TITLE = 'madoguchi spool check';

/** How long a purge waits for a cancelled job to end (its backend stopping): 20 × 100 ms. */
const PURGE_SETTLE_TRIES = 20;
const PURGE_SETTLE_MS = 100;

/** The job ids `lpstat -o` lists (its first column), for `-W completed` too. */
export function listedJobs(lpstatOut: string): Set<string> {
  return new Set(lpstatOut.split('\n').map((l) => l.split(/\s+/)[0] ?? '').filter((id) => /-\d+$/.test(id)));
}

export class CupsPhotoPrinter implements PhotoPrinter {
  readonly simulated = false;

  constructor(
    private readonly exec: Exec,
    private readonly queue: string,
    private readonly media: Partial<Record<SheetMedia, string>>,
    /** The driver's default resolution (parseResolution); null: it names none. */
    readonly nativeDpi: number | null = null,
  ) {}

  status(): DeviceStatus {
    return { kind: 'photoPrinter', simulated: false, name: this.queue, state: 'ready', outputDir: null };
  }

  async print(job: PrintJob): Promise<{ jobId: string }> {
    const media = this.media[job.media];
    if (!media) {
      throw new AppError(
        'unavailable',
        noPaperSize(this.queue, job.media),
      );
    }
    const r = await this.exec(
      'lp',
      ['-d', this.queue, '-t', job.title, '-o', `media=${media}`, '-o', 'print-scaling=none', '-o', 'fit-to-page=false', '-'],
      { timeoutMs: 20000, input: job.document },
    );
    const m = /request id is (\S+)/.exec(r.stdout.toString('utf8'));
    if (r.code !== 0 || !m) {
      throw new AppError('unavailable', PRINT_NOT_STARTED);
    }
    return { jobId: m[1] ?? '' };
  }

  /**
   * Listed by `lpstat -o` until it completes; the printer's state says whether it is held up.
   * lpstat reads its options in order: `-l` must come before `-p`, or the listing is the state
   * line alone, without the reasons (out of paper, ribbon) that staff must be told.
   */
  async jobState(jobId: string): Promise<JobState> {
    const [jobs, printer] = await Promise.all([
      this.exec('lpstat', ['-o', this.queue], { timeoutMs: 5000 }),
      this.exec('lpstat', ['-l', '-p', this.queue], { timeoutMs: 5000 }),
    ]);
    // A scheduler that stopped answering lists no job: that is not a job done.
    if (jobs.timedOut || printer.timedOut || jobs.code !== 0) {
      return { state: 'error', problem: PRINT_SYSTEM_SILENT };
    }
    const pending = listedJobs(jobs.stdout.toString('utf8')).has(jobId);
    if (!pending) return { state: 'done', problem: null };
    const info = printer.stdout.toString('utf8');
    const problem = printerProblem(info);
    if (problem) return { state: 'error', problem };
    return { state: info.includes(`now printing ${jobId}`) ? 'printing' : 'queued', problem: null };
  }

  /**
   * Whether CUPS keeps jobs once they end (their history, and by its settings their files),
   * asked of the scheduler itself. cupsd.conf says so, but cupsd rewrites it root:lp 0640 (as
   * `cupsctl`, doctor's fix, makes it do), past the app's reading. So a blank page held from the
   * start is sent and cancelled — it never prints — and looked for among the ended jobs. Listed:
   * kept. Without history CUPS keeps no job files either (both go with the job). null: the
   * scheduler could not be asked.
   */
  async keepsEndedJobs(): Promise<boolean | null> {
    const sent = await this.exec('lp', ['-d', this.queue, '-t', RETENTION_CHECK_TITLE, '-H', 'indefinite', '-'], { timeoutMs: 10000, input: BLANK_PAGE });
    const id = /request id is (\S+)/.exec(sent.stdout.toString('utf8'))?.[1];
    if (sent.code !== 0 || !id) return null;
    const cancelled = await this.exec('cancel', [id], { timeoutMs: 10000 });
    if (cancelled.code !== 0) return null;
    const kept = await this.stillHeld([id]);
    return kept ? kept.has(id) : null;
  }

  /**
   * Which of these jobs CUPS still holds, once those just cancelled have ended (a held job ends
   * when its backend has stopped: a moment); null when lpstat does not answer.
   */
  private async stillHeld(ids: readonly string[]): Promise<Set<string> | null> {
    const listed = async (which: string[]) => {
      const r = await this.exec('lpstat', [...which, '-o', this.queue], { timeoutMs: 5000 });
      return r.timedOut || r.code !== 0 ? null : listedJobs(r.stdout.toString('utf8'));
    };
    let ending: string[] = [];
    for (let i = 0; i < PURGE_SETTLE_TRIES; i += 1) {
      const pending = await listed([]);
      if (!pending) return null;
      ending = ids.filter((id) => pending.has(id));
      if (ending.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, PURGE_SETTLE_MS));
    }
    const ended = await listed(['-W', 'completed']);
    return ended ? new Set(ids.filter((id) => ended.has(id) || ending.includes(id))) : null;
  }

  /**
   * `cancel -x` each job, so one that has not printed (queued, or held by the printer) never
   * does; then read back what CUPS still holds. Measured on CUPS 2.4 (Debian 12): `-x` purges
   * nothing of a single job, for its owner or for root: once a job has ended, its file and
   * history stay or go by cupsd.conf alone (PreserveJobFiles, PreserveJobHistory, which doctor
   * checks), and a finished job cannot be cancelled at all ("already completed"). Only an
   * administrator may purge what CUPS keeps. So what is gone and what is kept comes from lpstat,
   * never from cancel's answer.
   */
  async purge(jobIds: readonly string[]): Promise<SpoolPurge> {
    const ids = [...new Set(jobIds.filter((id) => /^[\w.-]+-\d+$/.test(id)))];
    if (ids.length === 0) return NOTHING_TO_PURGE;
    for (const id of ids) {
      const r = await this.exec('cancel', ['-x', id], { timeoutMs: 10000 });
      if (r.code === 0) continue;
      if (r.timedOut || !/already (?:completed|canceled|cancelled|aborted)|does not exist|not found/i.test(r.stderr)) {
        throw new AppError('unavailable', PURGE_FAILED);
      }
    }
    const kept = await this.stillHeld(ids);
    if (!kept) throw new AppError('unavailable', PURGE_FAILED);
    return { gone: ids.length - kept.size, kept: kept.size };
  }
}
