// A picture turned on the screen: the box takes the turned shape, and the picture, turned about
// the box's centre, covers it exactly.
import { describe, expect, it } from 'vitest';
import { shownShape, turnedStyle } from '../../../src/renderer/ui/turned.js';

describe('a picture turned on the screen', () => {
  it('shows a wide picture turned a quarter as tall, and half turned as wide', () => {
    expect(shownShape(1.5, 0)).toBe(1.5);
    expect(shownShape(1.5, 90)).toBeCloseTo(2 / 3);
    expect(shownShape(1.5, 270)).toBeCloseTo(2 / 3);
    expect(shownShape(1.5, 180)).toBe(1.5);
  });

  it('sizes a quarter-turned picture to the box with width and height swapped; leaves one not turned alone', () => {
    expect(turnedStyle(0, 1.5)).toBeUndefined();
    // A 3:2 picture on its side in a 2:3 box: as wide as the box is tall, as tall as it is wide.
    const pct = (v: unknown) => parseFloat(String(v));
    const quarter = turnedStyle(90, 2 / 3) as Record<string, unknown>;
    expect(quarter['--turn']).toBe('90deg');
    expect(pct(quarter.width)).toBeCloseTo(150);
    expect(pct(quarter.height)).toBeCloseTo(66.67, 1);
    expect(turnedStyle(270, 2 / 3)).toEqual({ ...quarter, '--turn': '270deg' });
    expect(turnedStyle(180, 1.5)).toEqual({ '--turn': '180deg', width: '100%', height: '100%' });
  });
});
