// A camera that serves real photographs from a folder, in turn, for demo mode and tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { text } from '../../../shared/text.js';
import type { DeviceStatus } from '../../../shared/contract.js';
import type { Camera, CardClear } from './camera.js';

const JPEG = /\.jpe?g$/i;

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

  capture(): Promise<Buffer> {
    return Promise.resolve(this.take());
  }

  /** The simulator delivers to memory only; it has no card to clear. */
  clearCard(): Promise<CardClear> {
    return Promise.resolve({ found: 0, deleted: 0, remaining: 0 });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
