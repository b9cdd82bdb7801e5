// The photo step of a visit: live view for framing, capture into the visit's vault, the
// pipeline's review, retake or accept, and printing the sheet with the job followed to the end.
// Every buffer of a shot is held by the vault, so the visit's wipe zeroes it; a retake zeroes the
// previous shot at once. After each capture the camera's own storage is listed and emptied, and
// that goes in the deletion log (counts only).
import sharp from 'sharp';
import type { CameraFrame, CameraState, LiveGuide, Paper, PhotoReview, PrintStatus, PrinterCalibrationState } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { text, type Text } from '../../shared/text.js';
import type { CameraService, CameraServiceStatus } from '../devices/camera/camera-service.js';
import type { CardClear } from '../devices/camera/camera.js';
import { PRINT_STATE_UNKNOWN, type PhotoPrinter, type PrintJob } from '../devices/photo-printer/photo-printer.js';
import type { EventBus } from '../event-bus.js';
import type { Logger } from '../log.js';
import { calibrationFor, correctionsOf, printerDpi, type PaperCorrection, type PhotoRules, type PrinterCalibration, type Settings } from '../settings/settings.js';
import type { StoreKeeper } from '../store/store.js';
import type { VisitService } from '../visit/visit-service.js';
import type { VisitVault } from '../visit/visit-vault.js';
import { calibrationSheet, checkedCalibration, designedMeasurements, type Measurements } from './calibration.js';
import { followOrFind, type DetectedFace, type FaceDetector, type RgbImage } from './face-detector.js';
import { frameImage, guideFor, seenFaceOf, SteadyHint } from './live-guide.js';
import { placeOfSeen, processPhoto, type PhotoResult, type PipelineOptions, type SeenFace } from './pipeline.js';
import { largestFace } from './locate.js';
import { sheetPdf } from './print-document.js';
import { UpsideDownWatch } from './upside-down.js';
import { paperMm, sheetLayout } from './sheet.js';
import type { TurnDegrees } from './orientation.js';

export interface PhotoServiceDeps {
  camera: CameraService;
  printer: PhotoPrinter;
  /** The printer's name for its calibration (CUPS queue, or "simulated"). */
  printerKey: string;
  detector: FaceDetector;
  settings: () => Settings;
  /** Keeps the correction measured on `paper` in the settings file (the printer's others stay as they were). */
  saveCalibration: (printer: string, paper: Paper, c: PaperCorrection) => void;
  visits: VisitService;
  store: StoreKeeper;
  bus: EventBus;
  now: () => Date;
  log: Logger;
  /** What the spool keeps of a printed photo (cupsd.conf); null: nothing, or not a CUPS printer. */
  spoolKeeps: () => Promise<Text | null>;
  /** How often a print job's state is asked, in ms. */
  pollMs?: number;
}

/** The station's webcam sends no picture: for staff, on both screens. */
const WEBCAM_MISSING = text(
  'ステーションのWebカメラが映っていません。USBケーブルを挿し直すか、ほかのアプリがWebカメラを使っていないか確かめてください。',
  'The station’s webcam shows nothing. Re-plug its USB cable, or check that no other program is using it.',
);

/**
 * The camera as the screens see it: the station uses its webcam where no tethered camera is found
 * and the setting allows. `webcamBlank`: the station said its webcam gives no picture.
 */
function cameraState(s: CameraServiceStatus, settings: Settings, webcamBlank: boolean): CameraState {
  const webcam = settings.webcamFallback && s.simulated;
  return { ...s, problem: webcam && webcamBlank ? WEBCAM_MISSING : s.problem, webcam, webcamAllowed: settings.webcamFallback, turn: settings.cameraTurnDegrees };
}

/** The sheet's raster and the paper it fills, in millimetres (the Windows spooler draws it so). */
function rasterOf(png: Buffer, paper: PrintStatus['paper'], landscape: boolean): PrintJob['raster'] {
  const mm = paperMm(paper, landscape);
  return { png, widthMm: mm.width, heightMm: mm.height, landscape };
}

interface Shot {
  vault: VisitVault;
  n: number;
  /** The camera's still, held for the visit (staff may have it judged again, turned). */
  jpeg: Buffer;
  /** How the still is turned when it does not say (the camera's mounting). */
  turnUntagged: TurnDegrees;
  /** The rules it was judged by (later changes apply from the next shot on). */
  rules: PhotoRules;
  result: PhotoResult;
  review: PhotoReview;
  /** Every buffer made from the still (the outputs, their previews), zeroed on retake or when judged again; the vault zeroes them at the wipe too. */
  buffers: Buffer[];
}

