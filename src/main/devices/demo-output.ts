// Where simulated devices put what they would have printed: one folder per device, files named
// by time and a running number so a demo shows them in order.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeDirs } from '../paths.js';

export class DemoOutputFolder {
  private count = 0;

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes one output file; `label` and `ext` make its name, e.g. "L" and "png". */
  write(label: string, ext: string, data: string | Uint8Array): { file: string; n: number } {
    makeDirs(this.dir, 0o700);
    this.count += 1;
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const file = path.join(this.dir, `${stamp}-${label}-${this.count}.${ext}`);
    writeFileSync(file, data, { mode: 0o600 });
    return { file, n: this.count };
  }
}
