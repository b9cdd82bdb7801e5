// The session wipe, after each citizen (visit ended, timed out, or found open after a crash):
// zero the visit's buffers, destroy its temporary files, reset the station window's storage,
// empty the camera card, purge the print jobs from the spool, checkpoint the WAL, and write one
// deletion-log entry saying what, how many, when, by whom and how. Target: under a second.
import { rmSync } from 'node:fs';
import type { Camera } from '../devices/camera/camera.js';
import type { PhotoPrinter } from '../devices/photo-printer/photo-printer.js';
import type { Logger } from '../log.js';
import type { StoreKeeper } from '../store/store.js';
import type { VisitVault } from '../visit/visit-vault.js';
import { shredTree } from './shred.js';

export type WipeReason = 'ended' | 'timeout' | 'crash-recovery' | 'day-closed';

export interface SessionWipeSummary {
  reason: WipeReason;
  photos: number;
  secrets: number;
  bytesZeroed: number;
  tempFiles: number;
  cameraFiles: number;
  /** Files the camera card still holds after deleting: the next visit waits for staff. */
  cameraRemaining: number;
  /** The visit's print jobs no longer in the spool (purged, or already dropped by the print system). */
  printJobs: number;
  /**
   * Print jobs the print system still keeps, where the app cannot remove them (CUPS keeps a
   * finished job's history, and by its settings the sheet, for an administrator to purge).
   */
  printJobsKept: number;
  stationReset: boolean;
  /** Steps that could not finish, by name; each is in the deletion log too. */
  problems: string[];
  ms: number;
}

export interface SessionWipeDeps {
  camera: Camera;
  photoPrinter: PhotoPrinter;
  store: StoreKeeper;
  /** Clears the station window's storage (Electron: a fresh session; browser: an event). */
  resetStation: () => Promise<void> | void;
  now: () => Date;
  log: Logger;
}

export const SESSION_WIPE_METHOD = 'zero-buffers,overwrite-unlink,gphoto2-delete,cancel-x,wal-checkpoint';

/** The one deletion-log entry a session wipe leaves: counts and method, no content. */
export function logSessionWipe(store: StoreKeeper, at: Date, actor: string, s: SessionWipeSummary, method: string): void {
  store.get().deletionLog.append(at, actor, 'session_wipe', {
    reason: s.reason,
    photos: s.photos,
    secrets: s.secrets,
    tempFiles: s.tempFiles,
    cameraFiles: s.cameraFiles,
    cameraRemaining: s.cameraRemaining,
    printJobs: s.printJobs,
    printJobsKept: s.printJobsKept,
    stationReset: s.stationReset,
    problems: s.problems.filter((p) => p !== 'deletion_log').join(',') || null,
    method,
    ms: s.ms,
  });
}

export async function wipeSession(deps: SessionWipeDeps, vault: VisitVault | null, tempDirs: string[], reason: WipeReason, actor: string): Promise<SessionWipeSummary> {
  const started = performance.now();
  const problems: string[] = [];
  const zeroed = vault ? vault.zero() : { photos: 0, secrets: 0, bytes: 0 };

  let tempFiles = 0;
  for (const dir of vault ? [vault.tempDir, ...tempDirs] : tempDirs) {
    try {
      tempFiles += shredTree(dir, dir !== vault?.tempDir).files;
    } catch {
      problems.push('temp_files');
      rmSync(dir, { recursive: true, force: true });
    }
  }

  let stationReset = false;
  try {
    await deps.resetStation();
    stationReset = true;
  } catch {
    problems.push('station_reset');
  }

  let card = { found: 0, deleted: 0, remaining: 0 };
  try {
    card = await deps.camera.clearCard();
    if (card.remaining > 0) problems.push('camera_card');
  } catch {
    problems.push('camera_card');
    card.remaining = -1; // unknown: treat as not empty
  }

  let spool = { gone: 0, kept: 0 };
  try {
    if (vault) spool = await deps.photoPrinter.purge(vault.printJobs);
    if (spool.kept > 0) problems.push('print_spool_kept');
  } catch {
    problems.push('print_spool');
  }

  const summary: SessionWipeSummary = {
    reason,
    photos: zeroed.photos,
    secrets: zeroed.secrets,
    bytesZeroed: zeroed.bytes,
    tempFiles,
    cameraFiles: card.deleted,
    cameraRemaining: card.remaining,
    printJobs: spool.gone,
    printJobsKept: spool.kept,
    stationReset,
    problems,
    ms: 0,
  };
  if (deps.store.isOpen()) {
    try {
      deps.store.checkpoint();
    } catch {
      problems.push('wal_checkpoint');
    }
  }
  summary.ms = Math.round(performance.now() - started);
  // The wipe has happened whatever the log can take: a full disk (or a locked store) defers the
  // entry, and the visit service writes it as soon as it can.
  try {
    if (!deps.store.isOpen()) throw new Error('store not open');
    logSessionWipe(deps.store, deps.now(), actor, summary, SESSION_WIPE_METHOD);
  } catch {
    problems.push('deletion_log');
  }
  deps.log.info('wipe.session', { reason, photos: summary.photos, tempFiles, cameraFiles: summary.cameraFiles, problems: problems.length, ms: summary.ms });
  return summary;
}