/**
 * Live frames go out at most this often (the station needs 15 a second or more). Just under a
 * 30 fps camera's interval, so its every frame passes; a faster camera is thinned to about 35.
 */
const FRAME_INTERVAL_MS = 28;
/**
 * A guide is started at most this often (the target is 10 a second; this allows about 16). The
 * detector's thread takes about 40 ms a frame, so this leaves it gaps, and the frames flow.
 */
const GUIDE_INTERVAL_MS = 60;
/** A live-view crop older than this (the citizen may have moved) is no hint for the still. */
const HINT_MAX_AGE_MS = 2000;
/**
 * The face finder looks at every this many live frames; in between, the face the last guide saw
 * is followed (tracked-face.ts: the mesh alone, about a quarter of the detection), so a second
 * face walking in is named within this many guides (a quarter of a second).
 */
const FINDER_EVERY = 4;
/** A face the live view saw longer ago than this (the view paused) is looked for afresh. */
const FOLLOW_MAX_AGE_MS = 500;

const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

const printCancelled = () => new AppError('conflict', text('印刷の途中で受付が終了したため、印刷を取り消しました。', 'The visit ended while the sheet was being sent: the print was cancelled.'));

const turnWhilePrinting = () => new AppError('conflict', text('印刷中です。印刷が終わってから回してください。', 'Printing: turn the photo when it has finished.'));

const shootingNow = () => new AppError('conflict', text('撮影中です。写真ができるまでお待ちください。', 'A photo is being taken: wait for it.'));

export class PhotoService {
  private shot: Shot | null = null;
  private shots = new WeakMap<VisitVault, number>();
  private print: PrintStatus | null = null;
  private poll: NodeJS.Timeout | null = null;
  private readonly liveWindows = new Set<string>();
  private stopWatching: (() => void) | null = null;
  private seq = 0;
  private lastSent = 0;
  private guide: LiveGuide | null = null;
  /** What the last guide saw: where the photo would be cut and, with one face, where that face was. */
  private lastSeen: { crop: NonNullable<LiveGuide['crop']>; face: SeenFace | null; at: number } | null = null;
  private guideSeq = 0;
  /** Live guides in a row whose face was followed, the finder skipped. */
  private followedGuides = 0;
  /** The last still given the live view's face had it followed: the next one's work copy may stop below the face. */
  private stillsFollow = true;
  private guiding = false;
  private lastGuide = 0;
  private readonly steadyHint = new SteadyHint();
  private readonly upsideDown = new UpsideDownWatch();
  /** The newest live frame no guide has been made of yet. */
  private unguided: { jpeg: Buffer; seq: number; turn: TurnDegrees } | null = null;

  constructor(private readonly d: PhotoServiceDeps) {}

  cameraState(): CameraState {
    return cameraState(this.d.camera.status(), this.d.settings(), this.webcamBlank);
  }

  /** What the station's webcam shows: nothing (unplugged, taken by another program) is told to staff. */
  private webcamBlank = false;

  webcamSeen(seen: boolean): void {
    if (this.webcamBlank === !seen) return;
    this.webcamBlank = !seen;
    // Counts nothing personal: whether a picture comes, not what is in it.
    this.d.log.info('camera.webcam', { seen });
    this.d.bus.emit('camera.changed', this.cameraState());
  }

  // ---- live view --------------------------------------------------------------------------

  /** Live view for a window: frames flow while any window wants them. */
  live(window: string, on: boolean): CameraState {
    if (on) this.liveWindows.add(window);
    else this.liveWindows.delete(window);
    if (this.liveWindows.size > 0 && !this.stopWatching) {
      this.stopWatching = this.d.camera.watch((jpeg) => this.onFrame(jpeg));
    } else if (this.liveWindows.size === 0 && this.stopWatching) {
      this.stopWatching();
      this.stopWatching = null;
      this.guide = null;
      this.unguided = null;
      this.steadyHint.reset();
    }
    return this.cameraState();
  }

  private onFrame(jpeg: Buffer): void {
    // A camera mounted on its side: the frame goes out as it came and the station turns it on the
    // screen; only the guide's small copy is turned here (turning every frame in main, decoded and
    // encoded again, took up to half a core at 30 fps and let 21–24 of a fake camera's 26 through).
    const turn = this.d.settings().cameraTurnDegrees;
    this.seq += 1;
    const seq = this.seq;
    this.unguided = { jpeg, seq, turn };
    this.nextGuide();
    const now = performance.now();
    if (now - this.lastSent < FRAME_INTERVAL_MS) return;
    this.lastSent = now;
    const frame: CameraFrame = { seq, jpeg: jpeg.toString('base64'), turn, guide: this.guide, guideAge: this.guide ? seq - this.guideSeq : 0 };
    this.d.bus.emit('camera.frame', frame);
  }

