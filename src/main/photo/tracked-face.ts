// The face mesh run where the live view last saw the face, without the face finder. A still is
// taken of the framing the live view has been following, so the finder's question (where is a
// face?) is already answered; skipping it saves about half of a still's detection (the finder
// sees every picture at 256×256: 24 ms of the 44). This is how the model's makers run it on
// video: the finder once, then the mesh in the box the last frame's mesh gave.
//
// The mesh and iris models are the face detector's own (@vladmandic/human's, read from the
// package); their crops are cut here straight from the picture. The mesh draws a face in any box
// it is given: in a box a fifth below the face, or with the face a third larger than the box was
// made for, it scores 1.00 with its points a quarter to a third of the box off. Its score cannot
// tell that the citizen moved; two things do:
//   - the look: the picture inside the box, as a coarse grid of luminance, is compared with the
//     live view's there; under SAME_LOOK the face has moved (or the camera's live view frames
//     differently from its stills), and the caller asks the finder;
//   - the mesh is run again centred where it put the face, until it lands where it was looked
//     for (a face up to an eighth of a box off lands in one more run, as close as the finder's).
import type { DetectedFace, Point, RgbImage } from './face-detector.js';

/** Where to look: a square-ish box around the face (the mesh's own box from the live view) and its roll. */
export interface FacePlace {
  box: { x: number; y: number; width: number; height: number };
  /** Degrees, positive when the eye on the image's right is lower (as landmarks() gives it). */
  rollDeg: number;
  /** What the live view saw in the box (lookAt); without it the box is taken on trust. */
  look?: ArrayLike<number>;
}

export interface TensorLike {
  readonly shape: number[];
  data(): Promise<ArrayLike<number>>;
}

/** What is needed of TensorFlow.js and the two models (human's loaded graph models). */
export interface MeshModels {
  mesh: { execute(input: TensorLike): TensorLike | TensorLike[] };
  iris: { execute(input: TensorLike): TensorLike | TensorLike[] } | null;
  tensor(values: Float32Array, shape: number[]): TensorLike;
  dispose(t: TensorLike | TensorLike[]): void;
}

const MESH_INPUT = 192;
const IRIS_INPUT = 64;
/** The eye's crop for the iris model: its corners' span, enlarged (the model's makers' 2.3). */
const EYE_CROP_SCALE = 2.3;
/** Roll up to which the crop is not turned (the detector's own 0.2 rad). */
const ROTATE_ABOVE_DEG = (0.2 * 180) / Math.PI;
/** Below this mesh score there is no face in the box (a face scores 0.9–1.0, a backdrop about 0). */
const MIN_SCORE = 0.5;
/** The look's grid, cells a side. */
export const LOOK_CELLS = 16;
/**
 * Looks this alike (correlation) are the same face in the same place. On the test portraits the
 * same framing gives 0.99 with the still brighter than the live frame; the face moved by 3 % of
 * the box 0.93, by 5 % 0.74–0.88, by a fifth 0.28–0.31 (a small, flat face in a group photo 0.82).
 */
const SAME_LOOK = 0.9;
/** The mesh lands where it was looked for when its middle is this close to the box's (share of the side). */
const CENTRED = 0.02;
/** Runs of the mesh to land there; a face that needs more moved too far. */
const MAX_RUNS = 3;
/**
 * A box is this many times its face's mesh across, as the finder's boxes are (1.29–1.60 on 24
 * faces in 640 px pictures, 1.61–1.71 on the live view's 480 px frames of the test portraits):
 * a mesh outside it is not the face the box was made for.
 */
const BOX_OVER_FACE = { min: 1.15, max: 2.2 } as const;

// The mesh points the iris model refines: each eye's lower and upper lid lines (MediaPipe face
// mesh indices, outer corner to inner). The iris model's eye contour gives the lower line first
// (its points 0–8), then the upper (9–15). The other contours it gives (the outer rings and the
// brows) are not read by anything here and keep the mesh's own points.
const LIDS = {
  /** The subject's left eye: on the right of the image. */
  left: { lower: [263, 249, 390, 373, 374, 380, 381, 382, 362], upper: [466, 388, 387, 386, 385, 384, 398] },
  right: { lower: [33, 7, 163, 144, 145, 153, 154, 155, 133], upper: [246, 161, 160, 159, 158, 157, 173] },
} as const;
const IRIS_POINTS = 5;
const EYE_CONTOUR_POINTS = 71;
/** Eyes whose depths differ by this much (the model's units) look aside: only the nearer eye's lids are refined. */
const LOOKING_ASIDE_DEPTH = 30;

