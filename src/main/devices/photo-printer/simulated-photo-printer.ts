// Demo mode: "prints" the rendered sheet to a folder shown on screen. Demo mode runs on the
// simulated camera's stock photographs, so nothing personal reaches this folder; the wipe
// clears it with the rest of the data folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DeviceStatus } from '../../../shared/contract.js';
import type { PhotoPrinter, PrintJob } from './photo-printer.js';

export class SimulatedPhotoPrinter implements PhotoPrinter {
  readonly simulated = true;
  private jobs = 0;

  constructor(
    private readonly outputDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  status(): DeviceStatus {
    return {
      kind: 'photoPrinter',
      simulated: true,
      name: '模擬写真プリンター / simulated photo printer',
      state: 'ready',
      outputDir: this.outputDir,
    };
  }

  print(job: PrintJob): Promise<{ jobId: string }> {
    mkdirSync(this.outputDir, { recursive: true, mode: 0o700 });
    this.jobs += 1;
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const ext = job.mime === 'application/pdf' ? 'pdf' : 'png';
    const file = path.join(this.outputDir, `${stamp}-${job.media}-${this.jobs}.${ext}`);
    writeFileSync(file, job.document, { mode: 0o600 });
    return Promise.resolve({ jobId: `sim-${this.jobs}` });
  }
}
