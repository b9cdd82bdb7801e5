// Cutting a region from a file whose camera was held on its side: the region is cut from the
// stored pixels and turned alone, and must be exactly what turning the whole picture and then
// cutting gives, for every EXIF orientation.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectImage, regionLoader } from '../../../src/main/photo/pipeline.js';
import { rawOf } from '../../../src/main/photo/raw.js';
import { orientationTurned, storedRect, TURN_DEGREES, turnOf } from '../../../src/main/photo/orientation.js';
import { withOrientationTag } from '../../../src/main/photo/sample-frame.js';

/** A picture with no symmetry (a gradient each way and a pattern), stored with the given tag. */
async function tagged(orientation: number, format: 'jpeg' | 'webp' | 'tiff' = 'jpeg'): Promise<Buffer> {
  const width = 301;
  const height = 203;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.round((x / width) * 255);
      data[i + 1] = Math.round((y / height) * 255);
      data[i + 2] = (x * 7 + y * 13) % 256;
    }
  }
  const img = sharp(data, { raw: { width, height, channels: 3 } }).withMetadata({ orientation });
  return (format === 'webp' ? img.webp({ lossless: true }) : format === 'tiff' ? img.tiff() : img.jpeg({ quality: 95 })).toBuffer();
}

describe('EXIF orientation when cutting a region', () => {
  it('maps a region of the turned picture to the stored pixels and back, for all eight tags', () => {
    const shown = { width: 203, height: 301 };
    for (const o of [5, 6, 7, 8]) {
      const r = storedRect({ x: 10, y: 20, width: 30, height: 40 }, shown, turnOf(o));
      // A quarter turn swaps the sides; the region stays inside the stored 301×203 picture.
      expect([r.width, r.height]).toEqual([40, 30]);
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(301);
      expect(r.y + r.height).toBeLessThanOrEqual(203);
    }
    expect(storedRect({ x: 10, y: 20, width: 30, height: 40 }, { width: 301, height: 203 }, turnOf(undefined))).toEqual({ x: 10, y: 20, width: 30, height: 40 });
  });

  it('writes the tag as a camera does, without a colour profile (the turned frame of the benchmark)', async () => {
    const plain = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    for (const o of [3, 6, 8]) {
      const meta = await sharp(withOrientationTag(plain, o)).metadata();
      expect([meta.orientation, meta.icc, meta.autoOrient.width]).toEqual([o, undefined, o === 3 ? 40 : 30]);
    }
    expect(() => withOrientationTag(Buffer.from('not a jpeg'), 6)).toThrow();
  });

  it('cuts the same pixels as turning the whole picture first, for every tag', async () => {
    const rect = { x: 37, y: 51, width: 91, height: 117 };
    const cases = [...[1, 2, 3, 4, 5, 6, 7, 8].map((o) => [o, 'jpeg'] as const), [6, 'webp'] as const, [8, 'tiff'] as const, [5, 'tiff'] as const];
    for (const [o, format] of cases) {
      const bytes = await tagged(o, format);
      const info = await inspectImage(bytes);
      expect(info.orientation, `${format} tag ${o}`).toBe(o);
      const whole = await rawOf(sharp(bytes, { autoOrient: true }).extract({ left: rect.x, top: rect.y, width: rect.width, height: rect.height }));
      const loaded = regionLoader.open(bytes, info);
      const cut = await loaded.crop(rect, 10_000);
      expect([cut.width, cut.height], `${format} tag ${o}`).toEqual([rect.width, rect.height]);
      expect(Buffer.from(cut.data).equals(Buffer.from(whole.data)), `${format} tag ${o}: pixels`).toBe(true);
      // Scaled, the region keeps its shape as shown and the same picture (resampled on another path).
      const small = await loaded.crop(rect, 60);
      const ref = await rawOf(sharp(whole.data, { raw: { width: whole.width, height: whole.height, channels: 3 } }).resize(small.width, small.height, { fit: 'fill', kernel: 'lanczos3' }));
      expect([small.width, small.height], `${format} tag ${o}`).toEqual([Math.round((60 * rect.width) / rect.height), 60]);
      let diff = 0;
      for (let i = 0; i < ref.data.length; i++) diff += Math.abs((small.data[i] ?? 0) - (ref.data[i] ?? 0));
      expect(diff / ref.data.length, `${format} tag ${o}: scaled`).toBeLessThan(3);
      // Decoded ahead around it (the live view's hint), the crop cut from that region is the same.
      const region = await loaded.region!({ x: 20, y: 30, width: 150, height: 160 });
      const fromRegion = await region.cut(rect, 10_000);
      expect(fromRegion && Buffer.from(fromRegion.data).equals(Buffer.from(whole.data)), `${format} tag ${o}: from the region`).toBe(true);
      expect(await region.cut({ ...rect, x: 5 }, 10_000), `${format} tag ${o}: not inside`).toBeNull();
      region.wipe();
      loaded.close();
    }
  });

  it('stops the work copy at the reach asked only where the file’s rows run top to bottom, as the top rows of the whole copy', async () => {
    for (const [o, format] of [...[1, 2, 3, 4, 5, 6, 7, 8].map((o) => [o, 'jpeg'] as const), [2, 'webp'] as const]) {
      const bytes = await tagged(o, format);
      const loaded = regionLoader.open(bytes, await inspectImage(bytes));
      const whole = await loaded.work(64);
      const cut = await loaded.work(64, 0.5);
      expect(cut.width, `${format} tag ${o}`).toBe(whole.width);
      // Tags 1 and 2 (a mirror only) show the file's top rows at the top: the rows under the
      // reach are never decoded. Turned any other way, the top shown is not the file's top.
      const rows = o <= 2 ? Math.ceil(0.5 * whole.height) : whole.height;
      expect(cut.height, `${format} tag ${o}`).toBe(rows);
      expect(Buffer.from(cut.data).equals(Buffer.from(whole.data.subarray(0, rows * whole.width * 3))), `${format} tag ${o}: pixels`).toBe(true);
      loaded.close();
    }
  });

  it('turns a picture further after its own tag: the tag it takes shows what turning it shown gives', async () => {
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const bytes = await tagged(o, 'webp');
      const shown = await rawOf(sharp(bytes, { autoOrient: true }));
      for (const turn of TURN_DEGREES) {
        const expected = await rawOf(sharp(shown.data, { raw: { width: shown.width, height: shown.height, channels: 3 } }).rotate(turn));
        const retagged = await sharp(bytes).withMetadata({ orientation: orientationTurned(o, turn) }).webp({ lossless: true }).toBuffer();
        const got = await rawOf(sharp(retagged, { autoOrient: true }));
        expect([got.width, got.height], `tag ${o} turned ${turn}`).toEqual([expected.width, expected.height]);
        expect(Buffer.from(got.data).equals(Buffer.from(expected.data)), `tag ${o} turned ${turn}`).toBe(true);
      }
    }
  });
});