  /**
   * The guide runs at the detector's pace on the newest frame; frames are not held for it. When
   * one ends late, the next starts at once on the newest frame rather than waiting for another
   * (on a 30 fps camera, waiting cut the guide to every third frame: 10 a second).
   */
  private nextGuide(): void {
    const frame = this.unguided;
    if (!frame || this.guiding || performance.now() - this.lastGuide < GUIDE_INTERVAL_MS) return;
    this.unguided = null;
    this.guiding = true;
    this.lastGuide = performance.now();
    void this.guideOf(frame.jpeg, frame.turn)
      .then((g) => {
        // A guide that ends after the live view stopped is of no frame the station will see.
        if (!this.stopWatching) return;
        this.guide = g;
        this.guideSeq = frame.seq;
      })
      .catch(() => {
        this.guide = null;
      })
      .finally(() => {
        this.guiding = false;
        this.nextGuide();
      });
  }

  /** The framing guide for one live frame (the tethered camera's, or the station's webcam's), of the frame turned `turn` clockwise. */
  async guideOf(jpeg: Buffer, turn: TurnDegrees = 0): Promise<LiveGuide> {
    let img;
    try {
      img = await frameImage(jpeg, turn);
    } catch {
      throw new AppError('bad_request', text('カメラの画像を読めません。', 'The camera picture cannot be read.'));
    }
    try {
      const detect = (i: RgbImage) => this.d.detector.detect(i, { irises: false });
      const faces = await this.liveFaces(img);
      const face = largestFace(faces);
      const upsideDown = face ? await this.upsideDown.isOver(img, face, detect) : false;
      const guide = guideFor(img, faces, this.d.settings().photo, { upsideDown });
      // Where the photo would be cut, and the face: the still is taken of the same framing a
      // moment later.
      this.forgetSeen();
      this.lastSeen = guide.crop ? { crop: guide.crop, face: seenFaceOf(img, faces), at: performance.now() } : null;
      return { ...guide, hint: this.steadyHint.of(guide.hint) };
    } finally {
      img.data.fill(0);
    }
  }

  /**
   * The live frame's faces: the face the last guide saw, followed, or the finder's look (every
   * FINDER_EVERY guides, and whenever the face is not where it was, or looks otherwise).
   */
  private async liveFaces(img: RgbImage): Promise<DetectedFace[]> {
    const seen = this.lastSeen;
    const face = seen && this.followedGuides < FINDER_EVERY - 1 && performance.now() - seen.at < FOLLOW_MAX_AGE_MS ? seen.face : null;
    const r = await followOrFind(this.d.detector, img, face ? placeOfSeen(face, img) : undefined, { irises: false });
    this.followedGuides = r.followed ? this.followedGuides + 1 : 0;
    return r.faces;
  }

  /**
   * What the live view saw a moment ago, as the pipeline's hints for one still (none when
   * stale). Taken, not shared: a guide that ends meanwhile (the live view resumes during the
   * pipeline) cannot zero the look under it.
   */
  private takeSeen(): Pick<PipelineOptions, 'hint' | 'seenFace'> {
    const s = this.lastSeen;
    this.lastSeen = null;
    if (s && performance.now() - s.at < HINT_MAX_AGE_MS) return { hint: s.crop, seenFace: s.face };
    s?.face?.look.fill(0);
    return {};
  }

  /**
   * The last guide's look at the face (a coarse grid of its luminance) is zeroed once it is no
   * use: replaced by the next guide's, or the visit ended.
   */
  forgetSeen(): void {
    this.lastSeen?.face?.look.fill(0);
    this.lastSeen = null;
  }

  // ---- the shot ---------------------------------------------------------------------------

  current(): PhotoReview | null {
    const vault = this.d.visits.openVault();
    return this.shot && this.shot.vault === vault ? this.shot.review : null;
  }