/**
 * An affine map from a square crop's pixels to the picture's: (u, v) ↦ origin + u·du + v·dv,
 * in pixel indices (pixel i at i).
 */
interface CropFrame {
  origin: Point;
  du: Point;
  dv: Point;
}

/** The crop's pixels, bilinear, 0–1, zero outside the picture; `flip` mirrors it left to right. */
function sampleInto(img: RgbImage, f: CropFrame, size: number, out: Float32Array, offset: number, flip: boolean): void {
  const { width: W, height: H, data } = img;
  const k = 1 / 255;
  let o = offset;
  for (let v = 0; v < size; v += 1) {
    for (let uu = 0; uu < size; uu += 1) {
      const u = flip ? size - 1 - uu : uu;
      const x = f.origin[0] + u * f.du[0] + v * f.dv[0];
      const y = f.origin[1] + u * f.du[1] + v * f.dv[1];
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      // The four neighbours' weights; one outside the picture counts as black.
      const inX0 = x0 >= 0 && x0 < W;
      const inX1 = x0 + 1 >= 0 && x0 + 1 < W;
      const inY0 = y0 >= 0 && y0 < H;
      const inY1 = y0 + 1 >= 0 && y0 + 1 < H;
      const w00 = inX0 && inY0 ? (1 - fx) * (1 - fy) : 0;
      const w10 = inX1 && inY0 ? fx * (1 - fy) : 0;
      const w01 = inX0 && inY1 ? (1 - fx) * fy : 0;
      const w11 = inX1 && inY1 ? fx * fy : 0;
      const i00 = w00 ? (y0 * W + x0) * 3 : 0;
      const i10 = w10 ? (y0 * W + x0 + 1) * 3 : 0;
      const i01 = w01 ? ((y0 + 1) * W + x0) * 3 : 0;
      const i11 = w11 ? ((y0 + 1) * W + x0 + 1) * 3 : 0;
      for (let c = 0; c < 3; c += 1) {
        out[o] = ((data[i00 + c] as number) * w00 + (data[i10 + c] as number) * w10 + (data[i01 + c] as number) * w01 + (data[i11 + c] as number) * w11) * k;
        o += 1;
      }
    }
  }
}

/**
 * The picture inside a square box (centred on `box`, of its longer side) as LOOK_CELLS² mean
 * luminances, row by row; NaN for a cell outside the picture. Enough to see that a face moved;
 * still made from a face, so its holder keeps it in memory only and zeroes it once used.
 */
export function lookAt(img: RgbImage, box: FacePlace['box']): Float32Array {
  const n = LOOK_CELLS;
  const look = new Float32Array(n * n).fill(Number.NaN);
  const side = Math.max(box.width, box.height);
  const x0 = box.x + box.width / 2 - side / 2;
  const y0 = box.y + box.height / 2 - side / 2;
  const cell = side / n;
  // About four samples a cell across: a mean, not a picture.
  const step = Math.max(1, Math.floor(cell / 4));
  for (let j = 0; j < n; j += 1) {
    for (let i = 0; i < n; i += 1) {
      let sum = 0;
      let count = 0;
      const top = Math.max(0, Math.floor(y0 + j * cell));
      const left = Math.max(0, Math.floor(x0 + i * cell));
      const bottom = Math.min(img.height, y0 + (j + 1) * cell);
      const right = Math.min(img.width, x0 + (i + 1) * cell);
      for (let y = top; y < bottom; y += step) {
        for (let x = left; x < right; x += step) {
          const k = (y * img.width + x) * 3;
          sum += 0.299 * (img.data[k] as number) + 0.587 * (img.data[k + 1] as number) + 0.114 * (img.data[k + 2] as number);
          count += 1;
        }
      }
      if (count > 0) look[j * n + i] = sum / count;
    }
  }
  return look;
}

