// The framing guide for the live view: where the face, eye line, crown and chin are in the frame
// now, where the photo would be cropped, and one plain hint for the citizen. Made from the same
// detector and the same crown and crop steps as the still, on a small copy of the frame.
import sharp from 'sharp';
import type { LiveGuide, LiveHint } from '../../shared/contract.js';
import type { PhotoRules } from '../settings/settings.js';
import { eyesHidden, facesCamera, lightOn, mouthCovered } from './checks.js';
import { placeCrop } from './crop.js';
import type { Crown } from './crown.js';
import type { DetectedFace, FaceDetector, RgbImage } from './face-detector.js';
import { eyeLineY, landmarks, uprightTurn, type FaceLandmarks } from './landmarks.js';
import { largestFace, locateHead } from './locate.js';
import { eyesOnFace, faceBoxOn, luminance, mouthOnFace, regionStats, skinOf } from './measure.js';
import type { TurnDegrees } from './orientation.js';
import type { SeenFace } from './pipeline.js';
import { rawOf } from './raw.js';
import { extentOf, lookAt } from './tracked-face.js';

/** Live frames are judged on a copy this wide (detection costs the same at any size). */
const GUIDE_WIDTH = 480;

/** The head (crown to chin) should fill this share of the frame's height for a sharp crop. */
export const HEAD_SHARE = { min: 0.3, max: 0.62 } as const;

/**
 * A live frame as the guide sees it: small, and turned upright for a camera mounted on its side
 * (live view has no orientation tag). Only the guide's copy is turned; the station turns the
 * frame it shows itself, so a turned camera's frames reach it as fast as a level one's.
 */
export function frameImage(jpeg: Buffer, turn: TurnDegrees = 0): Promise<RgbImage> {
  // A square box: the same size whichever way round, so scaling before or after the turn is alike.
  const small = sharp(jpeg, { failOn: 'truncated' }).resize({ width: GUIDE_WIDTH, height: GUIDE_WIDTH, fit: 'inside', withoutEnlargement: true });
  return rawOf(turn ? small.rotate(turn) : small);
}

/** Guides in a row a new hint must hold before the citizen is shown it (about 0.2 s at 15 a second). */
export const HINT_HOLD = 3;

/**
 * The hint shown to the citizen, held steady. Landmarks jitter a little from frame to frame; at
 * 15 guides a second a head near a limit (tilted about 3°, say) would make the words flicker
 * between two hints. A new hint is shown once it has held for HINT_HOLD guides in a row; the
 * guide's lines still follow every frame.
 */
export class SteadyHint {
  private shown: LiveHint | null = null;
  /** A different hint seen lately, and how many guides in a row it has held. */
  private next: LiveHint | null = null;
  private count = 0;
  private last = -Infinity;

  /** `at`: when the guide was made, in ms; after a second without one (the webcam's framing left and came back) it starts afresh. */
  of(hint: LiveHint, at = performance.now()): LiveHint {
    if (at - this.last > 1000) this.reset();
    this.last = at;
    if (this.shown !== null && hint !== this.shown) {
      this.count = hint === this.next ? this.count + 1 : 1;
      this.next = hint;
      if (this.count < HINT_HOLD) return this.shown;
    }
    this.shown = hint;
    this.next = null;
    this.count = 0;
    return hint;
  }

  /** A new live view starts afresh: its first hint shows at once. */
  reset(): void {
    this.shown = null;
  }
}

/**
 * An eye's opening on the guide's small frame must cover this many pixels to be judged: on a
 * face far off or looking down it is a sliver of lid that a light can fill (on a group photo's
 * face, 16 pixels of lit eyelid read as glare). The astronaut, her head as small as framing
 * allows, gives 68 an eye bare and 44 behind drawn sunglasses.
 */
const LIVE_EYE_PIXELS = 30;

/** Sunglasses, or light on glasses, hide the eyes on this frame (as the still's eyes_visible judges them). */
function glassesHideEyes(img: RgbImage, l: FaceLandmarks, backdrop: Crown['backdrop']): boolean {
  const lum = luminance(img);
  const face = regionStats(lum, img.width, img.height, skinOf(faceBoxOn(l)));
  return eyesHidden(eyesOnFace(lum, img.width, img.height, l), lightOn(face.mean, backdrop), LIVE_EYE_PIXELS) !== null;
}

