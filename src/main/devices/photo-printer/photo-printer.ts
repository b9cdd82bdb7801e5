// The photo-printer port. The app renders the whole sheet itself at the printer's native DPI and
// hands it over to be printed at 100 %, no scaling.
import type { DeviceStatus } from '../../../shared/contract.js';
import type { Text } from '../../../shared/text.js';

/** Sheet sizes the booth prints ID photos on. */
export type SheetMedia = 'L' | '2L' | 'KG';

export interface PrintJob {
  document: Buffer;
  mime: 'image/png' | 'application/pdf';
  media: SheetMedia;
  /** A title without personal content, e.g. "madoguchi sheet 12". */
  title: string;
}

export interface PhotoPrinter {
  readonly simulated: boolean;
  status(): DeviceStatus;
  print(job: PrintJob): Promise<{ jobId: string }>;
  /**
   * Removes what these jobs left in the spool (job files and history) once the visit is over.
   * Answers how many jobs it purged.
   */
  purge(jobIds: readonly string[]): Promise<number>;
  /** Where a job is now: waiting, printing, done, or held up for a reason staff can act on. */
  jobState(jobId: string): Promise<JobState>;
}

export interface JobState {
  state: 'queued' | 'printing' | 'done' | 'error';
  /** Out of paper, ribbon, offline …, in words for staff; null when all is well. */
  problem: Text | null;
}
