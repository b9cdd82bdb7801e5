// The checks J-LIS and the city's examples reject photos for, each explained in plain words with
// what to do. Geometry comes from the landmarks and the crop; the pixel checks are measured on
// the photo at its standard size (the 35×45 crop at 300 dpi). A check that cannot be decided says
// so and is never counted as a pass.
import type { PhotoCheck, PhotoCheckId } from '../../shared/photo-checks.js';
import { text, type Text } from '../../shared/text.js';
import type { PhotoRules } from '../settings/settings.js';
import type { CropPlacement } from './crop.js';
import type { Crown } from './crown.js';
import type { FaceLandmarks } from './landmarks.js';
import { luma, type BackgroundStats, type EyeLook, type MouthLook, type RegionStats } from './measure.js';

/**
 * Thresholds measured on real portraits (tests/unit/photo) and on the same portraits blurred,
 * darkened, tilted and turned; figures are on the photo at 300 dpi (about 413×531 px).
 */
export const THRESHOLDS = {
  /** Eyelid gap over eye width below this: the eye is closed. */
  eyeOpen: 0.14,
  /** Nose off the middle of the face by more than this share of its width: turned sideways. */
  yawShare: 0.09,
  /** Laplacian variance of the face at the standard size below this: out of focus or shaken. */
  sharpness: 12,
  /** Mean face luminance allowed (0–255), and the share of blown or crushed pixels. */
  faceMean: { min: 70, max: 225 },
  clipped: 0.08,
  /**
   * A face darker than faceMean.min is dark skin well lit, not too little light, where the light
   * shows elsewhere: the whites of both eyes (the 90th percentile of each opening) at least
   * eyeWhiteLit and the backdrop beside the head at least backdropLit, with the face no darker
   * than darkFaceFloor and its shadows not crushed. The light that falls on the face falls on the
   * eyes and the backdrop whatever the skin's colour; too little light, or a face in shadow with
   * the backdrop lit behind it, darkens the whites of the eyes too. Measured on the astronaut's
   * portrait: the whites 156 and 164 (face 169); her skin alone darkened to a face of 63 (as dark
   * as very dark skin under the same light), the whites unchanged, 159 and 165; the whole picture
   * darkened alike, 53 and 56 (backdrop 67); her face and eyes darkened alike with the backdrop
   * lit, 54 and 56. No photograph of a citizen with very dark skin was at hand: the city should
   * try the booth's light on site (see the README).
   */
  darkFaceFloor: 30,
  eyeWhiteLit: 120,
  backdropLit: 120,
  /** Backdrop: difference of zone means (shadow, uneven light), spread in a zone (pattern). */
  backdropUneven: 28,
  backdropTexture: 30,
  /** The backdrop must be lighter than this at least (a dark wall is not plain and light). */
  backdropMinMean: 90,
  /**
   * An eye's opening darker than this share of the light on the face (lightOn: the face's mean,
   * or the backdrop's where brighter) and flatter than this share (10th–90th percentile): a dark
   * lens over it. Open eyes on our portraits and the group photos: 0.28–1.6 of the face's mean
   * (the darkest, Hopper's under her cap's brim, 0.28 with a spread of 0.37); the flattest, 0.02,
   * is bright (0.92). Dark glasses drawn on the astronaut: 0.14, 0.01. Against the face's mean
   * alone, the same glasses on her skin darkened ×0.6 (a face of 92) passed as eyes seen, since
   * a dark face lowered the bar; against her backdrop's light (188) they are 0.11 at every
   * darkness, her bare eyes 0.49 or more. Real sunglasses were not at hand.
   */
  eyeDark: 0.2,
  eyeFlat: 0.1,
  /**
   * An eye's opening with more than this share at glare luminance (GLARE_LUMINANCE, near
   * clipping): light reflected by a glasses lens over the eye. Open eyes on our portraits and the
   * group photos: at most 0.4 % (a catchlight); the astronaut made twice as bright as she is (the
   * exposure check fails it): 15 %. Highlights drawn on her eyes: a small one 3–5 %, wider ones
   * 19–22 % (passed), and ones that hide about half of each eye 45 % (failed). No photograph
   * with real glare was at hand.
   */
  eyeGlare: 0.3,
  /**
   * A mask over the mouth: one fabric across the lower face. Bare lips have a colour of their
   * own against the cheeks beside them; a mask's pleats and shading change its luminance, hardly
   * its colour. Looked at two ways, and a mask is called only where both agree (and bare lips
   * only where both agree; otherwise staff look):
   * - in chroma as it is (Cb and Cr, 0–255 scale): the lips' spread under mouthChromaSpread and
   *   their distance to the nearer cheek under mouthCheekGap;
   * - the same two added up against the skin's own chroma between the eyes, under mouthForSkin:
   *   darker skin has less chroma in all three, a fabric keeps its own.
   * Measured on our two portraits, the 22 faces of the six group photos, and each with its skin
   * darkened (×0.6 to ×0.28 on the portraits, ×0.45 and ×0.3 on the group's faces: 75 bare
   * mouths), and masks drawn over the portraits at each darkness (90: white, light blue and beige
   * with pleats, black, charcoal, navy, pink, brown): bare mouths 1.0–29 to the cheeks and 0.16
   * or more against the skin, masks 0–0.67 (one 1.68: navy on Hopper's skin at ×0.28) and at
   * most 0.13; spread over the lips, bare 0.91–27, masks 0–1.4. Two were left to staff (that
   * navy mask, and a bare mouth at ×0.3 with a face of 47), none decided wrong. Lips to the chin,
   * as this check once compared, a mask on darkened skin read up to 17 (the chin guessed below
   * the mask), and bare lips on darkened skin under 1: 28 decided wrong. A man with a moustache
   * and a goatee: spread 7.1 (a photo in Debian's opencv-doc, measured, not kept: its licence is
   * not stated). A black-and-white photo is judged on luminance: bare lips spread 12–52, flat
   * masks 0.4–8, but a pleat across the lips reached 12. No photograph of a real mask, nor of a
   * citizen with very dark skin, was at hand.
   */
  mouthChromaSpread: 2,
  mouthCheekGap: 0.85,
  mouthForSkin: 0.16,
  /**
   * Skin between the eyes with less chroma than this: a black-and-white photo (which has none,
   * within a JPEG's rounding). Darkened skin in a pale colour photo came to 2.6.
   */
  greyscaleSkin: 1.5,
  mouthFlat: 10,
} as const;

