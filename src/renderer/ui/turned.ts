// A picture turned on the screen by a quarter turn or a half: a camera mounted on its side sends
// its pictures lying down, and the screens stand them upright themselves (the app turns only the
// guide's small copy). The picture sits in a box of its turned shape; the <img> takes the class
// "turned" and this style, and is turned about the box's centre.
import type { CSSProperties } from 'react';
import type { CameraState } from '../../shared/contract.js';

/** Clockwise degrees: 0, 90, 180 or 270. */
export type Turn = CameraState['turn'];

/** Width over height of the picture as shown, from its shape (width over height) as it came. */
export function shownShape(shape: number, turn: Turn): number {
  return turn === 90 || turn === 270 ? 1 / shape : shape;
}

/** The turned <img>'s style in a box of the `shown` shape; none when it is not turned. */
export function turnedStyle(turn: Turn, shown: number): CSSProperties | undefined {
  if (turn === 0) return undefined;
  // Turned a quarter, the picture's width is the box's height and its height the box's width.
  const size = turn === 180 ? { width: '100%', height: '100%' } : { width: `${100 / shown}%`, height: `${100 * shown}%` };
  return { '--turn': `${turn}deg`, ...size } as CSSProperties;
}
