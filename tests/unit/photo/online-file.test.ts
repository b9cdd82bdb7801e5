// The online-application file stays within J-LIS's limits for tiny and huge inputs, carries no
// metadata, and is never upscaled.
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { ONLINE_LIMITS, onlineFile } from '../../../src/main/photo/online-file.js';
import { AppError } from '../../../src/shared/errors.js';
import { ASTRONAUT } from '../../support/photos.js';

async function rawOf(input: Sharp) {
  const { data, info } = await input.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

describe('online file', () => {
  it('keeps a large crop within 480–6000 px and 20 KB–7 MB, RGB, without metadata', async () => {
    // A noisy 4200×5400 crop: the hardest case for the 7 MB limit.
    const noise = Buffer.alloc(4200 * 5400 * 3);
    for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 2654435761) >>> 24;
    for (const height of [1200, 6000]) {
      const f = await onlineFile({ data: noise, width: 4200, height: 5400 }, height);
      const meta = await sharp(f.jpeg).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.space).toBe('srgb');
      expect(meta.channels).toBe(3);
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      // Noise is the worst case for 7 MB: quality steps down, then the size (never below 480 px).
      expect(meta.height).toBeLessThanOrEqual(Math.min(height, 5400));
      expect(Math.min(meta.width, meta.height)).toBeGreaterThanOrEqual(ONLINE_LIMITS.minSide);
      expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(ONLINE_LIMITS.maxSide);
      expect(f.jpeg.length).toBeLessThanOrEqual(ONLINE_LIMITS.maxBytes);
      expect(f.jpeg.length).toBeGreaterThanOrEqual(ONLINE_LIMITS.minBytes);
    }
  });

  it('never upscales: a crop shorter than the setting keeps its own size', async () => {
    const crop = await rawOf(sharp(ASTRONAUT.file).resize(500, 643, { fit: 'fill' }));
    const f = await onlineFile(crop, 1200);
    expect([f.width, f.height]).toEqual([500, 643]);
  });

  it('raises the quality of a very plain picture to reach 20 KB', async () => {
    const flat = await rawOf(sharp({ create: { width: 480, height: 617, channels: 3, background: '#dde' } }).png());
    const f = await onlineFile(flat, 1200).catch((e: unknown) => e as AppError);
    // Either it reached 20 KB at a higher quality, or it says plainly it could not.
    if (f instanceof AppError) expect(f.body.message.ja).toContain('20 KB');
    else expect(f.jpeg.length).toBeGreaterThanOrEqual(ONLINE_LIMITS.minBytes);
  });

  it('refuses a tiny crop with a clear message instead of upscaling', async () => {
    const crop = await rawOf(sharp(ASTRONAUT.file).resize(162, 208, { fit: 'fill' }));
    const err = await onlineFile(crop, 1200).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).body.message.ja).toContain('480');
  });
});