export interface CheckInput {
  faces: number;
  landmarks: FaceLandmarks;
  crown: Crown;
  placement: CropPlacement;
  rules: PhotoRules;
  /** Resolution the crop reaches at 45 mm, in dpi. */
  cropDpi: number;
  sharpness: number;
  face: RegionStats;
  /** Each eye's opening on the photo (image left first). */
  eyes: [EyeLook, EyeLook];
  /** The lips against the chin. */
  mouth: MouthLook;
  /** null: no backdrop could be sampled beside the head. */
  background: BackgroundStats | null;
}

const f1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

function check(id: PhotoCheckId, ok: boolean | null, message: Text, value: number | null = null): PhotoCheck {
  return { id, ok, message, value: value === null || !Number.isFinite(value) ? null : Math.round(value * 100) / 100 };
}

/** The nose midway between the sides of the face, within the facing check's limit. */
export function facesCamera(l: FaceLandmarks): boolean {
  return Math.abs(l.noseShare - 0.5) <= THRESHOLDS.yawShare;
}

/** Fewer pixels than this over an eye or the lips on the photo at its standard size: too few to judge them by. */
const JUDGED_PIXELS = 12;

/**
 * A dark face in good light: the whites of both eyes and the backdrop show the light it was lit
 * by (see THRESHOLDS.eyeWhiteLit). Not where the eyes are hidden, closed or too small to judge,
 * or where no plain backdrop was found beside the head.
 */
export function litElsewhere(c: Pick<CheckInput, 'face' | 'eyes' | 'crown'>, hidden: 'lens' | 'glare' | null): boolean {
  const whites = c.eyes.filter((e) => e.n >= JUDGED_PIXELS).map((e) => e.white);
  const backdrop = c.crown.backdrop?.rgb;
  return (
    hidden === null &&
    c.face.mean >= THRESHOLDS.darkFaceFloor &&
    c.face.clippedLow <= THRESHOLDS.clipped &&
    whites.length === 2 &&
    Math.min(...whites) >= THRESHOLDS.eyeWhiteLit &&
    backdrop !== undefined &&
    luma(...backdrop) >= THRESHOLDS.backdropLit
  );
}

