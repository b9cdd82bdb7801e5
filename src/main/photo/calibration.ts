// The calibration sheet: rulers along both axes (100 mm where the paper allows) and a 35×45 mm box, 10 mm from the paper's
// left and top edges, rendered through the same path as photo sheets (the printer's resolution
// and current correction, then the same PDF at 100 %). Staff measure the rulers and the box's
// position with a ruler and enter what they see; the new correction makes the next sheet true.
import sharp from 'sharp';
import type { CalibrationMeasurement } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { text, type Text } from '../../shared/text.js';
import { CALIBRATION_LIMITS, type PrinterCalibration } from '../settings/settings.js';
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

/** What staff measure on the printed sheet, in mm: the rulers' lengths and the box's distance from the paper's edges. */
export type Measurements = CalibrationMeasurement;

/** What each measurement is on a true print of the sheet on `paper`, in mm. */
export function designedMeasurements(paper: Paper): Measurements {
  const rulers = rulerLengths(paper);
  return { rulerXMm: rulers.x, rulerYMm: rulers.y, boxLeftMm: CALIBRATION_BOX_MM.left, boxTopMm: CALIBRATION_BOX_MM.top };
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
  // Each measurement's number where it is taken, as the legend and the console number them: past
  // each ruler's end, and in the gaps left of and above the box.
  const mark = (n: string, x: number, y: number) => parts.push(`<text x="${X(x)}" y="${Y(y) + font / 3}" font-size="${font}" text-anchor="middle" ${jp}>${n}</text>`);
  mark('①', RULER_START_MM + rulers.x + 5, hy + 2);
  mark('②', vx - 2, RULER_START_MM + rulers.y + 4);
  mark('③', B.left / 2, B.top + PHOTO_MM.height / 2);
  mark('④', B.left + PHOTO_MM.width / 2, B.top / 2);
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
  m: Measurements,
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
    measuredOn: paper,
  };
}

/** The four measurements as the sheet and the console number them. */
const MEASUREMENTS: { key: keyof Measurements; axis: 'x' | 'y'; ruler: boolean; name: Text }[] = [
  { key: 'rulerXMm', axis: 'x', ruler: true, name: text('① 横の定規', '① horizontal ruler') },
  { key: 'rulerYMm', axis: 'y', ruler: true, name: text('② 縦の定規', '② vertical ruler') },
  { key: 'boxLeftMm', axis: 'x', ruler: false, name: text('③ 枠の左端', '③ box left edge') },
  { key: 'boxTopMm', axis: 'y', ruler: false, name: text('④ 枠の上端', '④ box top edge') },
];

/**
 * The correction, refused when it is too large to be the printer's: the message names each
 * measurement at fault with what the sheet says it should be, so a ruler read on the wrong scale,
 * or the L sheet's 70 mm ruler taken for 100, is plain to see. An offset is named only where its
 * axis's ruler is believable (a wrong ruler moves the offset too).
 */
export function checkedCalibration(current: PrinterCalibration, paper: Paper, m: Measurements, at: Date): PrinterCalibration {
  const next = correctedCalibration(current, paper, m, at);
  const design = designedMeasurements(paper);
  // Beyond what the settings keep for a printer, a correction is a misreading, not the printer.
  const { scale, offsetMm } = CALIBRATION_LIMITS;
  const scaleOff = { x: Math.abs(next.scaleX - 1) > scale, y: Math.abs(next.scaleY - 1) > scale };
  const offsetOff = { x: Math.abs(next.offsetXMm) > offsetMm, y: Math.abs(next.offsetYMm) > offsetMm };
  const off = MEASUREMENTS.filter(({ axis, ruler }) => (ruler ? scaleOff[axis] : !scaleOff[axis] && offsetOff[axis]));
  if (off.length === 0) return next;
  const ja = off.map(({ key, name }) => `${name.ja} ${m[key]} mm（設計値 ${design[key]} mm）`).join('、');
  const en = off.map(({ key, name }) => `${name.en} ${m[key]} mm (designed ${design[key]} mm)`).join(', ');
  throw new AppError(
    'bad_request',
    text(`測った値が設計値から離れすぎています：${ja}。定規の当て方と、印刷が「拡大・縮小なし」か確認してください。`, `Too far from the design: ${en}. Check how the ruler was laid and that printing was at 100 %.`),
  );
}
