// Embedded colour profiles: an sRGB one is not applied (it changes no pixel, and applying it
// doubled the cost of cutting and scaling the crop); any other is converted to sRGB as before.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isSrgbProfile, profileDescription } from '../../../src/main/photo/colour-profile.js';
import { inspectImage, regionLoader } from '../../../src/main/photo/pipeline.js';
import { rawOf } from '../../../src/main/photo/raw.js';

/** A colourful picture (saturated colours are where a profile conversion shows). */
function picture() {
  const width = 96;
  const height = 64;
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    data[i * 3] = (i * 7) % 256;
    data[i * 3 + 1] = 255 - ((i * 3) % 256);
    data[i * 3 + 2] = (i * 11) % 256;
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

/** A minimal ICC v2 profile with a 'desc' text tag, as older profiles carry it. */
function v2Profile(description: string, space = 'RGB '): Buffer {
  const text = Buffer.from(`${description}\0`, 'latin1');
  const tag = Buffer.concat([Buffer.from('desc\0\0\0\0', 'latin1'), Buffer.alloc(4), text]);
  tag.writeUInt32BE(text.length, 8);
  const header = Buffer.alloc(132 + 12);
  header.write(space, 16, 'latin1');
  header.writeUInt32BE(1, 128);
  header.write('desc', 132, 'latin1');
  header.writeUInt32BE(144, 136);
  header.writeUInt32BE(tag.length, 140);
  return Buffer.concat([header, tag]);
}

describe('embedded colour profiles', () => {
  it('reads the description of v2 and v4 profiles and knows sRGB from the others', async () => {
    const icc = async (p: string) => (await sharp(await picture().withIccProfile(p).jpeg().toBuffer()).metadata()).icc!;
    expect(profileDescription(await icc('srgb'))).toBe('sRGB');
    expect(isSrgbProfile(await icc('srgb'))).toBe(true);
    expect(isSrgbProfile(await icc('p3'))).toBe(false);
    expect(isSrgbProfile(await icc('cmyk'))).toBe(false);
    expect(profileDescription(v2Profile('Nikon sRGB 4.0.0.3001'))).toBe('Nikon sRGB 4.0.0.3001');
    expect(isSrgbProfile(v2Profile('sRGB IEC61966-2.1'))).toBe(true);
    expect(isSrgbProfile(v2Profile('Adobe RGB (1998)'))).toBe(false);
    expect(isSrgbProfile(v2Profile('scRGB'))).toBe(false);
    expect(isSrgbProfile(v2Profile('sRGB', 'GRAY'))).toBe(false);
    // Cut short or empty: no description, never an exception.
    expect(profileDescription(v2Profile('sRGB IEC61966-2.1').subarray(0, 150))).toBeNull();
    expect(isSrgbProfile(Buffer.alloc(10))).toBe(false);
  });

  it('cuts a picture with an sRGB profile without applying it, and converts one with another profile', async () => {
    const rect = { x: 10, y: 8, width: 50, height: 40 };
    const cut = async (bytes: Buffer, maxHeight = 10_000) => {
      const info = await inspectImage(bytes);
      return { info, pixels: Buffer.from((await regionLoader.open(bytes, info).crop(rect, maxHeight)).data) };
    };
    const region = (bytes: Buffer, o: { ignoreIcc?: boolean }) => rawOf(sharp(bytes, o).extract({ left: rect.x, top: rect.y, width: rect.width, height: rect.height })).then((r) => Buffer.from(r.data));
    const none = await picture().jpeg({ quality: 95 }).toBuffer();
    const srgb = await picture().withIccProfile('srgb').jpeg({ quality: 95 }).toBuffer();
    const p3 = await picture().withIccProfile('p3').jpeg({ quality: 95 }).toBuffer();
    expect((await cut(none)).info.srgbProfile).toBe(false);
    const a = await cut(srgb);
    expect(a.info.srgbProfile).toBe(true);
    expect(a.pixels.equals(await region(srgb, { ignoreIcc: true }))).toBe(true);
    // Not applying it changes nothing: the same pixels as applying it.
    expect(a.pixels.equals(await region(srgb, {}))).toBe(true);
    const b = await cut(p3);
    expect(b.info.srgbProfile).toBe(false);
    expect(b.pixels.equals(await region(p3, {}))).toBe(true);
    // A P3 picture is converted: skipping its profile would change it.
    expect(b.pixels.equals(await region(p3, { ignoreIcc: true }))).toBe(false);
  });
});