/**
 * Where the live view saw the face, for the still taken of the same framing a moment later (the
 * pipeline's `seenFace`): the still's face is then measured there and no finder looks for
 * another, so only a face that was the only one, and upright. (One walking in within that moment
 * is not seen; the live view would have asked for one face a moment before.)
 */
export function seenFaceOf(img: RgbImage, faces: readonly DetectedFace[]): SeenFace | null {
  const face = faces.length === 1 ? faces[0] : undefined;
  if (!face || uprightTurn(face) !== 0) return null;
  // The square box the face's mesh is centred in, as the detector followed it: the box it
  // reports is cut off at the picture's edges, which moves its middle (by 9 % of its side on a
  // test portrait whose chin nears the bottom of the frame).
  const side = Math.max(face.box.width, face.box.height);
  const middle = extentOf(face.mesh.slice(0, 468));
  const box = { x: middle.cx - side / 2, y: middle.cy - side / 2, width: side, height: side };
  return {
    box: { x: box.x / img.width, y: box.y / img.height, width: box.width / img.width, height: box.height / img.height },
    rollDeg: landmarks(face).rollDeg,
    look: lookAt(img, box),
  };
}

/** A length as a share of the frame's, to a thousandth. */
const share = (v: number, of: number) => Math.round((v / of) * 1000) / 1000;

/**
 * The guide for one live frame. `upsideDown`: the largest face was found upside down (see
 * upside-down.ts), which the mesh alone cannot tell.
 */
export function guideFor(img: RgbImage, faces: Awaited<ReturnType<FaceDetector['detect']>>, rules: PhotoRules, o: { upsideDown?: boolean } = {}): LiveGuide {
  const face = largestFace(faces);
  if (!face) return { faces: 0, face: null, eyeLineY: null, crownY: null, chinY: null, crop: null, hint: 'noFace' };
  const shareOf = (b: DetectedFace['box']) => ({ x: share(b.x, img.width), y: share(b.y, img.height), width: share(b.width, img.width), height: share(b.height, img.height) });
  if (uprightTurn(face) !== 0 || o.upsideDown) {
    // Lying sideways or upside down (an infant on a sheet, the camera above it): the still is
    // turned upright before it is framed and judged. On this frame its lines would stand across
    // the picture or upside down, so none is drawn and no framing is asked for.
    return { faces: faces.length, face: shareOf(face.box), eyeLineY: null, crownY: null, chinY: null, crop: null, hint: faces.length > 1 ? 'oneOnly' : 'ok' };
  }
  const { marks: l, crown } = locateHead(img, face);
  const placement = placeCrop({ crownY: crown.y, chinY: l.chin[1], centreX: l.centreX }, img, rules);
  const W = img.width;
  const H = img.height;
  const head = (l.chin[1] - crown.y) / H;
  let hint: LiveHint = 'ok';
  if (faces.length > 1) hint = 'oneOnly';
  // Before any framing: a citizen told to move closer would have to be told again once the mask is off.
  else if (mouthCovered(mouthOnFace(img, l)) === true) hint = 'maskOff';
  // As the still judges them: glasses are named only on a face turned to the camera.
  else if (facesCamera(l) && glassesHideEyes(img, l, crown.backdrop)) hint = 'glassesOff';
  else if (crown.cutOff || placement.topMarginMm < rules.topMarginMm.min) hint = 'lower';
  else if (head > HEAD_SHARE.max || placement.headMm > rules.headMm.max) hint = 'back';
  else if (head < HEAD_SHARE.min) hint = 'closer';
  else if (Math.abs(l.rollDeg) > rules.maxRollDeg) hint = 'straighten';
  else if (!facesCamera(l)) hint = 'faceCamera';
  else if (Math.abs(l.centreX / W - 0.5) > 0.12) hint = 'centre';
  return {
    faces: faces.length,
    face: shareOf(face.box),
    eyeLineY: share(eyeLineY(l), H),
    crownY: share(crown.y, H),
    chinY: share(l.chin[1], H),
    crop: { x: share(placement.crop.x, W), y: share(placement.crop.y, H), width: share(placement.crop.width, W), height: share(placement.crop.height, H) },
    hint,
  };
}