  /** The tethered (or simulated) camera's still, asked for from the console or the station. */
  capture(from: 'console' | 'station'): Promise<PhotoReview> {
    // The station's webcam takes the photos: the camera main drives is then the demo's, and its
    // picture must never be judged (or printed) as the citizen's. The station sends its webcam's
    // still instead (captureFrame) and asks here only when it has none; the console cannot reach
    // the webcam, which is in the station's browser.
    if (this.cameraState().webcam) {
      const why =
        from === 'console'
          ? text('Webカメラで撮影するときは、ステーションの「撮影」ボタンを押してください。', 'With the webcam, take the photo with the station’s Shoot button.')
          : text('Webカメラの映像が届いていません。ステーションにWebカメラがつながっているか確かめてください。', 'No picture from the webcam: check that a webcam is connected to the station.');
      return Promise.reject(new AppError('conflict', why));
    }
    return this.shoot(async () => {
      const jpeg = await this.d.camera.capture();
      // A still that does not say how it is turned is turned as the camera is mounted.
      return { jpeg, afterwards: () => this.clearCameraStorage(), turnUntagged: this.d.settings().cameraTurnDegrees };
    });
  }

  /**
   * The webcam fallback's still, sent by the station. (Over the contract it arrives as a base64
   * string, which JavaScript cannot zero; the decoded bytes are held and zeroed like any shot.)
   */
  captureFrame(jpeg: Buffer): Promise<PhotoReview> {
    if (!this.cameraState().webcam) {
      jpeg.fill(0);
      throw new AppError('conflict', text('Webカメラでの撮影は設定されていません。', 'Webcam photos are not enabled.'));
    }
    if (this.shooting) {
      jpeg.fill(0);
      throw shootingNow();
    }
    return this.shoot(() => Promise.resolve({ jpeg, afterwards: () => Promise.resolve() }));
  }

  /**
   * A still is being taken or judged. A second press meanwhile (the station's button tapped twice,
   * or the console's and the station's at once) is refused: its result would replace the first
   * shot's, which would then be held, unseen, until the visit's wipe.
   */
  private shooting = false;

  private async shoot(take: () => Promise<{ jpeg: Buffer; afterwards: () => Promise<void>; turnUntagged?: TurnDegrees }>): Promise<PhotoReview> {
    if (this.shooting) throw shootingNow();
    this.shooting = true;
    try {
      return await this.shootOnce(take);
    } finally {
      this.shooting = false;
    }
  }

  private async shootOnce(take: () => Promise<{ jpeg: Buffer; afterwards: () => Promise<void>; turnUntagged?: TurnDegrees }>): Promise<PhotoReview> {
    const vault = this.d.visits.open();
    if (this.printing) {
      throw new AppError('conflict', text('印刷中です。印刷が終わってから撮影してください。', 'Printing: take the photo when it has finished.'));
    }
    this.discard();
    const taken = await take();
    const jpeg = vault.holdPhoto(taken.jpeg);
    const n = (this.shots.get(vault) ?? 0) + 1;
    this.shots.set(vault, n);
    const how = { jpeg, turnUntagged: taken.turnUntagged ?? 0, turn: null };
    // The camera's card is cleared while the photo is processed (the camera service holds the
    // camera until then); both are done before the citizen sees the review.
    const ended = () => new AppError('conflict', text('写真の処理中に受付が終了しました。', 'The visit ended while the photo was being processed.'));
    let shot: Shot;
    const seen = { ...this.takeSeen(), workCutBelowFace: this.stillsFollow };
    try {
      [shot] = await Promise.all([this.judge(vault, n, how, seen), taken.afterwards()]);
      if (seen.seenFace) this.stillsFollow = shot.result.followed;
    } catch (err) {
      // The visit's wipe zeroed the still under the pipeline: say that, not "unreadable".
      if (this.d.visits.openVault() !== vault) throw ended();
      throw err;
    } finally {
      seen.seenFace?.look.fill(0);
    }
    if (this.d.visits.openVault() !== vault) {
      // The visit ended (and was wiped) while the still was judged: nothing made from it may outlive it.
      jpeg.fill(0);
      for (const b of shot.buffers) b.fill(0);
      throw ended();
    }
    this.shot = shot;
    const { result, review } = shot;
    this.d.log.info('photo.captured', { shot: n, ok: result.ok, faces: result.faces, ms: review.ms, turned: result.turned, speculation: result.speculation ?? 'none', followed: result.followed, workCopy: result.workCopy, failed: result.checks.filter((c) => c.ok !== true).map((c) => c.id).join(',') });
    this.d.bus.emit('photo.changed', review);
    return review;
  }

