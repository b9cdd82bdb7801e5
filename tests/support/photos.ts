// Real photographs for the photo tests, with hand marks, and variants made from them (blurred,
// darkened, tilted, shrunk, CMYK …) so each check has a photograph that must fail it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { camera24From } from '../../src/main/photo/sample-frame.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

export interface MarkedPhoto {
  file: string;
  /** Marked by eye on a 4–5× enlargement with a 10 px grid: top of the head (hair or hat), lowest point of the chin. */
  crownY: number;
  chinY: number;
  height: number;
}

/** NASA portrait of Eileen Collins (public domain), 512×512: plain studio backdrop above the head. */
export const ASTRONAUT: MarkedPhoto = { file: path.join(root, 'resources/demo-photos/astronaut-eileen-collins.jpg'), crownY: 15, chinY: 173, height: 512 };
/** US Navy portrait of Grace Hopper (public domain), 512×600: a cap, and a flag behind. */
export const HOPPER: MarkedPhoto = { file: path.join(root, 'tests/fixtures/photos/grace-hopper.jpg'), crownY: 22, chinY: 329, height: 600 };

/** A group photograph from @vladmandic/face-api's demo folder (1–6; the second has three people). */
export function groupPhoto(n = 2): string {
  return path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo', `sample${n}.jpg`);
}

export const read = (file: string) => readFileSync(file);

/** The portrait (a file or its bytes) made into a 24 MP camera frame (6000×4000), head at the same place relative to the frame, as the bench makes it. */
export async function camera24(file: string | Buffer = ASTRONAUT.file): Promise<{ bytes: Buffer; scale: number }> {
  const meta = await sharp(file).metadata();
  return { bytes: await camera24From(file), scale: 6000 / (meta.width ?? 1) };
}

