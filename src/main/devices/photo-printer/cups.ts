// Photo printing through the OS print system on Linux and macOS (the CUPS client tools lp and
// lpstat). The document goes to lp on stdin, so the app writes no file of its own.
import type { DeviceStatus } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { Text } from '../../../shared/text.js';
import type { Exec } from '../../system/exec.js';
import { noPaperSize, PRINT_NOT_STARTED, PRINT_SYSTEM_SILENT, PRINTER_PROBLEM, PURGE_FAILED, type JobState, type PhotoPrinter, type PrintJob, type SheetMedia } from './photo-printer.js';

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

/** What the printer says is wrong (`lpstat -p Q -l`: state line, reasons and alerts), for staff. */
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

export class CupsPhotoPrinter implements PhotoPrinter {
  readonly simulated = false;

  constructor(
    private readonly exec: Exec,
    private readonly queue: string,
    private readonly media: Partial<Record<SheetMedia, string>>,
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

  /** Listed by `lpstat -o` until it completes; the printer's state says whether it is held up. */
  async jobState(jobId: string): Promise<JobState> {
    const [jobs, printer] = await Promise.all([
      this.exec('lpstat', ['-o', this.queue], { timeoutMs: 5000 }),
      this.exec('lpstat', ['-p', this.queue, '-l'], { timeoutMs: 5000 }),
    ]);
    if (jobs.timedOut || printer.timedOut) {
      return { state: 'error', problem: PRINT_SYSTEM_SILENT };
    }
    const pending = jobs.stdout.toString('utf8').split('\n').some((l) => l.split(/\s+/)[0] === jobId);
    if (!pending) return { state: 'done', problem: null };
    const info = printer.stdout.toString('utf8');
    const problem = printerProblem(info);
    if (problem) return { state: 'error', problem };
    return { state: info.includes(`now printing ${jobId}`) ? 'printing' : 'queued', problem: null };
  }

  /** `cancel -x` purges each job's files and history (our own jobs; no admin right needed). */
  async purge(jobIds: readonly string[]): Promise<number> {
    const ids = jobIds.filter((id) => /^[\w.-]+-\d+$/.test(id));
    if (ids.length === 0) return 0;
    const r = await this.exec('cancel', ['-x', ...ids], { timeoutMs: 10000 });
    if (r.code !== 0 && !/not found|already/i.test(r.stderr)) {
      throw new AppError('unavailable', PURGE_FAILED);
    }
    return ids.length;
  }
}
