// The print sheet's PNG, written here rather than by libvips. The sheet only travels to the
// printer's PDF (which keeps the PNG's compressed data as it is) and to the spooler, so it is
// stored, not deflated: what is left is a copy, a checksum and a CRC, which take about 5 ms for
// an L sheet at 300 dpi on one thread. libvips's encoder took 11 ms alone and 20 or more beside the
// checks and the online file's encoding, which want the same two cores.
import { crc32, deflateSync } from 'node:zlib';
import type { RgbImage } from './face-detector.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG's limit on a side (2^31 − 1); far beyond any sheet. */
const MAX_SIDE = 0x7fffffff;

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  // The CRC covers the type and the body, not the length.
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/**
 * Packed RGB as an 8-bit truecolour PNG, its deflate stream stored (not compressed), every row
 * unfiltered, and `dpi` in its pHYs chunk (as pixels per metre, which is how PNG says it).
 */
export function storedPng(image: RgbImage, dpi: number): Buffer {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
    throw new RangeError(`a PNG needs whole sides of at least 1 px, not ${width}×${height}`);
  }
  if (data.length !== width * height * 3) throw new RangeError(`${data.length} bytes is not ${width}×${height} RGB`);
  if (!(dpi > 0) || !Number.isFinite(dpi)) throw new RangeError(`dpi must be positive, not ${dpi}`);

  const row = width * 3;
  // Each row starts with its filter type; 0 is none.
  const rows = Buffer.allocUnsafe(height * (row + 1));
  for (let y = 0; y < height; y += 1) {
    const at = y * (row + 1);
    rows[at] = 0;
    rows.set(data.subarray(y * row, y * row + row), at + 1);
  }
  const idat = deflateSync(rows, { level: 0 });
  rows.fill(0);

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = 2; // truecolour; compression, filter and interlace methods stay 0
  const density = Buffer.alloc(9);
  const perMetre = Math.round(dpi / 0.0254);
  density.writeUInt32BE(perMetre, 0);
  density.writeUInt32BE(perMetre, 4);
  density[8] = 1; // the unit is the metre
  const png = Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('pHYs', density), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
  idat.fill(0);
  return png;
}
