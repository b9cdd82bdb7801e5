// The face mesh run where the live view saw the face, the face finder skipped (tracked-face.ts):
// on the test portraits it lands where the finder's mesh does, finds the face again after a small
// move, and leaves a face that moved, or a box with nobody in it, to the finder.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HumanFaceDetector, type DetectedFace, type RgbImage } from '../../../src/main/photo/face-detector.js';
import { lookAt, sameLook, LOOK_CELLS, type FacePlace } from '../../../src/main/photo/tracked-face.js';
import { landmarks } from '../../../src/main/photo/landmarks.js';
import { placeOfSeen } from '../../../src/main/photo/pipeline.js';
import { seenFaceOf } from '../../../src/main/photo/live-guide.js';
import { ASTRONAUT, HOPPER } from '../../support/photos.js';

const detector = new HumanFaceDetector();

/**
 * The portrait as the pipeline's work copy (640 px on its long side); `move`: the citizen moved
 * by (dx, dy) px, or came closer by `k` (the picture enlarged about its middle), the frame the same.
 */
async function workCopy(file: string, move: { dx?: number; dy?: number; k?: number } = {}): Promise<RgbImage> {
  const { dx = 0, dy = 0, k = 1 } = move;
  // Kept as PNG between steps: no second JPEG compression.
  let small = await sharp(file).resize(640, 640, { fit: 'inside' }).removeAlpha().png().toBuffer();
  const meta = await sharp(small).metadata();
  const [w, h] = [meta.width ?? 0, meta.height ?? 0];
  if (k !== 1) {
    const big = await sharp(small).resize(Math.round(w * k)).png().toBuffer();
    const b = await sharp(big).metadata();
    small = await sharp(big).extract({ left: Math.round(((b.width ?? 0) - w) / 2), top: Math.round(((b.height ?? 0) - h) / 2), width: w, height: h }).png().toBuffer();
  }
  if (dx || dy) {
    // Padded with its edge on the side it moved from, and cut as much on the other.
    const padded = await sharp(small).extend({ left: Math.max(0, dx), top: Math.max(0, dy), right: Math.max(0, -dx), bottom: Math.max(0, -dy), extendWith: 'copy' }).png().toBuffer();
    small = await sharp(padded).extract({ left: Math.max(0, -dx), top: Math.max(0, -dy), width: w, height: h }).png().toBuffer();
  }
  const { data, info } = await sharp(small).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

/** Where the live view would say the face is, as the guide keeps it (seenFaceOf), placed on `img`. */
function placeOf(img: RgbImage, face: DetectedFace): FacePlace {
  const seen = seenFaceOf(img, [face]);
  const place = seen ? placeOfSeen(seen, img) : undefined;
  if (!place) throw new Error('the guide would not follow this face');
  return place;
}

/** The worst distance between two meshes over the points the photo rules read, as a share of `side`. */
function worstOff(a: DetectedFace, b: DetectedFace, side: number): number {
  const read = [468, 473, 263, 362, 386, 374, 33, 133, 159, 145, 152, 10, 234, 454, 1, 61, 291, 13, 14, 0, 17];
  return Math.max(...read.map((i) => Math.hypot((a.mesh[i]?.[0] ?? NaN) - (b.mesh[i]?.[0] ?? NaN), (a.mesh[i]?.[1] ?? NaN) - (b.mesh[i]?.[1] ?? NaN)))) / side;
}

describe('the face where the live view saw it', () => {
  it('lands where the finder’s mesh does, irises and lids included', async () => {
    for (const photo of [ASTRONAUT, HOPPER]) {
      const img = await workCopy(photo.file);
      const [found] = await detector.detect(img);
      const place = placeOf(img, found!);
      const followed = await detector.detect(img, { at: place });
      expect(followed, photo.file).toHaveLength(1);
      const face = followed[0]!;
      expect(face.mesh).toHaveLength(478);
      // Measured: 0.8–0.9 % of the box on the two portraits (the finder's box differs a little).
      expect(worstOff(face, found!, place.box.width), photo.file).toBeLessThan(0.015);
      // The iris model refined the lids as it does for the finder's face: the eyes open alike.
      const [a, b] = [landmarks(face).eyeOpenness, landmarks(found!).eyeOpenness];
      expect(Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]), photo.file).toBeLessThan(0.06);
      expect(face.boxScore).toBeUndefined();
      // Without the iris model (as the live view runs): the 468 points.
      expect((await detector.detect(img, { at: place, irises: false }))[0]!.mesh).toHaveLength(468);
    }
  }, 30_000);

  it('finds the face again after a small move, and leaves one that moved to the finder', async () => {
    for (const photo of [ASTRONAUT, HOPPER]) {
      const img = await workCopy(photo.file);
      const [found] = await detector.detect(img);
      const place = placeOf(img, found!);
      const side = place.box.width;
      // The citizen leaned 1 % of the box aside since the live frame: the look still holds, and
      // the mesh lands on the face where it now is.
      const nudged = await workCopy(photo.file, { dx: Math.round(0.01 * side) });
      const [again] = await detector.detect(nudged, { at: place });
      const [there] = await detector.detect(nudged);
      expect(again, photo.file).toBeDefined();
      expect(worstOff(again!, there!, side), photo.file).toBeLessThan(0.015);
      // A box a tenth of its side off, taken on trust (no look): run again centred where the
      // mesh put the face, it lands as well.
      const off = { ...place, box: { ...place.box, x: place.box.x + 0.1 * side }, look: undefined };
      expect(worstOff((await detector.detect(img, { at: off }))[0]!, found!, side), photo.file).toBeLessThan(0.015);
      // Sat lower by a fifth of the box: the picture in the box no longer looks as the live
      // view saw it, and the finder is asked.
      const lower = await workCopy(photo.file, { dy: Math.round(0.2 * side) });
      expect(sameLook(place.look!, lookAt(lower, place.box))).toBeLessThan(0.5);
      expect(await detector.detect(lower, { at: place }), photo.file).toEqual([]);
      // Leaned in (the face a third or a half larger): the same. Why the look is needed: in the
      // old box the mesh draws the face at its old size, lands where it was looked for, and
      // scores it 1.00, with its points a third of the box off.
      const closer = await workCopy(photo.file, { k: photo === ASTRONAUT ? 1.3 : 1.5 });
      expect(sameLook(place.look!, lookAt(closer, place.box))).toBeLessThan(0.5);
      expect(await detector.detect(closer, { at: place }), photo.file).toEqual([]);
      const [trusted] = await detector.detect(closer, { at: { ...place, look: undefined } });
      const [real] = await detector.detect(closer);
      expect(trusted?.score, photo.file).toBeGreaterThan(0.9);
      expect(worstOff(trusted!, real!, side), photo.file).toBeGreaterThan(0.25);
    }
  }, 60_000);

  it('finds nobody in a box on the backdrop', async () => {
    const img = await workCopy(ASTRONAUT.file);
    const box = { x: 0, y: 0, width: 120, height: 120 };
    expect(await detector.detect(img, { at: { box, rollDeg: 0 } })).toEqual([]);
  });

  it('compares looks whatever the exposure, and not at all with too little in common', async () => {
    const img = await workCopy(ASTRONAUT.file);
    const [found] = await detector.detect(img);
    const { box, look } = placeOf(img, found!);
    // The still brighter and harder than the live frame: the same look.
    const { data, info } = await sharp(ASTRONAUT.file).resize(640, 640, { fit: 'inside' }).linear(1.3, 15).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const brighter = { data: new Uint8Array(data), width: info.width, height: info.height };
    expect(sameLook(look!, lookAt(brighter, box))).toBeGreaterThan(0.98);
    // A grid over a box mostly off the picture has too few cells in common to say anything.
    const outside = lookAt(img, { x: -0.8 * img.width, y: 0, width: img.width, height: img.width });
    expect(outside.filter(Number.isNaN).length).toBeGreaterThan((LOOK_CELLS * LOOK_CELLS) / 2);
    expect(sameLook(outside, outside)).toBe(0);
    // A flat box has no pattern to compare.
    expect(sameLook(new Float32Array(LOOK_CELLS * LOOK_CELLS).fill(80), look!)).toBe(0);
  });

  it('places the live view’s face on a picture of the same framing, or nowhere when it makes no sense', () => {
    const look = new Float32Array(LOOK_CELLS * LOOK_CELLS);
    const work = { width: 640, height: 427 };
    // Shares of the frame become the work copy's pixels; roll and look go with them.
    expect(placeOfSeen({ box: { x: 0.25, y: 0.1, width: 0.3, height: 0.45 }, rollDeg: 2, look }, work)).toEqual({ box: { x: 160, y: 42.7, width: 192, height: 192.15 }, rollDeg: 2, look });
    for (const box of [
      { x: Number.NaN, y: 0.1, width: 0.3, height: 0.45 }, // not a number
      { x: 0.25, y: 0.1, width: 0, height: 0.45 }, // empty
      { x: 0.25, y: 0.1, width: 0.02, height: 0.03 }, // under 24 px: the mesh finds nothing there
      { x: 0.9, y: 0.1, width: 0.3, height: 0.45 }, // its middle off the picture
    ]) {
      expect(placeOfSeen({ box, rollDeg: 0, look }, work), JSON.stringify(box)).toBeUndefined();
    }
    expect(placeOfSeen({ box: { x: 0.25, y: 0.1, width: 0.3, height: 0.45 }, rollDeg: Number.POSITIVE_INFINITY, look }, work)).toBeUndefined();
  });
});
