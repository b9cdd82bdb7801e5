// The ID-photo pipeline: image bytes in memory → checks, the photo, the print sheet and the
// online file, in memory. It only crops, scales and encodes: no retouching, no background
// replacement (J-LIS may refuse edited photos). Each step is timed.
//
//   decode     EXIF orientation, a small work copy (JPEG shrink-on-load: the 24 MP image is never
//              decoded at full size for this); where the live view saw the face, only the rows
//              down to just below it
//   detect     faces and mesh on the work copy; where the live view saw one face a moment ago,
//              the mesh alone there, the face finder skipped (tracked-face.ts)
//   farLook    only where it shows nobody: a copy twice as large, looked at tile by tile, for a
//              face too far away for the work copy (far-face.ts)
//   locate     eyes and roll (mesh), chin (mesh, refined on the skin-to-shadow edge), crown
//              (hair against the backdrop), mapped to full size
//   crop       35:45 placement in source pixels
//   extract    the crop from the source, decoded and scaled in one pass to just the size the
//              outputs need (the loader is swappable; the benchmark runs a naive one beside it)
//   checks     geometry + pixel checks on the photo at its standard 300 dpi size
//   sheet      the print sheet at the printer's resolution, with cut guides
//   online     the J-LIS file (encoded while the checks and the sheet run)
//
// Intermediate pixel buffers are zeroed before the pipeline returns; the caller owns (and the
// visit's wipe zeroes) what it returns.
import { availableParallelism } from 'node:os';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../../shared/errors.js';
import { allPass, PHOTO_CHECK_IDS, type PhotoCheck } from '../../shared/photo-checks.js';
import { text, type Text } from '../../shared/text.js';
import type { PhotoRules, PrinterCalibration } from '../settings/settings.js';
import { runChecks } from './checks.js';
import { crownThreshold, type Crown } from './crown.js';
import { largestFace, locateHead } from './locate.js';
import { PHOTO_MM, placeCrop, type Rect } from './crop.js';
import type { DetectedFace, FaceDetector, Point, RgbImage } from './face-detector.js';
import { extentOf, type FacePlace } from './tracked-face.js';
import { canLookCloser, FAR_LOOK_SCALE, facesInTiles } from './far-face.js';
import { scaleLandmarks, uprightTurn, type FaceLandmarks } from './landmarks.js';
import { backgroundStats, eyesOnFace, faceBoxOn, headOutline, luminance, mouthOnFace, regionStats, sharpness, skinOf } from './measure.js';
import { isSrgbProfile } from './colour-profile.js';
import { turnedOver, unsureUpright } from './upside-down.js';
import { onlineFile, type OnlineFile } from './online-file.js';
import { orientationFor, orientationTurned, quarterTurn, storedRect, storedSize, turnOf, turnsNothing, type Turn, type TurnDegrees } from './orientation.js';
import { storedPng } from './png.js';
import { damaged, rawOf, resizeRaw, sharpOf, turnedRaw, unreadable, unsupportedFormat } from './raw.js';
import { drawSheet, sheetLayout, type Paper, type SheetLayout } from './sheet.js';

// libvips may use both cores: the pipeline's scaling and encoding overlap the detector and the
// checks, which run on the main thread. (sharp's default on glibc is one thread, to limit memory
// fragmentation; `bench photo` measures memory over 200 captures with this setting.)
sharp.concurrency(Math.min(4, Math.max(1, availableParallelism())));

/** Inputs larger than this are refused before decoding (a 24 MP JPEG is 8–15 MB). */
export const MAX_INPUT_BYTES = 80 * 1024 * 1024;
/** Decompression-bomb guard: 120 MP (a 24 MP camera with room to spare). */
export const MAX_INPUT_PIXELS = 120_000_000;
/** Long side of the work copy the detector sees. */
export const WORK_SIZE = 640;
/** The standard size the pixel checks measure on: 35×45 mm at 300 dpi. */
export const STANDARD_PX = { width: 413, height: 531 } as const;

