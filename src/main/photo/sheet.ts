// The print sheet: as many 35×45 mm photos as the paper holds, with cut guides in the margins
// and gaps (never over a photo), rendered at the printer's native resolution with the
// correction measured on its calibration sheet. Layout is pure arithmetic in mm; the raster is
// drawn pixel by pixel so a guide lies on a photo's first or last row or column exactly.
import type { PrinterCalibration } from '../settings/settings.js';
import { PHOTO_MM, type Rect } from './crop.js';
import type { RgbImage } from './face-detector.js';

export type Paper = 'L' | 'KG' | '2L';

/** Paper sizes in mm, portrait (width × height). */
export const PAPER_MM: Record<Paper, { width: number; height: number }> = {
  L: { width: 89, height: 127 },
  KG: { width: 102, height: 152 },
  '2L': { width: 127, height: 178 },
};

/** The paper's size in mm as the sheet lies on it (landscape: width and height swapped). */
export function paperMm(paper: Paper, landscape: boolean): { width: number; height: number } {
  const p = PAPER_MM[paper];
  return landscape ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
}

/** Space kept clear at the paper edges (printers' borderless overspray) and between photos (where guides go). */
export const SHEET_MARGIN_MM = 3;
export const SHEET_GAP_MM = 4;
/** How far a guide reaches into a margin or gap, at most. */
const GUIDE_MM = 3;

export interface Segment {
  /** A horizontal ('h') or vertical ('v') run of pixels: for 'v', x is fixed and y0..y1 inclusive. */
  dir: 'h' | 'v';
  at: number;
  from: number;
  to: number;
}

export interface SheetLayout {
  paper: Paper;
  dpi: number;
  /** The page in pixels at the printer's resolution. */
  width: number;
  height: number;
  landscape: boolean;
  photos: Rect[];
  /**
   * Photos the printer's correction pushed past the page's edge, left off: a photo cut short by
   * the edge is narrower than 35 mm and would be refused on the form.
   */
  leftOff: number;
  /** The photo's size in pixels (with the calibration scale). */
  photoPx: { width: number; height: number };
  guides: Segment[];
}

function fit(len: number, item: number): number {
  return Math.max(0, Math.floor((len - 2 * SHEET_MARGIN_MM + SHEET_GAP_MM) / (item + SHEET_GAP_MM)));
}

/** mm on paper → pixels, through the printer's correction (scale, then offset). */
export function mmToPx(mm: number, axis: 'x' | 'y', cal: PrinterCalibration): number {
  const scale = axis === 'x' ? cal.scaleX : cal.scaleY;
  const offset = axis === 'x' ? cal.offsetXMm : cal.offsetYMm;
  return Math.round(((mm * scale + offset) * cal.dpi) / 25.4);
}

export function sheetLayout(paper: Paper, cal: PrinterCalibration): SheetLayout {
  const p = PAPER_MM[paper];
  const portrait = fit(p.width, PHOTO_MM.width) * fit(p.height, PHOTO_MM.height);
  const land = fit(p.height, PHOTO_MM.width) * fit(p.width, PHOTO_MM.height);
  const landscape = land > portrait;
  const { width: W, height: H } = paperMm(paper, landscape);
  const cols = fit(W, PHOTO_MM.width);
  const rows = fit(H, PHOTO_MM.height);
  // The block of photos centred on the paper.
  const blockW = cols * PHOTO_MM.width + (cols - 1) * SHEET_GAP_MM;
  const blockH = rows * PHOTO_MM.height + (rows - 1) * SHEET_GAP_MM;
  const left0 = (W - blockW) / 2;
  const top0 = (H - blockH) / 2;
  const width = Math.round((W * cal.dpi) / 25.4);
  const height = Math.round((H * cal.dpi) / 25.4);
  const photoPx = {
    width: mmToPx(PHOTO_MM.width, 'x', { ...cal, offsetXMm: 0 }),
    height: mmToPx(PHOTO_MM.height, 'y', { ...cal, offsetYMm: 0 }),
  };
  const placed: Rect[] = [];
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      placed.push({
        x: mmToPx(left0 + c * (PHOTO_MM.width + SHEET_GAP_MM), 'x', cal),
        y: mmToPx(top0 + r * (PHOTO_MM.height + SHEET_GAP_MM), 'y', cal),
        ...photoPx,
      });
    }
  }
  const photos = placed.filter((q) => q.x >= 0 && q.y >= 0 && q.x + q.width <= width && q.y + q.height <= height);
  const leftOff = placed.length - photos.length;
  return { paper, dpi: cal.dpi, width, height, landscape, photos, leftOff, photoPx, guides: cutGuides(photos, width, height, Math.round((GUIDE_MM * cal.dpi) / 25.4)) };
}

