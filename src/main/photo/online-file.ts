// The file for the online application (J-LIS): JPEG, colour RGB (never CMYK), no EXIF or other
// metadata, each side 480–6000 px, 20 KB–7 MB, and never upscaled. Made from the crop only:
// cropping and scaling, no other editing.
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { RgbImage } from './face-detector.js';
import { sharpOf } from './raw.js';

export const ONLINE_LIMITS = { minSide: 480, maxSide: 6000, minBytes: 20 * 1024, maxBytes: 7 * 1024 * 1024 } as const;

export interface OnlineFile {
  jpeg: Buffer;
  width: number;
  height: number;
  quality: number;
}

/**
 * Encodes the crop (raw RGB, already at most `heightPx` tall) as the online file. Quality steps
 * down when the file would be over 7 MB, and up (with full colour resolution) when a very plain
 * picture would come out under 20 KB.
 */
export async function onlineFile(crop: RgbImage, heightPx: number): Promise<OnlineFile> {
  const height = Math.min(heightPx, crop.height, ONLINE_LIMITS.maxSide);
  const width = Math.round((crop.width * height) / crop.height);
  if (Math.min(width, height) < ONLINE_LIMITS.minSide) {
    throw new AppError(
      'bad_request',
      text(
        `オンライン申請用の写真を作れません: 切り抜きが ${crop.width}×${crop.height} px で、各辺 ${ONLINE_LIMITS.minSide} px 以上が必要です（拡大はしません）。`,
        `Cannot make the online file: the crop is ${crop.width}×${crop.height} px and each side needs ${ONLINE_LIMITS.minSide} px or more (no upscaling).`,
      ),
    );
  }
  const encode = async (w: number, h: number, quality: number, full: boolean) => {
    const base = sharpOf(crop);
    const sized = w === crop.width && h === crop.height ? base : base.resize(w, h, { kernel: 'lanczos3' });
    return sized.toColourspace('srgb').jpeg({ quality, chromaSubsampling: full ? '4:4:4' : '4:2:0', mozjpeg: false }).toBuffer();
  };
  // Quality first, then size (each step 80 %, never below 480 px), for a picture too detailed
  // for 7 MB; metadata is never written (sharp strips it unless asked).
  const fitAt = async (w: number, h: number): Promise<OnlineFile | 'too_small' | 'too_big'> => {
    for (const quality of [92, 85, 75, 60]) {
      const jpeg = await encode(w, h, quality, false);
      if (jpeg.length > ONLINE_LIMITS.maxBytes) continue;
      if (jpeg.length >= ONLINE_LIMITS.minBytes) return { jpeg, width: w, height: h, quality };
      const fuller = await encode(w, h, 100, true);
      return fuller.length >= ONLINE_LIMITS.minBytes && fuller.length <= ONLINE_LIMITS.maxBytes ? { jpeg: fuller, width: w, height: h, quality: 100 } : 'too_small';
    }
    return 'too_big';
  };
  for (let k = 1; Math.min(width, height) * k >= ONLINE_LIMITS.minSide; k *= 0.8) {
    const r = await fitAt(Math.round(width * k), Math.round(height * k));
    if (r === 'too_small') break; // smaller would only be smaller
    if (r !== 'too_big') return r;
  }
  throw new AppError(
    'bad_request',
    text('オンライン申請用の写真をファイルサイズの制限（20 KB–7 MB）に収められませんでした。', 'The online file could not be kept within its size limits (20 KB–7 MB).'),
  );
}
