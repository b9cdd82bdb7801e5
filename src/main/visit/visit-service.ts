// A citizen's visit, as far as the data rules are concerned: it opens, holds its photos and
// secrets in a vault, and ends (or times out) in a session wipe. A marker file says a visit is
// open, so that a restart after a crash wipes what it left. If the camera card could not be
// emptied, the next visit waits until staff have checked the camera.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { EventBus } from '../event-bus.js';
import type { DataPaths } from '../paths.js';
import { logSessionWipe, SESSION_WIPE_METHOD, wipeSession, type SessionWipeDeps, type SessionWipeSummary, type WipeReason } from '../wipe/session-wipe.js';
import { VisitVault } from './visit-vault.js';
import type { VisitRecord } from '../../shared/contract.js';
import { boothDay } from '../day/booth-day.js';

export interface VisitInfo {
  id: string;
  startedAt: string;
  ticketNumber: number | null;
}

export interface VisitServiceDeps extends SessionWipeDeps {
  paths: DataPaths;
  bus: EventBus;
  /** Where visits' temporary files live (RAM-backed where possible). */
  tempRoot: string;
  /** An open visit with no end after this long is wiped anyway. */
  timeoutMinutes: number;
  /** Tells the station a visit opened or ended. */
  stationChanged?: () => void;
}

export class VisitService {
  private vault: VisitVault | null = null;
  private ticketNumber: number | null = null;
  private record_: VisitRecord | null = null;
  private blocked = false;
  private timer: NodeJS.Timeout | null = null;
  /** Wipes done while the deletion log could not take their entry (store locked, disk full). */
  private pendingLogs: { at: Date; actor: string; summary: SessionWipeSummary; method: string }[] = [];

  constructor(private readonly d: VisitServiceDeps) {}

  current(): VisitInfo | null {
    return this.vault ? { id: this.vault.id, startedAt: this.vault.startedAt.toISOString(), ticketNumber: this.ticketNumber } : null;
  }

  currentRecord(): VisitRecord | null {
    return this.record_;
  }

  /** The open visit's vault, for the photo and QR steps. */
  open(): VisitVault {
    if (!this.vault) throw new AppError('conflict', text('受付中の来訪者がいません。', 'No visit is open.'));
    return this.vault;
  }

  /** The open visit's vault, or null between visits (for what belongs to "this visit only"). */
  openVault(): VisitVault | null {
    return this.vault;
  }

  isBlocked(): boolean {
    return this.blocked;
  }

  start(o: { ticketNumber?: number; staffId?: number; eventId?: number | null } = {}): VisitInfo {
    this.d.store.get(); // the deletion log must be writable before anything personal arrives
    if (this.vault) throw new AppError('conflict', text('前の来訪者の受付がまだ終わっていません。', 'The previous visit has not ended yet.'));
    if (this.blocked) {
      throw new AppError(
        'unavailable',
        text('カメラのメモリーカードに写真が残っています。カメラを確認し、「カメラを再確認」を押してください。', 'Photos remain on the camera’s memory card. Check the camera, then press “Recheck camera”.'),
      );
    }
    this.flushPendingRecovery();
    this.vault = new VisitVault(this.d.tempRoot, this.d.now());
    this.ticketNumber = o.ticketNumber ?? null;
    this.record_ = null;
    // The marker first: a visit row always has one, so a crash at any point is wiped and logged.
    writeFileSync(this.d.paths.visitMarkerFile, JSON.stringify({ visitId: this.vault.id, startedAt: this.vault.startedAt.toISOString() }) + '\n', { mode: 0o600 });
    try {
      this.d.store.prepare('INSERT INTO visits (id, day, started_at, ticket_number, staff_id, applicants, outcome, event_id) VALUES (?, ?, ?, ?, ?, 0, ?, ?)').run(
        this.vault.id,
        boothDay(this.vault.startedAt),
        this.vault.startedAt.toISOString(),
        this.ticketNumber,
        o.staffId ?? null,
        'none',
        o.eventId ?? null,
      );
    } catch (err) {
      // Not recorded (a full disk, say): no visit is open; nothing personal has arrived yet.
      this.vault.zero();
      this.vault = null;
      this.ticketNumber = null;
      rmSync(this.d.paths.visitMarkerFile, { force: true });
      throw err;
    }
    this.timer = setTimeout(() => void this.end('timeout', 'system').catch(() => {}), this.d.timeoutMinutes * 60_000);
    this.timer.unref();
    this.announce();
    return this.current() as VisitInfo;
  }