export interface PipelineOptions {
  rules: PhotoRules;
  paper: Paper;
  calibration: PrinterCalibration;
  detector: FaceDetector;
  /** How to turn a picture that does not say how (the camera's mounting, from the settings); default 0. */
  turnUntagged?: TurnDegrees;
  /**
   * A further clockwise turn after the picture's own orientation, chosen by staff. Given (even
   * 0), the picture is used as turned: the pipeline stands nothing upright itself, so staff have
   * the last word on a face it judged wrongly.
   */
  turn?: TurnDegrees;
  /** How pixels are read from the file; default: regionLoader. */
  loader?: ImageLoader;
  /** Which outputs to make (the checks always run). */
  outputs?: { sheet?: boolean; online?: boolean };
  /**
   * Where the crop will probably be, as shares of the image's width and height (the live view's
   * last guide): the region around it is decoded at full resolution while the face is detected,
   * and the crop cut from it when it lies inside. A wrong guess costs idle cores only.
   */
  hint?: Rect | null;
  /**
   * Where the live view last saw the one face (its box as shares of the image, and its roll):
   * the still's face is measured there with the face finder skipped (tracked-face.ts), which
   * halves detection. No face found there (the citizen moved): the finder looks as usual.
   */
  seenFace?: SeenFace | null;
  /**
   * With `seenFace`, the work copy is decoded only down to just below that face (default true):
   * the rows under it are never read. Where the face is not found there, the whole copy is then
   * decoded after all, so the photo service turns this off once a still's face was not followed
   * (a camera whose live view frames otherwise than its stills) until one is again.
   */
  workCutBelowFace?: boolean;
}

export interface SeenFace {
  box: Rect;
  rollDeg: number;
  /** The picture inside the box as the live view saw it (tracked-face.ts lookAt): a face that moved is looked for afresh. */
  look: Float32Array;
}

/** How wide a margin to add around the live view's crop when it is given as the hint (each side). */
export const HINT_MARGIN = 0.15;

export interface PhotoOutputs {
  /** The single 35×45 mm photo at the printer's resolution (raw RGB). */
  photo: RgbImage;
  sheet: { layout: SheetLayout; png: Buffer } | null;
  online: OnlineFile | null;
  /** Why there is no online file, when there is none. */
  onlineProblem: Text | null;
}

export interface PhotoResult {
  ok: boolean;
  faces: number;
  /** The image after EXIF orientation (and `turned`). */
  image: { width: number; height: number };
  /** Clockwise degrees the picture was turned beyond its orientation, by staff and to stand the face upright (0 almost always). */
  turned: TurnDegrees;
  crop: Rect | null;
  crownY: number | null;
  chinY: number | null;
  crownMethod: Crown['method'] | null;
  eyes: { left: { x: number; y: number }; right: { x: number; y: number } } | null;
  /** The largest face's landmarks in source pixels (the live view's guide uses them). */
  landmarks: FaceLandmarks | null;
  checks: PhotoCheck[];
  outputs: PhotoOutputs | null;
  timingsMs: Record<string, number>;
  /** used: the crop came from the region decoded during detection; missed: the hint did not hold it. */
  speculation: 'used' | 'missed' | null;
  /** The face was measured where the live view saw it, without the face finder (`seenFace`). */
  followed: boolean;
  /** How much of the picture the work copy was decoded from: down to just below the face the live view saw, the whole (or the first, then the whole after all). */
  workCopy: 'belowFace' | 'whole' | 'belowFaceThenWhole';
}

class Timer {
  readonly ms: Record<string, number> = {};
  private t = performance.now();
  private readonly t0 = this.t;
  lap(name: string): void {
    const now = performance.now();
    this.ms[name] = Math.round((now - this.t) * 100) / 100;
    this.t = now;
  }
  total(): Record<string, number> {
    return { ...this.ms, total: Math.round((performance.now() - this.t0) * 100) / 100 };
  }
}