  /** The still through the pipeline: its outputs and their previews held in the visit's vault. */
  /** `how.turn`: the turn staff chose, of the picture as it came (null: the pipeline's own). */
  private async judge(vault: VisitVault, n: number, how: Pick<Shot, 'jpeg' | 'turnUntagged'> & { turn: TurnDegrees | null }, seen: Pick<PipelineOptions, 'hint' | 'seenFace' | 'workCutBelowFace'>, rules?: PhotoRules): Promise<Shot> {
    const settings = this.d.settings();
    const judgedBy = rules ?? settings.photo;
    const result = await processPhoto(how.jpeg, {
      rules: judgedBy,
      paper: settings.photoPaper,
      calibration: this.calibration(),
      detector: this.d.detector,
      ...seen,
      turnUntagged: how.turnUntagged,
      ...(how.turn === null ? {} : { turn: how.turn }),
    });
    const buffers: Buffer[] = [];
    const o = result.outputs;
    if (o) {
      buffers.push(vault.holdPhoto(asBuffer(o.photo.data)));
      if (o.sheet) buffers.push(vault.holdPhoto(o.sheet.png));
      if (o.online) buffers.push(vault.holdPhoto(o.online.jpeg));
    }
    const previewOf = async (img: Buffer | null, raw?: { width: number; height: number }, height?: number) => {
      if (!img) return null;
      const base = raw ? sharp(img, { raw: { ...raw, channels: 3 } }) : sharp(img);
      const out = await (height ? base.resize({ height }) : base).jpeg({ quality: 85 }).toBuffer();
      buffers.push(vault.holdPhoto(out));
      return out.toString('base64');
    };
    const review: PhotoReview = {
      shot: n,
      ok: result.ok,
      faces: result.faces,
      checks: result.checks,
      photo: o ? await previewOf(asBuffer(o.photo.data), { width: o.photo.width, height: o.photo.height }, 531) : null,
      sheet: o?.sheet ? { paper: o.sheet.layout.paper, photos: o.sheet.layout.photos.length, leftOff: o.sheet.layout.leftOff, preview: (await previewOf(o.sheet.png, undefined, 600)) ?? '' } : null,
      online: o?.online ? { width: o.online.width, height: o.online.height, bytes: o.online.jpeg.length } : null,
      onlineProblem: o?.onlineProblem ?? null,
      crownMethod: result.crownMethod,
      turned: result.turned,
      turnedByStaff: how.turn !== null,
      accepted: false,
      ms: Math.round(result.timingsMs.total ?? 0),
    };
    return { vault, n, jpeg: how.jpeg, turnUntagged: how.turnUntagged, rules: judgedBy, result, review, buffers };
  }

  /** A sheet is being sent, or is queued or printing: the shot it prints must stay as it is. */
  private get printing(): boolean {
    const p = this.printStatus();
    return this.sending !== null || (p !== null && (p.state === 'queued' || p.state === 'printing'));
  }

  /**
   * The citizen's photo sheet is on its way to the paper (being sent, queued, printing, or held by
   * the printer): ending the visit now would cancel it.
   */
  sheetUnderway(): boolean {
    const p = this.printStatus();
    return this.sending === 'sheet' || (p?.what === 'sheet' && p.state !== 'done');
  }

  /**
   * What is being made and handed to the print system. Set before the first wait, so a second
   * press meanwhile (the station's 「使う」 and the console's 印刷 at once) is refused instead of
   * printing the citizen's photo twice.
   */
  private sending: PrintStatus['what'] | null = null;

  private async printOnce(what: PrintStatus['what'], go: () => Promise<PrintStatus>): Promise<PrintStatus> {
    if (this.printing) throw new AppError('conflict', text('前の印刷が終わっていません。', 'The previous print has not finished.'));
    this.sending = what;
    try {
      return await go();
    } finally {
      this.sending = null;
    }
  }

  /**
   * Judges the shot again from its still and puts the result in its place, zeroing what the shot
   * had made. Overtaken meanwhile (retaken, its visit ended, or its sheet sent to print: zeroing
   * it then would zero the document under the print system), what was made now is zeroed instead
   * and the answer says which. A still zeroed under the pipeline by a retake or the visit's end
   * fails to decode: answered as overtaken too, not as an unreadable file.
   */
  private async judgeAgain(s: Shot, turn: TurnDegrees | null, o: { rules?: PhotoRules; keepAccepted: boolean }): Promise<{ shot: Shot } | { overtaken: 'replaced' | 'printing' }> {
    let again: Shot;
    try {
      again = await this.judge(s.vault, s.n, { jpeg: s.jpeg, turnUntagged: s.turnUntagged, turn }, {}, o.rules);
    } catch (err) {
      if (this.shot !== s) return { overtaken: 'replaced' };
      throw err;
    }
    if (this.shot !== s || this.printing) {
      for (const b of again.buffers) b.fill(0);
      return { overtaken: this.shot !== s ? 'replaced' : 'printing' };
    }
    for (const b of s.buffers) b.fill(0);
    this.shot = o.keepAccepted ? { ...again, review: { ...again.review, accepted: s.review.accepted } } : again;
    this.d.bus.emit('photo.changed', this.shot.review);
    return { shot: this.shot };
  }

