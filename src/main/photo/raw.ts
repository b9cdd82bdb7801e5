// Packed RGB pixels in and out of sharp: what the pipeline, the live view's guide and the
// upside-down check share.
import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { RgbImage } from './face-detector.js';
import type { TurnDegrees } from './orientation.js';

/** A file that is no picture this app reads, in words for staff; the decoder's own words as the detail. */
export function unreadable(detail: string): AppError {
  return new AppError(
    'bad_request',
    text('画像を読み込めません。JPEG・PNG・WebP・TIFF の写真を使ってください。', 'The image cannot be read. Use a JPEG, PNG, WebP or TIFF photo.'),
    [{ path: 'image', message: detail.slice(0, 200) }],
  );
}

/**
 * A picture in a format the header names but this app does not read: said by name, because
 * "use a JPEG" alone leaves staff guessing what they gave. HEIF/HEIC is what phones save.
 */
export function unsupportedFormat(format: string, compression?: string): AppError {
  const avif = format === 'heif' && compression === 'av1';
  const name = avif ? 'AVIF' : (FORMAT_NAMES[format] ?? format.toUpperCase());
  const advice =
    format === 'heif' && !avif
      ? text('スマートフォンの写真は JPEG で書き出してから使ってください（iPhone は「設定」→「カメラ」→「フォーマット」→「互換性優先」で JPEG になります）。', 'Export the phone\'s photo as JPEG first (an iPhone saves JPEG with Settings → Camera → Formats → "Most Compatible").')
      : text('JPEG・PNG・WebP・TIFF の写真を使ってください。', 'Use a JPEG, PNG, WebP or TIFF photo.');
  return new AppError(
    'bad_request',
    text(`${name} の画像は使えません。${advice.ja}`, `${name} images cannot be used. ${advice.en}`),
    [{ path: 'image', message: `format ${format}`.slice(0, 200) }],
  );
}

const FORMAT_NAMES: Record<string, string> = { heif: 'HEIF/HEIC', gif: 'GIF', svg: 'SVG', pdf: 'PDF', jp2k: 'JPEG 2000', jxl: 'JPEG XL' };

/**
 * A picture whose header was read but whose pixels were not: cut short (a camera unplugged or a
 * card pulled mid-transfer) or damaged. Told apart from "not a picture": the answer is to take
 * it again, not to change the file's type.
 */
export function damaged(detail: string): AppError {
  return new AppError(
    'bad_request',
    text(
      '画像が途中で切れているか、壊れています（転送の途中で止まった可能性があります）。もう一度撮影するか、元のファイルを確かめてください。',
      'The image is cut short or damaged (the transfer may have stopped midway). Take it again, or check the original file.',
    ),
    [{ path: 'image', message: detail.slice(0, 200) }],
  );
}

/**
 * A sharp pipeline's result as packed RGB (3 channels, sRGB). A decoding failure is told as
 * `failed` says: "unreadable" unless the caller knows the file's header was read.
 */
export async function rawOf(pipeline: Sharp, failed: (detail: string) => AppError = unreadable): Promise<RgbImage> {
  try {
    const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw failed((err as Error).message);
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
