// Pixel measurements the checks use, on the photo as it will be printed (the 35×45 crop at a
// standard size), so every threshold means the same whatever camera took it.
import type { RgbImage } from './face-detector.js';
import type { Rect } from './crop.js';
import type { FaceLandmarks } from './landmarks.js';

/** BT.601 luma of one pixel (0–255). */
export const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

export function luminance(img: RgbImage): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  const d = img.data;
  for (let i = 0; i < n; i += 1) out[i] = luma(d[i * 3] ?? 0, d[i * 3 + 1] ?? 0, d[i * 3 + 2] ?? 0);
  return out;
}

function clampRect(r: Rect, w: number, h: number): Rect {
  const x = Math.max(0, Math.floor(r.x));
  const y = Math.max(0, Math.floor(r.y));
  return { x, y, width: Math.max(0, Math.min(w, Math.ceil(r.x + r.width)) - x), height: Math.max(0, Math.min(h, Math.ceil(r.y + r.height)) - y) };
}

/**
 * Variance of the 4-neighbour Laplacian inside a region: high where edges are crisp, low when
 * the picture is out of focus or shaken. `step` samples every n-th pixel to scale the region
 * to a standard size.
 */
export function laplacianVariance(lum: Float32Array, width: number, height: number, region: Rect, step = 1): number {
  const r = clampRect(region, width, height);
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  for (let y = r.y + step; y < r.y + r.height - step; y += step) {
    for (let x = r.x + step; x < r.x + r.width - step; x += step) {
      const c = lum[y * width + x] ?? 0;
      const v = (lum[y * width + x - step] ?? 0) + (lum[y * width + x + step] ?? 0) + (lum[(y - step) * width + x] ?? 0) + (lum[(y + step) * width + x] ?? 0) - 4 * c;
      sum += v;
      sum2 += v * v;
      n += 1;
    }
  }
  if (n === 0) return NaN;
  const mean = sum / n;
  return sum2 / n - mean * mean;
}

/**
 * Focus, independent of how bright or contrasty the face is: the Laplacian's variance with the
 * face's luminance scaled to a standard spread (a dark but sharp photo is dark, not blurred).
 */
export function sharpness(lum: Float32Array, width: number, height: number, region: Rect, step: number, face: RegionStats): number {
  if (!(face.sd > 1)) return NaN;
  return laplacianVariance(lum, width, height, region, step) * (STANDARD_FACE_SD / face.sd) ** 2;
}

/** The spread of luminance sharpness is normalised to (a typical evenly lit face). */
export const STANDARD_FACE_SD = 40;

export interface RegionStats {
  n: number;
  mean: number;
  sd: number;
  /** Share of pixels at 250 or more (blown highlights), and at 5 or less (crushed shadows). */
  clippedHigh: number;
  clippedLow: number;
}

/** Running sums of luminance over runs of pixels; `stats()` is their RegionStats. */
class Tally {
  n = 0;
  private sum = 0;
  private sum2 = 0;
  private hi = 0;
  private lo = 0;

  /** Adds the pixels at offsets [from, to) of `lum`. */
  add(lum: Float32Array, from: number, to: number): void {
    for (let i = from; i < to; i += 1) {
      const v = lum[i] ?? 0;
      this.sum += v;
      this.sum2 += v * v;
      if (v >= 250) this.hi += 1;
      if (v <= 5) this.lo += 1;
    }
    this.n += Math.max(0, to - from);
  }

  stats(): RegionStats {
    const n = this.n;
    if (n === 0) return { n, mean: NaN, sd: NaN, clippedHigh: NaN, clippedLow: NaN };
    const mean = this.sum / n;
    return { n, mean, sd: Math.sqrt(Math.max(0, this.sum2 / n - mean * mean)), clippedHigh: this.hi / n, clippedLow: this.lo / n };
  }
}

export function regionStats(lum: Float32Array, width: number, height: number, region: Rect): RegionStats {
  const r = clampRect(region, width, height);
  const t = new Tally();
  for (let y = r.y; y < r.y + r.height; y += 1) t.add(lum, y * width + r.x, y * width + r.x + r.width);
  return t.stats();
}

interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/** Each row of an ellipse inside a width×height image: `row(y, first x, last x)`. */
function ellipseRows(e: Ellipse, width: number, height: number, row: (y: number, x0: number, x1: number) => void): void {
  for (let y = Math.max(0, Math.ceil(e.cy - e.ry)); y <= Math.min(height - 1, Math.floor(e.cy + e.ry)); y += 1) {
    const dy = (y - e.cy) / e.ry;
    const half = e.rx * Math.sqrt(Math.max(0, 1 - dy * dy));
    row(y, Math.max(0, Math.ceil(e.cx - half)), Math.min(width - 1, Math.floor(e.cx + half)));
  }
}

/** How an eye's opening looks: its mean luminance, its spread (10th to 90th percentile), and its share of glare. */
export interface EyeLook {
  n: number;
  mean: number;
  spread: number;
  /** Share of the opening at or above GLARE_LUMINANCE: light reflected by a lens, hiding the eye. */
  glare: number;
  /**
   * The opening's brightest tenth (its 90th percentile): the white of the eye where it shows, lit
   * by the same light as the face whatever the skin's colour.
   */
  white: number;
}

/** Luminance (0–255) taken for glare: near clipping, brighter than the white of an eye in a well-exposed photo. */
export const GLARE_LUMINANCE = 245;

/**
 * The luminance inside an ellipse over an eye's opening. An open eye shows the white of the eye
 * and the iris (a wide spread); a dark lens shows neither.
 */
function eyeLook(lum: Float32Array, width: number, height: number, e: Ellipse): EyeLook {
  const values: number[] = [];
  ellipseRows(e, width, height, (y, x0, x1) => {
    for (let x = x0; x <= x1; x += 1) values.push(lum[y * width + x] ?? 0);
  });
  if (values.length === 0) return { n: 0, mean: NaN, spread: NaN, glare: NaN, white: NaN };
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.floor(q * (values.length - 1))] ?? NaN;
  const glare = values.filter((v) => v >= GLARE_LUMINANCE).length / values.length;
  return { n: values.length, mean: values.reduce((s, v) => s + v, 0) / values.length, spread: at(0.9) - at(0.1), glare, white: at(0.9) };
}

type MapPoint = (x: number, y: number) => readonly [number, number];
const asIs: MapPoint = (x, y) => [x, y];