  /**
   * Staff turn the current shot as they see it (a face the pipeline stood wrongly, or could not
   * stand upright) and it is judged again from the same still, turned so, the pipeline turning
   * nothing more; what was made from it before is zeroed.
   */
  async turn(degrees: 90 | 180 | 270): Promise<PhotoReview> {
    const s = this.requireShot();
    if (this.printing) throw turnWhilePrinting();
    const r = await this.judgeAgain(s, ((s.result.turned + degrees) % 360) as TurnDegrees, { keepAccepted: false });
    if ('overtaken' in r) {
      if (r.overtaken === 'printing') throw turnWhilePrinting();
      throw this.d.visits.openVault() !== s.vault
        ? new AppError('conflict', text('写真の処理中に受付が終了しました。', 'The visit ended while the photo was being processed.'))
        : new AppError('conflict', text('写真が撮り直されました。', 'The photo was retaken meanwhile.'));
    }
    const { result, review } = r.shot;
    this.d.log.info('photo.turned', { shot: s.n, degrees, turned: result.turned, ok: result.ok, faces: result.faces });
    return review;
  }

  /**
   * The sheet's paper or the printer's correction changed: the current shot's sheet is made again
   * from the same still for them, so what prints is on the paper loaded now, with the correction
   * measured now. Its checks stay as they were judged (the rules it was judged by are kept; new
   * rules apply from the next shot on). Nothing is done while it prints or another is taken.
   */
  async sheetSettingsChanged(): Promise<void> {
    const s = this.shot;
    if (!s || s.vault !== this.d.visits.openVault() || this.printing || this.shooting) return;
    try {
      const r = await this.judgeAgain(s, s.review.turnedByStaff ? s.result.turned : null, { rules: s.rules, keepAccepted: true });
      if ('shot' in r) this.d.log.info('photo.sheet_redrawn', { shot: s.n, paper: r.shot.review.sheet?.paper ?? null });
    } catch (err) {
      // The still cannot be judged again: the sheet stays as it was, and the log says so.
      this.d.log.warn('photo.sheet_not_redrawn', { why: err instanceof AppError ? err.body.code : 'error' });
    }
  }

  /**
   * After each capture: list every storage on the camera, delete what a capture left there, list
   * again. A card that cannot be emptied holds the next visit until staff check the camera.
   */
  private async clearCameraStorage(): Promise<void> {
    const card: CardClear = await this.d.camera.clearCard().catch(() => ({ found: -1, deleted: 0, remaining: -1 }));
    const throughCard = card.throughCard ?? 0;
    if (card.found === 0 && throughCard === 0) return;
    if (this.d.store.isOpen()) {
      this.d.store.get().deletionLog.append(this.d.now(), 'system', 'capture_card_clear', {
        found: card.found,
        deleted: card.deleted,
        remaining: card.remaining,
        // A body without a capture target writes the shot to its card; gphoto2 deletes it there
        // once downloaded, before the card is listed.
        ...(throughCard > 0 ? { throughCard, deletedBy: 'gphoto2 --capture-image-and-download after download' } : {}),
        method: 'gphoto2 --delete-all-files --recurse, listed again',
      });
    }
    if (card.remaining !== 0) this.d.visits.holdNextVisit();
  }

  /** The current shot's online-application file, for the online window's upload field. */
  onlineFile(): { jpeg: Buffer; width: number; height: number } | null {
    const vault = this.d.visits.openVault();
    const online = this.shot && this.shot.vault === vault ? this.shot.result.outputs?.online : null;
    return online ? { jpeg: online.jpeg, width: online.width, height: online.height } : null;
  }

  /**
   * The photo is taken again: the shot is zeroed, but not while its sheet is being handed to the
   * print system (its document would be zeroed under it). Once handed over, the spool has its own copy.
   */
  retake(): null {
    if (this.sending !== null) throw new AppError('conflict', text('印刷を始めています。少し待ってから撮り直してください。', 'The sheet is being sent to the printer: retake in a moment.'));
    return this.discard();
  }

