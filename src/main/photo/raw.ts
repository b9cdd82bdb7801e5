// Packed RGB pixels in and out of sharp: what the pipeline, the live view's guide and the
// upside-down check share.
import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { RgbImage } from './face-detector.js';
import type { TurnDegrees } from './orientation.js';

/** A picture that could not be decoded, in words for staff; the decoder's own words as the detail. */
export function unreadable(detail: string): AppError {
  return new AppError(
    'bad_request',
    text('画像を読み込めません。JPEG・PNG・WebP・TIFF の写真を使ってください。', 'The image cannot be read. Use a JPEG, PNG, WebP or TIFF photo.'),
    [{ path: 'image', message: detail.slice(0, 200) }],
  );
}

/** A sharp pipeline's result as packed RGB (3 channels, sRGB); a decoding failure as "unreadable". */
export async function rawOf(pipeline: Sharp): Promise<RgbImage> {
  try {
    const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable((err as Error).message);
  }
}

/** A sharp pipeline reading packed RGB pixels. */
export function sharpOf(img: RgbImage): Sharp {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
}

/** Raw pixels turned clockwise by a quarter turn or a half. */
export function turnedRaw(img: RgbImage, degrees: TurnDegrees): Promise<RgbImage> {
  return rawOf(sharpOf(img).rotate(degrees));
}

/** Raw pixels scaled to exactly `width`×`height`. */
export function resizeRaw(img: RgbImage, width: number, height: number): Promise<RgbImage> {
  return rawOf(sharpOf(img).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }));
}
