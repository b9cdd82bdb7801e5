// The photo-printer port. The app renders the whole sheet itself at the printer's native DPI and
// hands it over to be printed at 100 %, no scaling.
import type { DeviceStatus } from '../../../shared/contract.js';
import { text, type Text } from '../../../shared/text.js';
import { PRINTER_DPI } from '../../settings/settings.js';

/** Sheet sizes the booth prints ID photos on. */
export type SheetMedia = 'L' | '2L' | 'KG';

export interface PrintJob {
  /** The sheet as a one-page document exactly the paper's size (CUPS prints it at 100 %). */
  document: Buffer;
  mime: 'image/png' | 'application/pdf';
  /** The same sheet as the raster it was drawn as, and the size it fills on paper (the Windows spooler draws it so). */
  raster?: { png: Buffer; widthMm: number; heightMm: number; landscape: boolean };
  media: SheetMedia;
  /** A title without personal content, e.g. "madoguchi sheet 12". */
  title: string;
}

/** What a printer can say is wrong, in words for staff: the same whichever print system reports it. */
export const PRINTER_PROBLEM = {
  paperOut: text('用紙がありません。用紙を補充してください。補充すると印刷が続きます。', 'Out of paper. Load paper; printing then continues.'),
  jam: text('用紙が詰まっています。詰まった用紙を取り除いてください。', 'Paper jam. Remove the jammed paper.'),
  ribbon: text('インクリボン（インク）が切れています。交換してください。', 'The ink ribbon (ink) has run out. Replace it.'),
  cover: text('プリンターのカバーが開いています。閉じてください。', 'The printer cover is open. Close it.'),
  offline: text('プリンターに接続できません。電源とUSBケーブルを確認してください。', 'Cannot reach the printer. Check its power and USB cable.'),
  paused: text('プリンターが一時停止しています。責任者に連絡してください。', 'The printer is paused. Call the lead.'),
  error: text('プリンターでエラーが起きています。プリンターの表示を確認してください。', 'The printer reports an error. Check the printer’s display.'),
} as const;

/** The print system does not answer about a job (timed out). */
export const PRINT_SYSTEM_SILENT = text('印刷システムが応答しません。責任者に連絡してください。', 'The print system does not answer. Call the lead.');
/** What the print system said about a job could not be read. */
export const PRINT_STATE_UNKNOWN = text('印刷の状態を確認できません。', 'Cannot check the print job.');
/** The print system would not remove the visit's jobs. */
export const PURGE_FAILED = text('印刷ジョブを消去できませんでした。責任者に連絡してください。', 'Could not purge the print jobs. Call the lead.');

/** The printer offers no paper size for this sheet. */
export function noPaperSize(printer: string, media: SheetMedia): Text {
  return text(`プリンター ${printer} は ${media} 判の用紙に対応していません。`, `Printer ${printer} has no ${media} paper size.`);
}

/** lp or the spooler refused the job (the printer off, unplugged, or the queue gone). */
export const PRINT_NOT_STARTED = text('印刷を始められませんでした。プリンターの電源と用紙を確認してください。', 'Printing could not start. Check the printer power and paper.');

/** A driver's resolution, where it is one a photo printer may have (PRINTER_DPI); else null. */
export function believableDpi(figure: unknown): number | null {
  return typeof figure === 'number' && Number.isInteger(figure) && figure >= PRINTER_DPI.min && figure <= PRINTER_DPI.max ? figure : null;
}

export interface PhotoPrinter {
  readonly simulated: boolean;
  /** The resolution its driver prints at by default, in dpi; null: it does not say (the settings', or 300). */
  readonly nativeDpi: number | null;
  status(): DeviceStatus;
  print(job: PrintJob): Promise<{ jobId: string }>;
  /**
   * Removes what these jobs left in the spool (job files and history) once the visit is over,
   * and answers what is gone and what the print system still keeps.
   */
  purge(jobIds: readonly string[]): Promise<SpoolPurge>;
  /** Where a job is now: waiting, printing, done, or held up for a reason staff can act on. */
  jobState(jobId: string): Promise<JobState>;
}

/**
 * What a purge left. A print system may keep a finished job (its history, and by its settings the
 * sheet itself) where the app cannot remove it: CUPS refuses to cancel a completed job, and only
 * an administrator may purge one. That is told apart from what is gone, never counted as purged.
 */
export interface SpoolPurge {
  /** Jobs no longer in the spool: purged now, or already dropped by the print system. */
  gone: number;
  /** Jobs the print system still keeps. */
  kept: number;
}

export const NOTHING_TO_PURGE: SpoolPurge = { gone: 0, kept: 0 };

export interface JobState {
  state: 'queued' | 'printing' | 'done' | 'error';
  /** Out of paper, ribbon, offline …, in words for staff; null when all is well. */
  problem: Text | null;
}