export const variants = {
  blurred: (f: string) => sharp(f).blur(4).jpeg({ quality: 92 }).toBuffer(),
  dark: (f: string) => sharp(f).linear(0.3, 0).jpeg({ quality: 92 }).toBuffer(),
  tilted: (f: string, deg = 9) => sharp(f).rotate(deg, { background: '#c4bab2' }).jpeg({ quality: 92 }).toBuffer(),
  /** The whole frame shrunk: the head is far too few pixels for 300 dpi. */
  small: (f: string) => sharp(f).resize(256).jpeg({ quality: 92 }).toBuffer(),
  cmyk: (f: string) => sharp(f).toColourspace('cmyk').jpeg({ quality: 92 }).toBuffer(),
  /** Dark glasses over the eyes found in the photo (source pixels): two dark lenses and a bridge. */
  sunglasses: async (f: string | Buffer, eyes: { left: { x: number; y: number }; right: { x: number; y: number } }) => {
    const meta = await sharp(f).metadata();
    const rx = 0.4 * (eyes.right.x - eyes.left.x);
    const ry = 0.65 * rx;
    const lens = (e: { x: number; y: number }) => `<ellipse cx="${e.x}" cy="${e.y}" rx="${rx}" ry="${ry}" fill="#151515"/>`;
    const svg = `<svg width="${meta.width}" height="${meta.height}" xmlns="http://www.w3.org/2000/svg">${lens(eyes.left)}${lens(eyes.right)}<line x1="${eyes.left.x + rx}" y1="${eyes.left.y}" x2="${eyes.right.x - rx}" y2="${eyes.right.y}" stroke="#111" stroke-width="${Math.max(2, rx / 6)}"/></svg>`;
    return sharp(f).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 92 }).toBuffer();
  },
  /**
   * Light reflected on glasses: a bright patch over each eye, a little off its centre as a lamp's
   * reflection sits. `size` is the patch's half-width as a share of the distance between the eyes:
   * 0.14 hides about half of each eye's opening; 0.06 is a small highlight that hides little.
   */
  glare: async (f: string | Buffer, eyes: { left: { x: number; y: number }; right: { x: number; y: number } }, size = 0.14) => {
    const meta = await sharp(f).metadata();
    const rx = size * (eyes.right.x - eyes.left.x);
    const patch = (e: { x: number; y: number }) => `<ellipse cx="${e.x + 0.15 * rx}" cy="${e.y - 0.1 * rx}" rx="${rx}" ry="${0.55 * rx}" fill="#fdfdfd" fill-opacity="0.97"/>`;
    const svg = `<svg width="${meta.width}" height="${meta.height}" xmlns="http://www.w3.org/2000/svg">${patch(eyes.left)}${patch(eyes.right)}</svg>`;
    return sharp(f).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 92 }).toBuffer();
  },
  /**
   * A face mask over the nose and mouth, from halfway down the nose to below the chin and across
   * the face, in a fabric colour, shaded darker towards the chin, with a surgical mask's pleats.
   * `face`: the pipeline's landmarks in source pixels.
   */
  mask: async (f: string | Buffer, face: { eyes: { left: readonly [number, number]; right: readonly [number, number] }; chin: readonly [number, number]; centreX: number; faceWidth: number }, colour: string, pleats = true) => {
    const meta = await sharp(f).metadata();
    const eyeY = (face.eyes.left[1] + face.eyes.right[1]) / 2;
    const h = face.chin[1] - eyeY;
    const top = eyeY + 0.35 * h;
    const bottom = face.chin[1] + 0.12 * h;
    const half = 0.52 * face.faceWidth;
    const [l, r, c] = [face.centreX - half, face.centreX + half, face.centreX];
    const outline = `M ${l} ${top + 0.1 * h} Q ${c} ${top - 0.12 * h} ${r} ${top + 0.1 * h} L ${r - 0.08 * half} ${face.chin[1] - 0.2 * h} Q ${c} ${bottom + 0.1 * h} ${l + 0.08 * half} ${face.chin[1] - 0.2 * h} Z`;
    const folds = pleats ? [0.3, 0.5, 0.7].map((k) => `<line x1="${l}" y1="${top + k * (bottom - top)}" x2="${r}" y2="${top + k * (bottom - top) + 2}" stroke="#000" stroke-opacity="0.12" stroke-width="${Math.max(1, 0.012 * h * 3)}" clip-path="url(#m)"/>`).join('') : '';
    const svg = `<svg width="${meta.width}" height="${meta.height}" xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${colour}"/><stop offset="1" stop-color="${colour}" stop-opacity="0.86"/></linearGradient><clipPath id="m"><path d="${outline}"/></clipPath></defs><path d="${outline}" fill="#3a3a3a"/><path d="${outline}" fill="url(#g)"/>${folds}</svg>`;
    return sharp(f).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 92 }).toBuffer();
  },
  /**
   * The face's skin darkened by `k` (RGB scaled: the colour kept, the light less), as very dark
   * skin looks under the same light: the openings of the eyes are left as they are (their whites
   * are lit by the light, not coloured by the skin), and so is the backdrop. The neck below the
   * face is darkened too where it is of the skin's colour (a face darkened alone left a light
   * neck whose edge the chin was found on). `eyesToo`: the eyes darkened with the face, as a face
   * in shadow with the backdrop lit behind it.
   */
  darkSkin: async (f: string | Buffer, face: { eyes: { left: readonly [number, number]; right: readonly [number, number] }; eyeOpenings: readonly { cx: number; cy: number; halfWidth: number; halfHeight: number }[]; foreheadTop: readonly [number, number]; chin: readonly [number, number]; centreX: number; faceWidth: number }, k: number, eyesToo = false) => {
    const { data, info } = await sharp(f).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const cy = (face.foreheadTop[1] + face.chin[1]) / 2;
    const rx = 0.62 * face.faceWidth;
    const ry = 0.62 * (face.chin[1] - face.foreheadTop[1]);
    const eyeY = (face.eyes.left[1] + face.eyes.right[1]) / 2;
    // The neck: skin-coloured pixels under the face, lit or in shade (red over green over blue,
    // warmly so; a backdrop, a white collar or a dark suit are not).
    const neck = (x: number, y: number, i: number) => {
      if (y <= face.chin[1] - 0.1 * (face.chin[1] - eyeY) || y >= face.chin[1] + 0.6 * (face.chin[1] - eyeY) || Math.abs(x - face.centreX) >= 0.45 * face.faceWidth) return false;
      const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
      return r + g + b > 90 && r > g && g >= b && r - b > 0.15 * r;
    };
    // Edges feathered, as skin shades into hair and into the eye: a hard edge is a line no face has.
    const ramp = (v: number) => Math.min(1, Math.max(0, v));
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        const i = (y * info.width + x) * info.channels;
        const onFace = ramp((1 - Math.hypot((x - face.centreX) / rx, (y - cy) / ry)) / 0.1);
        const skin = Math.max(onFace, neck(x, y, i) ? 1 : 0);
        if (skin === 0) continue;
        const offEyes = eyesToo ? 1 : Math.min(...face.eyeOpenings.map((e) => ramp((Math.hypot((x - e.cx) / (1.1 * e.halfWidth), (y - e.cy) / (1.6 * e.halfHeight)) - 0.8) / 0.2)));
        const f = 1 - (1 - k) * skin * offEyes;
        for (let c = 0; c < 3; c++) data[i + c] = Math.round((data[i + c] ?? 0) * f);
      }
    }
    return sharp(data, { raw: info }).jpeg({ quality: 92 }).toBuffer();
  },
  /** Each face of a group photograph cut out with a little room, so that it is the largest face in its cut. */
  facesOf: async (f: string, detect: (img: { data: Uint8Array; width: number; height: number }) => Promise<{ box: { x: number; y: number; width: number; height: number } }[]>) => {
    const { data, info } = await sharp(f).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const faces = await detect({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height });
    return Promise.all(
      faces.map(async ({ box: b }) => {
        const left = Math.max(0, Math.round(b.x + b.width / 2 - 0.95 * b.width));
        const top = Math.max(0, Math.round(b.y + b.height / 2 - 1.17 * b.height));
        const width = Math.min(info.width - left, Math.round(1.9 * b.width));
        const height = Math.min(info.height - top, Math.round(2.6 * b.height));
        return { centreX: b.x + b.width / 2 - left, width: b.width, bytes: await sharp(f).extract({ left, top, width, height }).jpeg({ quality: 92 }).toBuffer() };
      }),
    );
  },
  /** Orientation 6 in EXIF: the pixels stored turned a quarter, to be shown upright. */
  exifRotated: async (f: string) => sharp(await sharp(f).rotate(-90).toBuffer()).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer(),
};
