// A camera that serves real photographs from a folder, in turn, for demo mode and tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { text } from '../../../shared/text.js';
import type { DeviceStatus } from '../../../shared/contract.js';
import sharp from 'sharp';
import type { Camera, CardClear, LiveView } from './camera.js';

const JPEG = /\.jpe?g$/i;

/** Height of the simulated camera's stills, in pixels. */
export const SIMULATED_SENSOR_HEIGHT = 3000;

export class SimulatedCamera implements Camera {
  readonly simulated = true;
  private readonly files: string[];
  private next = 0;

  constructor(private readonly folder: string) {
    let names: string[];
    try {
      names = readdirSync(folder).filter((n) => JPEG.test(n)).sort();
    } catch {
      names = [];
    }
    if (names.length === 0) {
      throw new AppError(
        'unavailable',
        text(`模擬カメラ用の写真（JPEG）がありません: ${folder}`, `No JPEG photographs for the simulated camera in ${folder}`),
      );
    }
    this.files = names.map((n) => path.join(folder, n));
  }

  status(): DeviceStatus {
    return {
      kind: 'camera',
      simulated: true,
      name: `模擬カメラ（写真 ${this.files.length} 枚）/ simulated camera`,
      state: 'ready',
      outputDir: null,
    };
  }

  private take(): Buffer {
    const file = this.files[this.next % this.files.length] as string;
    this.next += 1;
    return readFileSync(file);
  }

  preview(): Promise<Buffer> {
    return Promise.resolve(this.take());
  }

  private readonly stills = new Map<string, Promise<Buffer>>();

  /**
   * A still as a camera would deliver it: the photograph scaled to a 3000 px tall frame (the demo
   * photographs are small portraits; a tethered camera gives 12–24 MP). Made once per photograph.
   */
  async capture(): Promise<Buffer> {
    const file = this.files[this.next % this.files.length] as string;
    this.next += 1;
    let still = this.stills.get(file);
    if (!still) {
      still = sharp(file).resize({ height: SIMULATED_SENSOR_HEIGHT, kernel: 'lanczos3' }).jpeg({ quality: 92 }).toBuffer();
      this.stills.set(file, still);
    }
    // A copy each time: the visit owns it and zeroes it at its wipe.
    return Buffer.from(await still);
  }

  /** The simulator delivers to memory only; it has no card to clear. */
  clearCard(): Promise<CardClear> {
    return Promise.resolve({ found: 0, deleted: 0, remaining: 0 });
  }

  /**
   * A 30 fps stream made from the photographs: each served as a 640 px live-view frame, the
   * next one every few seconds, as if the citizen shifted in the seat.
   */
  startLiveView(onFrame: (jpeg: Buffer) => void, fps = 30): LiveView {
    let stopped = false;
    let endLive: (v: null) => void = () => {};
    const ended = new Promise<null>((resolve) => (endLive = resolve));
    const frames = new Map<string, Promise<Buffer>>();
    const frameOf = (file: string) => {
      let f = frames.get(file);
      if (!f) {
        f = sharp(file).resize({ width: 640, height: 640, fit: 'inside' }).jpeg({ quality: 80 }).toBuffer();
        frames.set(file, f);
      }
      return f;
    };
    let tick = 0;
    const timer = setInterval(() => {
      const file = this.files[Math.floor(tick / (fps * 4)) % this.files.length] as string;
      tick += 1;
      void frameOf(file).then((jpeg) => {
        if (!stopped) onFrame(Buffer.from(jpeg));
      });
    }, 1000 / fps);
    return {
      ended,
      stop: () => {
        stopped = true;
        clearInterval(timer);
        endLive(null);
        return Promise.resolve();
      },
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