/**
 * How much light the picture shows the face was lit by: the face's mean luminance, or the
 * backdrop's beside the head where that is brighter. Dark skin has a dark face in good light, and
 * a lens's darkness (or an eye's) answers the light, not the skin.
 */
export function lightOn(faceMean: number, backdrop: Crown['backdrop']): number {
  return Math.max(faceMean, backdrop ? luma(...backdrop.rgb) : 0);
}

/**
 * What hides an eye the mesh still outlines (it finds eyelids behind dark glasses and under a
 * lens's glare): a dark, flat opening is a dark lens; one mostly near clipping, light reflected on
 * glasses. `light`: see lightOn; an eye of fewer than `minPixels` is not judged.
 */
export function eyesHidden(eyes: readonly EyeLook[], light: number, minPixels = JUDGED_PIXELS): 'lens' | 'glare' | null {
  const judged = eyes.filter((e) => e.n >= minPixels);
  if (judged.some((e) => e.mean < THRESHOLDS.eyeDark * light && e.spread < THRESHOLDS.eyeFlat * light)) return 'lens';
  if (judged.some((e) => e.glare > THRESHOLDS.eyeGlare)) return 'glare';
  return null;
}

/**
 * Whether a mask covers the mouth: the lips of one colour with the cheeks, one fabric over both
 * (in black and white: lips with no line or edge). null where it cannot be told: too few pixels,
 * or chroma as it is and chroma against the skin's disagree.
 */
export function mouthCovered(m: MouthLook): boolean | null {
  if (m.n < JUDGED_PIXELS || ![m.spread, m.chromaSpread, m.cheekGap, m.skinChroma].every(Number.isFinite)) return null;
  if (m.skinChroma < THRESHOLDS.greyscaleSkin) return m.spread < THRESHOLDS.mouthFlat;
  const flat = m.chromaSpread < THRESHOLDS.mouthChromaSpread && m.cheekGap < THRESHOLDS.mouthCheekGap;
  const flatForSkin = (m.chromaSpread + m.cheekGap) / m.skinChroma < THRESHOLDS.mouthForSkin;
  return flat === flatForSkin ? flat : null;
}

