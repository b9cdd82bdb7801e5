// A camera's 24 MP frame made from a real portrait, for the bench and for doctor's self-test: the
// head where the camera framed it, smooth as scaled up or with a camera's grain, level or turned.
import sharp from 'sharp';
import { seededRandom } from '../../shared/seeded-random.js';

/**
 * A JPEG with an EXIF orientation tag and nothing else added, as a camera writes it (an APP1
 * segment right after the start marker; no colour profile, which would cost every loader a
 * colour transform that cameras writing sRGB do not ask for).
 */
export function withOrientationTag(jpeg: Buffer, orientation: number): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const tiff = Buffer.alloc(26);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4); // IFD0 right after the header
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x0112, 10); // Orientation
  tiff.writeUInt16LE(3, 12); // SHORT
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt32LE(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, body, jpeg.subarray(2)]);
}

export interface FrameOptions {
  /** A camera's grain (seeded): the file becomes the size a 24 MP camera writes, and as slow to decode. */
  sensorNoise?: boolean;
  /** The camera on its side: the pixels stored as the sensor saw them, and the tag (6) that turns them upright. */
  turned?: boolean;
}

/**
 * A 6000×4000 camera frame from a real portrait: scaled up so the head sits as the camera framed it.
 * Scaled up, it is smoother than a camera's (1–2 MB); `sensorNoise` adds a camera's grain (seeded),
 * which makes the file the size a 24 MP camera writes (about 6 MB) and its decoding as slow.
 */
export async function camera24From(file: string | Buffer, o: FrameOptions = {}): Promise<Buffer> {
  const meta = await sharp(file).metadata();
  const scale = 6000 / (meta.width ?? 1);
  const framed = sharp(file)
    .resize(6000, Math.max(4000, Math.round((meta.height ?? 1) * scale)), { kernel: 'lanczos3' })
    .extract({ left: 0, top: 0, width: 6000, height: 4000 });
  const { data, info } = await framed.raw().toBuffer({ resolveWithObject: true });
  if (o.sensorNoise) {
    const rnd = seededRandom(24);
    for (let i = 0; i < data.length; i += 1) data[i] = Math.max(0, Math.min(255, (data[i] as number) + Math.floor(rnd() * 25) - 12));
  }
  const pixels = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  // Turned a quarter anticlockwise, tag 6 (turn clockwise) shows it upright again.
  if (o.turned) return withOrientationTag(await pixels.rotate(270).jpeg({ quality: 92 }).toBuffer(), 6);
  return pixels.jpeg({ quality: 92 }).toBuffer();
}