/** Free runs of [0, len) outside the given intervals (inclusive bounds). */
function freeRuns(len: number, taken: [number, number][]): [number, number][] {
  const sorted = [...taken].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let at = 0;
  for (const [a, b] of sorted) {
    if (a > at) out.push([at, a - 1]);
    at = Math.max(at, b + 1);
  }
  if (at < len) out.push([at, len - 1]);
  return out;
}

/**
 * For every photo edge, a line on the edge's own pixel row or column, drawn in each free run of
 * the other axis next to a photo on that line (margins and gaps), up to `reach` pixels long.
 */
export function cutGuides(photos: Rect[], width: number, height: number, reach: number): Segment[] {
  const out: Segment[] = [];
  const seen = new Set<string>();
  const add = (s: Segment) => {
    const k = `${s.dir}${s.at}:${s.from}-${s.to}`;
    if (s.to >= s.from && !seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  };
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (const p of photos) {
    xs.add(p.x).add(p.x + p.width - 1);
    ys.add(p.y).add(p.y + p.height - 1);
  }
  for (const x of xs) {
    // Rows blocked on this column: photos the line would cross.
    const crossing = photos.filter((p) => x >= p.x && x < p.x + p.width).map((p): [number, number] => [p.y, p.y + p.height - 1]);
    for (const [a, b] of freeRuns(height, crossing)) {
      // Only runs that touch a photo on this line; trimmed to `reach` from each photo.
      if (crossing.some(([, e]) => e === a - 1)) add({ dir: 'v', at: x, from: a, to: Math.min(b, a + reach - 1) });
      if (crossing.some(([s]) => s === b + 1)) add({ dir: 'v', at: x, from: Math.max(a, b - reach + 1), to: b });
    }
  }
  for (const y of ys) {
    const crossing = photos.filter((p) => y >= p.y && y < p.y + p.height).map((p): [number, number] => [p.x, p.x + p.width - 1]);
    for (const [a, b] of freeRuns(width, crossing)) {
      if (crossing.some(([, e]) => e === a - 1)) add({ dir: 'h', at: y, from: a, to: Math.min(b, a + reach - 1) });
      if (crossing.some(([s]) => s === b + 1)) add({ dir: 'h', at: y, from: Math.max(a, b - reach + 1), to: b });
    }
  }
  return out;
}

const GUIDE_GREY = 80;

/** Draws the sheet: white paper, the photo (already at photoPx size) in every place, the guides. */
export function drawSheet(layout: SheetLayout, photo: RgbImage): RgbImage {
  if (photo.width !== layout.photoPx.width || photo.height !== layout.photoPx.height) {
    throw new Error(`photo is ${photo.width}×${photo.height}, the sheet wants ${layout.photoPx.width}×${layout.photoPx.height}`);
  }
  const { width, height } = layout;
  const data = new Uint8Array(width * height * 3).fill(255);
  for (const p of layout.photos) {
    // (The layout keeps only photos inside the page; clipped here all the same, never wrapped.)
    const x0 = Math.max(0, p.x);
    const x1 = Math.min(width, p.x + p.width);
    if (x1 <= x0) continue;
    for (let y = Math.max(0, p.y); y < Math.min(height, p.y + p.height); y += 1) {
      const src = ((y - p.y) * photo.width + (x0 - p.x)) * 3;
      data.set(photo.data.subarray(src, src + (x1 - x0) * 3), (y * width + x0) * 3);
    }
  }
  for (const g of layout.guides) {
    for (let i = Math.max(0, g.from); i <= g.to; i += 1) {
      const [x, y] = g.dir === 'v' ? [g.at, i] : [i, g.at];
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      data.fill(GUIDE_GREY, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  return { data, width, height };
}