/** The face between its sides and from the top of the forehead to the chin, mapped onto an image by `to`. */
export function faceBoxOn(l: FaceLandmarks, to: MapPoint = asIs): Rect {
  const [x0, y0] = to(l.centreX - l.faceWidth / 2, l.foreheadTop[1]);
  const [x1, y1] = to(l.centreX + l.faceWidth / 2, l.chin[1]);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The face's skin for its brightness and focus: a tenth of its width in from each side (clear of hair and backdrop). */
export function skinOf(box: Rect): Rect {
  const inset = 0.1 * box.width;
  return { ...box, x: box.x + inset, width: box.width - 2 * inset };
}

/** Each eye's opening, image left first: the middle of it, clear of the corners' skin. `scale`: the image's size over the landmarks'. */
export function eyesOnFace(lum: Float32Array, width: number, height: number, l: FaceLandmarks, to: MapPoint = asIs, scale = 1): [EyeLook, EyeLook] {
  const on = (e: FaceLandmarks['eyeOpenings'][number]) => {
    const [cx, cy] = to(e.cx, e.cy);
    return eyeLook(lum, width, height, { cx, cy, rx: 0.7 * e.halfWidth * scale, ry: Math.max(2, e.halfHeight * scale) });
  };
  return [on(l.eyeOpenings[0]), on(l.eyeOpenings[1])];
}

/**
 * How the mouth looks: bare lips show the line between them and a colour of their own against
 * the cheeks beside them; a mask over them is one fabric, smooth and of one colour across the
 * lower face. (The cheeks at the mouth's height, not the chin below it: over a mask the mesh
 * guesses where the mouth and the chin are, and on a dark face with a dark mask it put the chin
 * below the mask, on the neck, so a chin sample read skin against fabric.)
 */
export interface MouthLook {
  /** Pixels over the lips, or over the cheek compared with them if fewer. */
  n: number;
  /** Standard deviation of luminance over the lips. */
  spread: number;
  /** Standard deviation of chroma (Cb and Cr together, 0–255 scale) over the lips: their colour against the skin around them. */
  chromaSpread: number;
  /** Distance in chroma (Cb, Cr, 0–255 scale) between the lips and the cheek beside them nearer to them in colour. */
  cheekGap: number;
  /** How coloured the skin between the eyes is (length of its mean chroma): near 0 in a black-and-white photo. */
  skinChroma: number;
}

/** Mean luminance and chroma inside an ellipse, with the spread (standard deviation) of each. */
function colourIn(img: RgbImage, e: Ellipse): { n: number; sd: number; cb: number; cr: number; chromaSd: number } {
  const d = img.data;
  let n = 0;
  let y1 = 0;
  let y2 = 0;
  let b1 = 0;
  let b2 = 0;
  let r1 = 0;
  let r2 = 0;
  ellipseRows(e, img.width, img.height, (y, x0, x1) => {
    for (let x = x0; x <= x1; x += 1) {
      const i = (y * img.width + x) * 3;
      const r = d[i] ?? 0;
      const g = d[i + 1] ?? 0;
      const b = d[i + 2] ?? 0;
      const lum = luma(r, g, b);
      // BT.601 chroma, without the 128 offset (only differences are used).
      const cb = -0.1687 * r - 0.3313 * g + 0.5 * b;
      const cr = 0.5 * r - 0.4187 * g - 0.0813 * b;
      n += 1;
      y1 += lum;
      y2 += lum * lum;
      b1 += cb;
      b2 += cb * cb;
      r1 += cr;
      r2 += cr * cr;
    }
  });
  if (n === 0) return { n, sd: NaN, cb: NaN, cr: NaN, chromaSd: NaN };
  const sd = (s1: number, s2: number) => Math.sqrt(Math.max(0, s2 / n - (s1 / n) ** 2));
  return { n, sd: sd(y1, y2), cb: b1 / n, cr: r1 / n, chromaSd: Math.hypot(sd(b1, b2), sd(r1, r2)) };
}

function mouthLook(img: RgbImage, lips: Ellipse, cheeks: readonly [Ellipse, Ellipse], skin: Ellipse): MouthLook {
  const m = colourIn(img, lips);
  const k = colourIn(img, skin);
  // The cheek nearer the lips in colour: on a face turned a little, the far one may be off the face.
  const [c] = cheeks
    .map((e) => colourIn(img, e))
    .filter((x) => x.n > 0)
    .map((x) => ({ n: x.n, gap: Math.hypot(m.cb - x.cb, m.cr - x.cr) }))
    .sort((a, b) => a.gap - b.gap);
  return { n: Math.min(m.n, c?.n ?? 0), spread: m.sd, chromaSpread: m.chromaSd, cheekGap: c?.gap ?? NaN, skinChroma: Math.hypot(k.cb, k.cr) };
}

/**
 * The mouth of a face on `img`: the lips (the middle of the mouth, clear of its corners) and the
 * cheeks beside its corners, at its height. `to` maps the landmarks' pixels onto `img`, which is
 * `scale` times their size.
 */
export function mouthOnFace(img: RgbImage, l: FaceLandmarks, to: MapPoint = asIs, scale = 1): MouthLook {
  const [cx, cy] = to(l.mouth.cx, l.mouth.cy);
  const hw = l.mouth.halfWidth * scale;
  const lips = { cx, cy, rx: 0.7 * hw, ry: Math.max(2, l.mouth.halfHeight * scale) };
  const cheek = (side: -1 | 1) => ({ cx: cx + side * 1.6 * hw, cy, rx: Math.max(2, 0.3 * hw), ry: Math.max(2, l.mouth.halfHeight * scale) });
  // Between the eyes: skin above any mask.
  const [ex, ey] = to((l.eyes.left[0] + l.eyes.right[0]) / 2, (l.eyes.left[1] + l.eyes.right[1]) / 2);
  const apart = Math.hypot(l.eyes.right[0] - l.eyes.left[0], l.eyes.right[1] - l.eyes.left[1]) * scale;
  const bridge = { cx: ex, cy: ey, rx: Math.max(2, 0.18 * apart), ry: Math.max(2, 0.12 * apart) };
  return mouthLook(img, lips, [cheek(-1), cheek(1)], bridge);
}

export interface BackgroundStats {
  /** Pixels judged as backdrop. */
  n: number;
  /** Mean luminance of each zone: beside the head on the left, on the right, and above it. */
  zones: { left: RegionStats; right: RegionStats; top: RegionStats };
  /** Largest difference between zone means: a shadow or uneven light. */
  unevenness: number;
  /** Largest spread inside a zone: a pattern, an object, a chair. */
  texture: number;
}

export interface HeadShape {
  centreX: number;
  /** The face (from the mesh) as an ellipse. */
  face: { cx: number; cy: number; rx: number; ry: number };
}

/**
 * The head's outline, row by row from the crown down: the outermost run of pixels that differ
 * from the backdrop colour, searched from 1.2 face widths either side of the centre inwards (hair
 * is never wider; an object further out stays in the backdrop and is caught there). The face
 * (from the mesh) is always inside, since skin can be close to the backdrop's colour.
 */
export function headOutline(img: RgbImage, backdrop: readonly number[], threshold: number, head: HeadShape, crownY: number, rows: number): [number, number][] {
  const out: [number, number][] = [];
  const d = img.data;
  const [br, bg, bb] = [backdrop[0] ?? 0, backdrop[1] ?? 0, backdrop[2] ?? 0];
  const t2 = threshold * threshold;
  const differs = (x: number, y: number) => {
    const i = (y * img.width + x) * 3;
    const dr = (d[i] ?? 0) - br;
    const dg = (d[i + 1] ?? 0) - bg;
    const db = (d[i + 2] ?? 0) - bb;
    return dr * dr + dg * dg + db * db > t2;
  };
  const f = head.face;
  const reach = 2.4 * f.rx;
  const cx = Math.round(head.centreX);
  const lo = Math.max(0, Math.round(head.centreX - reach));
  const hi = Math.min(img.width - 1, Math.round(head.centreX + reach));
  const run = 3;
  for (let y = 0; y < Math.min(rows, img.height); y += 1) {
    if (y < crownY) {
      out.push([cx + 1, cx]);
      continue;
    }
    let left = cx + 1;
    for (let x = lo, n = 0; x <= cx; x += 1) {
      n = differs(x, y) ? n + 1 : 0;
      if (n >= run) {
        left = x - run + 1;
        break;
      }
    }
    let right = cx;
    for (let x = hi, n = 0; x >= cx; x -= 1) {
      n = differs(x, y) ? n + 1 : 0;
      if (n >= run) {
        right = x + run - 1;
        break;
      }
    }
    const t = (y - f.cy) / f.ry;
    if (Math.abs(t) < 1) {
      const half = f.rx * Math.sqrt(1 - t * t);
      left = Math.min(left, Math.round(f.cx - half));
      right = Math.max(right, Math.round(f.cx + half));
    }
    out.push([left, right]);
  }
  return out;
}

/**
 * The backdrop inside the photo: above the crown, and beside the head down to the outline's
 * last row (above the shoulders and collars), outside the head's outline, in three zones.
 */
export function backgroundStats(lum: Float32Array, width: number, height: number, head: { crownY: number; outline: [number, number][] }): BackgroundStats {
  const margin = 2; // soft hair edges
  const rows = Math.min(height, head.outline.length);
  const crownY = Math.max(0, Math.min(rows, Math.round(head.crownY)));
  const mid = Math.round(width / 2);
  const zone = { top: new Tally(), left: new Tally(), right: new Tally() };
  // Row by row, the backdrop is what lies outside the outline's run (widened by the margin):
  // above the crown all of it goes to the top zone, below it split at the middle. (Runs of
  // pixels, not a test per pixel: this is on the critical path of every capture.)
  for (let y = 0; y < rows; y += 1) {
    const [runL, runR] = head.outline[y] ?? [0, width - 1];
    const leftEnd = Math.max(0, Math.min(width, runL - margin));
    const backdrop = [
      [0, leftEnd], // x < runL - margin
      [Math.max(leftEnd, Math.min(width, runR + margin + 1)), width], // x > runR + margin
    ] as const;
    const zones = y < crownY ? ([[zone.top, 0, width]] as const) : ([[zone.left, 0, mid], [zone.right, mid, width]] as const);
    for (const [tally, z0, z1] of zones) {
      for (const [from, to] of backdrop) {
        const a = Math.max(from, z0);
        const b = Math.min(to, z1);
        if (b > a) tally.add(lum, y * width + a, y * width + b);
      }
    }
  }
  const [top, left, right] = [zone.top.stats(), zone.left.stats(), zone.right.stats()];
  const zones = [left, right, top].filter((z) => z.n >= 50);
  const means = zones.map((z) => z.mean);
  return {
    n: left.n + right.n + top.n,
    zones: { left, right, top },
    unevenness: means.length >= 2 ? Math.max(...means) - Math.min(...means) : NaN,
    texture: zones.length > 0 ? Math.max(...zones.map((z) => z.sd)) : NaN,
  };
}
