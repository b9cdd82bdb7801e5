// The 35:45 crop: the head (crown to chin) made the target height of the 45 mm photo, the crown
// the target margin below the top edge, the head centred. Where the frame does not reach that
// far, the crop is moved (or, when the head is too big for the frame, shrunk) to fit inside the
// image, and the checks measure the crop as it is: they say what the citizen should change.
import { PHOTO_MM } from '../../shared/photo-rules.js';
import type { PhotoRules } from '../settings/settings.js';

export { PHOTO_MM };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HeadLine {
  crownY: number;
  chinY: number;
  centreX: number;
}

export interface CropPlacement {
  /** In source pixels (after EXIF orientation), integers inside the image. */
  crop: Rect;
  /** What the 45 mm photo shows, measured on the crop as placed. */
  headMm: number;
  topMarginMm: number;
  /** Head centre minus photo centre line, in mm; positive: the head sits right of centre. */
  centreOffsetMm: number;
  /** Pixels per mm of the printed photo. */
  pxPerMm: number;
}

export function placeCrop(head: HeadLine, image: { width: number; height: number }, rules: PhotoRules): CropPlacement {
  const headPx = Math.max(1, head.chinY - head.crownY);
  let pxPerMm = headPx / rules.headMm.target;
  // The head is too big for the frame: the largest 35:45 crop the image holds.
  pxPerMm = Math.min(pxPerMm, image.height / PHOTO_MM.height, image.width / PHOTO_MM.width);
  const width = Math.max(1, Math.floor(PHOTO_MM.width * pxPerMm));
  const height = Math.max(1, Math.floor((width * PHOTO_MM.height) / PHOTO_MM.width));
  const x = Math.round(Math.min(Math.max(0, head.centreX - width / 2), image.width - width));
  const y = Math.round(Math.min(Math.max(0, head.crownY - rules.topMarginMm.target * pxPerMm), image.height - height));
  const mm = height / PHOTO_MM.height;
  return {
    crop: { x, y, width, height },
    headMm: headPx / mm,
    topMarginMm: (head.crownY - y) / mm,
    centreOffsetMm: (head.centreX - (x + width / 2)) / mm,
    pxPerMm: mm,
  };
}