  /** Zeroes the current shot (retake, or a new capture). */
  discard(): null {
    const s = this.shot;
    this.shot = null;
    if (s) {
      s.jpeg.fill(0);
      for (const b of s.buffers) b.fill(0);
      this.d.bus.emit('photo.changed', null);
    }
    return null;
  }

  accept(): PhotoReview {
    const s = this.requireShot();
    if (s.review.faces === 0) throw new AppError('conflict', text('顔が写っていない写真は使えません。撮り直してください。', 'A photo without a face cannot be used. Retake it.'));
    s.review = { ...s.review, accepted: true };
    this.d.bus.emit('photo.changed', s.review);
    return s.review;
  }

  private requireShot(): Shot {
    const vault = this.d.visits.open();
    if (!this.shot || this.shot.vault !== vault) throw new AppError('conflict', text('まだ撮影していません。', 'No photo has been taken yet.'));
    return this.shot;
  }

  // ---- printing ---------------------------------------------------------------------------

  /** The last print's status: a sheet only while its visit is open (the next visit starts with none). */
  printStatus(): PrintStatus | null {
    return this.print?.what === 'sheet' && this.printOf !== this.d.visits.openVault() ? null : this.print;
  }

  /** The visit whose sheet the last print is (null: the calibration sheet). */
  private printOf: VisitVault | null = null;

  /**
   * Prints the shot's sheet. A shot that fails a check prints only when staff override (the
   * station cannot); where CUPS keeps job files, history or names, only after the lead confirms.
   */
  printSheet(o: { override: boolean; spoolConfirmed: boolean; byStaff: boolean; leadConfirmed: boolean }): Promise<PrintStatus> {
    return this.printOnce('sheet', () => this.printSheetOnce(o));
  }

  private async printSheetOnce(o: { override: boolean; spoolConfirmed: boolean; byStaff: boolean; leadConfirmed: boolean }): Promise<PrintStatus> {
    const s = this.requireShot();
    const sheet = s.result.outputs?.sheet;
    if (!sheet) throw new AppError('conflict', text('印刷できる写真がありません。撮り直してください。', 'There is no photo to print. Retake it.'));
    if (!s.review.ok && !(o.override && o.byStaff)) {
      throw new AppError('conflict', text('確認が必要な項目があります。係員が確認してから印刷します。', 'Some checks need attention: staff check before printing.'));
    }
    await this.assertSpoolClean(o);
    // The visit may end (and its wipe zero the sheet) at any wait from here on.
    const ended = () => this.d.visits.openVault() !== s.vault;
    if (ended()) throw printCancelled();
    let pdf: Buffer;
    try {
      pdf = await sheetPdf(sheet.png, sheet.layout.paper, sheet.layout.landscape);
    } catch (err) {
      if (ended()) throw printCancelled();
      throw err;
    }
    if (ended()) {
      // The wipe has run: what is made after it is zeroed here.
      pdf.fill(0);
      throw printCancelled();
    }
    s.buffers.push(s.vault.holdPhoto(pdf));
    const status = await this.send(pdf, sheet.layout.paper, 'sheet', `madoguchi sheet ${s.n}`, s.vault, rasterOf(sheet.png, sheet.layout.paper, sheet.layout.landscape));
    if (!s.review.accepted) {
      s.review = { ...s.review, accepted: true };
      this.d.bus.emit('photo.changed', s.review);
    }
    return status;
  }

  private async assertSpoolClean(o: { spoolConfirmed: boolean; leadConfirmed: boolean }): Promise<void> {
    const keeps = await this.d.spoolKeeps();
    if (!keeps) return;
    if (o.spoolConfirmed && o.leadConfirmed) {
      this.d.log.warn('photo.print_spool_confirmed', {});
      return;
    }
    throw new AppError('conflict', text(`${keeps.ja} 責任者が確認してから印刷してください。`, `${keeps.en} The lead must confirm before printing.`), [{ path: 'spoolConfirmed', message: 'lead confirmation needed' }]);
  }

