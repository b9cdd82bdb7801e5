// What the photo rules need from a face mesh: the eye centres (iris), the chin, the top of the
// forehead, the sides of the face, the roll angle, how open the eyes are, and where the lips are.
// Indices are the MediaPipe face-mesh ones that @vladmandic/human returns. A mesh without the irises (the live
// view's guide) has its eye centres midway between each eye's corners across and between its
// lids up and down (on our portraits within 1.5 px of the iris's on a 480 px frame; the corners
// alone put the eye line 1.5–2 px low).
import type { DetectedFace, Point } from './face-detector.js';
import type { TurnDegrees } from './orientation.js';

export const MESH = {
  foreheadTop: 10,
  chin: 152,
  faceRight: 234, // the subject's right side: the left of the image
  faceLeft: 454,
  noseTip: 1,
  irisA: 468,
  irisB: 473,
  // Eyelids and corners of each eye, for how open it is.
  eyeA: { outer: 263, inner: 362, upper: 386, lower: 374 },
  eyeB: { outer: 33, inner: 133, upper: 159, lower: 145 },
  // The mouth: its corners, the middle of the lips' inner edges, and the outer edges of the lips.
  mouth: { right: 61, left: 291, upperInner: 13, lowerInner: 14, upperOuter: 0, lowerOuter: 17 },
} as const;

export interface EyeOpening {
  cx: number;
  cy: number;
  halfWidth: number;
  halfHeight: number;
}

export interface FaceLandmarks {
  /** Eye centres, the one on the left of the image first. */
  eyes: { left: Point; right: Point };
  chin: Point;
  foreheadTop: Point;
  /** Horizontal centre of the head (midway between the sides of the face). */
  centreX: number;
  /** Width of the face between its sides. */
  faceWidth: number;
  /** Head tilt in degrees, from the line through the eyes: positive when the right-hand eye is lower. */
  rollDeg: number;
  /** Eyelid gap over eye width, per eye (image left first); about 0.25–0.35 open, under 0.12 closed. */
  eyeOpenness: [number, number];
  /** Each eye's opening (image left first): centred between its corners and its lids, half its width and its lid gap. */
  eyeOpenings: [EyeOpening, EyeOpening];
  /** Nose tip between the sides of the face, 0 (image left) to 1: 0.5 when facing the camera. */
  noseShare: number;
  /** The lips: centred between their inner edges, half the width between the corners, half their outer height. */
  mouth: EyeOpening;
}

function at(mesh: readonly Point[], i: number): Point {
  const p = mesh[i];
  if (!p) throw new Error(`face mesh has no point ${i}`);
  return p;
}

const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

function opening(mesh: readonly Point[], e: { outer: number; inner: number; upper: number; lower: number }): EyeOpening {
  const [o, i, u, l] = [at(mesh, e.outer), at(mesh, e.inner), at(mesh, e.upper), at(mesh, e.lower)];
  return { cx: (o[0] + i[0]) / 2, cy: (u[1] + l[1]) / 2, halfWidth: Math.abs(o[0] - i[0]) / 2, halfHeight: Math.abs(l[1] - u[1]) / 2 };
}

function openness(mesh: readonly Point[], e: { outer: number; inner: number; upper: number; lower: number }): number {
  const width = dist(at(mesh, e.outer), at(mesh, e.inner));
  return width > 0 ? dist(at(mesh, e.upper), at(mesh, e.lower)) / width : 0;
}

export function landmarks(face: DetectedFace): FaceLandmarks {
  const m = face.mesh;
  const openA = opening(m, MESH.eyeA);
  const openB = opening(m, MESH.eyeB);
  // Without the irises, an eye's centre is the middle of its opening.
  const irises = m.length > MESH.irisB;
  const a = irises ? at(m, MESH.irisA) : ([openA.cx, openA.cy] as const);
  const b = irises ? at(m, MESH.irisB) : ([openB.cx, openB.cy] as const);
  // Per eye, the one on the left of the image first.
  const aFirst = a[0] <= b[0];
  const [left, right] = aFirst ? [a, b] : [b, a];
  const oa = openness(m, MESH.eyeA);
  const ob = openness(m, MESH.eyeB);
  const sideR = at(m, MESH.faceRight);
  const sideL = at(m, MESH.faceLeft);
  return {
    eyes: { left, right },
    chin: at(m, MESH.chin),
    foreheadTop: at(m, MESH.foreheadTop),
    centreX: (sideR[0] + sideL[0]) / 2,
    faceWidth: Math.abs(sideL[0] - sideR[0]),
    rollDeg: (Math.atan2(right[1] - left[1], right[0] - left[0]) * 180) / Math.PI,
    eyeOpenness: aFirst ? [oa, ob] : [ob, oa],
    eyeOpenings: aFirst ? [openA, openB] : [openB, openA],
    noseShare: sideL[0] !== sideR[0] ? (at(m, MESH.noseTip)[0] - sideR[0]) / (sideL[0] - sideR[0]) : 0.5,
    mouth: mouthOf(m),
  };
}

function mouthOf(mesh: readonly Point[]): EyeOpening {
  const k = MESH.mouth;
  const [r, l, ui, li, uo, lo] = [at(mesh, k.right), at(mesh, k.left), at(mesh, k.upperInner), at(mesh, k.lowerInner), at(mesh, k.upperOuter), at(mesh, k.lowerOuter)];
  return { cx: (ui[0] + li[0]) / 2, cy: (ui[1] + li[1]) / 2, halfWidth: Math.abs(l[0] - r[0]) / 2, halfHeight: Math.abs(lo[1] - uo[1]) / 2 };
}

const scaleOpening = (e: EyeOpening, k: number): EyeOpening => ({ cx: e.cx * k, cy: e.cy * k, halfWidth: e.halfWidth * k, halfHeight: e.halfHeight * k });

/** Scales landmarks from the work copy to the full-size image. */
export function scaleLandmarks(l: FaceLandmarks, k: number): FaceLandmarks {
  const s = (p: Point): Point => [p[0] * k, p[1] * k];
  return {
    ...l,
    eyes: { left: s(l.eyes.left), right: s(l.eyes.right) },
    chin: s(l.chin),
    foreheadTop: s(l.foreheadTop),
    centreX: l.centreX * k,
    faceWidth: l.faceWidth * k,
    eyeOpenings: [scaleOpening(l.eyeOpenings[0], k), scaleOpening(l.eyeOpenings[1], k)],
    mouth: scaleOpening(l.mouth, k),
  };
}

export function eyeLineY(l: FaceLandmarks): number {
  return (l.eyes.left[1] + l.eyes.right[1]) / 2;
}

/**
 * The clockwise quarter turns that stand a face upright, from the line up its middle (chin to
 * forehead): 0 for a face within 45° of upright. An infant lying on a sheet (J-LIS allows it),
 * photographed from above, is any way round, and a camera pointing down tags its picture at random.
 */
export function uprightTurn(face: DetectedFace): TurnDegrees {
  const chin = face.mesh[MESH.chin];
  const top = face.mesh[MESH.foreheadTop];
  if (!chin || !top) return 0;
  // 0 with the forehead straight above the chin, 90 with it to the right (the face turned clockwise).
  const facing = (Math.atan2(top[0] - chin[0], chin[1] - top[1]) * 180) / Math.PI;
  const quarters = (((Math.round(facing / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  return ([0, 270, 180, 90] as const)[quarters];
}
