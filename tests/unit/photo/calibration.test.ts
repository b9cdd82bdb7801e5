// The calibration sheet goes through the same correction as photo sheets, and the correction
// computed from a measurement makes the next print true.
import { describe, expect, it } from 'vitest';
import { CALIBRATION_BOX_MM, calibrationSheet, checkedCalibration, correctedCalibration, designedMeasurements, rulerLengths } from '../../../src/main/photo/calibration.js';
import { AppError } from '../../../src/shared/errors.js';
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

  it('refuses a misreading and names the measurement at fault with what the sheet should show', () => {
    const at = new Date('2026-11-24T00:00:00Z');
    const refusal = (m: Parameters<typeof checkedCalibration>[2]) => {
      try {
        checkedCalibration(cal(), 'L', m, at);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        return (err as AppError).body.message;
      }
      throw new Error('accepted');
    };
    expect(designedMeasurements('L')).toEqual({ rulerXMm: 70, rulerYMm: 100, boxLeftMm: 10, boxTopMm: 10 });
    // The L sheet's 70 mm ruler read as if it were 100: that ruler alone is named (its offset
    // moves with it and is not blamed).
    const ruler = refusal({ rulerXMm: 99.2, rulerYMm: 100.5, boxLeftMm: 10.4, boxTopMm: 9.7 });
    expect(ruler.ja).toContain('① 横の定規 99.2 mm（設計値 70 mm）');
    expect(ruler.ja).not.toContain('②');
    expect(ruler.ja).not.toContain('③');
    expect(ruler.en).toContain('① horizontal ruler 99.2 mm (designed 70 mm)');
    // The box measured from the wrong edge, with true rulers: the box is named.
    const box = refusal({ rulerXMm: 70, rulerYMm: 100, boxLeftMm: 10, boxTopMm: 24.5 });
    expect(box.ja).toContain('④ 枠の上端 24.5 mm（設計値 10 mm）');
    expect(box.ja).not.toContain('①');
    // What a real printer does is taken.
    expect(checkedCalibration(cal(), 'L', { rulerXMm: 69.6, rulerYMm: 100.4, boxLeftMm: 10.3, boxTopMm: 9.8 }, at).scaleX).toBeCloseTo(70 / 69.6, 4);
  });
});