/** How alike two looks are: their correlation over the cells both have (0 when under half do). */
export function sameLook(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const both: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (Number.isFinite(a[i]) && Number.isFinite(b[i])) both.push(i);
  if (both.length < LOOK_CELLS * LOOK_CELLS * 0.5) return 0;
  const mean = (v: ArrayLike<number>) => both.reduce((s, i) => s + (v[i] as number), 0) / both.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (const i of both) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** The face's own frame: its box's centre, its side, turned by the roll. Coordinates are the mesh input's (0–192). */
function faceFrame(place: FacePlace) {
  const side = Math.max(place.box.width, place.box.height);
  const cx = place.box.x + place.box.width / 2;
  const cy = place.box.y + place.box.height / 2;
  // Turned upright only past ROTATE_ABOVE_DEG, as the detector itself does with a face it finds:
  // a face followed and a face found then reach the mesh alike (on the test portraits, 2–3°
  // apart, turning them moved their points by up to 6 px on the work copy).
  const t = Math.abs(place.rollDeg) > ROTATE_ABOVE_DEG ? (place.rollDeg * Math.PI) / 180 : 0;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const k = side / MESH_INPUT;
  /** A point in the mesh input's coordinates, in the picture. */
  const toImage = (p: readonly number[]): Point => {
    const a = ((p[0] ?? 0) - MESH_INPUT / 2) * k;
    const b = ((p[1] ?? 0) - MESH_INPUT / 2) * k;
    return [cx + a * cos - b * sin, cy + a * sin + b * cos];
  };
  /** The crop of a square in the mesh input's coordinates (start, side), `size` pixels a side. */
  const crop = (sx: number, sy: number, s: number, size: number): CropFrame => {
    const step = s / size;
    const origin = toImage([sx, sy]);
    const right = toImage([sx + step, sy]);
    const down = toImage([sx, sy + step]);
    return { origin, du: [right[0] - origin[0], right[1] - origin[1]], dv: [down[0] - origin[0], down[1] - origin[1]] };
  };
  return { side, cx, cy, toImage, crop };
}

/** A model's outputs, always as a list (a model with one output gives it bare). */
function run(model: MeshModels['mesh'], input: TensorLike): TensorLike[] {
  const out = model.execute(input);
  return Array.isArray(out) ? out : [out];
}

/** One run of the mesh in `f`'s box: its score and 468 points in the mesh input's coordinates. */
async function meshIn(m: MeshModels, img: RgbImage, f: ReturnType<typeof faceFrame>): Promise<{ score: number; raw: number[][] } | null> {
  const pixels = new Float32Array(MESH_INPUT * MESH_INPUT * 3);
  sampleInto(img, f.crop(0, 0, MESH_INPUT, MESH_INPUT), MESH_INPUT, pixels, 0, false);
  const input = m.tensor(pixels, [1, MESH_INPUT, MESH_INPUT, 3]);
  try {
    const outs = run(m.mesh, input);
    try {
      const scoreOut = outs.find((t) => t.shape.at(-1) === 1);
      const coordsOut = outs.find((t) => t.shape.at(-1) === 468 * 3);
      if (!scoreOut || !coordsOut) return null;
      const score = (await scoreOut.data())[0] ?? 0;
      const c = await coordsOut.data();
      return { score, raw: Array.from({ length: 468 }, (_, i) => [c[i * 3] ?? 0, c[i * 3 + 1] ?? 0, c[i * 3 + 2] ?? 0]) };
    } finally {
      m.dispose(outs);
    }
  } finally {
    m.dispose(input);
  }
}

/** The middle, the larger span, and the top and bottom of a mesh's points (in whatever coordinates they are given). */
export function extentOf(raw: readonly (readonly number[])[]): { cx: number; cy: number; span: number; top: number; bottom: number } {
  const xs = raw.map((p) => p[0] ?? 0);
  const ys = raw.map((p) => p[1] ?? 0);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, span: Math.max(x1 - x0, y1 - y0), top: y0, bottom: y1 };
}

/**
 * The face in `place`, with its 478-point mesh (468 without `irises`) in the picture's pixels;
 * null when the picture there no longer looks as the live view saw it, or the mesh finds no
 * face there, or none it lands on.
 */
