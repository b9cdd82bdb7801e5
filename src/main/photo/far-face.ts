// A face too far from the camera for the work copy. The face finder (blazeface) sees any picture
// at 256 px, where a small head is not found at all: on a 6000×4000 frame, the demo portrait's
// head was found at 309 px tall and not at 247 (6 % of the frame's height). Such a head is too
// small for the photo anyway (300 dpi needs about 10 %), but "no face: face the camera" sends
// staff and the citizen the wrong way. Found, the checks say the head is too small and to come
// closer.
//
// So where the work copy shows no face and the file has the pixels, the picture is looked at
// again twice as large, in tiles the work copy's size that overlap by half: a face up to half a
// tile across lies whole in one of them, and a larger one the first look would have found. It
// costs a few detections (about 0.3 s), paid only when the first look found nobody.
import type { Rect } from './crop.js';
import type { DetectedFace, RgbImage } from './face-detector.js';

/** How much larger the second look is than the work copy, per side. */
export const FAR_LOOK_SCALE = 2;

/**
 * What a face seen only in a tile must be. Small: the first look finds any face wider than about
 * 25 px on the work copy (50 on the tiles' copy), so a tile-only face a sixth of a tile across or
 * more is something else. And found with some confidence: tiles see textures larger, and the
 * stars of a flag behind a portrait, enlarged, were taken for a face 306 px wide with box score
 * 0.36, where the far portraits scored 0.61–0.89 at 25–52 px.
 */
export const FAR_FACE_MAX_SHARE = 1 / 6;
export const FAR_FACE_MIN_BOX_SCORE = 0.5;

/** Whether the file holds enough pixels for a look twice as large as the work copy. */
export function canLookCloser(work: { width: number; height: number }, image: { width: number; height: number }): boolean {
  return Math.min(image.width, image.height) >= FAR_LOOK_SCALE * Math.min(work.width, work.height);
}

/** Where tiles of `tile` px start along `size` px: every half tile, the last flush with the end. */
function starts(size: number, tile: number): number[] {
  if (size <= tile) return [0];
  const step = Math.max(1, Math.floor(tile / 2));
  const at: number[] = [];
  for (let p = 0; p + tile < size; p += step) at.push(p);
  if (at[at.length - 1] !== size - tile) at.push(size - tile);
  return at;
}

/** Tiles at most `tile` px a side covering a `width`×`height` picture, overlapping by half. */
export function tilesOf(width: number, height: number, tile: number): Rect[] {
  const w = Math.min(tile, width);
  const h = Math.min(tile, height);
  return starts(height, h).flatMap((y) => starts(width, w).map((x) => ({ x, y, width: w, height: h })));
}

/** A copy of the pixels inside `t` (the caller zeroes it). */
function cut(img: RgbImage, t: Rect): RgbImage {
  const data = new Uint8Array(t.width * t.height * 3);
  const row = t.width * 3;
  for (let y = 0; y < t.height; y += 1) {
    const from = ((t.y + y) * img.width + t.x) * 3;
    data.set(img.data.subarray(from, from + row), y * row);
  }
  return { data, width: t.width, height: t.height };
}

function moved(f: DetectedFace, t: Rect): DetectedFace {
  return {
    ...f,
    box: { ...f.box, x: f.box.x + t.x, y: f.box.y + t.y },
    mesh: f.mesh.map(([x, y]) => [x + t.x, y + t.y] as const),
  };
}

function overlap(a: DetectedFace['box'], b: DetectedFace['box']): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** A face whose box touches a side its tile shares with another tile: it may be cut there. */
function atInnerEdge(f: DetectedFace, t: Rect, img: { width: number; height: number }): boolean {
  const b = f.box;
  const margin = 2;
  return (
    (t.x > 0 && b.x <= margin) ||
    (t.y > 0 && b.y <= margin) ||
    (t.x + t.width < img.width && b.x + b.width >= t.width - margin) ||
    (t.y + t.height < img.height && b.y + b.height >= t.height - margin)
  );
}

/**
 * The far faces on `img` found tile by tile, in `img`'s pixels. A face seen in several tiles
 * counts once: the sighting whole inside its tile is kept, and among those the surest.
 */
export async function facesInTiles(img: RgbImage, tile: number, detect: (img: RgbImage) => Promise<DetectedFace[]>): Promise<DetectedFace[]> {
  const sightings: { face: DetectedFace; cutAtEdge: boolean }[] = [];
  for (const t of tilesOf(img.width, img.height, tile)) {
    const part = cut(img, t);
    try {
      for (const f of await detect(part)) {
        if (f.box.width > FAR_FACE_MAX_SHARE * tile || (f.boxScore ?? 0) < FAR_FACE_MIN_BOX_SCORE) continue;
        sightings.push({ face: moved(f, t), cutAtEdge: atInnerEdge(f, t, img) });
      }
    } finally {
      part.data.fill(0);
    }
  }
  sightings.sort((a, b) => Number(a.cutAtEdge) - Number(b.cutAtEdge) || b.face.score - a.face.score);
  const kept: DetectedFace[] = [];
  for (const s of sightings) if (kept.every((k) => overlap(k.box, s.face.box) < 0.3)) kept.push(s.face);
  return kept;
}