const FORMATS = new Set(['jpeg', 'png', 'webp', 'tiff']);

/**
 * The file's pixels as stored: every loader turns what it decodes itself (see orientation.ts). An
 * embedded sRGB profile is not applied (it changes nothing and costs; see colour-profile.ts).
 */
function source(bytes: Buffer, image: ImageInfo) {
  return sharp(bytes, { autoOrient: false, ignoreIcc: image.srgbProfile, limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated', sequentialRead: true });
}

/** What the header says: the size after orientation, and how the stored pixels are turned. */
export interface ImageInfo {
  width: number;
  height: number;
  format: string;
  /** The EXIF orientation tag (1 when there is none). */
  orientation: number;
  /** The embedded colour profile is sRGB itself (none at all: false). */
  srgbProfile: boolean;
}

/** Checks the file and answers its size after orientation, without decoding the pixels. */
export async function inspectImage(bytes: Buffer): Promise<ImageInfo> {
  if (bytes.length === 0) throw unreadable('empty file');
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new AppError('too_large', text(`画像ファイルが大きすぎます（${Math.round(bytes.length / 1048576)} MB、80 MB まで）。`, `The image file is too large (${Math.round(bytes.length / 1048576)} MB; 80 MB at most).`));
  }
  let meta: Metadata;
  try {
    // Headers only: the pixel count is checked below, with a message that says so.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw unreadable((err as Error).message);
  }
  if (!meta.format) throw unreadable('format unknown');
  if (!FORMATS.has(meta.format)) throw unsupportedFormat(meta.format, meta.compression);
  const w = meta.autoOrient?.width ?? meta.width;
  const h = meta.autoOrient?.height ?? meta.height;
  if (!w || !h) throw unreadable('no dimensions');
  if (w * h > MAX_INPUT_PIXELS) {
    throw new AppError('too_large', text(`画像の画素数が多すぎます（${w}×${h}）。1億2千万画素までです。`, `The image has too many pixels (${w}×${h}); 120 megapixels at most.`));
  }
  return { width: w, height: h, format: meta.format, orientation: meta.orientation ?? 1, srgbProfile: meta.icc ? isSrgbProfile(meta.icc) : false };
}

const pt = (p: Point) => ({ x: Math.round(p[0] * 10) / 10, y: Math.round(p[1] * 10) / 10 });

function undecided(faces: number): PhotoCheck[] {
  const none = text('顔が見つからないため判定できません。', 'Cannot be judged: no face was found.');
  return [
    { id: 'single_face', ok: false, message: text('顔が見つかりません。カメラの正面を向いてください。', 'No face was found. Face the camera.'), value: faces },
    ...PHOTO_CHECK_IDS.filter((id) => id !== 'single_face').map((id) => ({ id, ok: null, message: none, value: null })),
  ];
}

/**
 * How the pixels come out of the file: the small work copy for the detector, then the crop.
 * Swappable, so the benchmark can run the naive way beside the real one.
 */
export interface ImageLoader {
  readonly name: string;
  open(bytes: Buffer, image: ImageInfo): {
    /**
     * The work copy, its long side at most `longSide` (default WORK_SIZE). With `reach` (a share
     * of the picture's height) it may stop below that row: the rows under it are then never
     * decoded. Its width, and the scale, are the whole copy's either way.
     */
    work(longSide?: number, reach?: number): Promise<RgbImage>;
    /** The crop, at most `maxHeight` tall (never upscaled). */
    crop(rect: Rect, maxHeight: number): Promise<RgbImage>;
    /** A region at full resolution, decoded ahead of knowing the crop; absent: no speculation. */
    region?(rect: Rect): Promise<DecodedRegion>;
    /** Zeroes what it decoded. */
    close(): void;
  };
}

/** Pixels decoded ahead around where the crop will probably be. */
export interface DecodedRegion {
  /** The crop cut from it, upright, at most `maxHeight` tall; null when the crop is not inside it. */
  cut(crop: Rect, maxHeight: number): Promise<RgbImage | null>;
  /** Zeroes its pixels. */
  wipe(): void;
}

/** The work copy's size: the long side `longSide` (never enlarged), the other in proportion. */
export function workSize(image: { width: number; height: number }, longSide = WORK_SIZE): { width: number; height: number } {
  const s = Math.min(1, longSide / Math.max(image.width, image.height));
  return { width: Math.max(1, Math.round(image.width * s)), height: Math.max(1, Math.round(image.height * s)) };
}

function fitHeight(rect: Rect, maxHeight: number): { width: number; height: number } | null {
  return rect.height <= maxHeight ? null : { width: Math.round((maxHeight * rect.width) / rect.height), height: maxHeight };
}

/** The picture as it will be used: its own orientation tag, or the turn given for untagged ones. */
function turnedAs(info: ImageInfo, untagged: TurnDegrees): ImageInfo {
  const orientation = orientationFor(info.orientation, untagged);
  if (orientation === info.orientation) return info;
  // The header's size is as stored when the tag turned nothing.
  const swap = quarterTurn(turnOf(orientation)) !== quarterTurn(turnOf(info.orientation));
  return { ...info, orientation, width: swap ? info.height : info.width, height: swap ? info.width : info.height };
}

/**
 * A cut of the file's stored pixels scaled to `size` as shown (or not scaled), then turned upright.
 * The header was read before: pixels that will not decode are a damaged or cut-short file.
 */
async function sizedAndTurned(cut: Sharp, size: { width: number; height: number } | null, turn: Turn): Promise<RgbImage> {
  const stored = size ? storedSize(size, turn) : null;
  const pixels = await rawOf(stored ? cut.resize(stored.width, stored.height, { fit: 'fill', kernel: 'lanczos3' }) : cut, damaged);
  if (turnsNothing(turn)) return pixels;
  try {
    // sharp mirrors before it rotates: a mirror after a quarter turn is an upside-down mirror before it.
    let turned = sharpOf(pixels);
    if (turn.flop) turned = quarterTurn(turn) ? turned.flip() : turned.flop();
    return await rawOf(turn.rotate ? turned.rotate(turn.rotate) : turned);
  } finally {
    pixels.data.fill(0);
  }
}

const inside = (r: Rect, outer: Rect) => r.x >= outer.x && r.y >= outer.y && r.x + r.width <= outer.x + outer.width && r.y + r.height <= outer.y + outer.height;

const extractOf = (r: Rect) => ({ left: r.x, top: r.y, width: r.width, height: r.height });

/**
 * The real loader. The work copy uses JPEG shrink-on-load (the 24 MP frame is never decoded at
 * full size for it); the crop is cut and scaled in one pass, in which libvips decodes only the
 * rows down to the crop's bottom — on a 24 MP JPEG about 50 ms, cheaper than any decode of the
 * whole frame. Regions are cut from the stored pixels and only the result is turned upright: a
 * camera held on its side costs no more than one held level (turning first would decode and
 * turn the whole frame in memory).
 */
export const regionLoader: ImageLoader = {
  name: 'region (shrink-on-load work copy, crop decoded and scaled in one pass)',
  open: (bytes, image) => ({
    work: (longSide = WORK_SIZE, reach = 1) => {
      const turn = turnOf(image.orientation);
      const size = workSize(image, longSide);
      // Only where the picture's top is the file's top (libvips reads the file's rows in order).
      const rows = turn.rotate === 0 && reach < 1 ? Math.max(1, Math.min(size.height, Math.ceil(reach * size.height))) : size.height;
      if (rows === size.height) return sizedAndTurned(source(bytes, image), size, turn);
      const cut = source(bytes, image).resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' }).extract({ left: 0, top: 0, width: size.width, height: rows });
      return rawOf(turn.flop ? cut.flop() : cut, damaged);
    },
    crop: (rect, maxHeight) => {
      const turn = turnOf(image.orientation);
      return sizedAndTurned(source(bytes, image).extract(extractOf(storedRect(rect, image, turn))), fitHeight(rect, maxHeight), turn);
    },
    // Kept at full resolution and as stored: the crop is then scaled once and only it is turned,
    // and the core that decodes it alongside the detector does no more than decode.
    region: async (rect) => {
      const turn = turnOf(image.orientation);
      const pixels = await rawOf(source(bytes, image).extract(extractOf(storedRect(rect, image, turn))), damaged);
      return {
        cut: async (crop, maxHeight) => {
          if (!inside(crop, rect)) return null;
          const within = storedRect({ ...crop, x: crop.x - rect.x, y: crop.y - rect.y }, rect, turn);
          return sizedAndTurned(sharpOf(pixels).extract(extractOf(within)), fitHeight(crop, maxHeight), turn);
        },
        wipe: () => pixels.data.fill(0),
      };
    },
    close: () => undefined,
  }),
};

/** The hint widened by the margin and clamped to the image; null when it makes no sense. */
function speculate(shares: Rect, image: { width: number; height: number }): Rect | null {
  if (![shares.x, shares.y, shares.width, shares.height].every(Number.isFinite) || shares.width <= 0 || shares.height <= 0) return null;
  const hint = {
    x: (shares.x - HINT_MARGIN * shares.width) * image.width,
    y: (shares.y - HINT_MARGIN * shares.height) * image.height,
    width: shares.width * (1 + 2 * HINT_MARGIN) * image.width,
    height: shares.height * (1 + 2 * HINT_MARGIN) * image.height,
  };
  const x = Math.max(0, Math.floor(hint.x));
  const y = Math.max(0, Math.floor(hint.y));
  const rect = { x, y, width: Math.min(image.width, Math.ceil(hint.x + hint.width)) - x, height: Math.min(image.height, Math.ceil(hint.y + hint.height)) - y };
  return rect.width < 16 || rect.height < 16 ? null : rect;
}

/** The live view's face on a picture of the same framing (the still's work copy, the next live frame); undefined when it makes no sense. */
export function placeOfSeen(seen: SeenFace, work: { width: number; height: number }): FacePlace | undefined {
  const b = seen.box;
  if (![b.x, b.y, b.width, b.height, seen.rollDeg].every(Number.isFinite) || b.width <= 0 || b.height <= 0) return undefined;
  const box = { x: b.x * work.width, y: b.y * work.height, width: b.width * work.width, height: b.height * work.height };
  // Too small for the mesh to find anything, or its middle off the picture.
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  if (Math.min(box.width, box.height) < 24 || cx < 0 || cy < 0 || cx > work.width || cy > work.height) return undefined;
  return { box, rollDeg: seen.rollDeg, look: seen.look };
}

/**
 * How far down the work copy must reach for the face the live view saw, as a share of the
 * picture's height: the box (the mesh is centred in it, the chin well above its bottom) and a
 * tenth of its side below, room for the chin's edge (chin.ts) to be looked for under the mesh.
 * A face that moved further down than that has moved more than the look allows anyway.
 */
function reachFor(at: FacePlace, whole: { height: number }): number {
  return Math.min(1, (at.box.y + 1.1 * at.box.height) / whole.height);
}

/** The face and the rows its chin's edge is looked for in (chin.ts: a seventh of the eye-to-chin distance below) lie inside the work copy. */
function withinReach(face: DetectedFace, work: RgbImage): boolean {
  const { top, bottom } = extentOf(face.mesh);
  return bottom + 0.15 * (bottom - top) + 2 < work.height;
}

/** The naive loader, for comparison only: decode the whole frame, then work from memory. */
export const fullDecodeLoader: ImageLoader = {
  name: 'full decode (the whole frame decoded, then resized and cropped in memory)',
  open: (bytes, image) => {
    let full: Promise<RgbImage> | null = null;
    const decoded = () => (full ??= sizedAndTurned(source(bytes, image), null, turnOf(image.orientation)));
    return {
      work: async (longSide = WORK_SIZE) => {
        const size = workSize(image, longSide);
        return rawOf(sharpOf(await decoded()).resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' }));
      },
      crop: async (rect, maxHeight) => {
        const cut = sharpOf(await decoded()).extract({ left: rect.x, top: rect.y, width: rect.width, height: rect.height });
        const size = fitHeight(rect, maxHeight);
        return rawOf(size ? cut.resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' }) : cut);
      },
      close: () => void full?.then((f) => f.data.fill(0)),
    };
  },
};

/** The picture turned a further `clockwise` degrees after its orientation. */
function turnedFurther(info: ImageInfo, clockwise: TurnDegrees): ImageInfo {
  const swap = clockwise === 90 || clockwise === 270;
  return { ...info, orientation: orientationTurned(info.orientation, clockwise), width: swap ? info.height : info.width, height: swap ? info.width : info.height };
}

export async function processPhoto(bytes: Buffer, o: PipelineOptions): Promise<PhotoResult> {
  const t = new Timer();
  const staffTurn = o.turn ?? 0;
  const turnedByStaff = o.turn !== undefined;
  let info = turnedAs(await inspectImage(bytes), o.turnUntagged ?? 0);
  if (staffTurn) info = turnedFurther(info, staffTurn);
  const loader = o.loader ?? regionLoader;
  let loaded = loader.open(bytes, info);
  const layout = sheetLayout(o.paper, o.calibration);
  const wantOnline = o.outputs?.online !== false;
  // Pixels kept from the crop: enough for the standard size, the printer and the online file
  // (which is smaller than its setting where the crop has fewer pixels: never upscaled).
  const maxHeight = Math.max(STANDARD_PX.height, layout.photoPx.height, wantOnline ? o.rules.onlineHeightPx : 0);
  // The live view's hint is for the picture as the camera turned it.
  const ahead = o.hint && !staffTurn && loaded.region ? speculate(o.hint, info) : null;
  let regionPending: Promise<DecodedRegion> | null = null;
  let speculation: PhotoResult['speculation'] = null;
  const scratch: Uint8Array[] = [];
  try {
    // Decode where the crop will probably be while the work copy is decoded and the face
    // detected: libvips on the other core. (Started with the work copy, not after it: on a
    // camera's grainy 6 MB frame both decodes are bound by reading the file, and overlapping
    // them took the hinted median from 256 to 215 ms; on a smooth frame it is the same either way.)
    regionPending = ahead && loaded.region ? loaded.region(ahead) : null;
    regionPending?.catch(() => undefined);
    // Where the live view saw the face, the work copy need not reach below it (a camera's grainy
    // frame costs its decode in reading the file, row by row).
    const whole = workSize(info);
    const seenAt = o.seenFace && !staffTurn ? placeOfSeen(o.seenFace, whole) : undefined;
    let work = await loaded.work(WORK_SIZE, seenAt && o.workCutBelowFace !== false ? reachFor(seenAt, whole) : 1);
    scratch.push(work.data);
    let workCopy: PhotoResult['workCopy'] = work.height < whole.height ? 'belowFace' : 'whole';
    const wholeWork = async () => {
      if (work.height >= whole.height) return;
      work = await loaded.work();
      scratch.push(work.data);
      workCopy = 'belowFaceThenWhole';
    };
    t.lap('decode');
    // A sliver (a 20 000 × 300 panorama's work copy) holds no face worth a detection.
    const lookable = Math.min(whole.width, whole.height) >= 32;
    // Where the live view saw the face, the mesh alone; nobody there (or the face lower than
    // the copy reaches), the finder on the whole copy.
    let faces = seenAt && lookable ? await o.detector.detect(work, { at: seenAt }) : [];
    let followed = faces.length > 0 && (work.height >= whole.height || faces.every((f) => withinReach(f, work)));
    if (!followed) {
      await wholeWork();
      faces = lookable ? await o.detector.detect(work) : [];
    }
    t.lap('detect');
    // Nobody on the work copy: perhaps a face too far away for it (far-face.ts). Looked for
    // again on a copy twice as large, tile by tile; found, it is the work copy from here on.
    let farAway = false;
    if (faces.length === 0 && lookable && canLookCloser(work, info)) {
      const closer = await loaded.work(FAR_LOOK_SCALE * WORK_SIZE);
      scratch.push(closer.data);
      const far = await facesInTiles(closer, WORK_SIZE, (img) => o.detector.detect(img));
      if (far.length > 0) {
        work = closer;
        faces = far;
        farAway = true;
      }
      t.lap('farLook');
    }
    let face = largestFace(faces);
    // A face lying sideways (an infant on a sheet, shot from above): the picture is turned to
    // stand it upright and the face found again on the turned work copy. The hint was for the
    // picture as it came, so its region is let go.
    let upright: TurnDegrees = face && !turnedByStaff ? uprightTurn(face) : 0;
    // A face the finder was unsure of may be upside down (an infant shot from the top of its
    // head), which the mesh cannot tell: see upside-down.ts.
    let over: { work: RgbImage; faces: DetectedFace[] } | null = null;
    // (Not for a face far away: the finder is unsure of any face that small, upright or not, and
    // the photo fails for its size whichever way it is turned.)
    if (face && !turnedByStaff && !farAway && unsureUpright(face)) {
      over = await turnedOver(work, face, (img) => o.detector.detect(img), (turned) => scratch.push(turned.data));
      if (over) upright = 180;
      t.lap('upsideDown');
    }
    if (upright !== 0) {
      await wholeWork();
      info = turnedFurther(info, upright);
      loaded.close();
      loaded = loader.open(bytes, info);
      if (regionPending) {
        void regionPending.then((r) => r.wipe(), () => undefined);
        regionPending = null;
        speculation = 'missed';
      }
      if (over) {
        ({ work, faces } = over);
      } else {
        work = await turnedRaw(work, upright);
        scratch.push(work.data);
        faces = await o.detector.detect(work);
      }
      face = largestFace(faces);
      followed = false;
      t.lap('turn');
    }
    const turned = ((staffTurn + upright) % 360) as TurnDegrees;
    const base = { faces: faces.length, image: { width: info.width, height: info.height }, turned };
    if (!face) {
      return { ...base, ok: false, crop: null, crownY: null, chinY: null, crownMethod: null, eyes: null, landmarks: null, checks: undecided(0), outputs: null, timingsMs: t.total(), speculation, followed, workCopy };
    }

    const k = info.width / work.width;
    const { marks: workMarks, crown } = locateHead(work, face);
    const marks = scaleLandmarks(workMarks, k);
    const crownY = crown.y * k;
    t.lap('locate');

    const placement = placeCrop({ crownY, chinY: marks.chin[1], centreX: marks.centreX }, info, o.rules);
    const crop = placement.crop;
    t.lap('crop');

    let cropRaw: RgbImage | null = null;
    if (regionPending) {
      const region = await regionPending.catch(() => null);
      speculation = 'missed';
      if (region) {
        try {
          cropRaw = await region.cut(crop, maxHeight);
        } finally {
          region.wipe();
        }
      }
      if (cropRaw) speculation = 'used';
    }
    cropRaw ??= await loaded.crop(crop, maxHeight);
    scratch.push(cropRaw.data);
    t.lap('extract');

    // libvips works on its own threads while the checks run in JavaScript: start the scaling and
    // the online file's encoding first, then measure while they run.
    const stdPending = resizeRaw(cropRaw, STANDARD_PX.width, STANDARD_PX.height);
    // At 300 dpi the printer's photo is the standard size: one resize, a copy for the outputs
    // (the standard one is zeroed with the scratch buffers).
    const samePx = layout.photoPx.width === STANDARD_PX.width && layout.photoPx.height === STANDARD_PX.height;
    const photoPending = samePx ? stdPending.then((img) => ({ ...img, data: Uint8Array.from(img.data) })) : resizeRaw(cropRaw, layout.photoPx.width, layout.photoPx.height);
    const onlinePending: Promise<{ online: OnlineFile | null; onlineProblem: Text | null }> = wantOnline
      ? onlineFile(cropRaw, o.rules.onlineHeightPx).then(
          (online) => ({ online, onlineProblem: null }),
          (err: unknown) => {
            if (!(err instanceof AppError)) throw err;
            return { online: null, onlineProblem: err.body.message };
          },
        )
      : Promise.resolve({ online: null, onlineProblem: null });
    // Settled below; if a step before fails, these must not become unhandled rejections.
    photoPending.catch(() => undefined);
    onlinePending.catch(() => undefined);

    const std = await stdPending;
    scratch.push(std.data);
    // The checks, on the photo at its standard size.
    const s = STANDARD_PX.height / crop.height;
    const toStd = (x: number, y: number): Point => [(x - crop.x) * s, (y - crop.y) * s];
    const lum = luminance(std);
    const box = faceBoxOn(marks, toStd);
    const faceRect = skinOf(box);
    // Sharpness at a standard face size: sample so the face is about 160 px wide whatever the crop.
    const step = Math.max(1, Math.round(faceRect.width / 160));
    const [hcx, hcrown] = toStd(marks.centreX, crownY);
    const eyeY = (marks.eyes.left[1] + marks.eyes.right[1]) / 2;
    const faceShape = { centreX: hcx, face: { cx: hcx, cy: box.y + box.height / 2, rx: box.width / 2, ry: box.height / 2 } };
    const [, mouthY] = toStd(0, eyeY + 0.5 * (marks.chin[1] - eyeY));
    const faceStats = regionStats(lum, std.width, std.height, faceRect);
    const checks = runChecks({
      faces: faces.length,
      landmarks: marks,
      crown,
      placement,
      rules: o.rules,
      cropDpi: (crop.height / PHOTO_MM.height) * 25.4,
      sharpness: sharpness(lum, std.width, std.height, faceRect, step, faceStats),
      face: faceStats,
      eyes: eyesOnFace(lum, std.width, std.height, marks, toStd, s),
      mouth: mouthOnFace(std, marks, toStd, s),
      background: crown.backdrop
        ? backgroundStats(lum, std.width, std.height, { crownY: hcrown, outline: headOutline(std, crown.backdrop.rgb, crownThreshold(crown.backdrop), faceShape, Math.round(hcrown), Math.round(mouthY)) })
        : null,
    });
    t.lap('checks');

    // The sheet, drawn and encoded here once the checks are done: the online file's encoding
    // (and a printer's photo at another resolution) go on meanwhile on libvips's threads.
    const photo = await photoPending;
    let sheet: PhotoOutputs['sheet'] = null;
    if (o.outputs?.sheet !== false) {
      const raster = drawSheet(layout, photo);
      scratch.push(raster.data);
      sheet = { layout, png: storedPng(raster, layout.dpi) };
    }
    t.lap('sheet');

    // Encoded alongside the checks and the sheet: usually done by now.
    const { online, onlineProblem } = await onlinePending;
    t.lap('online');

    return {
      ...base,
      ok: allPass(checks),
      crop,
      crownY: Math.round(crownY * 10) / 10,
      chinY: Math.round(marks.chin[1] * 10) / 10,
      crownMethod: crown.method,
      eyes: { left: pt(marks.eyes.left), right: pt(marks.eyes.right) },
      landmarks: marks,
      checks,
      outputs: { photo, sheet, online, onlineProblem },
      timingsMs: t.total(),
      speculation,
      followed,
      workCopy,
    };
  } finally {
    // A region still decoding when a step failed is zeroed when it arrives.
    if (regionPending && speculation === null) void regionPending.then((r) => r.wipe(), () => undefined);
    for (const b of scratch) b.fill(0);
    loaded.close();
  }
}