export async function meshAt(m: MeshModels, img: RgbImage, place: FacePlace, irises = true): Promise<DetectedFace | null> {
  if (place.look && sameLook(place.look, lookAt(img, place.box)) < SAME_LOOK) return null;
  let box = place.box;
  for (let runs = 1; runs <= MAX_RUNS; runs += 1) {
    const f = faceFrame({ ...place, box });
    const found = await meshIn(m, img, f);
    if (!found || found.score < MIN_SCORE) return null;
    const e = extentOf(found.raw);
    const fills = MESH_INPUT / e.span;
    if (fills < BOX_OVER_FACE.min || fills > BOX_OVER_FACE.max) return null;
    const [mx, my] = f.toImage([e.cx, e.cy]);
    if (Math.hypot(e.cx - MESH_INPUT / 2, e.cy - MESH_INPUT / 2) / MESH_INPUT > CENTRED) {
      // Again, centred where the mesh put the face (its side kept, as a followed face's is).
      box = { x: mx - f.side / 2, y: my - f.side / 2, width: f.side, height: f.side };
      continue;
    }
    const raw = found.raw;
    const extra = irises && m.iris ? await refineEyes(m, m.iris, img, f, raw) : [];
    const mesh = [...raw, ...extra].map((p) => f.toImage(p));
    // The box the face would be followed in next (as human reports a face it follows).
    return { box: { x: mx - f.side / 2, y: my - f.side / 2, width: f.side, height: f.side }, score: Math.round(found.score * 100) / 100, mesh };
  }
  return null;
}

/**
 * Both eyes through the iris model: their lid lines replaced with its finer ones (`raw` is
 * changed) and the two irises' five points each (centre first), in the mesh input's coordinates.
 */
async function refineEyes(m: MeshModels, iris: NonNullable<MeshModels['iris']>, img: RgbImage, f: ReturnType<typeof faceFrame>, raw: number[][]): Promise<number[][]> {
  const eyes = [LIDS.left, LIDS.right].map((lids) => {
    // The eye's corners: its lower lid line's ends.
    const a = raw[lids.lower[0]] ?? [0, 0];
    const b = raw[lids.lower[8]] ?? [0, 0];
    const side = EYE_CROP_SCALE * Math.max(Math.abs((a[0] ?? 0) - (b[0] ?? 0)), Math.abs((a[1] ?? 0) - (b[1] ?? 0)));
    const x = ((a[0] ?? 0) + (b[0] ?? 0)) / 2 - side / 2;
    const y = ((a[1] ?? 0) + (b[1] ?? 0)) / 2 - side / 2;
    return { lids, x, y, side };
  });
  // As the detector's own code does: both eyes given mirrored, and only the first one's answer
  // read back mirrored. Kept alike, so a face followed and a face found agree (read otherwise,
  // the lids moved by 3–12 % of the box against the finder's mesh on the test photographs).
  const pixels = new Float32Array(2 * IRIS_INPUT * IRIS_INPUT * 3);
  eyes.forEach((e, i) => sampleInto(img, f.crop(e.x, e.y, e.side, IRIS_INPUT), IRIS_INPUT, pixels, i * IRIS_INPUT * IRIS_INPUT * 3, true));
  const input = m.tensor(pixels, [2, IRIS_INPUT, IRIS_INPUT, 3]);
  let values: ArrayLike<number>;
  try {
    const outs = run(iris, input);
    try {
      values = await (outs[0] as TensorLike).data();
    } finally {
      m.dispose(outs);
    }
  } finally {
    m.dispose(input);
  }
  const per = (EYE_CONTOUR_POINTS + IRIS_POINTS) * 3;
  const points = eyes.map((e, i) =>
    Array.from({ length: EYE_CONTOUR_POINTS + IRIS_POINTS }, (_, k) => {
      const x = values[i * per + k * 3] ?? 0;
      const y = values[i * per + k * 3 + 1] ?? 0;
      const z = values[i * per + k * 3 + 2] ?? 0;
      const across = i === 0 ? 1 - x / IRIS_INPUT : x / IRIS_INPUT;
      return [e.x + across * e.side, e.y + (y / IRIS_INPUT) * e.side, z];
    }),
  );
  const depth = (raw[LIDS.left.lower[0]]?.[2] ?? 0) - (raw[LIDS.right.lower[0]]?.[2] ?? 0);
  const refine = [Math.abs(depth) < LOOKING_ASIDE_DEPTH || depth < 1, Math.abs(depth) < LOOKING_ASIDE_DEPTH || depth >= 1];
  eyes.forEach((e, i) => {
    if (!refine[i]) return;
    const p = points[i] as number[][];
    const put = (indices: readonly number[], from: number) =>
      indices.forEach((mi, j) => {
        const q = p[from + j] ?? [0, 0, 0];
        raw[mi] = [q[0] ?? 0, q[1] ?? 0, ((q[2] ?? 0) + (raw[mi]?.[2] ?? 0)) / 2];
      });
    put(e.lids.lower, 0);
    put(e.lids.upper, e.lids.lower.length);
  });
  return points.flatMap((p) => p.slice(EYE_CONTOUR_POINTS));
}
