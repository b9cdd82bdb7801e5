// An upside-down face (an infant shot from the top of its head). The face mesh fits one as if it
// were upright, with score 1.00 either way, so the mesh cannot tell. The face finder before it
// (blazeface), trained on upright faces, is unsure of one: 0.43–0.57 on the test portraits
// turned over, 0.87–0.91 upright. So a face found with little confidence is looked for turned
// over, and taken as upside down when it is found there with clearly more.
import type { DetectedFace, RgbImage } from './face-detector.js';
import { uprightTurn } from './landmarks.js';
import { largestFace } from './locate.js';
import { turnedRaw } from './raw.js';

/**
 * Below this confidence an upright-looking face is looked for turned over as well. Upright
 * portraits score 0.87–0.93; smaller or half-turned faces in group photos 0.54–0.90.
 */
export const UPSIDE_DOWN_BELOW = 0.75;
/** How much surer the face must be found turned over for the picture to be taken as upside down. */
export const UPSIDE_DOWN_MARGIN = 0.2;

/** Whether `face` is worth looking for turned over (the finder was unsure, and it is not lying sideways). */
export function unsureUpright(face: DetectedFace): boolean {
  return face.boxScore !== undefined && face.boxScore < UPSIDE_DOWN_BELOW && uprightTurn(face) === 0;
}

/**
 * The picture turned over and the faces found on it, when `face` is upside down; null when it is
 * not. The caller zeroes the turned copy's pixels (`turned.data`) whichever the answer.
 */
export async function turnedOver(
  img: RgbImage,
  face: DetectedFace,
  detect: (img: RgbImage) => Promise<DetectedFace[]>,
  keep: (turned: RgbImage) => void,
): Promise<{ work: RgbImage; faces: DetectedFace[] } | null> {
  if (!unsureUpright(face)) return null;
  const work = await turnedRaw(img, 180);
  keep(work);
  const faces = await detect(work);
  const best = largestFace(faces);
  const surer = best?.boxScore !== undefined && face.boxScore !== undefined && best.boxScore >= face.boxScore + UPSIDE_DOWN_MARGIN && uprightTurn(best) === 0;
  return surer ? { work, faces } : null;
}

/**
 * The live view asks at most once a second (a second detection on every frame would halve the
 * guides); between two askings the last answer holds while the face stays where it was.
 */
export class UpsideDownWatch {
  private last: { at: number; box: DetectedFace['box']; over: boolean } | null = null;

  constructor(
    private readonly everyMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async isOver(img: RgbImage, face: DetectedFace, detect: (img: RgbImage) => Promise<DetectedFace[]>): Promise<boolean> {
    // A face followed from the last frame (tracked-face.ts) has no finder's score: it says nothing
    // either way, and the last answer is kept for the finder's next look.
    if (face.boxScore === undefined) return false;
    if (!unsureUpright(face)) {
      this.last = null;
      return false;
    }
    const l = this.last;
    const moved = l ? Math.hypot(l.box.x + l.box.width / 2 - (face.box.x + face.box.width / 2), l.box.y + l.box.height / 2 - (face.box.y + face.box.height / 2)) > face.box.width / 4 : true;
    if (l && !moved && this.now() - l.at < this.everyMs) return l.over;
    const turned: RgbImage[] = [];
    try {
      const over = (await turnedOver(img, face, detect, (t) => turned.push(t))) !== null;
      this.last = { at: this.now(), box: face.box, over };
      return over;
    } finally {
      for (const t of turned) t.data.fill(0);
    }
  }
}
