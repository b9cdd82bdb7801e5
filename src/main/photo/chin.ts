// The chin, refined on the image. The mesh's chin point drifts with the detector's box (on our
// portrait by up to a tenth of the eye-to-chin distance when the same face is framed smaller),
// while the photo shows the chin plainly: lit skin above, the shadow under the jaw below. Look
// for that edge in a narrow band below the mouth, near the mesh's chin, and keep the mesh's point
// where the edge is not clear (a beard, a scarf, flat light).
import type { RgbImage } from './face-detector.js';
import { eyeLineY, type FaceLandmarks } from './landmarks.js';
import { luma } from './measure.js';

/** How far from the mesh's chin the edge is looked for, as a share of the eye-to-chin distance. */
const WINDOW = 0.14;
/** The edge must darken the band by this much (0–255 luminance, per row, smoothed) to count. */
const MIN_STEP = 6;

export interface ChinEdge {
  y: number;
  method: 'edge' | 'mesh';
  step: number;
}

export function refineChin(img: RgbImage, l: FaceLandmarks): ChinEdge {
  const meshY = l.chin[1];
  const eyeChin = meshY - eyeLineY(l);
  const half = Math.max(2, Math.round(0.12 * l.faceWidth));
  const x0 = Math.max(0, Math.round(l.chin[0] - half));
  const x1 = Math.min(img.width - 1, Math.round(l.chin[0] + half));
  const y0 = Math.max(1, Math.round(meshY - WINDOW * eyeChin));
  const y1 = Math.min(img.height - 2, Math.round(meshY + WINDOW * eyeChin));
  if (y1 - y0 < 4 || x1 <= x0) return { y: meshY, method: 'mesh', step: 0 };
  const rowMean = (y: number) => {
    let s = 0;
    for (let x = x0; x <= x1; x += 1) {
      const i = (y * img.width + x) * 3;
      s += luma(img.data[i] ?? 0, img.data[i + 1] ?? 0, img.data[i + 2] ?? 0);
    }
    return s / (x1 - x0 + 1);
  };
  const rows: number[] = [];
  for (let y = y0 - 1; y <= y1 + 1; y += 1) rows.push(rowMean(y));
  // Brightness above minus below, over two rows each side: high where skin meets shadow. There
  // may be other edges in the band (a crease above, the neck meeting a dark collar below): of the
  // clear peaks, take the one nearest the mesh's chin.
  const steps: number[] = [];
  for (let y = y0; y <= y1; y += 1) {
    const i = y - (y0 - 1);
    steps.push(((rows[i - 1] ?? 0) + (rows[i - 2] ?? rows[i - 1] ?? 0)) / 2 - ((rows[i + 1] ?? 0) + (rows[i + 2] ?? rows[i + 1] ?? 0)) / 2);
  }
  const strongest = Math.max(...steps);
  const floor = Math.max(MIN_STEP, 0.4 * strongest);
  let best = -Infinity;
  let bestY = meshY;
  for (let j = 0; j < steps.length; j += 1) {
    const v = steps[j] ?? 0;
    const y = y0 + j;
    const peak = v >= floor && v >= (steps[j - 1] ?? -Infinity) && v >= (steps[j + 1] ?? -Infinity);
    if (peak && (best === -Infinity || Math.abs(y - meshY) < Math.abs(bestY - meshY))) {
      best = v;
      bestY = y;
    }
  }
  return best >= MIN_STEP ? { y: bestY, method: 'edge', step: best } : { y: meshY, method: 'mesh', step: Math.max(0, best) };
}
