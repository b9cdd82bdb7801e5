// The far look's tiles, without the model: they cover the picture, every face up to half a tile
// lies whole in one of them, and a face seen in several tiles comes back once, in the picture's
// pixels.
import { describe, expect, it } from 'vitest';
import type { DetectedFace, RgbImage } from '../../../src/main/photo/face-detector.js';
import { canLookCloser, facesInTiles, tilesOf } from '../../../src/main/photo/far-face.js';

type Box = DetectedFace['box'];

describe('far look', () => {
  it('tiles cover the picture, overlapping by half, and every face up to half a tile lies whole in one', () => {
    for (const [w, h] of [
      [1280, 853],
      [853, 1280],
      [1280, 1280],
      [700, 500],
      [640, 427],
    ] as const) {
      const tiles = tilesOf(w, h, 640);
      for (const t of tiles) {
        expect(t.x + t.width).toBeLessThanOrEqual(w);
        expect(t.y + t.height).toBeLessThanOrEqual(h);
      }
      const side = 320;
      for (let y = 0; y + Math.min(side, h) <= h; y += 37) {
        for (let x = 0; x + Math.min(side, w) <= w; x += 41) {
          const inside = tiles.some((t) => x >= t.x && y >= t.y && x + Math.min(side, w) <= t.x + t.width && y + Math.min(side, h) <= t.y + t.height);
          expect(inside, `${w}×${h}: a ${side} px face at ${x},${y}`).toBe(true);
        }
      }
    }
    expect(tilesOf(1280, 853, 640)).toHaveLength(6);
    expect(tilesOf(640, 427, 640)).toEqual([{ x: 0, y: 0, width: 640, height: 427 }]);
  });

  it('looks closer only where the file has twice the work copy’s pixels', () => {
    expect(canLookCloser({ width: 640, height: 427 }, { width: 6000, height: 4000 })).toBe(true);
    expect(canLookCloser({ width: 640, height: 427 }, { width: 1000, height: 667 })).toBe(false);
    expect(canLookCloser({ width: 20, height: 20 }, { width: 20, height: 20 })).toBe(false);
  });

  it('maps faces found in tiles back to the picture and counts a face seen in several tiles once', async () => {
    const img: RgbImage = { data: new Uint8Array(1280 * 853 * 3), width: 1280, height: 853 };
    // Each pixel's red says its column (mod 256), green its row: a tile's copy can be checked.
    for (let y = 0; y < 853; y += 1) for (let x = 0; x < 1280; x += 1) img.data.set([x % 256, y % 256, 7], (y * 1280 + x) * 3);
    // Two faces on the picture; a tile "finds" each face it holds whole, and a cut one (less sure,
    // its box clipped) where it holds part of it.
    const faces: Box[] = [
      { x: 600, y: 400, width: 40, height: 40 },
      { x: 100, y: 700, width: 30, height: 30 },
    ];
    const tilesSeen: RgbImage[] = [];
    const copied: boolean[] = [];
    const detect = (tile: RgbImage): Promise<DetectedFace[]> => {
      tilesSeen.push(tile);
      const t = tileAt(tilesSeen.length - 1);
      const far = ((tile.height - 1) * tile.width + tile.width - 1) * 3;
      copied.push(tile.data[0] === t.x % 256 && tile.data[1] === t.y % 256 && tile.data[far] === (t.x + tile.width - 1) % 256 && tile.data[far + 1] === (t.y + tile.height - 1) % 256);
      const found: DetectedFace[] = [];
      for (const f of faces) {
        const x0 = Math.max(f.x, t.x);
        const y0 = Math.max(f.y, t.y);
        const x1 = Math.min(f.x + f.width, t.x + t.width);
        const y1 = Math.min(f.y + f.height, t.y + t.height);
        if (x1 <= x0 || y1 <= y0) continue;
        const whole = x0 === f.x && y0 === f.y && x1 === f.x + f.width && y1 === f.y + f.height;
        const box = { x: x0 - t.x, y: y0 - t.y, width: x1 - x0, height: y1 - y0 };
        found.push({ box, score: whole ? 0.9 : 0.95, boxScore: 0.8, mesh: [[box.x + box.width / 2, box.y + box.height / 2]] });
      }
      return Promise.resolve(found);
    };
    const tiles = tilesOf(1280, 853, 640);
    const tileAt = (i: number) => tiles[i]!;
    const found = await facesInTiles(img, 640, detect);
    expect(tilesSeen).toHaveLength(tiles.length);
    expect(copied.every(Boolean)).toBe(true);
    // Each tile's copy is zeroed once looked at.
    expect(tilesSeen.every((t) => t.width === 640 && t.height === 640 && t.data.every((v) => v === 0))).toBe(true);
    expect(found).toHaveLength(2);
    // The whole sightings win over cut ones, even surer ones, and come back in the picture's pixels.
    const byX = [...found].sort((a, b) => a.box.x - b.box.x);
    expect(byX.map((f) => f.box)).toEqual([faces[1], faces[0]]);
    expect(byX[1]!.mesh[0]).toEqual([620, 420]);
  });

  it('leaves out what cannot be a far face: large, or found with little confidence', async () => {
    const img: RgbImage = { data: new Uint8Array(1280 * 853 * 3), width: 1280, height: 853 };
    const big: DetectedFace = { box: { x: 100, y: 100, width: 300, height: 300 }, score: 0.9, boxScore: 0.9, mesh: [] };
    const unsure: DetectedFace = { box: { x: 100, y: 100, width: 40, height: 40 }, score: 0.9, boxScore: 0.36, mesh: [] };
    expect(await facesInTiles(img, 640, () => Promise.resolve([big, unsure]))).toEqual([]);
  });
});
