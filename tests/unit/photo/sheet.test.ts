// The print sheet: how many photos each paper holds, cut guides on the photo edges to the pixel
// and never over a photo, and the printer correction moving what is printed by what it says.
import { describe, expect, it } from 'vitest';
import { drawSheet, mmToPx, PAPER_MM, sheetLayout, type Paper } from '../../../src/main/photo/sheet.js';
import { PrinterCalibration } from '../../../src/main/settings/settings.js';
import type { RgbImage } from '../../../src/main/photo/face-detector.js';

const cal = (o: Partial<PrinterCalibration> = {}) => PrinterCalibration.parse(o);

function solidPhoto(width: number, height: number, v = 30): RgbImage {
  return { data: new Uint8Array(width * height * 3).fill(v), width, height };
}

const px = (img: RgbImage, x: number, y: number) => img.data[(y * img.width + x) * 3];

describe('print sheet', () => {
  it('fits 4 photos on L, 6 on KG and 9 on 2L, inside the paper with margins', () => {
    for (const [paper, n] of [['L', 4], ['KG', 6], ['2L', 9]] as [Paper, number][]) {
      const l = sheetLayout(paper, cal());
      expect(l.photos, paper).toHaveLength(n);
      const mm = PAPER_MM[paper];
      expect([l.width, l.height].sort((a, b) => a - b)).toEqual([Math.round((mm.width * 300) / 25.4), Math.round((mm.height * 300) / 25.4)]);
      // 35×45 mm at 300 dpi.
      expect(l.photoPx).toEqual({ width: 413, height: 531 });
      for (const p of l.photos) {
        expect(p.x).toBeGreaterThan(0);
        expect(p.y).toBeGreaterThan(0);
        expect(p.x + p.width).toBeLessThan(l.width);
        expect(p.y + p.height).toBeLessThan(l.height);
      }
    }
  });

  it('leaves off a photo the correction pushes past the page edge, never prints it cut short, and keeps at least one within the correction’s limits', () => {
    // L: two columns with 7.5 mm either side; a printer measured 9 mm off to the left.
    const l = sheetLayout('L', cal({ offsetXMm: 9 }));
    expect([l.photos.length, l.leftOff]).toEqual([2, 2]);
    for (const p of l.photos) expect(p.x + p.width).toBeLessThanOrEqual(l.width);
    // No guide for a photo that is not there.
    const rightmost = Math.max(...l.photos.map((p) => p.x + p.width - 1));
    expect(l.guides.filter((g) => g.dir === 'v').every((g) => g.at <= rightmost)).toBe(true);
    // The drawn page: the right-hand column is plain paper.
    const page = drawSheet(l, solidPhoto(l.photoPx.width, l.photoPx.height));
    for (let x = rightmost + 4; x < page.width; x += 5) expect(px(page, x, Math.round(page.height / 2))).toBe(255);
    expect(sheetLayout('L', cal()).leftOff).toBe(0);
    // At the limits of what a correction may be, every paper still holds a photo.
    for (const paper of ['L', 'KG', '2L'] as Paper[]) {
      for (const c of [{ scaleX: 1.1, scaleY: 1.1, offsetXMm: 10, offsetYMm: 10 }, { scaleX: 1.1, scaleY: 1.1, offsetXMm: -10, offsetYMm: -10 }, { scaleX: 0.9, scaleY: 0.9, offsetXMm: -10, offsetYMm: 10 }]) {
        expect(sheetLayout(paper, cal(c)).photos.length, `${paper} ${JSON.stringify(c)}`).toBeGreaterThan(0);
      }
    }
  });

  it('renders at the printer’s native resolution', () => {
    const l = sheetLayout('L', cal({ dpi: 600 }));
    expect(l.photoPx).toEqual({ width: 827, height: 1063 });
    expect(l.width).toBe(Math.round((89 * 600) / 25.4));
  });

  it('draws cut guides on each photo edge’s own row and column, never over a photo', () => {
    for (const paper of ['L', 'KG', '2L'] as Paper[]) {
      const l = sheetLayout(paper, cal());
      const sheet = drawSheet(l, solidPhoto(l.photoPx.width, l.photoPx.height, 200));
      const inPhoto = (x: number, y: number) => l.photos.some((p) => x >= p.x && x < p.x + p.width && y >= p.y && y < p.y + p.height);
      for (const g of l.guides) {
        for (let i = g.from; i <= g.to; i += 1) {
          const [x, y] = g.dir === 'v' ? [g.at, i] : [i, g.at];
          expect(inPhoto(x, y), `${paper} guide at ${x},${y}`).toBe(false);
        }
      }
      for (const p of l.photos) {
        // Just above the photo: the guides of its left and right edges, on the edge columns.
        expect(px(sheet, p.x, p.y - 1), `${paper} left edge`).toBe(80);
        expect(px(sheet, p.x + p.width - 1, p.y - 1), `${paper} right edge`).toBe(80);
        // Just left of it: the guides of its top and bottom edges, on the edge rows.
        expect(px(sheet, p.x - 1, p.y)).toBe(80);
        expect(px(sheet, p.x - 1, p.y + p.height - 1)).toBe(80);
        // Beside the guides, paper; inside the photo, the photo untouched.
        expect(px(sheet, p.x - 1, p.y - 1)).toBe(255);
        expect(px(sheet, p.x + 1, p.y - 1)).toBe(255);
        expect(px(sheet, p.x, p.y)).toBe(200);
        expect(px(sheet, p.x + p.width - 1, p.y + p.height - 1)).toBe(200);
      }
    }
  });

  it('a 1 % correction moves and sizes the rendered box by 1 %', () => {
    const plain = sheetLayout('L', cal());
    const wider = sheetLayout('L', cal({ scaleX: 1.01 }));
    const taller = sheetLayout('L', cal({ scaleY: 1.01 }));
    expect(wider.photoPx.width / plain.photoPx.width).toBeCloseTo(1.01, 2);
    expect(wider.photoPx.height).toBe(plain.photoPx.height);
    expect(taller.photoPx.height / plain.photoPx.height).toBeCloseTo(1.01, 2);
    for (let i = 0; i < plain.photos.length; i += 1) {
      const a = plain.photos[i]!;
      const b = wider.photos[i]!;
      // Positions scale about the paper's edge: within a pixel of 1.01 × the uncorrected.
      expect(Math.abs(b.x - a.x * 1.01)).toBeLessThanOrEqual(1);
      expect(b.y).toBe(a.y);
    }
    // An offset moves everything by that many mm.
    const moved = sheetLayout('L', cal({ offsetXMm: 1, offsetYMm: -0.5 }));
    expect(Math.abs(moved.photos[0]!.x - plain.photos[0]!.x - (1 * 300) / 25.4)).toBeLessThanOrEqual(1);
    expect(Math.abs(moved.photos[0]!.y - plain.photos[0]!.y + (0.5 * 300) / 25.4)).toBeLessThanOrEqual(1);
    expect(mmToPx(100, 'x', cal({ scaleX: 1.01 }))).toBe(Math.round((101 * 300) / 25.4));
  });

  it('refuses a photo of the wrong size rather than distorting it', () => {
    const l = sheetLayout('KG', cal());
    expect(() => drawSheet(l, solidPhoto(100, 100))).toThrow(/sheet wants/);
  });
});
