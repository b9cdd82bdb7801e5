// The top of the head, hair included. The face mesh stops at the upper forehead, well below the
// crown (on our demo portrait by a third of the head), so the crown is found where the hair meets
// the booth's plain backdrop: walk up the head's column from the forehead while the pixels differ
// from the backdrop. Where the backdrop is not plain enough to tell, the crown is estimated from
// the eye-to-chin distance and said to be an estimate, so the checks that depend on it can say
// they could not decide.
import type { RgbImage } from './face-detector.js';
import { eyeLineY, type FaceLandmarks } from './landmarks.js';

export interface Backdrop {
  /** Median colour of the backdrop beside and above the head. */
  rgb: [number, number, number];
  /** Median distance of the sampled pixels from that colour (how mottled it is). */
  spread: number;
  /** Share of sampled pixels close to the median colour: 1 is perfectly plain. */
  plainShare: number;
  samples: number;
}

export interface Crown {
  y: number;
  method: 'backdrop' | 'estimate';
  /** The hair reaches the top edge of the image: the head is cut off. */
  cutOff: boolean;
  backdrop: Backdrop | null;
}

/** Vertex-to-eye over eye-to-chin, for the estimate; 1.2 fits adults with short hair. */
export const CROWN_ESTIMATE_RATIO = 1.2;

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = values.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(v)));
}

const colourDistance = (d: Uint8Array, i: number, c: readonly number[]) =>
  Math.hypot((d[i] ?? 0) - (c[0] ?? 0), (d[i + 1] ?? 0) - (c[1] ?? 0), (d[i + 2] ?? 0) - (c[2] ?? 0));

/**
 * Samples the backdrop in two patches beside the head, from well above the eyes down to the
 * brows, a face-width away from the face's sides (clear of the hair, within the frame).
 */
export function sampleBackdrop(img: RgbImage, l: FaceLandmarks): Backdrop | null {
  const eye = eyeLineY(l);
  const eyeChin = l.chin[1] - eye;
  const y0 = clampInt(eye - 2.4 * eyeChin, 0, img.height - 1);
  const y1 = clampInt(eye - 0.4 * eyeChin, 0, img.height - 1);
  const fw = l.faceWidth;
  const patches: [number, number][] = [
    [l.centreX - 1.7 * fw, l.centreX - 1.05 * fw],
    [l.centreX + 1.05 * fw, l.centreX + 1.7 * fw],
  ];
  const stepY = Math.max(1, Math.floor((y1 - y0) / 40));
  const px: number[] = [];
  for (const [a, b] of patches) {
    const x0 = clampInt(a, 0, img.width - 1);
    const x1 = clampInt(b, 0, img.width - 1);
    const stepX = Math.max(1, Math.floor((x1 - x0) / 20));
    for (let y = y0; y <= y1; y += stepY) for (let x = x0; x < x1; x += stepX) px.push((y * img.width + x) * 3);
  }
  if (px.length < 30) return null;
  const d = img.data;
  const rgb: [number, number, number] = [median(px.map((i) => d[i] ?? 0)), median(px.map((i) => d[i + 1] ?? 0)), median(px.map((i) => d[i + 2] ?? 0))];
  const dists = px.map((i) => colourDistance(d, i, rgb));
  const spread = median(dists);
  const near = dists.filter((x) => x <= Math.max(18, 2.5 * spread)).length;
  return { rgb, spread, plainShare: near / dists.length, samples: px.length };
}

export function estimateCrownY(l: FaceLandmarks): number {
  const eye = eyeLineY(l);
  return eye - CROWN_ESTIMATE_RATIO * (l.chin[1] - eye);
}

/** How far a colour must be from the backdrop's to count as hair (or anything else). */
export function crownThreshold(b: Backdrop): number {
  return Math.max(24, 3 * b.spread);
}

/** The crown on the work copy. */
export function findCrown(img: RgbImage, l: FaceLandmarks): Crown {
  const estimate = estimateCrownY(l);
  const backdrop = sampleBackdrop(img, l);
  const fallback = (): Crown => ({ y: estimate, method: 'estimate', cutOff: estimate <= 0, backdrop });
  if (!backdrop || backdrop.plainShare < 0.8) return fallback();

  const threshold = crownThreshold(backdrop);
  const half = 0.3 * l.faceWidth;
  const x0 = clampInt(l.centreX - half, 0, img.width - 1);
  const x1 = clampInt(l.centreX + half, 0, img.width - 1);
  const columns = x1 - x0 + 1;
  const need = Math.max(2, Math.round(0.08 * columns));
  const hairRow = (y: number) => {
    let n = 0;
    const row = y * img.width;
    for (let x = x0; x <= x1; x += 1) if (colourDistance(img.data, (row + x) * 3, backdrop.rgb) > threshold) n += 1;
    return n >= need;
  };
  // Up from the forehead; a row or two of backdrop-like pixels (highlights in the hair) is not
  // yet the end of the head.
  let y = clampInt(l.foreheadTop[1], 0, img.height - 1);
  let top = y;
  let gap = 0;
  for (; y >= 0; y -= 1) {
    if (hairRow(y)) {
      top = y;
      gap = 0;
    } else if (++gap > 2) break;
  }
  const eye = eyeLineY(l);
  const eyeChin = l.chin[1] - eye;
  // A "crown" lower than the estimate allows for the shortest hair, or a head three times as
  // tall above the eyes as below them, is not a hair line (a hat, or a backdrop the hair melts
  // into): fall back to the estimate.
  if (eye - top < 0.85 * eyeChin || eye - top > 3 * eyeChin) return fallback();
  return { y: top, method: 'backdrop', cutOff: top === 0 && hairRow(0), backdrop };
}