  /** Hands a document to the print system and follows its job (within printOnce). */
  private async send(document: Buffer, paper: PrintStatus['paper'], what: PrintStatus['what'], title: string, vault: VisitVault | null, raster: PrintJob['raster']): Promise<PrintStatus> {
    // Printing again after a stuck job: the stuck one goes first, so the sheet never prints twice.
    if (this.print?.state === 'error') {
      if (this.poll) clearTimeout(this.poll);
      await this.d.printer.purge([this.print.jobId]).catch(() => 0);
    }
    let jobId: string;
    try {
      ({ jobId } = await this.d.printer.print({ document, mime: 'application/pdf', raster, media: paper, title }));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('unavailable', text('印刷を始められませんでした。プリンターを確認してください。', 'Printing could not start. Check the printer.'));
    }
    if (vault && this.d.visits.openVault() !== vault) {
      // The visit ended while the sheet was handed over: its wipe zeroed the document and could
      // not purge a job it did not know yet. The job goes now: nothing of it stays in the spool.
      await this.d.printer.purge([jobId]).catch(() => 0);
      this.d.log.warn('photo.print_cancelled', { why: 'visit_ended' });
      throw printCancelled();
    }
    vault?.holdPrintJob(jobId);
    this.printOf = vault;
    this.print = { jobId, what, state: 'queued', problem: null, paper, simulated: this.d.printer.simulated };
    this.d.bus.emit('print.changed', this.print);
    this.follow(jobId);
    return this.print;
  }

  /** Asks the print system about the job until it is done; a problem is shown, and cleared when it clears. */
  private follow(jobId: string): void {
    if (this.poll) clearTimeout(this.poll);
    const tick = async () => {
      this.poll = null;
      // A sheet whose visit has ended (printStatus: none) is no one's to follow: the wipe
      // cancelled it, and what becomes of it must not reach the next citizen's screens as "printed".
      const p = this.printStatus();
      if (!p || p.jobId !== jobId) return;
      const st = await this.d.printer.jobState(jobId).catch(() => ({ state: 'error' as const, problem: PRINT_STATE_UNKNOWN }));
      if (this.printStatus() !== p) return;
      if (st.state !== p.state || st.problem?.ja !== p.problem?.ja) {
        this.print = { ...p, state: st.state, problem: st.problem };
        this.d.bus.emit('print.changed', this.print);
      }
      if (st.state === 'done') {
        // Nothing of the photo stays in the spool: purge the finished job's files and history.
        await this.d.printer.purge([jobId]).catch(() => 0);
        return;
      }
      this.poll = setTimeout(() => void tick(), this.d.pollMs ?? 1500);
      this.poll.unref();
    };
    void tick();
  }

  // ---- calibration ------------------------------------------------------------------------

  /** The correction for the booth's paper on this printer. */
  private calibration(): PrinterCalibration {
    const settings = this.d.settings();
    return calibrationFor(settings, this.d.printerKey, settings.photoPaper, this.d.printer.nativeDpi);
  }

  calibrationState(measuredOffMm: number | null = null): PrinterCalibrationState {
    const settings = this.d.settings();
    const paper = settings.photoPaper;
    const kept = settings.printerCalibration[this.d.printerKey];
    const measured = correctionsOf(kept).map(({ paper: p, measuredAt }) => ({ paper: p, measuredAt }));
    const dpiFrom = printerDpi(kept, this.d.printer.nativeDpi).from;
    const cal = this.calibration();
    const layout = sheetLayout(paper, cal);
    return { printer: this.d.printerKey, simulated: this.d.printer.simulated, paper, design: designedMeasurements(paper), ...cal, dpiFrom, sheet: { photos: layout.photos.length, leftOff: layout.leftOff }, measuredOffMm, measured };
  }

  printCalibrationSheet(): Promise<PrintStatus> {
    return this.printOnce('calibration', async () => {
      const paper = this.d.settings().photoPaper;
      const sheet = await calibrationSheet(paper, this.calibration());
      const pdf = await sheetPdf(sheet.png, paper, false);
      return this.send(pdf, paper, 'calibration', 'madoguchi calibration', null, rasterOf(sheet.png, paper, false));
    });
  }

  calibrate(m: Measurements): PrinterCalibrationState {
    const paper = this.d.settings().photoPaper;
    // From the correction the sheet was printed with (another paper's, where this one had none).
    const next = checkedCalibration(this.calibration(), paper, m, this.d.now());
    this.d.saveCalibration(this.d.printerKey, paper, { scaleX: next.scaleX, scaleY: next.scaleY, offsetXMm: next.offsetXMm, offsetYMm: next.offsetYMm, measuredAt: next.measuredAt });
    this.d.log.info('printer.calibrated', { printer: this.d.printerKey });
    const design = designedMeasurements(paper);
    const off = Math.max(...(Object.keys(design) as (keyof Measurements)[]).map((k) => Math.abs(m[k] - design[k])));
    return this.calibrationState(Math.round(off * 100) / 100);
  }

  dispose(): void {
    if (this.poll) clearTimeout(this.poll);
    this.stopWatching?.();
    this.stopWatching = null;
  }
}
