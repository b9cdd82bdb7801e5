// What the camera handed over for a still: a JPEG, or a RAW or HEIF file from a body set to record
// those; and where a JPEG ends when another file follows it (RAW+JPEG), an end marker inside its
// EXIF thumbnail not taken for its own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegEnd, stillFormat } from '../../../src/main/devices/camera/still-file.js';
import { demoPhotos } from '../../support/test-app.js';

const jpeg = readFileSync(path.join(demoPhotos, 'astronaut-eileen-collins.jpg'));
const bytes = (...parts: (string | number[] | Buffer)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('a still from the camera', () => {
  it('tells JPEG from the RAW and HEIF files bodies write', () => {
    expect(stillFormat(jpeg)).toBe('jpeg');
    for (const raw of [bytes('II*\0', [8, 0, 0, 0], 'CR', [2, 0]), bytes('MM\0*', [0, 0, 0, 8], 'NIKON'), bytes('IIRO', [8, 0, 0, 0, 0, 0, 0, 0]), bytes('IIU\0', [8, 0, 0, 0, 0, 0, 0, 0]), bytes('FUJIFILMCCD-RAW 0201'), bytes([0, 0, 0, 24], 'ftypcrx ', [0, 0, 0, 1])]) {
      expect(stillFormat(raw), raw.toString('latin1', 0, 12)).toBe('raw');
    }
    expect(stillFormat(bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0]))).toBe('heif');
    expect(stillFormat(bytes([0, 0, 0, 24], 'ftypmif1', [0, 0, 0, 0]))).toBe('heif');
    expect(stillFormat(Buffer.alloc(0))).toBe('unknown');
    expect(stillFormat(bytes('GIF89a......'))).toBe('unknown');
  });

  it('finds where a JPEG ends, past an end marker in its EXIF thumbnail, and a file after it', async () => {
    // A camera's JPEG: an EXIF block holding a thumbnail (its own FF D8 … FF D9), then the picture.
    const thumb = await sharp(jpeg).resize(160, 120).jpeg().toBuffer();
    const withThumb = await sharp(jpeg).withExif({ IFD0: { Make: 'Canon' } }).jpeg({ quality: 90 }).toBuffer();
    const app1Body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.alloc(8), thumb]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (app1Body.length + 2) >> 8, (app1Body.length + 2) & 0xff]), app1Body]);
    const still = Buffer.concat([withThumb.subarray(0, 2), app1, withThumb.subarray(2)]);
    expect(still.indexOf(Buffer.from([0xff, 0xd9]))).toBeLessThan(still.length - 2);
    expect(jpegEnd(still)).toBe(still.length);
    const raw = bytes('II*\0', [8, 0, 0, 0], 'CR', [2, 0], Buffer.alloc(4096, 0x52));
    expect(jpegEnd(Buffer.concat([still, raw]))).toBe(still.length);
    // What is cut out decodes as the picture.
    const cut = Buffer.concat([still, raw]).subarray(0, jpegEnd(Buffer.concat([still, raw]))!);
    expect((await sharp(cut).metadata()).width).toBe((await sharp(jpeg).metadata()).width);
  });

  it('answers null for a JPEG that does not end, and for what is not one', () => {
    expect(jpegEnd(jpeg.subarray(0, jpeg.length - 100))).toBeNull();
    expect(jpegEnd(bytes('II*\0', [8, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(jpegEnd(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeNull();
  });
});
