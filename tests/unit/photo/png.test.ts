// The print sheet's PNG: every pixel as drawn, the printer's resolution in it, each chunk's CRC
// right, readable by what reads it next (libvips for previews and the spooler, pdfkit for the
// printer's PDF), and bad input refused.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../../../src/main/photo/face-detector.js';
import { storedPng } from '../../../src/main/photo/png.js';
import { sheetPdf } from '../../../src/main/photo/print-document.js';
import { seededRandom } from '../../../src/shared/seeded-random.js';

function noise(width: number, height: number): RgbImage {
  const rnd = seededRandom(7);
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 1) data[i] = Math.floor(rnd() * 256);
  return { data, width, height };
}

function chunks(png: Buffer): { type: string; body: Buffer; crcOk: boolean }[] {
  const out = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    out.push({ type, body, crcOk: png.readUInt32BE(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

describe('the sheet PNG', () => {
  it('gives back every pixel, in order, for odd sizes too', async () => {
    // Rows longer than one stored deflate block (65535 bytes), and a single pixel.
    for (const img of [noise(23_000, 3), noise(1, 1), noise(413, 531)]) {
      const png = storedPng(img, 300);
      const back = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      expect(back.info).toMatchObject({ width: img.width, height: img.height, channels: 3 });
      expect(Buffer.compare(back.data, Buffer.from(img.data)), `${img.width}×${img.height}`).toBe(0);
    }
  });

  it('says the printer resolution, and each chunk checks', async () => {
    for (const dpi of [300, 600]) {
      const png = storedPng(noise(40, 30), dpi);
      expect((await sharp(png).metadata()).density).toBeCloseTo(dpi, 0);
      const list = chunks(png);
      expect(list.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
      expect(list.every((c) => c.crcOk)).toBe(true);
      // Metres, as PNG counts them.
      expect(list[1]!.body.readUInt32BE(0)).toBe(Math.round(dpi / 0.0254));
    }
  });

  it('goes into the printer PDF as it is', async () => {
    const png = storedPng(noise(1051, 1500), 300);
    const pdf = (await sheetPdf(png, 'L', false)).toString('latin1');
    expect(pdf).toMatch(/\/Width 1051/);
    expect(pdf).toMatch(/\/Height 1500/);
    // pdfkit keeps a stored PNG's data without re-encoding it: the page is as large as the pixels.
    expect(pdf.length).toBeGreaterThan(1051 * 1500 * 3);
  });

  it('refuses what is not an RGB picture', () => {
    expect(() => storedPng({ data: new Uint8Array(11), width: 2, height: 2 }, 300)).toThrow(/not 2×2 RGB/);
    expect(() => storedPng({ data: new Uint8Array(0), width: 0, height: 5 }, 300)).toThrow(/at least 1 px/);
    expect(() => storedPng({ data: new Uint8Array(12), width: 2, height: 2 }, 0)).toThrow(/dpi/);
    expect(() => storedPng({ data: new Uint8Array(12), width: 2, height: 2 }, Number.NaN)).toThrow(/dpi/);
  });
});
