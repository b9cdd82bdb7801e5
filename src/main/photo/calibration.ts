// The calibration sheet: rulers along both axes (100 mm where the paper allows) and a 35×45 mm box, 10 mm from the paper's
// left and top edges, rendered through the same path as photo sheets (the printer's resolution
// and current correction, then the same PDF at 100 %). Staff measure the rulers and the box's
// position with a ruler and enter what they see; the new correction makes the next sheet true.
import sharp from 'sharp';
import type { PrinterCalibration } from '../settings/settings.js';
import { PHOTO_MM } from './crop.js';
import { mmToPx, PAPER_MM, type Paper } from './sheet.js';

export const CALIBRATION_BOX_MM = { left: 10, top: 10 } as const;
/** Where each ruler's 0 mark is, from the paper's left and top edges. */
const RULER_START_MM = 4;

/**
 * 100 mm rulers where the paper allows, in whole 10 mm: the horizontal one must end before the
 * vertical one along the right edge (L is 89 mm wide: 70 mm there).
 */
export function rulerLengths(paper: Paper): { x: number; y: number } {
  const mm = PAPER_MM[paper];
  const fit = (len: number, reserve: number) => Math.min(100, Math.floor((len - RULER_START_MM - reserve) / 10) * 10);
  return { x: fit(mm.width, 12), y: fit(mm.height, 16) };
}

export interface CalibrationSheet {
  png: Buffer;
  width: number;
  height: number;
  rulers: { x: number; y: number };
  /** Where the box landed, in pixels (for tests: a 1 % correction moves it by 1 %). */
  box: { x: number; y: number; width: number; height: number };
}

export async function calibrationSheet(paper: Paper, cal: PrinterCalibration): Promise<CalibrationSheet> {
  const mm = PAPER_MM[paper];
  const rulers = rulerLengths(paper);
  const width = Math.round((mm.width * cal.dpi) / 25.4);
  const height = Math.round((mm.height * cal.dpi) / 25.4);
  const X = (v: number) => mmToPx(v, 'x', cal);
  const Y = (v: number) => mmToPx(v, 'y', cal);
  const B = CALIBRATION_BOX_MM;
  const box = { x: X(B.left), y: Y(B.top), width: X(B.left + PHOTO_MM.width) - X(B.left), height: Y(B.top + PHOTO_MM.height) - Y(B.top) };
  const font = Math.round((2.4 * cal.dpi) / 25.4);
  const jp = 'font-family="Noto Sans CJK JP, Noto Sans JP, sans-serif"';
  const parts: string[] = [];
  // The box, on its own pixels (1 px lines just inside its edges).
  parts.push(`<rect x="${box.x + 0.5}" y="${box.y + 0.5}" width="${box.width - 1}" height="${box.height - 1}" fill="none" stroke="#000" stroke-width="1"/>`);
  parts.push(`<text x="${box.x + box.width / 2}" y="${box.y + box.height / 2}" font-size="${font}" text-anchor="middle" ${jp}>35×45 mm</text>`);
  const tick = (i: number) => (i % 10 === 0 ? 4 : i % 5 === 0 ? 2.5 : 1.5);
  // The vertical ruler along the right edge (ticks leftwards, numbers left of them); the
  // horizontal one along the bottom, below where the vertical one ends (ticks down, numbers above).
  const vx = mm.width - 8;
  for (let i = 0; i <= rulers.y; i += 1) {
    const y = Y(RULER_START_MM + i) + 0.5;
    parts.push(`<line x1="${X(vx - tick(i))}" x2="${X(vx)}" y1="${y}" y2="${y}" stroke="#000" stroke-width="1"/>`);
    if (i % 10 === 0) parts.push(`<text x="${X(vx - 5)}" y="${y + font / 3}" font-size="${font}" text-anchor="end" font-family="sans-serif">${i}</text>`);
  }
  const hy = mm.height - 12;
  for (let i = 0; i <= rulers.x; i += 1) {
    const x = X(RULER_START_MM + i) + 0.5;
    parts.push(`<line x1="${x}" x2="${x}" y1="${Y(hy)}" y2="${Y(hy + tick(i))}" stroke="#000" stroke-width="1"/>`);
    if (i % 10 === 0) parts.push(`<text x="${x}" y="${Y(hy - 1.2)}" font-size="${font}" text-anchor="middle" font-family="sans-serif">${i}</text>`);
  }
  const lines = [
    '校正シート（拡大・縮小なしで印刷）',
    `① 横の定規 0–${rulers.x} の長さ`,
    `② 縦の定規 0–${rulers.y} の長さ`,
    '③ 枠の左端から用紙の左端まで',
    '④ 枠の上端から用紙の上端まで',
    `（設計値 ${B.left} mm / ${B.top} mm）`,
    `${cal.dpi} dpi, ×${cal.scaleX.toFixed(4)} / ×${cal.scaleY.toFixed(4)}`,
    `ずれ ${cal.offsetXMm} / ${cal.offsetYMm} mm`,
  ];
  lines.forEach((t, n) => parts.push(`<text x="${X(RULER_START_MM)}" y="${Y(B.top + PHOTO_MM.height + 8 + n * 4.2)}" font-size="${font}" ${jp}>${t}</text>`));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" shape-rendering="crispEdges">${parts.join('')}</svg>`;
  const png = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([{ input: Buffer.from(svg), left: 0, top: 0 }])
    .withMetadata({ density: cal.dpi })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return { png, width, height, rulers, box };
}

/**
 * The correction after a measurement on a sheet printed with `current`: each scale is multiplied
 * by designed/measured, each offset moved by designed − measured. Repeating the procedure
 * converges even when the first correction was off.
 */
export function correctedCalibration(
  current: PrinterCalibration,
  paper: Paper,
  m: { rulerXMm: number; rulerYMm: number; boxLeftMm: number; boxTopMm: number },
  at: Date,
): PrinterCalibration {
  const designed = rulerLengths(paper);
  const scaleX = current.scaleX * (designed.x / m.rulerXMm);
  const scaleY = current.scaleY * (designed.y / m.rulerYMm);
  // The printer maps what we render (mm) to paper as physical = e × rendered + d. Its scale error
  // e shows in the ruler; the box edge then tells d. The new offset puts the edge where designed:
  // e × (designed × newScale + newOffset) + d = designed.
  const ex = m.rulerXMm / (designed.x * current.scaleX);
  const ey = m.rulerYMm / (designed.y * current.scaleY);
  const B = CALIBRATION_BOX_MM;
  const offsetX = current.offsetXMm + (B.left - m.boxLeftMm) / ex - B.left * (scaleX - current.scaleX);
  const offsetY = current.offsetYMm + (B.top - m.boxTopMm) / ey - B.top * (scaleY - current.scaleY);
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    ...current,
    scaleX: round(scaleX, 5),
    scaleY: round(scaleY, 5),
    offsetXMm: round(offsetX, 2),
    offsetYMm: round(offsetY, 2),
    measuredAt: at.toISOString(),
  };
}
