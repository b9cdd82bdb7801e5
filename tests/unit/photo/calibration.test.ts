// The calibration sheet goes through the same correction as photo sheets, and the correction
// computed from a measurement makes the next print true.
import { describe, expect, it } from 'vitest';
import { CALIBRATION_BOX_MM, calibrationSheet, correctedCalibration, rulerLengths } from '../../../src/main/photo/calibration.js';
import { PrinterCalibration } from '../../../src/main/settings/settings.js';

const cal = (o: Partial<PrinterCalibration> = {}) => PrinterCalibration.parse(o);

describe('calibration', () => {
  it('draws rulers as long as the paper allows, and the box through the correction', async () => {
    expect(rulerLengths('L')).toEqual({ x: 70, y: 100 });
    expect(rulerLengths('KG')).toEqual({ x: 80, y: 100 });
    expect(rulerLengths('2L')).toEqual({ x: 100, y: 100 });
    const plain = await calibrationSheet('L', cal());
    const wider = await calibrationSheet('L', cal({ scaleX: 1.01 }));
    // 35×45 mm at 300 dpi, to the pixel's rounding.
    expect(Math.abs(plain.box.width - (35 * 300) / 25.4)).toBeLessThanOrEqual(1);
    expect(Math.abs(plain.box.height - (45 * 300) / 25.4)).toBeLessThanOrEqual(1);
    // A 1 % correction moves and sizes the rendered box by 1 % (to the pixel's rounding).
    expect(Math.abs(wider.box.width - plain.box.width * 1.01)).toBeLessThanOrEqual(1);
    expect(Math.abs(wider.box.x - plain.box.x * 1.01)).toBeLessThanOrEqual(1);
    expect(wider.box.y).toBe(plain.box.y);
    expect(plain.png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('corrects a printer that prints large and shifted, and stays put once true', () => {
    // A printer that maps rendered mm to paper as 1.012 × x + 0.7 (x) and 0.995 × y − 0.4 (y).
    const printer = { ex: 1.012, dx: 0.7, ey: 0.995, dy: -0.4 };
    const measure = (c: PrinterCalibration) => {
      const L = rulerLengths('KG');
      return {
        rulerXMm: printer.ex * L.x * c.scaleX,
        rulerYMm: printer.ey * L.y * c.scaleY,
        boxLeftMm: printer.ex * (CALIBRATION_BOX_MM.left * c.scaleX + c.offsetXMm) + printer.dx,
        boxTopMm: printer.ey * (CALIBRATION_BOX_MM.top * c.scaleY + c.offsetYMm) + printer.dy,
      };
    };
    const next = correctedCalibration(cal(), 'KG', measure(cal()), new Date('2026-11-24T00:00:00Z'));
    const m = measure(next);
    const L = rulerLengths('KG');
    expect(m.rulerXMm).toBeCloseTo(L.x, 2);
    expect(m.rulerYMm).toBeCloseTo(L.y, 2);
    expect(m.boxLeftMm).toBeCloseTo(CALIBRATION_BOX_MM.left, 1);
    expect(m.boxTopMm).toBeCloseTo(CALIBRATION_BOX_MM.top, 1);
    const again = correctedCalibration(next, 'KG', m, new Date('2026-11-24T00:10:00Z'));
    expect(again.scaleX).toBeCloseTo(next.scaleX, 3);
    expect(again.offsetXMm).toBeCloseTo(next.offsetXMm, 1);
  });
});
