// EXIF orientation, for cutting a region out of a file without turning the whole picture first.
// A camera on its side writes its pixels as the sensor saw them and a tag (6 or 8) saying how to
// turn them. Asked for a region of the turned picture, libvips must decode and turn the whole
// 24 MP frame in memory; cut where the region lies in the stored pixels instead and turn only
// the region. The turn is libvips's (and sharp's): a clockwise rotation, then a mirror.
import type { Rect } from './crop.js';

export interface Turn {
  /** Clockwise, applied first. */
  rotate: 0 | 90 | 180 | 270;
  /** Mirrored left to right, after the rotation. */
  flop: boolean;
}

const TURNS: Record<number, Turn> = {
  1: { rotate: 0, flop: false },
  2: { rotate: 0, flop: true },
  3: { rotate: 180, flop: false },
  4: { rotate: 180, flop: true },
  5: { rotate: 90, flop: true },
  6: { rotate: 90, flop: false },
  7: { rotate: 270, flop: true },
  8: { rotate: 270, flop: false },
};

/** How the stored pixels are turned for display; a missing or unknown tag turns nothing. */
export function turnOf(orientation: number | undefined): Turn {
  return TURNS[orientation ?? 1] ?? { rotate: 0, flop: false };
}

export const turnsNothing = (t: Turn) => t.rotate === 0 && !t.flop;

/** A quarter turn either way: width and height trade places. */
export const quarterTurn = (t: Turn) => t.rotate === 90 || t.rotate === 270;

/**
 * The rectangle of stored pixels that becomes `rect` of the turned picture (`shown` is the turned
 * picture's size). Edges are pixel boundaries, so whole pixels map to whole pixels.
 */
export function storedRect(rect: Rect, shown: { width: number; height: number }, turn: Turn): Rect {
  // Undo the mirror: it acts on the rotated picture, which is the size shown.
  const x0 = turn.flop ? shown.width - (rect.x + rect.width) : rect.x;
  const x1 = x0 + rect.width;
  const y0 = rect.y;
  const y1 = y0 + rect.height;
  // Undo the rotation. The stored picture is Ws×Hs: shown turned by 90 or 270, it is Hs wide.
  switch (turn.rotate) {
    case 0:
      return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    case 180:
      return { x: shown.width - x1, y: shown.height - y1, width: x1 - x0, height: y1 - y0 };
    case 90: {
      // Stored (sx, sy) shows at (Hs − sy, sx): Hs is the shown width.
      return { x: y0, y: shown.width - x1, width: y1 - y0, height: x1 - x0 };
    }
    case 270: {
      // Stored (sx, sy) shows at (sy, Ws − sx): Ws is the shown height.
      return { x: shown.height - y1, y: x0, width: y1 - y0, height: x1 - x0 };
    }
  }
}

/** A size in the stored pixels' orientation (a quarter turn swaps the sides). */
export function storedSize(size: { width: number; height: number }, turn: Turn): { width: number; height: number } {
  return quarterTurn(turn) ? { width: size.height, height: size.width } : size;
}

/** A clockwise turn in degrees, as the settings give how the camera is mounted. */
export const TURN_DEGREES = [0, 90, 180, 270] as const;
export type TurnDegrees = (typeof TURN_DEGREES)[number];

export const isTurnDegrees = (n: number): n is TurnDegrees => (TURN_DEGREES as readonly number[]).includes(n);

const TAG_OF_TURN: Record<TurnDegrees, number> = { 0: 1, 90: 6, 180: 3, 270: 8 };

/**
 * The orientation to use for a picture: its own tag when it has one that turns it (the camera's
 * sensor knew how it was held), otherwise the turn the booth's settings give for its camera (a
 * camera on its side with auto-rotate off writes tag 1 or none).
 */
export function orientationFor(tag: number | undefined, untagged: TurnDegrees): number {
  return tag !== undefined && tag > 1 && tag <= 8 ? tag : TAG_OF_TURN[untagged];
}

/**
 * The tag of a picture turned a further `clockwise` degrees once its own tag has turned it. (A
 * mirror after a rotation reverses the sense of a turn made after both: the mirror stays last.)
 */
export function orientationTurned(orientation: number, clockwise: TurnDegrees): number {
  const t = turnOf(orientation);
  const rotate = (((t.rotate + (t.flop ? -clockwise : clockwise)) % 360) + 360) % 360;
  const tag = Object.entries(TURNS).find(([, u]) => u.rotate === rotate && u.flop === t.flop);
  return tag ? Number(tag[0]) : 1;
}