  /** What was given and decided in this visit; may be called again to correct it. */
  record(r: VisitRecord): VisitRecord {
    const vault = this.open();
    this.d.store
      .prepare('UPDATE visits SET services = ?, applicants = ?, age_bands = ?, outcome = ? WHERE id = ?')
      .run(JSON.stringify(r.services), r.applicants, JSON.stringify(r.ageBands), r.outcome, vault.id);
    this.record_ = r;
    this.announce();
    return r;
  }

  async end(reason: WipeReason, actor: string): Promise<SessionWipeSummary> {
    const vault = this.vault;
    if (!vault && reason !== 'crash-recovery') throw new AppError('conflict', text('受付中の来訪者がいません。', 'No visit is open.'));
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.vault = null;
    this.ticketNumber = null;
    this.record_ = null;
    if (vault && this.d.store.isOpen()) {
      try {
        this.d.store.prepare('UPDATE visits SET ended_at = ?, end_reason = ? WHERE id = ?').run(this.d.now().toISOString(), reason, vault.id);
      } catch {
        // A full disk must not keep the photo: the wipe below runs whatever this write did.
        this.d.log.warn('visit.end_not_recorded', { reason });
      }
    }
    const summary = await wipeSession(this.d, vault, [], reason, actor);
    rmSync(this.d.paths.visitMarkerFile, { force: true });
    if (summary.problems.includes('deletion_log')) this.pendingLogs.push({ at: this.d.now(), actor, summary, method: `${SESSION_WIPE_METHOD} (logged late)` });
    this.flushPendingRecovery();
    this.blocked = summary.cameraRemaining !== 0;
    this.announce();
    return summary;
  }

  /** At start-up: a marker means the app stopped mid-visit. Wipe everything visits may have left. */
  async recoverAfterCrash(): Promise<SessionWipeSummary | null> {
    if (!existsSync(this.d.paths.visitMarkerFile)) return null;
    let visitId = 'unknown';
    try {
      const id = (JSON.parse(readFileSync(this.d.paths.visitMarkerFile, 'utf8')) as { visitId?: unknown }).visitId;
      if (typeof id === 'string') visitId = id;
    } catch {
      // a torn marker still means a visit was open
    }
    const summary = await wipeSession(this.d, null, [this.d.tempRoot], 'crash-recovery', 'system');
    rmSync(this.d.paths.visitMarkerFile, { force: true });
    this.blocked = summary.cameraRemaining !== 0;
    if (summary.problems.includes('deletion_log')) this.pendingLogs.push({ at: this.d.now(), actor: 'system', summary, method: 'overwrite-unlink,gphoto2-delete,wal-checkpoint (logged when the store opened)' });
    this.d.log.warn('visit.crash_recovery', { visit: visitId.slice(0, 8), tempFiles: summary.tempFiles });
    return summary;
  }

  /** Deferred wipe entries go into the deletion log as soon as it can take them (store open, room on disk). */
  flushPendingRecovery(): void {
    // A visit the app stopped in the middle of (its wipe ran at start-up) is recorded as ended so.
    if (!this.vault && this.d.store.isOpen()) {
      try {
        this.d.store.prepare("UPDATE visits SET ended_at = ?, end_reason = 'crash-recovery' WHERE ended_at IS NULL").run(this.d.now().toISOString());
      } catch {
        // no room yet: the next chance is the next visit
      }
    }
    while (this.pendingLogs.length > 0 && this.d.store.isOpen()) {
      const p = this.pendingLogs[0]!;
      try {
        logSessionWipe(this.d.store, this.d.now(), p.actor, p.summary, p.method);
      } catch {
        return; // still no room: try again at the next visit
      }
      this.pendingLogs.shift();
    }
  }

  /** A capture left files the camera would not delete: the next visit waits for staff. */
  holdNextVisit(): void {
    this.blocked = true;
    this.announce();
  }

  /** Staff checked the camera: list and clear the card again, and lift the block if empty. */
  async recheckCamera(): Promise<boolean> {
    const card = await this.d.camera.clearCard();
    this.blocked = card.remaining !== 0;
    this.announce();
    return !this.blocked;
  }

  private announce(): void {
    this.d.bus.emit('visit.changed', { visit: this.current(), record: this.record_, blocked: this.blocked });
    this.d.stationChanged?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