export function runChecks(c: CheckInput): PhotoCheck[] {
  const r = c.rules;
  const p = c.placement;
  const estimated = c.crown.method === 'estimate';
  const out: PhotoCheck[] = [];

  out.push(
    c.faces === 1
      ? check('single_face', true, text('顔が1つ写っています。', 'One face in the picture.'), 1)
      : check('single_face', false, text(`顔が${c.faces}つ写っています。1人だけで撮影してください。`, `${c.faces} faces in the picture. Only one person may be in the photo.`), c.faces),
  );

  const head = p.headMm;
  if (estimated && !c.crown.cutOff) {
    out.push(check('head_size', null, text('背景から頭の上の位置を判定できず、推定しました。頭の大きさは目で確認してください。', 'The top of the head could not be found against the backdrop and was estimated: check the head size by eye.'), head));
  } else if (head < r.headMm.min) {
    out.push(check('head_size', false, text(`顔が小さすぎます（頭の高さ ${f1(head)} mm、${r.headMm.min}–${r.headMm.max} mm が必要）。`, `The head is too small (${f1(head)} mm; ${r.headMm.min}–${r.headMm.max} mm needed).`), head));
  } else if (head > r.headMm.max) {
    out.push(check('head_size', false, text(`顔が大きすぎて枠に収まりません（頭の高さ ${f1(head)} mm）。カメラから少し離れてください。`, `The head is too big for the frame (${f1(head)} mm). Move a little away from the camera.`), head));
  } else {
    out.push(check('head_size', true, text(`頭の高さ ${f1(head)} mm（${r.headMm.min}–${r.headMm.max} mm）。`, `Head ${f1(head)} mm (${r.headMm.min}–${r.headMm.max} mm).`), head));
  }

  const top = p.topMarginMm;
  if (c.crown.cutOff) {
    out.push(check('top_margin', false, text('頭の上が写真の外に切れています。頭の上まで写るように撮り直してください。', 'The top of the head is cut off. Retake so the whole head shows.'), top));
  } else if (estimated) {
    out.push(check('top_margin', null, text('頭の上の位置を推定しました。頭の上の余白は目で確認してください。', 'The top of the head was estimated: check the margin above it by eye.'), top));
  } else if (top < r.topMarginMm.min) {
    out.push(check('top_margin', false, text(`頭の上の余白が足りません（${f1(top)} mm、${r.topMarginMm.min}–${r.topMarginMm.max} mm が必要）。頭の上まで余裕をもって写してください。`, `Too little space above the head (${f1(top)} mm; ${r.topMarginMm.min}–${r.topMarginMm.max} mm needed).`), top));
  } else if (top > r.topMarginMm.max) {
    out.push(check('top_margin', false, text(`頭の上の余白が広すぎます（${f1(top)} mm）。顔が下に寄っています。`, `Too much space above the head (${f1(top)} mm): the face sits too low.`), top));
  } else {
    out.push(check('top_margin', true, text(`頭の上の余白 ${f1(top)} mm。`, `Margin above the head ${f1(top)} mm.`), top));
  }

  const off = p.centreOffsetMm;
  out.push(
    Math.abs(off) <= r.centreToleranceMm
      ? check('centred', true, text('顔が左右の中央にあります。', 'The face is centred.'), off)
      : check('centred', false, text(`顔が中央から${off > 0 ? '右' : '左'}に ${f1(Math.abs(off))} mm ずれています。枠の中央に顔を合わせてください。`, `The face is ${f1(Math.abs(off))} mm ${off > 0 ? 'right' : 'left'} of centre. Line the face up with the middle of the frame.`), off),
  );

  const roll = c.landmarks.rollDeg;
  out.push(
    Math.abs(roll) <= r.maxRollDeg
      ? check('tilt', true, text('頭は傾いていません。', 'The head is straight.'), roll)
      : check('tilt', false, text(`頭が${f1(Math.abs(roll))}°傾いています。首をまっすぐにしてください。`, `The head is tilted by ${f1(Math.abs(roll))}°. Hold the head straight.`), roll),
  );

  const yaw = c.landmarks.noseShare - 0.5;
  const facing = facesCamera(c.landmarks);
  out.push(
    facing
      ? check('facing', true, text('正面を向いています。', 'Facing the camera.'), yaw)
      : check('facing', false, text('顔が横を向いています。カメラの正面を向いてください。', 'The face is turned to the side. Look straight at the camera.'), yaw),
  );

  const eyes = Math.min(...c.landmarks.eyeOpenness);
  const hidden = eyesHidden(c.eyes, lightOn(c.face.mean, c.crown.backdrop));
  // The opening's pixels are the eye only on a face turned to the camera: turned aside, the mesh
  // puts the far eye on the nose or the backdrop (a profile in a group photo read as glare).
  if (hidden && !facing) out.push(check('eyes_visible', null, text('顔が横を向いているため、目を判定できません。正面を向いて撮り直してください。', 'The face is turned aside, so the eyes cannot be judged. Face the camera and shoot again.'), eyes));
  else if (hidden === 'lens') out.push(check('eyes_visible', false, text('目が隠れています。サングラスや色の付いた眼鏡は外してください。', 'The eyes are hidden. Take off sunglasses or tinted glasses.'), eyes));
  else if (hidden === 'glare') out.push(check('eyes_visible', false, text('眼鏡のレンズが光を反射して、目が見えません。照明の向きを変えるか、眼鏡を外して撮り直してください。', 'Light reflected on the glasses hides the eyes. Move the light, or take the glasses off, and shoot again.'), eyes));
  else if (eyes >= THRESHOLDS.eyeOpen) out.push(check('eyes_visible', true, text('両目が見えています。', 'Both eyes are visible.'), eyes));
  else out.push(check('eyes_visible', false, text('目が閉じているか、隠れています。目を開けて、レンズを見てください。', 'The eyes are closed or hidden. Open the eyes and look at the lens.'), eyes));

  const m = c.mouth;
  const mouthValue = m.skinChroma < THRESHOLDS.greyscaleSkin ? m.spread : m.cheekGap;
  const covered = mouthCovered(m);
  if (covered === null) {
    out.push(check('face_uncovered', null, text('口元を判定できませんでした。マスクなどで隠れていないか目で確認してください。', 'The mouth could not be judged: check by eye that no mask covers it.'), mouthValue));
  } else if (covered) {
    out.push(check('face_uncovered', false, text('マスクなどで口元が隠れています。マスクを外して撮り直してください。', 'A mask or something else covers the mouth. Take the mask off and shoot again.'), mouthValue));
  } else {
    out.push(check('face_uncovered', true, text('口元が見えています。', 'The mouth is visible.'), mouthValue));
  }

  out.push(
    !Number.isFinite(c.sharpness)
      ? check('sharpness', null, text('ピントを判定できませんでした。', 'Focus could not be judged.'))
      : c.sharpness >= THRESHOLDS.sharpness
        ? check('sharpness', true, text('ピントが合っています。', 'In focus.'), c.sharpness)
        : check('sharpness', false, text('写真がぼやけています。動かずに、もう一度撮影してください。', 'The photo is blurred. Keep still and take it again.'), c.sharpness),
  );

  const fm = c.face;
  const tooDark = fm.mean < THRESHOLDS.faceMean.min || fm.clippedLow > THRESHOLDS.clipped;
  if (!Number.isFinite(fm.mean)) {
    out.push(check('exposure', null, text('明るさを判定できませんでした。', 'Brightness could not be judged.')));
  } else if (tooDark && litElsewhere(c, hidden)) {
    out.push(check('exposure', true, text('明るさは適切です（目の白い部分と背景の明るさで確かめました）。', 'Brightness is right (judged by the whites of the eyes and the backdrop).'), fm.mean));
  } else if (tooDark) {
    out.push(check('exposure', false, text('顔が暗すぎます。照明を明るくしてください。', 'The face is too dark. Add light.'), fm.mean));
  } else if (fm.mean > THRESHOLDS.faceMean.max || fm.clippedHigh > THRESHOLDS.clipped) {
    out.push(check('exposure', false, text('顔が明るすぎて白く飛んでいます。照明を弱めてください。', 'The face is too bright and washed out. Use less light.'), fm.mean));
  } else {
    out.push(check('exposure', true, text('明るさは適切です。', 'Brightness is right.'), fm.mean));
  }

  const bg = c.background;
  if (!bg || bg.n < 500 || !Number.isFinite(bg.texture)) {
    out.push(check('background', null, text('背景が狭すぎて判定できません。', 'Too little backdrop shows to judge it.')));
  } else if (Math.min(...[bg.zones.left, bg.zones.right, bg.zones.top].filter((z) => z.n >= 50).map((z) => z.mean)) < THRESHOLDS.backdropMinMean) {
    out.push(check('background', false, text('背景が暗すぎます。明るい無地の背景で撮影してください。', 'The background is too dark. Use a light, plain backdrop.'), bg.zones.top.mean));
  } else if (bg.texture > THRESHOLDS.backdropTexture) {
    out.push(check('background', false, text('背景に模様や物が写っています。無地の背景の前で撮影してください。', 'The background has a pattern or objects. Use the plain backdrop.'), bg.texture));
  } else if (bg.unevenness > THRESHOLDS.backdropUneven) {
    out.push(check('background', false, text('背景に影や明るさのむらがあります。背景から少し離れるか、照明を調整してください。', 'There is a shadow or uneven light on the background. Step away from the backdrop or adjust the light.'), bg.unevenness));
  } else {
    out.push(check('background', true, text('背景は無地で均一です。', 'The background is plain and even.'), bg.texture));
  }

  const dpi = c.cropDpi;
  out.push(
    dpi >= r.minDpi
      ? check('resolution', true, text(`解像度 ${Math.floor(dpi)} dpi（${r.minDpi} dpi 以上）。`, `Resolution ${Math.floor(dpi)} dpi (${r.minDpi} dpi or more).`), dpi)
      : check('resolution', false, text(`解像度が足りません（${Math.floor(dpi)} dpi、${r.minDpi} dpi 以上が必要）。カメラに近づくか、ズームしてください。`, `Not enough resolution (${Math.floor(dpi)} dpi; ${r.minDpi} dpi needed). Move the camera closer or zoom in.`), dpi),
  );
  return out;
}
